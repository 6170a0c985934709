"""The join repository: every query of join tries, facilitators' passes and presenter links.

The rules (which tries count, the limits, when a pass is given, what a presenter token looks like) live in
`core.workshop.access`, which reads and writes these tables only through this module.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import delete, distinct, func, update
from sqlmodel import select

from core.store.database import Store
from core.store.workshop_models import JoinAttempt, JoinPass, Workshop, WorkshopPresenter

# ---------------------------------------------------------------- join tries


def tries_in_window(
    store: Store, outcomes: Sequence[str], since: dt.datetime, *, session_key: str, address_key: str
) -> list[tuple[int, dt.datetime | None]]:
    """(count, oldest) of tries with these outcomes after `since`: the session's, the address's (if any), all."""
    counted = (JoinAttempt.outcome.in_(outcomes), JoinAttempt.attempted_at > since)
    scopes = [JoinAttempt.session_key == session_key]
    if address_key:
        scopes.append(JoinAttempt.address_key == address_key)
    found = []
    with store.read() as s:
        for condition in [*scopes, None]:
            query = select(func.count(), func.min(JoinAttempt.attempted_at)).where(*counted)
            if condition is not None:
                query = query.where(condition)
            count, oldest = s.exec(query).one()
            found.append((count, oldest))
    return found


def add_try(store: Store, attempt: JoinAttempt, *, forget_tries_before: dt.datetime, now: dt.datetime) -> str:
    """Write down one try, forgetting tries older than `forget_tries_before` and passes expired by `now`."""
    with store.write() as s:
        s.exec(delete(JoinAttempt).where(JoinAttempt.attempted_at < forget_tries_before))
        s.exec(delete(JoinPass).where(JoinPass.expires_at < now))
        s.add(attempt)
    return attempt.id


def forget_try(store: Store, attempt_id: str) -> None:
    """Delete one try."""
    with store.write() as s:
        s.exec(delete(JoinAttempt).where(JoinAttempt.id == attempt_id))


def set_try_outcome(store: Store, attempt_id: str, outcome: str, workshop_id: str | None) -> None:
    """Give one try its outcome and the workshop its code belongs to."""
    with store.write() as s:
        s.exec(update(JoinAttempt).where(JoinAttempt.id == attempt_id).values(outcome=outcome, workshop_id=workshop_id))


def _client_key_column():
    return func.coalesce(func.nullif(JoinAttempt.address_key, ""), JoinAttempt.session_key)


def tries_by_outcome(store: Store, workshop_id: str, since: dt.datetime) -> list[tuple[str, int, int]]:
    """(outcome, tries, distinct clients) of the workshop's tries after `since`, one row per outcome."""
    with store.read() as s:
        return list(
            s.exec(
                select(JoinAttempt.outcome, func.count(), func.count(distinct(_client_key_column())))
                .where(JoinAttempt.workshop_id == workshop_id, JoinAttempt.attempted_at > since)
                .group_by(JoinAttempt.outcome)
            ).all()
        )


def pass_held_clients(store: Store, workshop_id: str, since: dt.datetime, expires_at: dt.datetime) -> int:
    """A pass for each client held back with the workshop's code (held tries become "let_in"); returns how many."""
    with store.write() as s:
        keys = set(
            s.exec(
                select(_client_key_column()).where(
                    JoinAttempt.workshop_id == workshop_id,
                    JoinAttempt.outcome == "held",
                    JoinAttempt.attempted_at > since,
                )
            ).all()
        )
        for key in sorted(keys):
            s.add(JoinPass(workshop_id=workshop_id, client_key=key, expires_at=expires_at))
        s.exec(
            update(JoinAttempt)
            .where(JoinAttempt.workshop_id == workshop_id, JoinAttempt.outcome == "held")
            .values(outcome="let_in")
        )
    return len(keys)


def pass_exists(store: Store, workshop_id: str, client_keys: Sequence[str], now: dt.datetime) -> bool:
    """Whether any of these clients holds a pass for the workshop that has not expired by `now`."""
    with store.read() as s:
        found = s.exec(
            select(JoinPass.id).where(
                JoinPass.workshop_id == workshop_id, JoinPass.client_key.in_(client_keys), JoinPass.expires_at > now
            )
        ).first()
    return found is not None


# ---------------------------------------------------------------- presenter links


def replace_presenter(store: Store, workshop_id: str, token_hash: str) -> None:
    """The workshop's presenter link becomes this one (any before it is deleted), in one transaction."""
    with store.write() as s:
        s.exec(delete(WorkshopPresenter).where(WorkshopPresenter.workshop_id == workshop_id))
        s.add(WorkshopPresenter(workshop_id=workshop_id, token_hash=token_hash))


def delete_presenters(store: Store, workshop_id: str) -> None:
    """Delete the workshop's presenter links."""
    with store.write() as s:
        s.exec(delete(WorkshopPresenter).where(WorkshopPresenter.workshop_id == workshop_id))


def presenter_by_hash(store: Store, token_hash: str) -> tuple[WorkshopPresenter, Workshop] | None:
    """The presenter link with this token hash and its workshop, or None."""
    with store.read() as s:
        row = s.exec(
            select(WorkshopPresenter, Workshop)
            .join(Workshop, Workshop.id == WorkshopPresenter.workshop_id)
            .where(WorkshopPresenter.token_hash == token_hash)
        ).first()
    return None if row is None else (row[0], row[1])


def presenter_exists(store: Store, workshop_id: str) -> bool:
    """Whether the workshop has a presenter link."""
    with store.read() as s:
        found = s.exec(select(WorkshopPresenter.id).where(WorkshopPresenter.workshop_id == workshop_id)).first()
    return found is not None
