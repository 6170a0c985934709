"""Workshop mode: a facilitated team session with a join code, live answers, disagreement first, agreed answers.

A facilitator starts a workshop on an open workspace for one activity (the
Step 2 readiness assessment, all domains or chosen ones; the text activities
are in `core.workshop.text`). Participants join from their own device with a
short code and a display name, answer, and are recognised again by a token in
their URL. The facilitator's live view reads one summary (`readiness_live`),
records the team's agreed answers, and pauses, resumes or closes the workshop.

Join codes (`new_code`): CODE_LENGTH characters drawn with `secrets` from an
alphabet without look-alikes (no 0/O, 1/I/L, 2/Z, 5/S, 8/B): 25 characters,
7 of them, 25**7 = 6.1 billion codes, about 32.5 bits. A code is unique among
the workshops that are not closed; a closed workshop's code stops working.

Limited tries (`join_workshop`, rules in `core.workshop.access`): tries that did not get in are counted per
browser session, per network address and for the whole store; a client held back is not counted again, and a
held-back try with a right code shows on its workshop's live view, where the facilitator can let that client
in. Joins per workshop are capped. A room of 40 behind one address, each mistyping three times, gets in; a
guesser is held to a rate at which finding an open code takes years (the README has the figure).

What a participant may do is decided by their token only: they read and write
their own answers, never anyone else's, and a paused or closed workshop
refuses new answers (an answer whose save had already begun when the
facilitator paused is kept). Nothing given is ever deleted by closing.

The disagreement rule (`disagreement_order`), shown on the live view:
  1. items with at least two numeric (1-4) answers come first, ordered by
     their spread = highest minus lowest numeric answer, largest first;
  2. equal spreads: the larger standard deviation (population) first;
  3. still equal: workbook order (domain, then item);
  4. items with fewer than two numeric answers come last, in workbook order.
"Not sure" is never a number: it is counted and shown beside the spread.

The suggested agreed answer (`suggested_answer`) is the median of the numeric
answers; with an even number of answers, the lower of the two middle values
(a team that splits between 2 and 3 is asked to argue itself up, not down).

This module never imports streamlit.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import secrets
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from core.demo import demo_filler
from core.errors import NotFound, WorkshopError
from core.hrh import readiness
from core.store import answers as answer_store
from core.store.database import Store
from core.store.models import utcnow
from core.store.readiness_models import ReadinessAnswer, ReadinessRespondent
from core.store.workshop_models import ACTIVITIES, Workshop, WorkshopParticipant, WorkshopTextAnswer
from core.store.workshop_repo import (  # noqa: F401  (re-exported: the workshop API in one place)
    SEEN_EVERY,
    ParticipantProgress,
    Seat,
    WorkshopOptions,
    find_code,
    get_workshop,
    list_participants,
    list_workshops,
    participant_progress,
    seat_for_token,
    set_status,
    token_hash,
)
from core.text import clean_name, name_key, sanitize_text
from core.workshop import access
from core.workshop import text as workshop_text

Activity = Literal["readiness", "value_proposition", "what_it_takes"]

CODE_ALPHABET = "34679ACDEFGHJKMNPQRTUVWXY"
CODE_LENGTH = 7
MAX_DISPLAY_NAME = 60
MAX_REASON_CHARS = 200
ACTIVITY_TITLES = {
    "readiness": "Organizational readiness assessment (Step 2)",
    "value_proposition": "Value proposition themes (Step 5)",
    "what_it_takes": "What it takes to get people to services (Step 4)",
}
DEFAULT_TITLES = {
    "readiness": "Readiness workshop",
    "value_proposition": "Value proposition workshop",
    "what_it_takes": "Step 4 conversation",
}
STATUS_WORDS = {"open": "Open", "paused": "Paused", "closed": "Closed"}


class TooManyTries(WorkshopError):
    def __init__(self, seconds: int):
        self.seconds = seconds
        minutes = max(1, round(seconds / 60))
        super().__init__(
            "Too many codes that did not work from this phone or network. If your code is right, the facilitator "
            f"can let you in from the workshop's live view; otherwise wait about {minutes} "
            f"minute{'s' if minutes != 1 else ''} and try again."
        )


# ---------------------------------------------------------------- codes


def new_code() -> str:
    """A random join code (CODE_LENGTH characters of CODE_ALPHABET, from `secrets`)."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def code_entropy_bits() -> float:
    import math

    return CODE_LENGTH * math.log2(len(CODE_ALPHABET))


def format_code(code: str) -> str:
    """The code as people read it aloud: "ACD-3F7X"."""
    return f"{code[:3]}-{code[3:]}"


def normalize_code(raw: object) -> str:
    """A typed code as stored: capitals, without spaces or dashes. Raises WorkshopError if it cannot be a code."""
    code = re.sub(r"[\s\-_.]", "", str(raw or "")).upper()
    if not code:
        raise WorkshopError("Type the join code the facilitator shows, for example ACD-3F7X.")
    if len(code) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in code):
        raise WorkshopError(
            f"A join code has {CODE_LENGTH} letters and digits, like ACD-3F7X, and never uses 0, O, 1, I, L, "
            "2, Z, 5, S, 8 or B. Check the code on the screen and try again."
        )
    return code


def qr_png(url: str, scale: int = 8) -> bytes:
    """A QR code of `url` as PNG bytes (segno; medium error correction)."""
    import segno

    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="png", scale=scale, border=2)
    return out.getvalue()


# ---------------------------------------------------------------- starting and running a workshop


def _check_options(activity: str, options: WorkshopOptions) -> WorkshopOptions:
    if activity == "readiness":
        known = [d.id for d in readiness.domains()]
        chosen = options.domains or known
        unknown = [d for d in chosen if d not in known]
        if unknown:
            raise WorkshopError(f"Unknown readiness domains: {', '.join(unknown)}.")
        return WorkshopOptions(domains=[d for d in known if d in chosen])  # workbook order
    return workshop_text.check_options(activity, options)


def available_activities() -> list[str]:
    """The activities a workshop can run now (the text ones need the Step 4 and Step 5 content)."""
    return ["readiness", *workshop_text.available()]


def start_workshop(
    store: Store,
    workspace_id: str,
    activity: str,
    *,
    title: str = "",
    options: WorkshopOptions | None = None,
    held_on: dt.date | None = None,
) -> Workshop:
    """Open a workshop with a fresh join code. A readiness workshop gets its own round (source "workshop")."""
    if activity not in ACTIVITIES:
        raise WorkshopError(f"A workshop runs one of {', '.join(ACTIVITIES)}, not {activity!r}.")
    checked = _check_options(activity, options or WorkshopOptions())
    held_on = held_on or dt.date.today()
    title = sanitize_text(title).strip() or f"{DEFAULT_TITLES[activity]}, {held_on:%Y-%m-%d}"
    title = clean_name(title, field="Workshop name")
    round_id = None
    if activity == "readiness":
        round_id = readiness.create_round(store, workspace_id, title, held_on, source="workshop").id
    elif activity == "what_it_takes":
        checked = workshop_text.open_conversation(store, workspace_id, checked, held_on)
    for _ in range(20):  # a clash with an open code is one in hundreds of millions; retry anyway
        workshop = Workshop(
            workspace_id=workspace_id,
            activity=activity,
            title=title,
            round_id=round_id,
            options=checked.model_dump(),
            code=new_code(),
        )
        try:
            with store.write() as s:
                s.add(workshop)
            return workshop
        except IntegrityError:
            continue
    if round_id:
        readiness.delete_round(store, workspace_id, round_id)
    raise WorkshopError("Could not find a free join code; try again.")


def pause_workshop(store: Store, workspace_id: str, workshop_id: str) -> Workshop:
    """No new answers until resumed; participants can still join and read their answers."""
    return set_status(store, workspace_id, workshop_id, "paused", {"open"})


def resume_workshop(store: Store, workspace_id: str, workshop_id: str) -> Workshop:
    return set_status(store, workspace_id, workshop_id, "open", {"paused"})


def close_workshop(store: Store, workspace_id: str, workshop_id: str) -> Workshop:
    """Final: the code stops working and no answer can be added; everything given is kept."""
    return set_status(store, workspace_id, workshop_id, "closed", {"open", "paused"})


def set_results_visible(store: Store, workspace_id: str, workshop_id: str, visible: bool) -> Workshop:
    """Whether the team's results show on the projector view (the facilitator decides)."""
    with store.write() as s:
        workshop = s.get(Workshop, workshop_id)
        if workshop is None or workshop.workspace_id != workspace_id:
            raise NotFound("That workshop no longer exists in this workspace.")
        workshop.results_visible = bool(visible)
        s.add(workshop)
        return workshop


# ---------------------------------------------------------------- the facilitator's side of joining


def join_trouble(store: Store, workspace_id: str, workshop_id: str, now: dt.datetime | None = None):
    """Refused tries to join this workshop in the last minutes (held back by the guessing limit, or full)."""
    get_workshop(store, workspace_id, workshop_id)  # only this workspace's workshops
    return access.join_trouble(store, workshop_id, now or utcnow(), access.JoinLimits.from_env())


def let_in(store: Store, workspace_id: str, workshop_id: str, now: dt.datetime | None = None) -> int:
    """Let in everyone held back with this workshop's code (a pass for this workshop); returns how many clients."""
    ws = get_workshop(store, workspace_id, workshop_id)
    if ws.status == "closed":
        raise WorkshopError("This workshop is closed; nobody can join it any more.")
    return access.let_in(store, workshop_id, now or utcnow(), access.JoinLimits.from_env())


JOIN_ADDRESS_SECTION, JOIN_ADDRESS_KEY = "workshop", "join_address"


def saved_join_address(store: Store, workspace_id: str) -> str:
    """The join address the facilitator saved for this workspace ("" if none)."""
    saved = answer_store.get_value(store, workspace_id, JOIN_ADDRESS_SECTION, JOIN_ADDRESS_KEY, "")
    try:
        return access.check_join_address(saved if isinstance(saved, str) else "")
    except ValueError:  # a value restored from an edited backup: ignored, never shown as a link
        return ""


def join_address(store: Store, workspace_id: str) -> str:
    """The address phones use to reach the app, as the facilitator set it for this workspace, else the server's
    setting (WORKBOOK_JOIN_ADDRESS); "" when neither is set (the page then uses the address it was opened at)."""
    return saved_join_address(store, workspace_id) or access.default_join_address()


def save_join_address(store: Store, workspace_id: str, raw: object) -> str:
    """Check and save the facilitator's join address ("" goes back to the server's setting); return it cleaned."""
    address = access.check_join_address(raw)
    answer_store.save_value(store, workspace_id, JOIN_ADDRESS_SECTION, JOIN_ADDRESS_KEY, address)
    return address


def presenter_link_token(store: Store, workspace_id: str, workshop_id: str) -> str:
    """A new presenter token for this workspace's workshop (the previous link stops working)."""
    get_workshop(store, workspace_id, workshop_id)
    return access.new_presenter_link(store, workshop_id)


# ---------------------------------------------------------------- joining


@dataclass(frozen=True)
class Joined:
    seat: Seat
    token: str


def join_workshop(
    store: Store,
    code: object,
    display_name: object,
    client: access.JoinClient | str,
    *,
    now: dt.datetime | None = None,
    limits: access.JoinLimits | None = None,
) -> Joined:
    """Join the workshop whose code this is, as `display_name`; return the seat and the participant's token.

    `client` is who is trying (`access.JoinClient`: network address and browser session; a plain string is a
    session of unknown address). Tries that did not get in are counted per session, per network and for the
    whole store (`core.workshop.access`): each try is written down *before* the counts are read, so parallel
    tries all count, and forgotten again when the code was right. Raises WorkshopError (a clear message) for a
    malformed, wrong or closed code, a full workshop or a display name already taken, and TooManyTries while a
    limit holds the client back (the message is the same whether the code was right or not).
    """
    code = normalize_code(code)
    name = clean_name(display_name, field="Your display name", max_chars=MAX_DISPLAY_NAME)
    now = now or utcnow()
    limits = limits or access.JoinLimits.from_env()
    if isinstance(client, str):
        client = access.JoinClient(address=None, session=client)
    live, had_code = find_code(store, code)
    if live is None or not access.has_pass(store, live.id, client, now):
        wait = access.held_back_seconds(store, client, now, limits, extra=1)
        attempt = None
        if wait is None:
            attempt = access.record_try(store, client, now, limits, outcome="pending")
            wait = access.held_back_seconds(store, client, now, limits)
        if wait is not None:  # held: counts toward nothing; a right code is shown to its facilitator
            if attempt is not None:
                access.settle_try(store, attempt, "held", live.id if live else None)
            elif live is not None:
                access.record_try(store, client, now, limits, outcome="held", workshop_id=live.id)
            raise TooManyTries(wait)
        if live is None:
            access.settle_try(store, attempt, "wrong")
            if had_code:
                raise WorkshopError("This workshop has been closed, so its code no longer works.")
            raise WorkshopError(
                f"No open workshop has the code {format_code(code)}. Check it with the facilitator and try again."
            )
        access.settle_try(store, attempt, None)  # the right code is not a guess
    try:
        participant = _seat(store, live, name, now, limits.participants)
    except WorkshopFull:
        access.record_try(store, client, now, limits, outcome="full", workshop_id=live.id)
        raise
    token = participant.token_hash
    participant.token_hash = token_hash(token)
    return Joined(seat=Seat(participant=participant, workshop=live), token=token)


class WorkshopFull(WorkshopError):
    def __init__(self, most: int):
        super().__init__(
            f"This workshop already has {most} participants, the most one workshop takes. Ask the facilitator."
        )


def _seat(store: Store, live: Workshop, name: str, now: dt.datetime, most: int | None) -> WorkshopParticipant:
    """Add a participant to an open workshop in one transaction (its row locked on PostgreSQL, so the cap holds
    under parallel joins; SQLite writers queue anyway). Returns the participant with its token in clear in
    `token_hash` (the caller hashes it). No limit on tries: the demo and the join above use it."""
    token_secret = secrets.token_urlsafe(24)
    participant = WorkshopParticipant(
        workspace_id=live.workspace_id,
        workshop_id=live.id,
        display_name=name,
        name_key=name_key(name),
        token_hash="",
        joined_at=now,
        last_seen_at=now,
    )
    token = f"{participant.id}.{token_secret}"
    participant.token_hash = token_hash(token)
    taken = WorkshopError(
        f"Someone in this workshop already joined as “{name}”. Add an initial or choose another name."
    )
    try:
        with store.write() as s:
            fresh = s.exec(select(Workshop).where(Workshop.id == live.id).with_for_update()).first()
            if fresh is None or fresh.status == "closed":
                raise WorkshopError("This workshop has been closed, so its code no longer works.")
            if most is not None:
                people = s.exec(
                    select(func.count(WorkshopParticipant.id)).where(WorkshopParticipant.workshop_id == live.id)
                ).one()
                if people >= most:
                    raise WorkshopFull(most)
            if s.exec(
                select(WorkshopParticipant.id).where(
                    WorkshopParticipant.workshop_id == live.id, WorkshopParticipant.name_key == participant.name_key
                )
            ).first():
                raise taken
            if live.activity == "readiness":
                respondent = ReadinessRespondent(
                    workspace_id=live.workspace_id, round_id=live.round_id, role="participant", display_name=name
                )
                s.add(respondent)
                s.flush()
                participant.respondent_id = respondent.id
            s.add(participant)
    except IntegrityError as exc:  # two people choosing the same name at the same moment
        raise taken from exc
    participant.token_hash = token
    return participant


def _open_seat(store: Store, token: str, activity: str) -> Seat:
    seat = seat_for_token(store, token, touch=False)
    if seat is None:
        raise WorkshopError("This link is not a workshop seat any more. Join again with the code.")
    if seat.workshop.activity != activity:
        raise WorkshopError("This workshop does not ask that question.")
    if seat.workshop.status == "paused":
        raise WorkshopError("The facilitator has paused the workshop; your answer was not saved. Try again soon.")
    if seat.workshop.status == "closed":
        raise WorkshopError("The workshop is closed; answers can no longer be changed.")
    return seat


def status_message(workshop: Workshop) -> str | None:
    """What a participant is told about the workshop's state; None while it is open."""
    if workshop.status == "paused":
        return "The facilitator has paused the workshop. Your answers are kept; you can answer again once it resumes."
    if workshop.status == "closed":
        return "This workshop is closed. Thank you! Your answers are kept; they can no longer be changed."
    return None


# ---------------------------------------------------------------- readiness: the participant's side


def workshop_domains(workshop: Workshop) -> list[readiness.ReadinessDomain]:
    chosen = set(workshop.options.get("domains") or [])
    return [d for d in readiness.domains() if not chosen or d.id in chosen]


def workshop_item_ids(workshop: Workshop) -> list[str]:
    return [item.id for d in workshop_domains(workshop) for item in d.items]


def save_participant_answer(store: Store, token: str, item_id: str, value: int | None) -> None:
    """Save one answer of the participant holding `token` (1-4, or None for "Not sure")."""
    seat = _open_seat(store, token, "readiness")
    if item_id not in workshop_item_ids(seat.workshop):
        raise WorkshopError("This workshop does not ask that question.")
    readiness.save_readiness_answer(store, seat.workshop.workspace_id, seat.participant.respondent_id, item_id, value)


def clear_participant_answer(store: Store, token: str, item_id: str) -> None:
    """Take back an answer (the item is unanswered again)."""
    seat = _open_seat(store, token, "readiness")
    readiness.clear_readiness_answer(store, seat.workshop.workspace_id, seat.participant.respondent_id, item_id)


class PartProgress(BaseModel):
    """How far a participant is in one part (domain) of a readiness workshop."""

    model_config = ConfigDict(frozen=True)

    domain_id: str
    title: str
    answered: int = Field(ge=0, description="items with an answer, Not sure included")
    total: int = Field(ge=1)


def participant_part_progress(
    domains: Sequence[readiness.ReadinessDomain], answers: Mapping[str, int | None]
) -> list[PartProgress]:
    """Per part, in workbook order: how many of its items have an answer ("Not sure" counts as an answer)."""
    return [
        PartProgress(
            domain_id=d.id, title=d.title, answered=sum(1 for i in d.items if i.id in answers), total=len(d.items)
        )
        for d in domains
    ]


def participant_answers(store: Store, seat: Seat) -> readiness.Answers:
    """The participant's own answers, and only theirs."""
    if seat.participant.respondent_id is None:
        return {}
    return readiness.respondent_answers(store, seat.workshop.workspace_id, seat.participant.respondent_id)


# ---------------------------------------------------------------- aggregation (pure)


class ItemDistribution(BaseModel):
    """How the team answered one item."""

    model_config = ConfigDict(frozen=True)

    item_id: str
    domain_title: str
    number: int = Field(ge=1, description="the item's number within its domain")
    text: str
    order: int = Field(ge=0, description="position in the workbook")
    counts: tuple[int, int, int, int] = Field(description="how many answered 1, 2, 3, 4")
    not_sure: int = Field(ge=0)
    unanswered: int = Field(ge=0)
    mean: float | None = None
    spread: int | None = Field(default=None, description="highest minus lowest numeric answer")
    stdev: float | None = Field(default=None, description="population standard deviation of numeric answers")
    variance: Fraction | None = Field(default=None, exclude=True)
    suggested: int | None = Field(default=None, description="lower median of numeric answers")

    @property
    def numeric(self) -> int:
        return sum(self.counts)

    @property
    def label(self) -> str:
        return f"{self.domain_title} {self.number}"


def suggested_answer(values: Sequence[int]) -> int | None:
    """The median of numeric answers; with an even count, the lower middle value. None without answers."""
    ordered = sorted(values)
    return ordered[(len(ordered) - 1) // 2] if ordered else None


def _variance(values: Sequence[int]) -> Fraction:
    n = len(values)
    return Fraction(n * sum(v * v for v in values) - sum(values) ** 2, n * n)


def item_distribution(
    item_id: str, answer_sets: Sequence[Mapping[str, int | None]], *, order: int = 0
) -> ItemDistribution:
    """The distribution of one item over everyone's answers (a participant without this item is unanswered)."""
    domain_id = item_id.split(".", 1)[0]
    domain = readiness.domain(domain_id)
    number = next(n for n, item in enumerate(domain.items, start=1) if item.id == item_id)
    values = [a[item_id] for a in answer_sets if item_id in a and a[item_id] is not None]
    not_sure = sum(1 for a in answer_sets if item_id in a and a[item_id] is None)
    variance = _variance(values) if values else None
    return ItemDistribution(
        item_id=item_id,
        domain_title=domain.title,
        number=number,
        text=domain.items[number - 1].text,
        order=order,
        counts=tuple(values.count(v) for v in (1, 2, 3, 4)),
        not_sure=not_sure,
        unanswered=len(answer_sets) - len(values) - not_sure,
        mean=statistics.fmean(values) if values else None,
        spread=max(values) - min(values) if values else None,
        stdev=float(variance) ** 0.5 if variance is not None else None,
        variance=variance,
        suggested=suggested_answer(values),
    )


def item_distributions(
    item_ids: Sequence[str], answer_sets: Sequence[Mapping[str, int | None]]
) -> list[ItemDistribution]:
    """Every item's distribution, in the order given (workbook order)."""
    return [item_distribution(item_id, answer_sets, order=n) for n, item_id in enumerate(item_ids)]


def disagreement_order(items: Sequence[ItemDistribution]) -> list[ItemDistribution]:
    """The items where the team disagrees most first (the rule is in the module docstring)."""

    def key(d: ItemDistribution):
        if d.numeric < 2:
            return (1, 0, 0, d.order)
        return (0, -d.spread, -d.variance, d.order)

    return sorted(items, key=key)


class DomainSpread(BaseModel):
    """A domain's team mean with the spread of people's own domain means."""

    model_config = ConfigDict(frozen=True)

    domain_id: str
    title: str
    people: int = Field(ge=0, description="participants with at least one numeric answer in the domain")
    mean: float | None = Field(default=None, description="mean of the people's domain means (each person weighs one)")
    low: float | None = None
    high: float | None = None

    @property
    def spread(self) -> float | None:
        return None if self.low is None else self.high - self.low


def domain_spreads(
    domain_list: Sequence[readiness.ReadinessDomain], answer_sets: Sequence[Mapping[str, int | None]]
) -> list[DomainSpread]:
    """Per domain: each person's mean of their numeric answers in it (reversed items reversed, as in the
    scores); the team mean, lowest and highest of those."""
    result = []
    for domain in domain_list:
        means = []
        for answers in answer_sets:
            given = [i.id for i in domain.items if answers.get(i.id) is not None]
            values = [readiness.scored_value(item_id, answers[item_id]) for item_id in given]  # as the scores count
            if values:
                means.append(statistics.fmean(values))
        result.append(
            DomainSpread(
                domain_id=domain.id,
                title=domain.title,
                people=len(means),
                mean=statistics.fmean(means) if means else None,
                low=min(means) if means else None,
                high=max(means) if means else None,
            )
        )
    return result


# ---------------------------------------------------------------- agreed answers and the live summary


class AgreedAnswer(BaseModel):
    model_config = ConfigDict(frozen=True)

    item_id: str
    value: int | None
    note: str


def agreed_answers(store: Store, workspace_id: str, workshop: Workshop) -> dict[str, AgreedAnswer]:
    """The team's agreed answers so far, with their reasons, by item id."""
    if workshop.round_id is None:
        return {}
    found = readiness.list_respondents(store, workspace_id, workshop.round_id, role="agreed")
    if not found:
        return {}
    values = readiness.respondent_answers(store, workspace_id, found[0].id)
    notes = readiness.respondent_notes(store, workspace_id, found[0].id)
    return {i: AgreedAnswer(item_id=i, value=v, note=notes.get(i, "")) for i, v in values.items()}


def _readiness_workshop(store: Store, workspace_id: str, workshop_id: str) -> Workshop:
    workshop = get_workshop(store, workspace_id, workshop_id)
    if workshop.activity != "readiness" or workshop.round_id is None:
        raise WorkshopError("Agreed answers are recorded in a readiness workshop.")
    return workshop


def record_agreed_answer(
    store: Store, workspace_id: str, workshop_id: str, item_id: str, value: int | None, note: object
) -> None:
    """Record the team's agreed answer to an item (1-4, or None for "Not sure") with a one-line reason.

    It is written to the workshop round's "agreed" respondent, so it becomes the round's result: Step 2
    results, charts and the readiness report use it. The participants' own answers stay as they are.
    """
    workshop = _readiness_workshop(store, workspace_id, workshop_id)
    if item_id not in workshop_item_ids(workshop):
        raise WorkshopError("This workshop does not cover that item.")
    reason = clean_name(note, field="The reason for the agreed answer", max_chars=MAX_REASON_CHARS)
    agreed = readiness.add_respondent(store, workspace_id, workshop.round_id, "agreed")
    readiness.save_readiness_answer(store, workspace_id, agreed.id, item_id, value, note=reason)


SUGGESTED_REASON = "Median of the team's answers, accepted without discussion."


def accept_suggested_answers(store: Store, workspace_id: str, workshop_id: str) -> int:
    """Record the suggested (median) answer for every item that has numeric answers and no agreed answer yet.

    Returns how many were recorded. Items the team already agreed on are left as they are.
    """
    workshop = _readiness_workshop(store, workspace_id, workshop_id)
    done = agreed_answers(store, workspace_id, workshop)
    sets = list(readiness.answers_by_respondent(store, workspace_id, workshop.round_id).values())
    todo = [d for d in item_distributions(workshop_item_ids(workshop), sets) if d.suggested and d.item_id not in done]
    if not todo:
        return 0
    agreed = readiness.add_respondent(store, workspace_id, workshop.round_id, "agreed")
    for d in todo:
        readiness.save_readiness_answer(store, workspace_id, agreed.id, d.item_id, d.suggested, note=SUGGESTED_REASON)
    return len(todo)


class ReadinessLive(BaseModel):
    """Everything the facilitator's live view shows for a readiness workshop, read at one moment."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    participants: list[ParticipantProgress]
    items: list[ItemDistribution] = Field(description="workbook order")
    disagreement: list[ItemDistribution] = Field(description="most disagreement first")
    domains: list[DomainSpread]
    agreed: dict[str, AgreedAnswer]

    @property
    def answers_given(self) -> int:
        return sum(p.responded for p in self.participants)


def live_fingerprint(store: Store, workspace_id: str, workshop: Workshop, now: dt.datetime | None = None) -> tuple:
    """A cheap summary of everything the live view shows (two aggregate queries): when it is unchanged, so is the
    live summary, and the view can reuse the one it has. It changes with every answer given, changed or taken
    back, every agreed answer, every participant who joins or is seen, and once a minute ("last seen" ages).
    (The team's text answers saved into a step are not part of it: the live view reads those itself.)"""
    now = now or utcnow()
    if workshop.activity == "readiness":
        answered = select(func.count(ReadinessAnswer.id), func.max(ReadinessAnswer.updated_at)).where(
            ReadinessAnswer.workspace_id == workspace_id, ReadinessAnswer.round_id == workshop.round_id
        )
    else:
        answered = select(func.count(WorkshopTextAnswer.id), func.max(WorkshopTextAnswer.updated_at)).where(
            WorkshopTextAnswer.workspace_id == workspace_id, WorkshopTextAnswer.workshop_id == workshop.id
        )
    with store.read() as s:
        answers = s.exec(answered).one()
        people = s.exec(
            select(func.count(WorkshopParticipant.id), func.max(WorkshopParticipant.last_seen_at)).where(
                WorkshopParticipant.workspace_id == workspace_id, WorkshopParticipant.workshop_id == workshop.id
            )
        ).one()
    return (workshop.id, tuple(answers), tuple(people), int(now.timestamp() // 60))


def readiness_live(
    store: Store, workspace_id: str, workshop: Workshop, now: dt.datetime | None = None
) -> ReadinessLive:
    """The live summary of a readiness workshop (a handful of queries, whatever the number of participants)."""
    participants = list_participants(store, workspace_id, workshop.id)
    by_respondent = readiness.answers_by_respondent(store, workspace_id, workshop.round_id)
    answers = {p.id: by_respondent.get(p.respondent_id, {}) for p in participants}
    sets = list(answers.values())
    items = item_distributions(workshop_item_ids(workshop), sets)
    return ReadinessLive(
        participants=participant_progress(participants, answers, workshop_item_ids(workshop), now or utcnow()),
        items=items,
        disagreement=disagreement_order(items),
        domains=domain_spreads(workshop_domains(workshop), sets),
        agreed=agreed_answers(store, workspace_id, workshop),
    )


# ---------------------------------------------------------------- demo


class DemoAgreed(BaseModel):
    model_config = ConfigDict(extra="forbid")

    value: int | None = Field(ge=1, le=4)
    note: str


class DemoWorkshop(BaseModel):
    """A finished readiness workshop of the demo: answers per item as one string, a character per participant."""

    model_config = ConfigDict(extra="forbid")

    activity: Literal["readiness"]
    title: str
    held_on: dt.date
    participants: list[str] = Field(min_length=1)
    answers: dict[str, str]
    agreed: dict[str, DemoAgreed] = {}

    def answers_of(self, person: int) -> dict[str, int | None]:
        """One participant's answers: "1"-"4", "?" (Not sure) or "-" (no answer)."""
        result: dict[str, int | None] = {}
        for item_id, row in self.answers.items():
            marks = row.split()
            if len(marks) != len(self.participants) or any(m not in {"1", "2", "3", "4", "?", "-"} for m in marks):
                raise ValueError(f"Demo workshop answers to {item_id} need one of 1-4, ? or - per participant.")
            if marks[person] != "-":
                result[item_id] = None if marks[person] == "?" else int(marks[person])
        return result


@demo_filler("workshop")
def fill_demo(store: Store, workspace_id: str, part: list) -> None:
    """Closed demo workshops, filled through the same functions participants and facilitators use."""
    for raw in part:
        demo = DemoWorkshop.model_validate(raw)
        ws = start_workshop(store, workspace_id, demo.activity, title=demo.title, held_on=demo.held_on)
        for person, name in enumerate(demo.participants):
            participant = _seat(store, ws, name, utcnow(), None)  # no join limiter: the demo is not a guess
            token = participant.token_hash
            for item_id, value in demo.answers_of(person).items():
                save_participant_answer(store, token, item_id, value)
        for item_id, agreed in demo.agreed.items():
            record_agreed_answer(store, workspace_id, ws.id, item_id, agreed.value, agreed.note)
        accept_suggested_answers(store, workspace_id, ws.id)
        set_results_visible(store, workspace_id, ws.id, True)
        close_workshop(store, workspace_id, ws.id)
