"""Passphrases, tokens, recovery codes and guessing limits: the rules, with no store access.

- A workspace passphrase is kept only as a slow scrypt key (`workspace_key`). Its salt is derived
  from the store's own random salt and the workspace's name, so the same name and passphrase give
  the same key: opening a workspace is one scrypt run and one indexed lookup, whether or not the
  name exists (same answer, same time). Keys from before (`hash_passphrase`, a random salt per
  hash) still verify, with the app's own cost parameters only.
- Session tokens, browser tokens and recovery codes are random (160 bits or more), so a SHA-256
  of them is all the store keeps.
- `Limit` and `lock_until` say how long a name, a client or a browser waits after wrong tries.
  The arithmetic never overflows, whatever the count.
- `client_key` turns a connection's address into the key guessing limits are counted under.

Nothing here logs or returns a secret it was given.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from core.errors import UserError

SCRYPT_N = 2**15
SCRYPT_R = 8
SCRYPT_P = 1
SCRYPT_MAXMEM = 64 * 1024 * 1024
KEY_BYTES = 32
SALT_BYTES = 16
MIN_PASSPHRASE_CHARS = 8
MAX_PASSPHRASE_CHARS = 200
KEY_SCHEME = "wsk1"  # scrypt(N=2**15, r=8, p=1) with the name-derived salt; a new cost gets a new scheme


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def check_passphrase_rules(passphrase: str) -> None:
    """Raise UserError with a message for people if `passphrase` cannot be used."""
    if len(passphrase) < MIN_PASSPHRASE_CHARS:
        raise UserError(
            f"The passphrase needs at least {MIN_PASSPHRASE_CHARS} characters; "
            "a few words in a row are easy to remember and hard to guess."
        )
    if len(passphrase) > MAX_PASSPHRASE_CHARS:
        raise UserError(f"The passphrase can be at most {MAX_PASSPHRASE_CHARS} characters.")


def _scrypt(passphrase: str, salt: bytes) -> bytes:
    # A passphrase longer than any that could have been set is cut, so that a huge one costs no more
    # than a normal one (it cannot match: creation refuses more than MAX_PASSPHRASE_CHARS).
    secret = passphrase[: MAX_PASSPHRASE_CHARS + 1].encode("utf-8", "surrogatepass")
    return hashlib.scrypt(secret, salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, maxmem=SCRYPT_MAXMEM, dklen=KEY_BYTES)


def name_salt(store_salt: str, name_key: str) -> bytes:
    """The scrypt salt of a workspace: unique per store and name, so no work done for one store's
    names (or another store's) helps against another."""
    return hashlib.sha256(f"workspace-key\0{store_salt}\0{name_key}".encode()).digest()[:SALT_BYTES]


def workspace_key(passphrase: str, store_salt: str, name_key: str) -> str:
    """The stored form of a workspace's passphrase: "wsk1$<scrypt key>" (the same inputs give the same key)."""
    return f"{KEY_SCHEME}${_b64(_scrypt(passphrase, name_salt(store_salt, name_key)))}"


def hash_passphrase(passphrase: str, *, n: int = SCRYPT_N) -> str:
    """An scrypt hash with a random salt, "scrypt$n$r$p$salt$hash": the form stored before
    `workspace_key`; kept so that such hashes can be made in tests and verified."""
    salt = secrets.token_bytes(SALT_BYTES)
    digest = hashlib.scrypt(
        passphrase.encode("utf-8"), salt=salt, n=n, r=SCRYPT_R, p=SCRYPT_P, maxmem=SCRYPT_MAXMEM, dklen=KEY_BYTES
    )
    return f"scrypt${n}${SCRYPT_R}${SCRYPT_P}${_b64(salt)}${_b64(digest)}"


def verify_passphrase(passphrase: str, stored: str) -> bool:
    """True if `passphrase` matches an older random-salt `stored` hash.

    Only hashes with the app's own cost parameters, salt and key sizes are checked: a hash carrying
    other parameters (say p=2000, which would pin a CPU for seconds on every try) never matches and
    costs nothing.
    """
    try:
        scheme, n, r, p, salt_b64, digest_b64 = stored.split("$")
        if scheme != "scrypt" or (n, r, p) != (str(SCRYPT_N), str(SCRYPT_R), str(SCRYPT_P)):
            return False
        salt = base64.b64decode(salt_b64, validate=True)
        expected = base64.b64decode(digest_b64, validate=True)
    except ValueError:
        return False
    if len(salt) != SALT_BYTES or len(expected) != KEY_BYTES:
        return False
    return hmac.compare_digest(_scrypt(passphrase, salt), expected)


def is_current_key(stored: str) -> bool:
    return stored.startswith(f"{KEY_SCHEME}$")


def new_token() -> str:
    """A random URL-safe token (192 bits)."""
    return secrets.token_urlsafe(24)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def new_store_salt() -> str:
    return secrets.token_hex(16)


# ---------------------------------------------------------------- recovery codes

# Crockford's base32: no I, L, O or U, so a code read aloud or copied by hand survives.
RECOVERY_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
RECOVERY_GROUPS = 4
RECOVERY_GROUP_CHARS = 5  # 20 characters = 100 bits
RECOVERY_CODES = 6
_CROCKFORD_READS = str.maketrans({"O": "0", "I": "1", "L": "1"})


def new_recovery_code() -> str:
    """A random recovery code, grouped for reading: "7KQ2M-9XH4T-B3C8D-R0PWE" (100 bits)."""
    chars = [secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_GROUPS * RECOVERY_GROUP_CHARS)]
    groups = ["".join(chars[i : i + RECOVERY_GROUP_CHARS]) for i in range(0, len(chars), RECOVERY_GROUP_CHARS)]
    return "-".join(groups)


def normalize_recovery_code(typed: str) -> str:
    """A code as typed (any case, spaces or dashes, O for 0, I or L for 1) in its canonical form, or
    "" if it cannot be a code."""
    raw = "".join(ch for ch in typed.upper()[:100] if ch not in " -\t\n").translate(_CROCKFORD_READS)
    if len(raw) != RECOVERY_GROUPS * RECOVERY_GROUP_CHARS or any(ch not in RECOVERY_ALPHABET for ch in raw):
        return ""
    return "-".join(raw[i : i + RECOVERY_GROUP_CHARS] for i in range(0, len(raw), RECOVERY_GROUP_CHARS))


# ---------------------------------------------------------------- guessing limits


@dataclass(frozen=True)
class Limit:
    """How many wrong tries a name, client or browser gets.

    The first `free` wrong tries in a row cost nothing; each further one locks for twice as long as
    the one before, from `first_lock` up to `max_lock`. However they are spread, no more than
    `per_window` tries count in a `window`: then it stays locked until the window ends.
    """

    free: int
    first_lock: timedelta
    max_lock: timedelta
    per_window: int
    window: timedelta = timedelta(hours=24)


# A workspace name, known to this store or not: at most 30 tries a day, however many clients try.
NAME_LIMIT = Limit(free=5, first_lock=timedelta(minutes=1), max_lock=timedelta(hours=1), per_window=30)
# One client (network address), whatever names it tries.
CLIENT_LIMIT = Limit(free=10, first_lock=timedelta(seconds=30), max_lock=timedelta(minutes=15), per_window=100)
# A browser that opened the workspace before: its own allowance, so that others' wrong tries on the
# name never lock its owner out.
BROWSER_LIMIT = Limit(free=5, first_lock=timedelta(minutes=1), max_lock=timedelta(hours=1), per_window=30)
# New workspaces from one client (each costs a slow hash and a row).
CREATE_LIMIT = Limit(free=20, first_lock=timedelta(hours=1), max_lock=timedelta(hours=1), per_window=20)
# Recovery-code tries from one client (a code has 100 bits: this only keeps the cost bounded).
RECOVERY_LIMIT = Limit(free=5, first_lock=timedelta(minutes=1), max_lock=timedelta(minutes=15), per_window=20)

_MAX_DOUBLINGS = 40  # 2**40 times any first lock is past any max lock: no overflow at any count


def lock_for(limit: Limit, in_a_row: int) -> timedelta:
    """The lock after the `in_a_row`-th wrong try in a row (zero while the tries are free)."""
    if in_a_row <= limit.free:
        return timedelta(0)
    doublings = min(in_a_row - limit.free - 1, _MAX_DOUBLINGS)
    return min(limit.first_lock * (2**doublings), limit.max_lock)


def lock_until(
    limit: Limit, *, in_a_row: int, in_window: int, window_start: datetime, now: datetime
) -> datetime | None:
    """When a name, client or browser may try again after its latest wrong try (None: at once)."""
    if in_window >= limit.per_window:
        return window_start + limit.window
    lock = lock_for(limit, in_a_row)
    return now + lock if lock else None


# ---------------------------------------------------------------- clients


def client_address(remote_ip: str | None, forwarded_for: str | None = None, trusted_proxies: int = 0) -> str | None:
    """The client's own address: the connection's, unless `trusted_proxies` proxies stand in front of the app;
    then the address the outermost trusted one saw, from the right of X-Forwarded-For (what is further left was
    written by the client and proves nothing). One rule for every limit on tries (passphrases and join codes)."""
    address = remote_ip
    if trusted_proxies > 0 and forwarded_for:
        hops = [part.strip() for part in forwarded_for.split(",")[-100:] if part.strip()]
        if hops:
            address = hops[-trusted_proxies] if len(hops) >= trusted_proxies else hops[0]
    return address or None


def client_key(remote_ip: str | None, forwarded_for: str | None = None, trusted_proxies: int = 0) -> str:
    """The key a client's tries are counted under: its address (`client_address`), IPv6 clients per /64 network
    (one household or server gets a whole /64). Anything unreadable counts as "unknown", together.
    """
    address = client_address(remote_ip, forwarded_for, trusted_proxies)
    try:
        ip = ipaddress.ip_address((address or "").strip())
    except ValueError:
        return "unknown"
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if isinstance(ip, ipaddress.IPv6Address):
        return str(ipaddress.IPv6Network(f"{ip}/64", strict=False))
    return str(ip)
