"""Saving and reading what a workspace has entered: free text, structured values, table rows.

- Text answers (`save_text`) keep every revision: saving never overwrites a
  previous version, and `restore_text_revision` brings one back as a new one.
- Value answers (`save_value`) hold a choice, number or checklist as JSON.
- Records (`add_record` ...) are the rows of a workspace's tables, by `kind`.

Every function takes the workspace id and touches only that workspace's rows.
Each write is one transaction.

No lost updates: a text answer knows its revision and a record its version. A save that says
which one it started from (`expected_revision`, `expected_version`, `expected_versions(...)`)
is refused with `StaleEdit` if another window saved in between, and nothing is written; the
check and the write are one transaction. `apply_table` saves a whole table's edits at once.

Inside `with read_snapshot(store, workspace_id):` (app.py wraps each page run in
one) the readers below answer from one read of each of the three tables
instead of one query per call; a page that reads forty sections costs three
queries. A write through the store ends the snapshot's data: the next read
loads it again, so a page always sees what it has just saved.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, func, literal, or_, union, union_all
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import select

from core.errors import NotFound, UserError
from core.store import parts
from core.store.database import Store
from core.store.models import (
    Record,
    TextAnswer,
    TextRevision,
    ValueAnswer,
    WorkspacePartVersion,
    WorkspaceVersion,
    utcnow,
)
from core.text import clean_long_text


class StaleEdit(UserError):
    """Another window saved this since the one saving drew it; nothing was saved. For people."""

    def __init__(self, what: str = "This"):
        super().__init__(
            f"{what} was changed in another window since this page showed it; reload to see it. "
            "Nothing was saved here, and nothing was lost: what you entered is still on this page."
        )


# ---------------------------------------------------------------- read snapshot


class _Snapshot:
    """The workspace's text answers, values and records, each table read once when first needed."""

    def __init__(self, store: Store, workspace_id: str):
        self.store = store
        self.workspace_id = workspace_id
        self._tables: dict[str, Any] = {}
        self._writes = store.writes

    def covers(self, store: Store, workspace_id: str) -> bool:
        return store is self.store and workspace_id == self.workspace_id

    def _drop_if_saved_since(self) -> None:
        if self.store.writes != self._writes:  # something was saved since: read again
            self._tables.clear()
            self._writes = self.store.writes

    def _table(self, name: str, load) -> Any:
        parts.read_whole()  # the readers below say which part they read (core.store.parts)
        self._drop_if_saved_since()
        if name not in self._tables:
            self._tables[name] = load()
        return self._tables[name]

    def _load_texts(self) -> None:
        by_section: dict[str, dict[str, str]] = {}
        revisions: dict[tuple[str, str], int] = {}
        with self.store.read() as s:
            rows = s.exec(
                select(TextAnswer.section, TextAnswer.prompt, TextAnswer.text, TextAnswer.revision).where(
                    TextAnswer.workspace_id == self.workspace_id
                )
            ).all()
        for section, prompt, text, revision in rows:
            by_section.setdefault(section, {})[prompt] = text
            revisions[(section, prompt)] = revision
        self._tables["texts"], self._tables["text_revisions"] = by_section, revisions

    def texts(self) -> dict[str, dict[str, str]]:
        parts.read_whole()
        self._drop_if_saved_since()
        if "texts" not in self._tables:
            self._load_texts()
        return self._tables["texts"]

    def text_revisions(self) -> dict[tuple[str, str], int]:
        """The revision of each text answer read with `texts()` (section, prompt) -> revision."""
        parts.read_whole()
        self._drop_if_saved_since()
        if "texts" not in self._tables:
            self._load_texts()
        return self._tables["text_revisions"]

    def values(self) -> dict[str, dict[str, Any]]:
        def load():
            by_section: dict[str, dict[str, Any]] = {}
            with self.store.read() as s:
                rows = s.exec(
                    select(ValueAnswer.section, ValueAnswer.key, ValueAnswer.value).where(
                        ValueAnswer.workspace_id == self.workspace_id
                    )
                ).all()
            for section, key, value in rows:
                by_section.setdefault(section, {})[key] = value
            return by_section

        return self._table("values", load)

    def records(self, kind: str | None) -> list[Record]:
        """One kind's rows: a query for that kind while few kinds are asked for; past
        `_FEW_KINDS`, or with kind None, one query for every row of the workspace."""
        by_kind = self._table("records", dict)
        if by_kind.get(_ALL_KINDS) or (kind is not None and kind in by_kind):
            return by_kind.get(kind, [])
        everything = kind is None or len(by_kind) >= _FEW_KINDS
        query = select(Record).where(Record.workspace_id == self.workspace_id)
        if not everything:
            query = query.where(Record.kind == kind)
        with self.store.read() as s:
            rows = s.exec(query.order_by(Record.position, Record.created_at)).all()
        if everything:
            by_kind.clear()
            by_kind[_ALL_KINDS] = True
        else:
            by_kind[kind] = []
        for record in rows:
            by_kind.setdefault(record.kind, []).append(record)
        return by_kind.get(kind, [])

    def version(self) -> str:
        """The data's stamp (core.store.versioned), never newer than the snapshot's data: data read
        before the stamp is dropped and read again after it, so nothing older is kept under it."""
        return self.part_versions()[parts.ALL]

    def part_versions(self) -> dict[str, str]:
        """The stamps of the workspace and of each of its parts (`read_part_versions`), read before
        the snapshot's data as `version()` is."""
        self._drop_if_saved_since()
        if "part_versions" not in self._tables:
            self._tables.clear()
            self._tables["part_versions"] = read_part_versions(self.store, self.workspace_id)
        return self._tables["part_versions"]

    def holds_everything(self) -> bool:
        """Whether texts, values and every record are loaded (`prefetch`), so reading them costs no query."""
        self._drop_if_saved_since()
        return "texts" in self._tables and "values" in self._tables and self._tables.get("records", {}).get(_ALL_KINDS)

    def record_kinds(self) -> set[str]:
        if self.holds_everything():  # the kinds of the rows already read
            return {kind for kind, rows in self._table("records", dict).items() if kind != _ALL_KINDS and rows}

        def load():
            with self.store.read() as s:
                return set(s.exec(select(Record.kind).where(Record.workspace_id == self.workspace_id).distinct()))

        return self._table("record_kinds", load)


_FEW_KINDS = 4
_ALL_KINDS = "\0all"  # marker key: every kind of the workspace is loaded

_snapshot: ContextVar[_Snapshot | None] = ContextVar("answers_read_snapshot", default=None)


@contextmanager
def read_snapshot(store: Store, workspace_id: str) -> Iterator[None]:
    """Serve this thread's reads of one workspace's answers and records from one read per table.

    Reads of other workspaces, and reads on other threads (other browser
    sessions), go to the database as usual.
    """
    reset = _snapshot.set(_Snapshot(store, workspace_id))
    try:
        yield
    finally:
        _snapshot.reset(reset)


def prefetch(store: Store, workspace_id: str) -> None:
    """Within a snapshot, read every record of the workspace now in one query: for callers about
    to read many kinds (Home's progress, the Downloads previews). Does nothing outside one."""
    if snap := active_snapshot(store, workspace_id):
        with parts.reading():  # returns nothing: what is read from it is counted by its readers
            snap.records(None)
            snap.texts()
            snap.values()


def read_version(store: Store, workspace_id: str) -> str:
    """The stamp of the workspace's data, from the database ("" before anything was ever changed)."""
    with store.read() as s:
        found = s.exec(select(WorkspaceVersion.version).where(WorkspaceVersion.workspace_id == workspace_id)).first()
    return found or ""


def read_part_versions(store: Store, workspace_id: str) -> dict[str, str]:
    """The stamp of the whole workspace's data (under `parts.ALL`) and of each part that ever held a row
    (migration k16_part_versions); a part missing here has never held anything. One query."""
    whole = select(literal(parts.ALL).label("part"), WorkspaceVersion.version).where(
        WorkspaceVersion.workspace_id == workspace_id
    )
    each = select(WorkspacePartVersion.part, WorkspacePartVersion.version).where(
        WorkspacePartVersion.workspace_id == workspace_id
    )
    with store.read() as s:
        rows = s.exec(union_all(whole, each)).all()
    stamps = {parts.ALL: ""} | {part: version for part, version in rows}
    # Which parts exist: what reads "every part" depends on (a part's first row adds one).
    stamps[parts.PART_LIST] = ",".join(sorted(stamps))
    return stamps


def active_snapshot(store: Store, workspace_id: str) -> _Snapshot | None:
    """The snapshot serving this thread's reads of the workspace, if one is open."""
    snap = _snapshot.get()
    return snap if snap is not None and snap.covers(store, workspace_id) else None


def _reads(part_for: Callable[..., str | Sequence[str]]):
    """A reader that reads only the part(s) `part_for(*args after store and workspace)` names
    (core.store.parts): kept results that used it are computed again only when those change."""

    def wrap(fn):
        @functools.wraps(fn)
        def reader(store: Store, workspace_id: str, *args, **kwargs):
            named = part_for(*args, **kwargs)
            with parts.reading(*([named] if isinstance(named, str) else named)):
                return fn(store, workspace_id, *args, **kwargs)

        return reader

    return wrap


# ---------------------------------------------------------------- text answers


@_reads(lambda section, prompt: parts.part_of(section))
def get_text(store: Store, workspace_id: str, section: str, prompt: str) -> str:
    if snap := active_snapshot(store, workspace_id):
        return snap.texts().get(section, {}).get(prompt, "")
    with store.read() as s:
        answer = s.exec(
            select(TextAnswer.text).where(
                TextAnswer.workspace_id == workspace_id, TextAnswer.section == section, TextAnswer.prompt == prompt
            )
        ).first()
    return answer or ""


@_reads(lambda section, prompt: parts.part_of(section))
def get_text_revision(store: Store, workspace_id: str, section: str, prompt: str) -> int:
    """The revision number of an answer's current text (0: never saved); from the snapshot if one is open,
    so it is the revision of the text the page read."""
    if snap := active_snapshot(store, workspace_id):
        return snap.text_revisions().get((section, prompt), 0)
    with store.read() as s:
        found = s.exec(
            select(TextAnswer.revision).where(
                TextAnswer.workspace_id == workspace_id, TextAnswer.section == section, TextAnswer.prompt == prompt
            )
        ).first()
    return found or 0


@_reads(lambda section: parts.part_of(section))
def get_texts(store: Store, workspace_id: str, section: str) -> dict[str, str]:
    """Every current text answer of one section, by prompt id (one query)."""
    if snap := active_snapshot(store, workspace_id):
        return dict(snap.texts().get(section, {}))
    with store.read() as s:
        rows = s.exec(
            select(TextAnswer.prompt, TextAnswer.text).where(
                TextAnswer.workspace_id == workspace_id, TextAnswer.section == section
            )
        ).all()
    return {prompt: text for prompt, text in rows}


@_reads(lambda prefix: parts.part_of_prefix(prefix))
def get_texts_under(store: Store, workspace_id: str, prefix: str) -> dict[str, dict[str, str]]:
    """Every current text answer of the sections whose name starts with `prefix`, by section then
    prompt (one query)."""
    if snap := active_snapshot(store, workspace_id):
        return {k: dict(v) for k, v in snap.texts().items() if k.startswith(prefix)}
    with store.read() as s:
        rows = s.exec(
            select(TextAnswer.section, TextAnswer.prompt, TextAnswer.text).where(
                TextAnswer.workspace_id == workspace_id, TextAnswer.section.startswith(prefix, autoescape=True)
            )
        ).all()
    texts: dict[str, dict[str, str]] = {}
    for section, prompt, text in rows:
        texts.setdefault(section, {})[prompt] = text
    return texts


def save_text(
    store: Store,
    workspace_id: str,
    section: str,
    prompt: str,
    text: str,
    *,
    note: str = "",
    expected_revision: int | None = None,
) -> int:
    """Save a new version of an answer and return its revision number.

    The text is cleaned (control characters removed) and bounded (`TextTooLong`
    if over the limit, nothing saved). Saving the same text again writes
    nothing and returns the current revision. With `expected_revision` (the
    revision the person's page showed), a newer revision saved from another
    window in between refuses the save with `StaleEdit`.
    """
    text = clean_long_text(text)
    with store.write() as s:
        answer = s.exec(
            select(TextAnswer)
            .where(TextAnswer.workspace_id == workspace_id, TextAnswer.section == section, TextAnswer.prompt == prompt)
            .with_for_update()
        ).first()
        current = answer.revision if answer is not None else 0
        if expected_revision is not None and current != expected_revision and (answer is None or answer.text != text):
            raise StaleEdit("This answer")
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


@_reads(lambda section: parts.part_of(section))
def get_values(store: Store, workspace_id: str, section: str) -> dict[str, Any]:
    """Every value answer of one section, by key (one query)."""
    if snap := active_snapshot(store, workspace_id):
        return dict(snap.values().get(section, {}))
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


@_reads(lambda kind: parts.part_of(kind))
def list_records(store: Store, workspace_id: str, kind: str) -> list[Record]:
    """The rows of one of the workspace's tables, in the order people gave them."""
    if snap := active_snapshot(store, workspace_id):
        return list(snap.records(kind))
    with store.read() as s:
        return list(
            s.exec(
                select(Record)
                .where(Record.workspace_id == workspace_id, Record.kind == kind)
                .order_by(Record.position, Record.created_at)
            ).all()
        )


@_reads(lambda kinds: [parts.part_of(k) for k in kinds])
def list_records_of_kinds(store: Store, workspace_id: str, kinds: list[str]) -> dict[str, list[Record]]:
    """The rows of several of the workspace's tables by kind, each in table order (one query)."""
    if snap := active_snapshot(store, workspace_id):
        if len(kinds) > 1:
            snap.records(None)
        return {kind: list(snap.records(kind)) for kind in kinds}
    with store.read() as s:
        rows = s.exec(
            select(Record)
            .where(Record.workspace_id == workspace_id, Record.kind.in_(kinds))
            .order_by(Record.position, Record.created_at)
        ).all()
    result: dict[str, list[Record]] = {kind: [] for kind in kinds}
    for record in rows:
        result[record.kind].append(record)
    return result


def add_record(store: Store, workspace_id: str, kind: str, data: dict) -> Record:
    """Append a row at the end of the table."""
    with store.write() as s:
        last = s.exec(
            select(func.max(Record.position)).where(Record.workspace_id == workspace_id, Record.kind == kind)
        ).one()
        record = Record(workspace_id=workspace_id, kind=kind, data=data, position=(last or 0) + 1)
        s.add(record)
        return record


_expected: ContextVar[Mapping[str, int] | None] = ContextVar("expected_record_versions", default=None)


@contextmanager
def expected_versions(versions: Mapping[str, int]) -> Iterator[None]:
    """Within the block, `update_record`, `modify_record` and `delete_record` of these record ids refuse
    (StaleEdit) unless the record still has this version: for table editors whose rows are saved by
    page-specific functions, which then need not pass the version themselves."""
    reset = _expected.set(versions)
    try:
        yield
    finally:
        _expected.reset(reset)


def _check_version(record: Record, expected_version: int | None) -> None:
    if expected_version is None:
        expected_version = (_expected.get() or {}).get(record.id)
    if expected_version is not None and record.version != expected_version:
        raise StaleEdit("This row")


def record_versions(store: Store, workspace_id: str, record_ids: Sequence[str]) -> dict[str, int]:
    """The version of each record as the page read it (from the snapshot when it holds them)."""
    wanted = {r for r in record_ids if r}
    found: dict[str, int] = {}
    if snap := active_snapshot(store, workspace_id):
        for rows in snap._table("records", dict).values():
            if isinstance(rows, list):
                found.update({r.id: r.version for r in rows if r.id in wanted})
    missing = wanted - set(found)
    if missing:
        with store.read() as s:
            rows = s.exec(
                select(Record.id, Record.version).where(Record.workspace_id == workspace_id, Record.id.in_(missing))
            ).all()
        found.update(dict(rows))
    return found


def update_record(
    store: Store, workspace_id: str, record_id: str, data: dict, *, expected_version: int | None = None
) -> Record:
    """Replace a record's data (its version goes up); `expected_version`: refuse if it changed since."""
    with store.write() as s:
        record = _owned_record(s, workspace_id, record_id, for_update=True)
        _check_version(record, expected_version)
        record.data = data
        record.version += 1
        record.updated_at = utcnow()
        s.add(record)
        return record


def modify_record(
    store: Store,
    workspace_id: str,
    record_id: str,
    change: Callable[[dict], dict],
    *,
    expected_version: int | None = None,
) -> Record:
    """Read a record, `change(data)` into its new data and write it, in one transaction (the row is
    locked meanwhile), so that two windows changing different parts of it both keep their change."""
    with store.write() as s:
        record = _owned_record(s, workspace_id, record_id, for_update=True)
        _check_version(record, expected_version)
        record.data = change(dict(record.data))
        record.version += 1
        record.updated_at = utcnow()
        s.add(record)
        return record


def delete_record(store: Store, workspace_id: str, record_id: str, *, expected_version: int | None = None) -> None:
    with store.write() as s:
        record = _owned_record(s, workspace_id, record_id, for_update=True)
        _check_version(record, expected_version)
        s.delete(record)


@dataclass(frozen=True)
class TableRow:
    """One row of a table being saved: its record id (None: a new row), its data, the version the
    page showed, and whether the person changed it (an unchanged row is left as the store has it)."""

    record_id: str | None
    data: dict
    version: int | None = None
    changed: bool = True


def apply_table(
    store: Store,
    workspace_id: str,
    kind: str,
    rows: Sequence[TableRow],
    deleted: Sequence[tuple[str, int | None]] | None,
) -> None:
    """Save a table's edits in one transaction, or nothing (StaleEdit) if another window got there first.

    Changed rows are written if their record still has the version shown; new rows are appended;
    `deleted` (record id, version shown) are deleted if unchanged since. A row another window added
    is kept; a row another window deleted stays deleted. With `deleted=None` the rows are the whole
    table: records not among them are deleted (for callers stating the table, not a person's edits).
    """
    with store.write() as s:
        existing = {
            r.id: r
            for r in s.exec(
                select(Record).where(Record.workspace_id == workspace_id, Record.kind == kind).with_for_update()
            )
        }
        last = max((r.position for r in existing.values()), default=0)
        kept: set[str] = set()
        for row in rows:
            record = existing.get(row.record_id) if row.record_id else None
            if row.record_id and record is None:
                if row.changed:
                    raise StaleEdit("A row you changed")
                continue  # deleted in another window, untouched here: it stays deleted
            if record is None:
                last += 1
                s.add(Record(workspace_id=workspace_id, kind=kind, data=row.data, position=last))
                continue
            kept.add(record.id)
            if not row.changed or record.data == row.data:
                continue
            if row.version is not None and record.version != row.version:
                raise StaleEdit("A row you changed")
            record.data, record.version, record.updated_at = row.data, record.version + 1, utcnow()
            s.add(record)
        if deleted is None:
            doomed = [r for rid, r in existing.items() if rid not in kept]
        else:
            doomed = []
            for record_id, version in deleted:
                record = existing.get(record_id)
                if record is None or record_id in kept:
                    continue
                if version is not None and record.version != version:
                    raise StaleEdit("A row you deleted")
                doomed.append(record)
        for record in doomed:
            s.delete(record)


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


def _owned_record(session, workspace_id: str, record_id: str, *, for_update: bool = False) -> Record:
    record = session.get(Record, record_id, with_for_update=for_update)
    if record is None or record.workspace_id != workspace_id:
        raise NotFound("That row no longer exists; it may have been deleted in another tab.")
    return record


# ---------------------------------------------------------------- progress


def _of_part(column):
    """`column` names a section or kind of the part `:part` (`basics`, `basics.notes`...; not `basics_x`)."""
    return or_(column == bindparam("part"), func.substr(column, 1, bindparam("length")) == bindparam("dotted"))


# Built once: a Home run after a change asks it for the steps that read the changed part.
_PART_SECTIONS = union(
    select(TextAnswer.section).where(
        TextAnswer.workspace_id == bindparam("workspace_id"), TextAnswer.text != "", _of_part(TextAnswer.section)
    ),
    select(ValueAnswer.section).where(
        ValueAnswer.workspace_id == bindparam("workspace_id"), _of_part(ValueAnswer.section)
    ),
    select(Record.kind).where(Record.workspace_id == bindparam("workspace_id"), _of_part(Record.kind)),
)


def sections_with_content(store: Store, workspace_id: str, part: str | None = None) -> set[str]:
    """Names of every section (text, value) and record kind holding something non-empty; with `part`,
    only those of that part (core.store.parts: `basics` gives `basics`, `basics.notes`...)."""
    if part is not None:
        snap = active_snapshot(store, workspace_id)
        if snap is not None and snap.holds_everything():  # prefetched (a first visit): no query
            with parts.reading(part):
                return {name for name in sections_with_content(store, workspace_id) if parts.part_of(name) == part}
        # else one small query of one part rather than the snapshot's whole tables
        params = {"workspace_id": workspace_id, "part": part, "length": len(part) + 1, "dotted": part + "."}
        with parts.reading(part), store.read() as s:
            return set(s.exec(_PART_SECTIONS, params=params).scalars().all())
    if snap := active_snapshot(store, workspace_id):
        texts = {section for section, answers in snap.texts().items() if any(answers.values())}
        return texts | set(snap.values()) | snap.record_kinds()
    with store.read() as s:
        texts = s.exec(
            select(TextAnswer.section).where(TextAnswer.workspace_id == workspace_id, TextAnswer.text != "").distinct()
        ).all()
        values = s.exec(select(ValueAnswer.section).where(ValueAnswer.workspace_id == workspace_id).distinct()).all()
        kinds = s.exec(select(Record.kind).where(Record.workspace_id == workspace_id).distinct()).all()
    return set(texts) | set(values) | set(kinds)
