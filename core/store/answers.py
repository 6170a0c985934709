"""Saving and reading what a workspace has entered: free text, structured values, table rows.

- Text answers (`save_text`) keep every revision: saving never overwrites a
  previous version, and `restore_text_revision` brings one back as a new one.
- Value answers (`save_value`) hold a choice, number or checklist as JSON.
- Records (`add_record` ...) are the rows of a workspace's tables, by `kind`.

Every function takes the workspace id and touches only that workspace's rows.
Each write is one transaction.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import select

from core.store.database import Store
from core.store.models import Record, TextAnswer, TextRevision, ValueAnswer, utcnow
from core.text import clean_long_text

# ---------------------------------------------------------------- text answers


def get_text(store: Store, workspace_id: str, section: str, prompt: str) -> str:
    with store.read() as s:
        answer = s.exec(
            select(TextAnswer.text).where(
                TextAnswer.workspace_id == workspace_id, TextAnswer.section == section, TextAnswer.prompt == prompt
            )
        ).first()
    return answer or ""


def get_texts(store: Store, workspace_id: str, section: str) -> dict[str, str]:
    """Every current text answer of one section, by prompt id (one query)."""
    with store.read() as s:
        rows = s.exec(
            select(TextAnswer.prompt, TextAnswer.text).where(
                TextAnswer.workspace_id == workspace_id, TextAnswer.section == section
            )
        ).all()
    return {prompt: text for prompt, text in rows}


def save_text(store: Store, workspace_id: str, section: str, prompt: str, text: str, *, note: str = "") -> int:
    """Save a new version of an answer and return its revision number.

    The text is cleaned (control characters removed) and bounded (`TextTooLong`
    if over the limit, nothing saved). Saving the same text again writes
    nothing and returns the current revision.
    """
    text = clean_long_text(text)
    with store.write() as s:
        answer = s.exec(
            select(TextAnswer).where(
                TextAnswer.workspace_id == workspace_id, TextAnswer.section == section, TextAnswer.prompt == prompt
            )
        ).first()
        if answer is None:
            answer = TextAnswer(workspace_id=workspace_id, section=section, prompt=prompt)
            s.add(answer)
            s.flush()
        elif answer.text == text:
            return answer.revision
        answer.revision += 1
        answer.text = text
        answer.updated_at = utcnow()
        s.add(
            TextRevision(workspace_id=workspace_id, answer_id=answer.id, revision=answer.revision, text=text, note=note)
        )
        return answer.revision


def text_revisions(store: Store, workspace_id: str, section: str, prompt: str) -> list[TextRevision]:
    """Every saved version of an answer, newest first."""
    with store.read() as s:
        return list(
            s.exec(
                select(TextRevision)
                .join(TextAnswer, TextAnswer.id == TextRevision.answer_id)
                .where(
                    TextAnswer.workspace_id == workspace_id,
                    TextAnswer.section == section,
                    TextAnswer.prompt == prompt,
                )
                .order_by(TextRevision.revision.desc())
            ).all()
        )


def restore_text_revision(store: Store, workspace_id: str, section: str, prompt: str, revision: int) -> int:
    """Make an earlier version current again, as a new revision (nothing is deleted)."""
    for rev in text_revisions(store, workspace_id, section, prompt):
        if rev.revision == revision:
            return save_text(store, workspace_id, section, prompt, rev.text, note=f"restored revision {revision}")
    raise KeyError(f"No revision {revision} of this answer.")


# ---------------------------------------------------------------- value answers


def get_values(store: Store, workspace_id: str, section: str) -> dict[str, Any]:
    """Every value answer of one section, by key (one query)."""
    with store.read() as s:
        rows = s.exec(
            select(ValueAnswer.key, ValueAnswer.value).where(
                ValueAnswer.workspace_id == workspace_id, ValueAnswer.section == section
            )
        ).all()
    return {key: value for key, value in rows}


def get_value(store: Store, workspace_id: str, section: str, key: str, default: Any = None) -> Any:
    return get_values(store, workspace_id, section).get(key, default)


def save_value(store: Store, workspace_id: str, section: str, key: str, value: Any) -> None:
    """Insert or replace one value answer in a single statement (safe under concurrent writers)."""
    values = {
        "id": ValueAnswer.model_fields["id"].default_factory(),
        "workspace_id": workspace_id,
        "section": section,
        "key": key,
        "value": value,
        "updated_at": utcnow(),
    }
    dialect = postgresql if store.dialect == "postgresql" else sqlite
    stmt = dialect.insert(ValueAnswer.__table__).values(**values)
    stmt = stmt.on_conflict_do_update(
        index_elements=["workspace_id", "section", "key"],
        set_={"value": stmt.excluded.value, "updated_at": stmt.excluded.updated_at},
    )
    with store.write() as s:
        s.exec(stmt)


def delete_value(store: Store, workspace_id: str, section: str, key: str) -> None:
    with store.write() as s:
        row = s.exec(
            select(ValueAnswer).where(
                ValueAnswer.workspace_id == workspace_id, ValueAnswer.section == section, ValueAnswer.key == key
            )
        ).first()
        if row is not None:
            s.delete(row)


# ---------------------------------------------------------------- records


def list_records(store: Store, workspace_id: str, kind: str) -> list[Record]:
    """The rows of one of the workspace's tables, in the order people gave them."""
    with store.read() as s:
        return list(
            s.exec(
                select(Record)
                .where(Record.workspace_id == workspace_id, Record.kind == kind)
                .order_by(Record.position, Record.created_at)
            ).all()
        )


def add_record(store: Store, workspace_id: str, kind: str, data: dict) -> Record:
    """Append a row at the end of the table."""
    with store.write() as s:
        last = s.exec(
            select(func.max(Record.position)).where(Record.workspace_id == workspace_id, Record.kind == kind)
        ).one()
        record = Record(workspace_id=workspace_id, kind=kind, data=data, position=(last or 0) + 1)
        s.add(record)
        return record


def update_record(store: Store, workspace_id: str, record_id: str, data: dict) -> Record:
    with store.write() as s:
        record = _owned_record(s, workspace_id, record_id)
        record.data = data
        record.updated_at = utcnow()
        s.add(record)
        return record


def delete_record(store: Store, workspace_id: str, record_id: str) -> None:
    with store.write() as s:
        s.delete(_owned_record(s, workspace_id, record_id))


def move_record(store: Store, workspace_id: str, record_id: str, offset: int) -> None:
    """Move a row up (offset < 0) or down (offset > 0) among its table's rows."""
    with store.write() as s:
        record = _owned_record(s, workspace_id, record_id)
        rows = list(
            s.exec(
                select(Record)
                .where(Record.workspace_id == workspace_id, Record.kind == record.kind)
                .order_by(Record.position, Record.created_at)
            ).all()
        )
        index = [r.id for r in rows].index(record_id)
        target = max(0, min(len(rows) - 1, index + offset))
        rows.insert(target, rows.pop(index))
        for position, row in enumerate(rows, start=1):
            row.position = position
            s.add(row)


def _owned_record(session, workspace_id: str, record_id: str) -> Record:
    record = session.get(Record, record_id)
    if record is None or record.workspace_id != workspace_id:
        raise KeyError("That row no longer exists; it may have been deleted in another tab.")
    return record


# ---------------------------------------------------------------- progress


def sections_with_content(store: Store, workspace_id: str) -> set[str]:
    """Names of every section (text, value) and record kind holding something non-empty."""
    with store.read() as s:
        texts = s.exec(
            select(TextAnswer.section).where(TextAnswer.workspace_id == workspace_id, TextAnswer.text != "").distinct()
        ).all()
        values = s.exec(select(ValueAnswer.section).where(ValueAnswer.workspace_id == workspace_id).distinct()).all()
        kinds = s.exec(select(Record.kind).where(Record.workspace_id == workspace_id).distinct()).all()
    return set(texts) | set(values) | set(kinds)
