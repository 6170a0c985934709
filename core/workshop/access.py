"""Who can reach a workshop: the limit on join tries, passes, the join address, and presenter links.

Join tries (`core.workshop.session.join_workshop` calls these). A join code is short, so guessing is held to a rate at
which finding an open code takes far longer than a workshop lasts, while a room of people behind one network
address (a clinic's wifi) still gets in when everyone mistypes a few times:

- Only tries that did not get in count ("wrong", and "pending" while a code is looked up), per browser session,
  per network address (an IPv6 address counts by its /64 network: one household or phone has a whole /64)
  and for the whole store, each over a sliding window (`JoinLimits`).
- A client held back by a limit is not counted again while held (its tries cost it nothing and cost nobody
  else anything): one client can never use up the store-wide budget of everyone else.
- A held-back try with a *right* code is written down with its workshop ("held"), without telling the client
  whether the code was right; the facilitator sees those tries and can let that client in (`let_in`), which
  gives a pass for that one workshop. A pass never helps a guesser: it opens only the workshop whose code the
  client already typed.
- Joins per workshop are capped (`JoinLimits.participants`, default well above a room); refused joins of a full
  workshop are shown to its facilitator too.

How long guessing takes (`hours_to_find_a_code`): with C possible codes, W open workshops and R counted tries
an hour, a guesser needs C / W tries on average, so C / (W * R) hours. The README states the figure for the
default limits.

Settings come from the environment (`JoinLimits.from_env`, `default_join_address`); the README lists them.
Presenter links: a random token per workshop, kept only as its SHA-256 (`workshop_presenter`); it shows that
workshop's join panel and aggregate results and grants nothing of the workspace.

Tries, passes and presenter links are read and written through `core.store.join_repo`. Never imports streamlit.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import ipaddress
import os
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from core.errors import UserError
from core.store import join_repo
from core.store.database import Store
from core.store.models import utcnow
from core.store.workshop_models import JoinAttempt, Workshop

COUNTED = ("pending", "wrong")
ENV_LIMITS = {
    "per_session": "WORKBOOK_JOIN_TRIES_PER_SESSION",
    "per_address": "WORKBOOK_JOIN_TRIES_PER_ADDRESS",
    "store_wide": "WORKBOOK_JOIN_TRIES_ALL",
    "participants": "WORKBOOK_MAX_PARTICIPANTS",
}
ENV_JOIN_ADDRESS = "WORKBOOK_JOIN_ADDRESS"
MAX_ADDRESS_CHARS = 200


class JoinLimits(BaseModel):
    """How many tries that did not get in are allowed per window, and how many people one workshop takes."""

    model_config = ConfigDict(frozen=True)

    window_minutes: int = Field(default=10, ge=1, le=24 * 60)
    per_session: int = Field(default=10, ge=1, description="one phone: room for a few typos")
    per_address: int = Field(default=300, ge=1, description="one network: 40 people x 3 typos, twice over")
    store_wide: int = Field(default=3000, ge=1, description="every client together")
    participants: int = Field(default=200, ge=1, le=100_000, description="joins per workshop")
    pass_minutes: int = Field(default=30, ge=1, description="how long a facilitator's pass lasts")

    @property
    def window(self) -> dt.timedelta:
        return dt.timedelta(minutes=self.window_minutes)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> JoinLimits:
        """The limits, with any of WORKBOOK_JOIN_TRIES_PER_SESSION, _PER_ADDRESS, _ALL and
        WORKBOOK_MAX_PARTICIPANTS set in the environment. Raises ValueError naming a bad variable."""
        env = os.environ if env is None else env
        values = {}
        for field, name in ENV_LIMITS.items():
            raw = (env.get(name) or "").strip()
            if raw:
                if not raw.isdigit():
                    raise ValueError(f"{name} must be a whole number, not {raw!r}.")
                values[field] = int(raw)
        try:
            return cls(**values)
        except ValidationError as exc:
            field = str(exc.errors()[0]["loc"][0])
            raise ValueError(f"{ENV_LIMITS[field]}: {exc.errors()[0]['msg']}.") from None


def hours_to_find_a_code(code_space: int, open_workshops: int, tries_per_hour: float) -> float:
    """Expected hours for a guesser to hit any open code: code_space / open_workshops tries on average."""
    if open_workshops < 1 or tries_per_hour <= 0:
        raise ValueError("Needs at least one open workshop and a positive rate of tries.")
    return code_space / open_workshops / tries_per_hour


# ---------------------------------------------------------------- who is trying


def _hash(kind: str, value: str) -> str:
    return hashlib.sha256(f"join-{kind}:{value}".encode()).hexdigest()


def network_of(address: str) -> str:
    """The network an address is counted by: an IPv4 address itself, an IPv6 address its /64 (one subscriber
    gets a whole /64, so counting single IPv6 addresses would give a guesser billions of fresh ones)."""
    try:
        ip = ipaddress.ip_address(address.strip().split("%", 1)[0])
    except ValueError:
        return address.strip()[:100]
    if ip.version == 6 and ip.ipv4_mapped:
        return str(ip.ipv4_mapped)
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


@dataclass(frozen=True)
class JoinClient:
    """Who is trying to join: their network address (None when unknown, e.g. the server's own machine) and their
    browser session (a random id the page keeps)."""

    address: str | None
    session: str

    @property
    def address_key(self) -> str:
        return _hash("address", network_of(self.address)) if self.address else ""

    @property
    def session_key(self) -> str:
        return _hash("session", self.session)

    @property
    def pass_key(self) -> str:
        """What a facilitator's pass is given to: the network if known (the whole room), else the session."""
        return self.address_key or self.session_key


# ---------------------------------------------------------------- counting tries


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def held_back_seconds(
    store: Store, client: JoinClient, now: dt.datetime, limits: JoinLimits, *, extra: int = 0
) -> int | None:
    """Seconds until this client may try again, or None if it may try now.

    A limit holds when the counted tries of its scope in the window, plus `extra` (1 before this try is written
    down, 0 after), exceed it. The wait is until the oldest counted try of that scope leaves the window."""
    scope_limits = [limits.per_session, *([limits.per_address] if client.address_key else []), limits.store_wide]
    counts = join_repo.tries_in_window(
        store, COUNTED, now - limits.window, session_key=client.session_key, address_key=client.address_key
    )
    waits = []
    for limit, (count, oldest) in zip(scope_limits, counts, strict=True):
        if count + extra > limit and oldest is not None:
            waits.append(max(1, int((_aware(oldest) + limits.window - now).total_seconds())))
    return max(waits) if waits else None


def record_try(
    store: Store, client: JoinClient, now: dt.datetime, limits: JoinLimits, *, outcome: str, workshop_id=None
) -> str:
    """Write down one try (and forget tries and passes that left the window); return its id."""
    attempt = JoinAttempt(
        address_key=client.address_key,
        session_key=client.session_key,
        workshop_id=workshop_id,
        outcome=outcome,
        attempted_at=now,
    )
    return join_repo.add_try(store, attempt, forget_tries_before=now - limits.window - dt.timedelta(minutes=1), now=now)


def settle_try(store: Store, attempt_id: str, outcome: str | None, workshop_id: str | None = None) -> None:
    """Give a pending try its outcome, or forget it (`outcome=None`: the code was right, it was not a guess)."""
    if outcome is None:
        join_repo.forget_try(store, attempt_id)
    else:
        join_repo.set_try_outcome(store, attempt_id, outcome, workshop_id)


def has_pass(store: Store, workshop_id: str, client: JoinClient, now: dt.datetime) -> bool:
    keys = [k for k in (client.address_key, client.session_key) if k]
    return join_repo.pass_exists(store, workshop_id, keys, now)


# ---------------------------------------------------------------- what the facilitator sees and does


class JoinTrouble(BaseModel):
    """Tries to join this workshop that were refused in the window, for its facilitator."""

    model_config = ConfigDict(frozen=True)

    held: int = Field(ge=0, description="tries with this workshop's code held back by the guessing limit")
    held_clients: int = Field(ge=0, description="phones or networks those tries came from")
    full: int = Field(ge=0, description="tries refused because the workshop has its most participants")

    @property
    def any(self) -> bool:
        return bool(self.held or self.full)


def join_trouble(store: Store, workshop_id: str, now: dt.datetime, limits: JoinLimits) -> JoinTrouble:
    rows = join_repo.tries_by_outcome(store, workshop_id, now - limits.window)
    by = {outcome: (count, clients) for outcome, count, clients in rows}
    held, clients = by.get("held", (0, 0))
    return JoinTrouble(held=held, held_clients=clients, full=by.get("full", (0, 0))[0])


def let_in(store: Store, workshop_id: str, now: dt.datetime, limits: JoinLimits) -> int:
    """Give every client held back with this workshop's code a pass for it; return how many clients."""
    return join_repo.pass_held_clients(
        store, workshop_id, now - limits.window, expires_at=now + dt.timedelta(minutes=limits.pass_minutes)
    )


# ---------------------------------------------------------------- the join address


LOCAL_HOSTS = {"localhost", "0.0.0.0", "::", "::1"}  # noqa: S104 - names to warn about, not to bind


def check_join_address(raw: object) -> str:
    """A join address as typed by the facilitator ("http://192.168.1.20:8501", "https://workbook.example.org"),
    cleaned: scheme and host, an optional port and path, no trailing slash. "" clears it.
    Raises UserError with a message for people."""
    text = str(raw or "").strip()
    if not text:
        return ""
    if len(text) > MAX_ADDRESS_CHARS or re.search(r"[\s\x00-\x1f\x7f<>\"'`\\]", text):
        raise UserError(
            f"The address has characters or a length (over {MAX_ADDRESS_CHARS}) no web address has. "
            "Type it like http://192.168.1.20:8501."
        )
    if "://" not in text:
        text = f"http://{text}"
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        raise UserError("That is not a web address. Type it like http://192.168.1.20:8501.") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UserError("The address must start with http:// or https:// and name a computer, e.g. 192.168.1.20.")
    if parts.username or parts.password or parts.query or parts.fragment:
        raise UserError("Give only the app's address (computer, port, path), without a user name, ? or #.")
    host = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
    netloc = host + (f":{port}" if port else "")
    return f"{parts.scheme}://{netloc}{parts.path.rstrip('/')}"


def default_join_address(env: Mapping[str, str] | None = None) -> str:
    """The address set for the whole server (WORKBOOK_JOIN_ADDRESS), cleaned; "" if none or unusable."""
    env = os.environ if env is None else env
    try:
        return check_join_address(env.get(ENV_JOIN_ADDRESS, ""))
    except ValueError:
        return ""


def is_local_address(url: str) -> bool:
    """True when phones cannot reach the address: localhost, a loopback or unspecified address."""
    try:
        host = (urlsplit(url if "://" in url else f"http://{url}").hostname or "").lower()
    except ValueError:
        return False
    if host in LOCAL_HOSTS or host.endswith(".localhost"):
        return True
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return False
    return ip.is_loopback or ip.is_unspecified


def app_base(page_url: str | None, page_path: str) -> str:
    """The app's base address from the address a page was opened at (query and the page's own path removed)."""
    base = (page_url or "").split("?")[0].split("#")[0].rstrip("/")
    if page_path and base.endswith("/" + page_path):
        base = base[: -len(page_path) - 1]
    return base


def join_link(base: str, code: str) -> str:
    """The participants' link: `<base>/join?code=<code>` (relative when no base is known)."""
    return f"{base.rstrip('/')}/join?code={code}"


# ---------------------------------------------------------------- presenter links


PRESENTER_TOKEN_BYTES = 24  # 192 bits


def _token_hash(token: str) -> str:
    return hashlib.sha256(f"presenter:{token}".encode()).hexdigest()


def new_presenter_link(store: Store, workshop_id: str) -> str:
    """A fresh presenter token for the workshop; the one before it stops working. Returns the token (shown once)."""
    token = secrets.token_urlsafe(PRESENTER_TOKEN_BYTES)
    join_repo.replace_presenter(store, workshop_id, _token_hash(token))
    return token


def end_presenter_link(store: Store, workshop_id: str) -> None:
    join_repo.delete_presenters(store, workshop_id)


def presented_workshop(store: Store, token: object) -> Workshop | None:
    """The workshop a presenter token shows, or None for an unknown, ended or malformed token."""
    if not isinstance(token, str) or not 20 <= len(token) <= 64 or not re.fullmatch(r"[A-Za-z0-9_\-]+", token):
        return None
    wanted = _token_hash(token)
    row = join_repo.presenter_by_hash(store, wanted)
    if row is None or not hmac.compare_digest(row[0].token_hash, wanted):
        return None
    return row[1]


def has_presenter_link(store: Store, workshop_id: str) -> bool:
    return join_repo.presenter_exists(store, workshop_id)


def now_utc() -> dt.datetime:
    return utcnow()
