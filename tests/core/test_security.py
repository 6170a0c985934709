"""The rules of core.security: keys, old hashes, recovery codes, guessing limits, client keys."""

import hashlib
from datetime import UTC, datetime, timedelta

import pytest

from core import security
from core.security import Limit, lock_for, lock_until

SALT = "0123456789abcdef0123456789abcdef"


def test_a_workspace_key_depends_on_passphrase_name_and_store_and_hides_the_passphrase():
    key = security.workspace_key("correct horse battery", SALT, "northside outreach")
    assert key == security.workspace_key("correct horse battery", SALT, "northside outreach")  # found by lookup
    assert key.startswith("wsk1$") and "horse" not in key
    assert key != security.workspace_key("correct horse batterY", SALT, "northside outreach")
    assert key != security.workspace_key("correct horse battery", SALT, "southside outreach")
    assert key != security.workspace_key("correct horse battery", "another store's salt", "northside outreach")


def test_a_workspace_key_is_scrypt_with_the_apps_cost():
    salt = hashlib.sha256(f"workspace-key\0{SALT}\0riverbend".encode()).digest()[:16]
    expected = hashlib.scrypt(b"eight chars", salt=salt, n=2**15, r=8, p=1, maxmem=64 * 1024 * 1024, dklen=32)
    assert security.name_salt(SALT, "riverbend") == salt
    assert security.workspace_key("eight chars", SALT, "riverbend") == "wsk1$" + __import__("base64").b64encode(
        expected
    ).decode("ascii")


def test_a_huge_passphrase_costs_no_more_than_a_normal_one_and_matches_nothing_set():
    normal = security.workspace_key("x" * 200, SALT, "n")
    assert security.workspace_key("x" * 201, SALT, "n") != normal
    assert security.workspace_key("x" * 5_000_000, SALT, "n") == security.workspace_key("x" * 201, SALT, "n")


def test_old_random_salt_hashes_still_verify():
    a = security.hash_passphrase("correct horse battery")
    b = security.hash_passphrase("correct horse battery")
    assert a != b
    assert a.startswith("scrypt$32768$8$1$")
    assert security.verify_passphrase("correct horse battery", a)
    assert not security.verify_passphrase("correct horse batterY", a)


def test_malformed_hash_never_matches():
    assert not security.verify_passphrase("x", "")
    assert not security.verify_passphrase("x", "bcrypt$1$2$3$4$5")
    assert not security.verify_passphrase("x", "scrypt$notanumber$8$1$AAAA$AAAA")
    assert not security.verify_passphrase("x", "scrypt$32768$8$1$not base64!$AAAA")


def test_a_hash_with_other_cost_parameters_is_never_run(monkeypatch):
    # As an attacker would write it into a backup: p=2000 would pin a CPU for seconds on each try.
    hostile = security.hash_passphrase("correct horse battery").replace("$32768$8$1$", "$32768$8$2000$")
    cheap = security.hash_passphrase("correct horse battery", n=2**10)
    runs = []
    monkeypatch.setattr(security.hashlib, "scrypt", lambda *a, **k: runs.append(k))
    assert not security.verify_passphrase("correct horse battery", hostile)
    assert not security.verify_passphrase("correct horse battery", cheap)  # a weaker cost is refused too
    assert runs == []  # refused before scrypt, not after seconds of it


def test_passphrase_rules():
    with pytest.raises(ValueError, match="at least 8 characters"):
        security.check_passphrase_rules("short")
    with pytest.raises(ValueError, match="at most 200"):
        security.check_passphrase_rules("x" * 201)
    security.check_passphrase_rules("eight ch")


def test_tokens_are_random_and_hashed():
    t1, t2 = security.new_token(), security.new_token()
    assert t1 != t2 and len(t1) == 32
    assert security.token_hash(t1) == security.token_hash(t1)
    assert len(security.token_hash(t1)) == 64


def test_recovery_codes_are_random_readable_and_typed_loosely():
    codes = {security.new_recovery_code() for _ in range(50)}
    assert len(codes) == 50
    code = codes.pop()
    assert len(code) == 23 and code.count("-") == 3  # 4 groups of 5 of 32 symbols: 100 bits
    assert set(code.replace("-", "")) <= set(security.RECOVERY_ALPHABET)
    assert security.normalize_recovery_code(code.lower().replace("-", " ")) == code
    assert security.normalize_recovery_code("0000O-1111I-1111L-AAAAA") == "00000-11111-11111-AAAAA"
    assert security.normalize_recovery_code("too short") == ""
    assert security.normalize_recovery_code("UUUUU-UUUUU-UUUUU-UUUUU") == ""  # U is not in the alphabet
    assert security.normalize_recovery_code("x" * 10_000) == ""


LIMIT = Limit(free=5, first_lock=timedelta(minutes=1), max_lock=timedelta(hours=1), per_window=30)


def test_locks_start_after_the_free_tries_double_and_stop_at_the_cap():
    assert [lock_for(LIMIT, n) for n in (1, 5)] == [timedelta(0), timedelta(0)]
    # 6th wrong try in a row: 1 minute; then 2, 4, 8, 16, 32 minutes; then 64 > 60 is capped at 1 hour.
    minutes = [lock_for(LIMIT, n).total_seconds() / 60 for n in range(6, 14)]
    assert minutes == [1, 2, 4, 8, 16, 32, 60, 60]


@pytest.mark.parametrize("count", [47, 48, 49, 1_000, 10**9, 10**30])
def test_no_count_overflows(count):
    # main raised OverflowError at the 48th failure in a row (5 s * 2**44 is past timedelta's range).
    assert lock_for(LIMIT, count) == timedelta(hours=1)
    assert lock_for(security.NAME_LIMIT, count) == security.NAME_LIMIT.max_lock
    now = datetime(2026, 1, 1, tzinfo=UTC)
    assert lock_until(LIMIT, in_a_row=count, in_window=29, window_start=now, now=now) == now + timedelta(hours=1)


def test_the_window_caps_tries_however_they_are_spread():
    start = datetime(2026, 1, 1, tzinfo=UTC)
    later = start + timedelta(hours=5)
    # 30 tries in the window (one every 10 minutes, never 6 in a row without a success between): locked
    # until the window ends, 19 hours after the 30th.
    assert lock_until(LIMIT, in_a_row=1, in_window=30, window_start=start, now=later) == start + timedelta(hours=24)
    assert lock_until(LIMIT, in_a_row=1, in_window=29, window_start=start, now=later) is None


def test_a_day_of_guessing_at_the_name_limit_is_a_few_dozen_tries():
    # Simulate an attacker who tries again the moment each lock ends, for 24 hours.
    limit, now, start = security.NAME_LIMIT, datetime(2026, 1, 1, tzinfo=UTC), datetime(2026, 1, 1, tzinfo=UTC)
    tries, in_a_row = 0, 0
    while now < start + timedelta(hours=24):
        tries += 1
        in_a_row += 1
        until = lock_until(limit, in_a_row=in_a_row, in_window=tries, window_start=start, now=now)
        now = until if until is not None else now + timedelta(seconds=1)
    # 5 free, then 1, 2, 4, 8, 16, 32 minutes, then hourly: 5 + 6 + 22 = 33 would fit in a day; the
    # window stops it at 30.
    assert tries == 30


@pytest.mark.parametrize(
    ("remote", "forwarded", "proxies", "expected"),
    [
        ("203.0.113.7", None, 0, "203.0.113.7"),
        ("203.0.113.7", "198.51.100.1", 0, "203.0.113.7"),  # no proxy is trusted: the header is ignored
        ("10.0.0.2", "6.6.6.6, 198.51.100.1", 1, "198.51.100.1"),  # the client wrote 6.6.6.6 itself
        ("10.0.0.2", "6.6.6.6, 198.51.100.1, 10.0.0.9", 2, "198.51.100.1"),
        ("10.0.0.2", "198.51.100.1", 3, "198.51.100.1"),  # fewer hops than proxies: the leftmost
        ("2001:db8:1:2:3:4:5:6", None, 0, "2001:db8:1:2::/64"),
        ("2001:db8:1:2:ffff::1", None, 0, "2001:db8:1:2::/64"),  # same /64, same client
        ("::ffff:127.0.0.1", None, 0, "127.0.0.1"),
        (None, None, 0, "unknown"),
        ("not an address", None, 0, "unknown"),
        ("10.0.0.2", "garbage", 1, "unknown"),
    ],
)
def test_client_key(remote, forwarded, proxies, expected):
    assert security.client_key(remote, forwarded, proxies) == expected
