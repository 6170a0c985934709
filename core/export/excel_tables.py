"""The Excel export's table sheets, made readable: one sheet per table (and per kind of table row), with human
column names, numbers as numbers, dates as dates, and no internal ids, timestamps or JSON.

Generic, so a step that adds a table appears without a change here: it walks the rows a backup holds
(`core.export.backup.workspace_rows`) and applies a few rules.
- Internal columns (ids, the workspace id, timestamps, hashes, positions, revision counters) are left out.
- A column that points at another row (a round, a respondent, a partner's key, a readiness item) shows that
  row's name; a column of ids that name nothing is left out.
- A list of rows inside a row (the lines of a payment arrangement, the roles of a care program scenario) gets
  its own sheet, each row naming the row it belongs to; a mapping of rows (a scenario's settings per service)
  likewise. A list of words becomes one cell ("housing, medical"). Nested settings become columns.
- Text that holds a number as the store keeps money ("48000.00") becomes a number; an ISO date a date;
  a choice's id ("meeting_set") words ("Meeting set"); yes/no stays yes/no.
Never writes the store.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from core import registrations
from core.hrh import readiness
from core.steps import steps

DROPPED = {"id", "key", "workspace_id", "position", "revision", "version", "token_hash", "name_key", "passphrase_hash"}
DROPPED_SUFFIXES = ("_at", "_hash")
NAME_FIELDS = ("name", "label", "title", "display_name", "role", "measure", "item")
# Free text a person typed: never turned into words or numbers, whatever it looks like.
FREE_TEXT = {"name", "title", "text", "notes", "note", "contact", "detail", "learned", "purpose", "code", "label"}
_ID = re.compile(r"^(?:[0-9a-f]{32}|s[0-9a-f]{10})$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_NUMBER = re.compile(r"^-?(?:0|[1-9]\d*)(?:\.\d+)?$")  # "48000.00", "59"; never "007"
_TIME = re.compile(r"^(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d)?$")
_CHOICE = re.compile(r"^[a-z][a-z0-9_]*$")
HEADER_WORDS = {"pct": "(%)", "pmpm": "per member per month", "fte": "FTE", "ed": "ED", "id": "", "ffs": "FFS"}
HEADER_WORDS |= {"mco": "MCO", "hep": "hepatitis", "ab": "A/B", "pcp": "PCP", "hiv": "HIV", "fqhc": "FQHC"}
HEADER_WORDS |= {"ehr": "EHR", "roi": "ROI", "ssp": "SSP", "hcv": "HCV"}

# Sheet names for the tables and kinds of table rows the workbook has today (31 characters at most);
# anything else gets its step's title and its own name in words.
TITLES = {
    "readiness_round": "Readiness rounds",
    "readiness_respondent": "Readiness respondents",
    "readiness_answer": "Readiness answers",
    "workshop": "Workshops",
    "workshop_participant": "Workshop participants",
    "text_answer": "Written answers",
    "text_revision": "Earlier versions of answers",
    "value_answer": "Choices and figures",
    "service_row": "Services (Step 3)",
    "financing_adventure.scenario": "Billing scenarios",
    "payment_arrangements.scenario": "Payment arrangement scenarios",
    "partners.partner": "Partners",
    "what_it_takes.conversation": "Conversations (Step 4)",
    "financing_adventure.scenario/services": "Billing scenario services",
    "payment_arrangements.scenario/fee_for_service.lines": "Arrangements - services billed",
    "payment_arrangements.scenario/pay_for_performance.measures": "Arrangements - bonus measures",
    "payment_arrangements.scenario/bundled_payment.startup_costs": "Arrangements - start-up costs",
    "advocate.link": "Advocacy links",
    "advocate.program": "Advocacy - programs",
    "advocate.seat": "Advocacy - seats at the table",
    "agenda.meeting": "Meetings (agenda)",
    "care_model_fit.needs_grid": "Care model - needs",
    "care_model_fit.team_role": "Care model - team roles",
    "change_concept_5.engagement": "Staff engagement",
    "change_concept_5.inventory": "Trauma-informed inventory",
    "change_concept_5.measure": "Outcome measures",
    "change_concept_5.outcome": "Outcomes by period",
    "change_concept_5.resource": "Resources",
    "chronic_care_financing.coverage": "Billing code coverage",
    "first_five.task": "First five - tasks",
    "one_twenty_five.caseload": "Caseload by month",
    "one_twenty_five.huddle_item": "Huddle items",
    "one_twenty_five.measure_month": "Process measures by month",
    "one_twenty_five.staff": "Care team staff",
    "twenty_five.intervention": "Interventions tried",
    "twenty_five.role": "Care team roles (25)",
}
OWNER_HEADER = "Belongs to"  # the column of a nested row's sheet naming the row it belongs to
SKIPPED_VALUES = {("value_answer", "value_proposition.draft_meta")}  # bookkeeping of the draft, not an answer


@dataclass
class Table:
    """One sheet to write: its title, what it holds, headers and rows of plain cell values."""

    title: str
    what: str
    headers: list[str]
    rows: list[list[Any]]
    children: list[Table] = field(default_factory=list)


def words(name: str) -> str:
    """A column or choice id in words: "services_per_month" -> "Services per month", "volume_swing_pct" ->
    "Volume swing (%)"."""
    parts = [HEADER_WORDS.get(p, p) for p in re.split(r"[_\s]+", name.strip("_")) if p]
    text = " ".join(p for p in parts if p)
    return (text[:1].upper() + text[1:]) if text else name


def header(path: str) -> str:
    """A dotted column path in words: "payer_mix.medicaid_mco" -> "Payer mix: Medicaid MCO"."""
    pieces = [words(p) for p in path.split(".")]
    return ": ".join(pieces)


def _step_titles() -> dict[str, str]:
    return {s.id: s.label for s in steps()}


def _piece(piece: str, labels: dict[str, str]) -> str:
    """One part of a section or prompt id in words; an id names what it points at."""
    return labels[piece] if _ID.match(piece) and piece in labels else words(piece)


def section_words(section: str, step_titles: dict[str, str], labels: dict[str, str]) -> tuple[str, str]:
    """("Step 4: What it takes", "Care team") for "what_it_takes.care_team"; ids name what they point at."""
    step_id, *rest = section.split(".")
    part = ": ".join(_piece(p, labels) for p in rest)
    return step_titles.get(step_id, words(step_id)), part


def prompt_words(prompt: str, labels: dict[str, str]) -> str:
    """A prompt id in words: the readiness item's text, or "<conversation>: went wrong" for an id-prefixed one."""
    if prompt in labels and not _ID.match(prompt):
        return labels[prompt]
    return ": ".join(_piece(p, labels) for p in prompt.split("."))


def id_labels(tables: dict[str, list[dict]]) -> dict[str, str]:
    """Every id or key a row can point at, with the name people know it by."""
    labels: dict[str, str] = {}
    for name, rows in tables.items():
        for row in rows:
            data = row.get("data") if name == "record" else row
            data = data if isinstance(data, dict) else {}
            label = next((str(data[f]) for f in NAME_FIELDS if isinstance(data.get(f), str) and data[f]), "")
            if not label and name == "record":  # e.g. a conversation: "Care team, 2025-03-04"
                short = [v for v in data.values() if isinstance(v, str) and v and len(v) <= 40 and not _ID.match(v)]
                label = ", ".join(words(v) if _CHOICE.match(v) else v for v in short[:2])
            if label:
                labels[str(row["id"])] = label
                if isinstance(data.get("key"), str):
                    labels[data["key"]] = label
            if name == "text_answer":
                labels[f"answer:{row['id']}"] = f"{row['section']} / {row['prompt']}"
    for d in readiness.domains():
        for item in d.items:
            labels[item.id] = item.text
    return labels


def plain(value: Any, column: str = "") -> Any:
    """A stored value as a readable cell value (see the module docstring); lists of words joined."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(str(plain(v)) for v in value if v is not None and v != "")
    if not isinstance(value, str) or column.rsplit(".", 1)[-1] in FREE_TEXT:
        return value
    if _DATE.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    if _TIME.match(value):
        return dt.time.fromisoformat(value)
    if _NUMBER.match(value):
        return Decimal(value)
    return value


def column_values(values: list[Any], column: str) -> list[Any]:
    """A column's cells: each value made plain; a column of choice ids ("meeting_set", "fqhc") in words."""
    cells = [plain(v, column) for v in values]
    texts = [c for c in cells if isinstance(c, str) and c]
    if texts and column.rsplit(".", 1)[-1] not in FREE_TEXT and all(_CHOICE.match(t) for t in texts):
        return [words(c) if isinstance(c, str) and c else c for c in cells]
    return cells


def _flat(data: dict, prefix: str, children: dict[str, list[tuple[str, dict]]], owner: str) -> dict[str, Any]:
    """Columns of one row; rows nested inside it go to `children` (path -> [(owner, row)])."""
    flat: dict[str, Any] = {}
    for key, value in data.items():
        path = f"{prefix}.{key}" if prefix else str(key)
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            children.setdefault(path, []).extend((owner, v) for v in value)
        elif isinstance(value, dict) and value and all(isinstance(v, dict) for v in value.values()):
            children.setdefault(path, []).extend((owner, {"_key": k, **v}) for k, v in value.items())
        elif isinstance(value, dict):
            flat.update(_flat(value, path, children, owner))
        else:
            flat[path] = value
    return flat


def _dropped(column: str) -> bool:
    last = column.rsplit(".", 1)[-1]
    return last in DROPPED or last.endswith(DROPPED_SUFFIXES)


def build_table(title: str, what: str, rows: list[dict], labels: dict[str, str], *, kind: str = "") -> Table:
    """A sheet from plain dict rows: internal columns out, references named, nested rows as child tables."""
    children: dict[str, list[tuple[str, dict]]] = {}
    flat_rows = []
    for row in rows:
        owner = next((str(row[f]) for f in NAME_FIELDS if isinstance(row.get(f), str) and row[f]), title)
        flat_rows.append(_flat(row, "", children, owner))
    columns = [c for c in dict.fromkeys(k for r in flat_rows for k in r) if not _dropped(c)]
    if "name" in columns:  # the name says it; the content id beside it ("service_id", "_key") would repeat it
        columns = [c for c in columns if not (c.endswith("_id") or c == "_key")]
    kept, headers = [], []
    for column in columns:
        values = [r.get(column) for r in flat_rows if r.get(column) not in (None, "")]
        ids = [v for v in values if isinstance(v, str) and (v in labels or _ID.match(v))]
        if values and len(ids) == len(values):
            if not all(v in labels for v in values):
                continue  # ids naming nothing a person would know
            for r in flat_rows:
                r[column] = labels.get(r.get(column), r.get(column))
        name = {"_owner": OWNER_HEADER, "_key": "Name"}.get(column) or header(column)
        if name not in headers:
            kept.append(column)
            headers.append(name)
    cells = [column_values([r.get(c) for r in flat_rows], c) for c in kept]
    body = [list(row) for row in zip(*cells, strict=True)] if cells else [[] for _ in flat_rows]
    table = Table(title=title, what=what, headers=headers, rows=body)
    for path, nested in children.items():
        child_rows = [{"_owner": owner, **row} for owner, row in nested]
        for row in child_rows:
            if "_key" in row:
                row["_key"] = labels.get(row["_key"], words(row["_key"]))
        child_kind = f"{kind}/{path}"
        child_title = TITLES.get(child_kind) or header(path).replace(": ", " ")
        child_what = f"{header(path)}: one row each, for each row of {title}"
        table.children.append(build_table(child_title, child_what, child_rows, labels, kind=child_kind))
    return table


def _answers_tables(tables: dict[str, list[dict]], labels: dict[str, str]) -> list[Table]:
    """Written answers, their earlier versions and the choices, each row saying its step and question."""
    titles = _step_titles()
    out = []
    written = []
    for row in sorted(tables.get("text_answer", []), key=lambda r: (r["section"], r["prompt"])):
        step, section = section_words(row["section"], titles, labels)
        written.append([step, section, prompt_words(row["prompt"], labels), row["text"]])
    out.append(Table(TITLES["text_answer"], "Every written answer", ["Step", "Section", "Question", "Answer"], written))
    earlier = []
    for row in sorted(tables.get("text_revision", []), key=lambda r: (r["answer_id"], r["revision"])):
        section, _, prompt = labels.get(f"answer:{row['answer_id']}", " / ").partition(" / ")
        step, part = section_words(section, titles, labels)
        earlier.append([step, part, prompt_words(prompt, labels), row["revision"], row["text"], row.get("note") or ""])
    out.append(
        Table(
            TITLES["text_revision"],
            "Every earlier version of every written answer",
            ["Step", "Section", "Question", "Version", "Text", "Note"],
            earlier,
        )
    )
    choices = []
    for row in sorted(tables.get("value_answer", []), key=lambda r: (r["section"], r["key"])):
        if ("value_answer", row["section"]) in SKIPPED_VALUES:
            continue
        step, section = section_words(row["section"], titles, labels)
        for path, value in _value_rows(row["value"], words(row["key"])):
            choices.append([step, section, path, *column_values([value], "value")])
    out.append(
        Table(TITLES["value_answer"], "Every choice and figure entered", ["Step", "Section", "Item", "Value"], choices)
    )
    return out


def _value_rows(value: Any, path: str) -> list[tuple[str, Any]]:
    """A stored answer as (item, value) rows: a mapping one row per entry, a list of rows one row per field."""
    if isinstance(value, dict):
        rows = []
        for k, v in value.items():
            rows += _value_rows(v, f"{path}: {words(str(k))[:1].lower() + words(str(k))[1:]}")
        return rows
    if isinstance(value, list) and any(isinstance(v, dict) for v in value):
        rows = []
        for i, v in enumerate(value, start=1):
            rows += _value_rows(v, f"{path} {i}")
        return rows
    return [(path, value)]


def readable_tables(tables: dict[str, list[dict]]) -> list[Table]:
    """Every table of a backup's rows as readable sheets (the workspace row itself is the Summary's)."""
    registrations.load_all()  # every step module has registered its content (the labels come from it)
    labels = id_labels(tables)
    out: list[Table] = []
    for name, rows in tables.items():
        if name in ("workspace", "text_answer", "text_revision", "value_answer") or not rows:
            continue
        if name == "record":
            by_kind: dict[str, list[dict]] = {}
            for row in sorted(rows, key=lambda r: (r["kind"], r.get("position") or 0)):
                by_kind.setdefault(row["kind"], []).append(row["data"] or {})
            for kind, data in by_kind.items():
                step, part = section_words(kind, _step_titles(), labels)
                title = TITLES.get(kind) or f"{part} ({step})"
                out.append(build_table(title, f"{step}: {part or step}", data, labels, kind=kind))
            continue
        out.append(build_table(TITLES.get(name, words(name)), words(name), rows, labels, kind=name))
    return out + _answers_tables(tables, labels)
