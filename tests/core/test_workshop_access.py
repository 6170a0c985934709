"""Who can reach a workshop (core.workshop.access, core.workshop.session.join_workshop): a room behind one address joins
even with typos, a guesser from one address, many sessions or many addresses is held back, held tries count
toward nothing, the facilitator sees held tries with the right code and can let them in, joins per workshop are
capped, the join address is checked as untrusted input, presenter links grant one workshop's view only."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from sqlmodel import func, select

from core import security
from core.store.workshop_models import JoinAttempt, JoinPass
from core.workshop import access
from core.workshop import session as w
from tests.conftest import make_workspace

T0 = dt.datetime(2030, 1, 1, 12, 0, tzinfo=dt.UTC)
ROOM = "203.0.113.7"  # a clinic's wifi: every phone behind one address


def wrong(code: str, n: int = 0) -> str:
    """A code that is not `code` (a typo of it): one character changed, deterministically."""
    alphabet = w.CODE_ALPHABET
    position = n % len(code)
    swapped = alphabet[(alphabet.index(code[position]) + 1 + (n // len(code)) % (len(alphabet) - 1)) % len(alphabet)]
    return code[:position] + swapped + code[position + 1 :]


def phone(n: int, address: str | None = ROOM) -> access.JoinClient:
    return access.JoinClient(address=address, session=f"phone-{n}")


def count(store, *where) -> int:
    with store.read() as s:
        return s.exec(select(func.count()).select_from(JoinAttempt).where(*where)).one()


@pytest.fixture
def open_workshop(store, workspace):
    return w.start_workshop(store, workspace.id, "readiness", title="Retreat")


# ---------------------------------------------------------------- settings and figures


def test_limits_have_room_for_a_room_and_read_the_environment():
    limits = access.JoinLimits.from_env({})
    # 40 people x 3 typos = 120 wrong tries from one address, inside the per-address limit
    assert limits.per_address >= 40 * 3 and limits.per_session >= 3
    assert limits.participants >= 100  # well above a room of 30-40
    custom = access.JoinLimits.from_env({"WORKBOOK_JOIN_TRIES_PER_ADDRESS": "500", "WORKBOOK_MAX_PARTICIPANTS": "60"})
    assert (custom.per_address, custom.participants, custom.per_session) == (500, 60, limits.per_session)
    with pytest.raises(ValueError, match="WORKBOOK_MAX_PARTICIPANTS must be a whole number"):
        access.JoinLimits.from_env({"WORKBOOK_MAX_PARTICIPANTS": "-3"})
    with pytest.raises(ValueError, match="WORKBOOK_JOIN_TRIES_ALL"):
        access.JoinLimits.from_env({"WORKBOOK_JOIN_TRIES_ALL": "0"})


def test_hours_to_find_a_code_by_hand():
    # 25**7 = 6,103,515,625 codes; 20 open workshops; 300 tries per 10 minutes = 1,800 an hour:
    # 6,103,515,625 / 20 / 1,800 = 169,542.1 hours (about 19.4 years)
    assert access.hours_to_find_a_code(25**7, 20, 1_800) == pytest.approx(169_542.1, abs=0.1)
    # the store-wide limit, 3,000 per 10 minutes = 18,000 an hour, with 100 open workshops:
    # 6,103,515,625 / 100 / 18,000 = 3,390.84 hours (about 141 days)
    assert access.hours_to_find_a_code(25**7, 100, 18_000) == pytest.approx(3_390.84, abs=0.01)
    with pytest.raises(ValueError):
        access.hours_to_find_a_code(25**7, 0, 1_800)


def test_an_ipv6_guesser_counts_as_one_network_per_64():
    assert access.network_of("2001:db8:1:2:aaaa::1") == access.network_of("2001:db8:1:2:bbbb::9") == "2001:db8:1:2::/64"
    assert access.network_of("2001:db8:1:3::1") != access.network_of("2001:db8:1:2::1")
    assert access.network_of("::ffff:203.0.113.7") == "203.0.113.7"
    assert access.network_of("203.0.113.7") == "203.0.113.7"
    assert phone(1, "2001:db8:1:2::1").address_key == phone(2, "2001:db8:1:2::ffff").address_key
    assert phone(1, None).address_key == "" and phone(1, None).pass_key == phone(1, None).session_key


def test_the_client_address_comes_from_the_proxy_header_only_when_that_is_set():
    forwarded = "198.51.100.9, 203.0.113.7"
    # one trusted proxy: the last entry is the one it appended; earlier ones are whatever the client sent
    assert security.client_address("10.0.0.2", forwarded, 1) == "203.0.113.7"
    assert security.client_address("10.0.0.2", forwarded, 0) == "10.0.0.2"  # no setting: the header is ignored
    assert security.client_address(None, None, 1) is None  # the server's own machine: unknown


# ---------------------------------------------------------------- a room behind one address


def test_a_room_of_40_behind_one_address_each_with_three_typos_all_join(store, open_workshop):
    for n in range(40):
        for typo in range(3):
            with pytest.raises(w.WorkshopError, match="No open workshop has the code"):
                w.join_workshop(store, wrong(open_workshop.code, n * 3 + typo), f"P{n}", phone(n), now=T0)
        w.join_workshop(store, open_workshop.code, f"Person {n}", phone(n), now=T0)
    assert len(w.list_participants(store, open_workshop.workspace_id, open_workshop.id)) == 40
    assert count(store, JoinAttempt.outcome == "wrong") == 120  # the typos; the right codes were forgotten
    assert count(store, JoinAttempt.outcome == "pending") == 0


def test_a_guesser_with_one_session_is_held_after_its_tries_and_the_right_code_too(store, open_workshop):
    limits = access.JoinLimits()
    guesser = phone(0, "198.51.100.1")
    for n in range(limits.per_session):
        with pytest.raises(w.WorkshopError, match="No open workshop"):
            w.join_workshop(store, wrong(open_workshop.code, n), "G", guesser, now=T0 + dt.timedelta(seconds=n))
    with pytest.raises(w.TooManyTries, match="the facilitator can let you in") as held:
        w.join_workshop(store, open_workshop.code, "G", guesser, now=T0 + dt.timedelta(seconds=30))
    assert 500 < held.value.seconds <= 600  # until the first of its ten tries leaves the window
    with pytest.raises(w.TooManyTries) as held_wrong:  # a wrong code gets the very same answer
        w.join_workshop(store, wrong(open_workshop.code, 99), "G", guesser, now=T0 + dt.timedelta(seconds=30))
    assert str(held_wrong.value) == str(held.value)
    # another phone on the same network is not held
    w.join_workshop(store, open_workshop.code, "Someone else", phone(1, "198.51.100.1"), now=T0)
    # once the window has passed, the phone may try again
    w.join_workshop(store, open_workshop.code, "G", guesser, now=T0 + limits.window + dt.timedelta(seconds=40))


def test_a_guesser_from_one_address_with_a_new_session_per_try_is_held_by_the_address(store, open_workshop):
    limits = access.JoinLimits(per_address=30)
    for n in range(30):
        with pytest.raises(w.WorkshopError, match="No open workshop"):
            w.join_workshop(store, wrong(open_workshop.code, n), "G", phone(n, "198.51.100.1"), now=T0, limits=limits)
    with pytest.raises(w.TooManyTries):
        w.join_workshop(store, open_workshop.code, "G", phone(999, "198.51.100.1"), now=T0, limits=limits)
    # the same session count from an IPv6 guesser cycling addresses inside its /64
    for n in range(30):
        with pytest.raises(w.WorkshopError):
            w.join_workshop(store, wrong(open_workshop.code, n), "G", phone(n, f"2001:db8::{n:x}"), now=T0,
                            limits=limits)  # fmt: skip
    with pytest.raises(w.TooManyTries):
        w.join_workshop(store, open_workshop.code, "G", phone(1000, "2001:db8::ffff"), now=T0, limits=limits)


def test_held_tries_count_toward_nothing_so_one_client_cannot_block_the_store(store, open_workshop):
    limits = access.JoinLimits(per_session=3, store_wide=10)
    blocked = phone(0, "198.51.100.1")
    for n in range(3):
        with pytest.raises(w.WorkshopError, match="No open workshop"):
            w.join_workshop(store, wrong(open_workshop.code, n), "G", blocked, now=T0, limits=limits)
    for n in range(500):  # a flood from a client already held back
        with pytest.raises(w.TooManyTries):
            w.join_workshop(store, wrong(open_workshop.code, n + 3), "G", blocked, now=T0, limits=limits)
    assert count(store, JoinAttempt.outcome.in_(("pending", "wrong"))) == 3
    assert count(store) == 3  # held wrong codes are not even written down
    w.join_workshop(store, open_workshop.code, "Everyone else", phone(1, "192.0.2.50"), now=T0, limits=limits)


def test_a_guesser_from_many_addresses_is_held_by_the_store_wide_limit(store, open_workshop):
    limits = access.JoinLimits(store_wide=20)
    for n in range(20):
        with pytest.raises(w.WorkshopError, match="No open workshop"):
            w.join_workshop(store, wrong(open_workshop.code, n), "G", phone(n, f"198.51.{n}.1"), now=T0, limits=limits)
    with pytest.raises(w.TooManyTries):  # even a fresh client with the right code waits...
        w.join_workshop(store, open_workshop.code, "Ana", phone(100, "192.0.2.50"), now=T0, limits=limits)
    # ...and its facilitator sees it and can let it in
    trouble = w.join_trouble(store, open_workshop.workspace_id, open_workshop.id, now=T0)
    assert (trouble.held, trouble.held_clients) == (1, 1)
    assert access.let_in(store, open_workshop.id, T0, limits) == 1
    w.join_workshop(store, open_workshop.code, "Ana", phone(100, "192.0.2.50"), now=T0, limits=limits)
    assert w.join_trouble(store, open_workshop.workspace_id, open_workshop.id, now=T0).held == 0


def test_a_pass_opens_only_its_own_workshop(store, workspace, open_workshop):
    other = w.start_workshop(store, workspace.id, "readiness", title="Other")
    limits = access.JoinLimits(per_session=1)
    held = phone(0, "198.51.100.1")
    with pytest.raises(w.WorkshopError):
        w.join_workshop(store, wrong(open_workshop.code), "G", held, now=T0, limits=limits)
    for code in (open_workshop.code, other.code):
        with pytest.raises(w.TooManyTries):
            w.join_workshop(store, code, "G", held, now=T0, limits=limits)
    access.let_in(store, open_workshop.id, T0, limits)  # the facilitator of the first only
    with pytest.raises(w.TooManyTries):
        w.join_workshop(store, wrong(open_workshop.code, 5), "G", held, now=T0, limits=limits)  # still no guessing
    with pytest.raises(w.TooManyTries):
        w.join_workshop(store, other.code, "G", held, now=T0, limits=limits)
    w.join_workshop(store, open_workshop.code, "G", held, now=T0, limits=limits)
    # the pass is for the whole network: the room behind that address gets in too
    w.join_workshop(store, open_workshop.code, "Bo", phone(1, "198.51.100.1"), now=T0, limits=limits)
    # and it ends
    later = T0 + dt.timedelta(minutes=limits.pass_minutes + 1)
    with store.read() as s:
        assert s.exec(select(func.count()).select_from(JoinPass)).one() == 1
    assert not access.has_pass(store, open_workshop.id, held, later)


def test_the_facilitator_of_another_workspace_sees_and_lifts_nothing(store, workspace, open_workshop):
    stranger = make_workspace(store, "Stranger Org")
    with pytest.raises(KeyError):
        w.join_trouble(store, stranger.id, open_workshop.id)
    with pytest.raises(KeyError):
        w.let_in(store, stranger.id, open_workshop.id)


def test_joins_per_workshop_are_capped_and_the_facilitator_sees_the_refused(store, open_workshop):
    limits = access.JoinLimits(participants=5)
    for n in range(5):
        w.join_workshop(store, open_workshop.code, f"P{n}", phone(n), now=T0, limits=limits)
    with pytest.raises(w.WorkshopError, match="already has 5 participants"):
        w.join_workshop(store, open_workshop.code, "Sixth", phone(6), now=T0, limits=limits)
    assert len(w.list_participants(store, open_workshop.workspace_id, open_workshop.id)) == 5
    assert w.join_trouble(store, open_workshop.workspace_id, open_workshop.id, now=T0).full == 1


def test_parallel_joins_never_pass_the_cap(store, open_workshop):
    limits = access.JoinLimits(participants=8)
    errors: list[Exception] = []
    barrier = threading.Barrier(16)

    def join(n: int) -> None:
        barrier.wait()
        try:
            w.join_workshop(store, open_workshop.code, f"P{n}", phone(n), limits=limits)
        except w.WorkshopError as exc:
            errors.append(exc)

    threads = [threading.Thread(target=join, args=(n,)) for n in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(w.list_participants(store, open_workshop.workspace_id, open_workshop.id)) == 8
    assert len(errors) == 8 and all("already has 8" in str(e) for e in errors)


def test_parallel_guesses_all_count(store, open_workshop):
    """A burst of wrong codes sent at once from one phone: each is written down before the counts are read, so
    no more than the limit are ever looked at (some may be held early; none slip through)."""
    limits = access.JoinLimits(per_session=5)
    outcomes: list[str] = []
    barrier = threading.Barrier(20)

    def guess(n: int) -> None:
        barrier.wait()
        try:
            w.join_workshop(store, wrong(open_workshop.code, n), "G", phone(0, "198.51.100.1"), limits=limits)
        except w.TooManyTries:
            outcomes.append("held")
        except w.WorkshopError:
            outcomes.append("looked up")

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert outcomes.count("looked up") <= 5 and len(outcomes) == 20


# ---------------------------------------------------------------- the join address (typed by a person: untrusted)


@pytest.mark.parametrize(
    ("typed", "cleaned"),
    [
        ("http://192.168.1.20:8501", "http://192.168.1.20:8501"),
        ("192.168.1.20:8501/", "http://192.168.1.20:8501"),
        ("  https://Workbook.Example.org/app/  ", "https://workbook.example.org/app"),
        ("http://[fe80::1]:8501", "http://[fe80::1]:8501"),
        ("", ""),
    ],
)
def test_a_join_address_is_cleaned(typed, cleaned):
    assert access.check_join_address(typed) == cleaned


@pytest.mark.parametrize(
    "hostile",
    [
        "javascript:alert(1)",
        "ftp://files.example.org",
        "http://user:pass@evil.example.org",
        "http://evil.example.org/?code=AAAAAAA#x",
        'http://x.org/"><img src=x>',
        "http://x.org/\x00\x1b[31m",
        "http://x.org/" + "a" * 300,
        "http://x.org:99999",
        "http://",
    ],
)
def test_a_hostile_join_address_is_refused_with_a_message(hostile):
    with pytest.raises(ValueError) as refused:
        access.check_join_address(hostile)
    assert "address" in str(refused.value)


def test_local_addresses_are_recognised():
    for url in ["http://localhost:8501", "http://127.0.0.1:8501/join", "http://[::1]:8501", "0.0.0.0:8501",
                "http://app.localhost"]:  # fmt: skip
        assert access.is_local_address(url), url
    for url in ["http://192.168.1.20:8501", "https://workbook.example.org", "/join?code=K"]:
        assert not access.is_local_address(url), url


def test_join_link_from_the_page_address():
    assert access.app_base("http://host:8501/workshop_live?ws=secret", "workshop_live") == "http://host:8501"
    assert access.app_base("https://x.org/app/workshop_live/", "workshop_live") == "https://x.org/app"
    assert access.join_link(access.app_base(None, "workshop_live"), "K") == "/join?code=K"
    assert access.join_link("http://192.168.1.20:8501", "ACD3F7X") == "http://192.168.1.20:8501/join?code=ACD3F7X"


def test_the_join_address_is_saved_per_workspace_over_the_server_setting(store, workspace, monkeypatch):
    monkeypatch.setenv("WORKBOOK_JOIN_ADDRESS", "https://workbook.example.org/")
    assert w.join_address(store, workspace.id) == "https://workbook.example.org"
    assert w.save_join_address(store, workspace.id, "192.168.1.20:8501") == "http://192.168.1.20:8501"
    assert w.join_address(store, workspace.id) == "http://192.168.1.20:8501"
    with pytest.raises(ValueError):
        w.save_join_address(store, workspace.id, "javascript:alert(1)")
    assert w.join_address(store, workspace.id) == "http://192.168.1.20:8501"  # a refused value changes nothing
    w.save_join_address(store, workspace.id, "")
    assert w.join_address(store, workspace.id) == "https://workbook.example.org"
    other = make_workspace(store, "Other Org")
    assert w.saved_join_address(store, other.id) == ""


# ---------------------------------------------------------------- presenter links


def test_a_presenter_link_shows_one_workshop_and_a_new_one_ends_the_old(store, workspace, open_workshop):
    first = w.presenter_link_token(store, workspace.id, open_workshop.id)
    assert len(first) >= 32
    assert access.presented_workshop(store, first).id == open_workshop.id
    second = w.presenter_link_token(store, workspace.id, open_workshop.id)
    assert access.presented_workshop(store, first) is None
    assert access.presented_workshop(store, second).id == open_workshop.id
    access.end_presenter_link(store, open_workshop.id)
    assert access.presented_workshop(store, second) is None


def test_presenter_tokens_are_attacked(store, workspace, open_workshop):
    token = w.presenter_link_token(store, workspace.id, open_workshop.id)
    for forged in [None, "", token[:-1], token + "A", token.upper(), "' OR 1=1 --" + "x" * 20, "A" * 500, 42,
                   open_workshop.id, open_workshop.code]:  # fmt: skip
        assert access.presented_workshop(store, forged) is None, forged
    stranger = make_workspace(store, "Stranger Org")
    with pytest.raises(KeyError):  # only the workshop's own workspace makes its links
        w.presenter_link_token(store, stranger.id, open_workshop.id)


def test_a_presenter_token_is_stored_only_as_a_hash(store, workspace, open_workshop):
    from core.store.workshop_models import WorkshopPresenter

    token = w.presenter_link_token(store, workspace.id, open_workshop.id)
    with store.read() as s:
        row = s.exec(select(WorkshopPresenter)).one()
    assert token not in row.token_hash and len(row.token_hash) == 64
