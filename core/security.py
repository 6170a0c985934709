"""Passphrases and tokens: hashed with slow or one-way functions, never kept in clear.

A workspace passphrase is stored only as an scrypt hash with its own salt and
cost parameters (so the cost can be raised later without breaking old hashes).
Session tokens are random and only their SHA-256 is stored. Nothing here logs
or returns a secret it was given.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from datetime import timedelta

SCRYPT_N = 2**15
SCRYPT_R = 8
SCRYPT_P = 1
MIN_PASSPHRASE_CHARS = 8
MAX_PASSPHRASE_CHARS = 200

# After FREE_ATTEMPTS wrong passphrases in a row, each further wrong one locks
# the workspace for twice as long as the last, up to MAX_LOCK.
FREE_ATTEMPTS = 3
FIRST_LOCK = timedelta(seconds=5)
MAX_LOCK = timedelta(minutes=15)


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def check_passphrase_rules(passphrase: str) -> None:
    """Raise ValueError with a message for people if `passphrase` cannot be used."""
    if len(passphrase) < MIN_PASSPHRASE_CHARS:
        raise ValueError(
            f"The passphrase needs at least {MIN_PASSPHRASE_CHARS} characters; "
            "a few words in a row are easy to remember and hard to guess."
        )
    if len(passphrase) > MAX_PASSPHRASE_CHARS:
        raise ValueError(f"The passphrase can be at most {MAX_PASSPHRASE_CHARS} characters.")


def hash_passphrase(passphrase: str, *, n: int = SCRYPT_N) -> str:
    """An scrypt hash of `passphrase` as "scrypt$n$r$p$salt$hash" (salt random per call)."""
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(
        passphrase.encode("utf-8"), salt=salt, n=n, r=SCRYPT_R, p=SCRYPT_P, maxmem=128 * 1024 * 1024, dklen=32
    )
    return f"scrypt${n}${SCRYPT_R}${SCRYPT_P}${_b64(salt)}${_b64(digest)}"


def verify_passphrase(passphrase: str, stored: str) -> bool:
    """True if `passphrase` matches the `stored` hash; a malformed hash never matches."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest)
        actual = hashlib.scrypt(
            passphrase.encode("utf-8"),
            salt=base64.b64decode(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            maxmem=128 * 1024 * 1024,
            dklen=len(expected),
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


def lock_after(failed_attempts: int) -> timedelta:
    """How long a workspace stays locked after its `failed_attempts`-th wrong passphrase in a row."""
    if failed_attempts <= FREE_ATTEMPTS:
        return timedelta(0)
    return min(FIRST_LOCK * 2 ** (failed_attempts - FREE_ATTEMPTS - 1), MAX_LOCK)


def new_token() -> str:
    """A random URL-safe token (192 bits)."""
    return secrets.token_urlsafe(24)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()
