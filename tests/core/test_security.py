from datetime import timedelta

import pytest

from core import security


def test_hash_is_salted_and_verifies():
    a = security.hash_passphrase("correct horse battery")
    b = security.hash_passphrase("correct horse battery")
    assert a != b
    assert a.startswith("scrypt$32768$8$1$")
    assert "correct horse" not in a
    assert security.verify_passphrase("correct horse battery", a)
    assert not security.verify_passphrase("correct horse batterY", a)


def test_malformed_hash_never_matches():
    assert not security.verify_passphrase("x", "")
    assert not security.verify_passphrase("x", "bcrypt$1$2$3$4$5")
    assert not security.verify_passphrase("x", "scrypt$notanumber$8$1$AAAA$AAAA")


def test_passphrase_rules():
    with pytest.raises(ValueError, match="at least 8 characters"):
        security.check_passphrase_rules("short")
    with pytest.raises(ValueError, match="at most 200"):
        security.check_passphrase_rules("x" * 201)
    security.check_passphrase_rules("eight ch")


def test_lock_grows_after_free_attempts_and_is_capped():
    assert security.lock_after(1) == timedelta(0)
    assert security.lock_after(3) == timedelta(0)
    assert security.lock_after(4) == timedelta(seconds=5)
    assert security.lock_after(5) == timedelta(seconds=10)
    assert security.lock_after(6) == timedelta(seconds=20)
    assert security.lock_after(40) == timedelta(minutes=15)


def test_tokens_are_random_and_hashed():
    t1, t2 = security.new_token(), security.new_token()
    assert t1 != t2 and len(t1) == 32
    assert security.token_hash(t1) == security.token_hash(t1)
    assert len(security.token_hash(t1)) == 64
