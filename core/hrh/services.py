"""Step 3, the billable services map: the workbook's service list, a workspace's rows, and totals.

The list of services comes from `data/services.yaml`. A workspace's answers are
records of kind `service_row`, one per service it has filled in (listed
services by `service_id`, custom "Other" rows by their own name). Other steps
read the map through `service_map()` and the totals functions
(`category_totals`, `overall_totals`, `offered_rows`): the financing models and
the value proposition take their monthly volumes from here.

The page edits one category at a time as a table; `apply_table_edit` turns the
table's reported edits into validated rows (a bad row is reported, never saved).
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from core.content import ContentModel, content_file, load
from core.demo import demo_filler
from core.errors import UserError
from core.sources import Quote
from core.steps import StepProgress, progress_for
from core.store import answers
from core.store.database import Store
from core.table_edits import is_blank
from core.text import clean_name

RECORD_KIND = "service_row"
MAX_MONTHLY_COUNT = 1_000_000


class Service(ContentModel):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    name: str


class ServiceCategory(ContentModel):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    title: str
    note: str = ""
    services: list[Service]


@content_file("services.yaml")
class ServicesContent(ContentModel):
    workbook: Quote
    directions: str = ""
    categories: list[ServiceCategory]


def categories() -> list[ServiceCategory]:
    return list(load(ServicesContent).categories)


def directions() -> str:
    return load(ServicesContent).directions


def workbook_words() -> Quote:
    """The workbook's own directions for Step 3, quoted."""
    return load(ServicesContent).workbook


class ServiceRow(BaseModel):
    """One line of the services map: a listed service (`service_id`) or a custom "Other" row."""

    model_config = ConfigDict(str_strip_whitespace=True)

    record_id: str | None = None
    service_id: str | None = None
    category: str
    name: str
    services_per_month: int = Field(default=0, ge=0, le=MAX_MONTHLY_COUNT)
    clients_per_month: int = Field(default=0, ge=0, le=MAX_MONTHLY_COUNT)
    currently_offer: bool = False
    potentially_offer: bool = False

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        return clean_name(value, field="Service name")

    @field_validator("category")
    @classmethod
    def _category(cls, value: str) -> str:
        if value not in {c.id for c in categories()}:
            raise UserError(f"{value!r} is not a service category.")
        return value

    @property
    def is_custom(self) -> bool:
        return self.service_id is None

    @property
    def warnings(self) -> list[str]:
        """Plausibility warnings that do not block saving."""
        if self.clients_per_month > self.services_per_month:
            return [
                f"{self.name}: more clients ({self.clients_per_month}) than services ({self.services_per_month}) "
                "a month; each client served gets at least one service, so check both numbers."
            ]
        return []


def service_map(store: Store, workspace_id: str) -> list[ServiceRow]:
    """Every listed service (blank if not filled in) and every custom row, in the workbook's order."""
    saved = [
        ServiceRow.model_validate({**r.data, "record_id": r.id})
        for r in answers.list_records(store, workspace_id, RECORD_KIND)
    ]
    by_service = {row.service_id: row for row in saved if row.service_id}
    rows: list[ServiceRow] = []
    for category in categories():
        for service in category.services:
            rows.append(
                by_service.get(service.id) or ServiceRow(service_id=service.id, category=category.id, name=service.name)
            )
        rows.extend(row for row in saved if row.is_custom and row.category == category.id)
    return rows


def save_service_row(store: Store, workspace_id: str, row: ServiceRow) -> ServiceRow:
    """Insert or update one row (validated); return it with its record id."""
    data = row.model_dump(exclude={"record_id"})
    if row.record_id:
        answers.update_record(store, workspace_id, row.record_id, data)
        return row
    if row.service_id:
        for record in answers.list_records(store, workspace_id, RECORD_KIND):
            if record.data.get("service_id") == row.service_id:
                answers.update_record(store, workspace_id, record.id, data)
                return row.model_copy(update={"record_id": record.id})
    record = answers.add_record(store, workspace_id, RECORD_KIND, data)
    return row.model_copy(update={"record_id": record.id})


def offered_rows(rows: list[ServiceRow]) -> list[ServiceRow]:
    """Rows the program offers today or could offer, with a monthly volume: what financing models use."""
    return [r for r in rows if (r.currently_offer or r.potentially_offer) and r.services_per_month > 0]


# ---------------------------------------------------------------- editing the map as a table

COLUMN_LABELS = {
    "name": "Service",
    "services_per_month": "Estimated services per month",
    "clients_per_month": "Estimated clients served per month",
    "currently_offer": "Currently offer",
    "potentially_offer": "Potentially offer",
}
# Short headers for the table; COLUMN_LABELS (the workbook's words) are the headers' tooltips and name
# the column in messages.
COLUMN_HEADERS = {
    "name": "Service",
    "services_per_month": "Services",
    "clients_per_month": "Clients",
    "currently_offer": "Currently offer",
    "potentially_offer": "Potentially offer",
}
OTHER_NAME = "Other"
_COUNTS = ("services_per_month", "clients_per_month")
_FLAGS = ("currently_offer", "potentially_offer")


def table_row(row: ServiceRow) -> dict[str, object]:
    """One row as the Step 3 table shows it: counts as text ("1,200"), so that what a person types reaches
    validation as typed; a zero is blank only when the row is not filled in."""
    data = row.model_dump(include=set(COLUMN_LABELS))
    for field in _COUNTS:
        data[field] = f"{data[field]:,}" if is_filled(row) else ""
    return data


class TableEdit(BaseModel):
    """What applying one table edit did: rows saved or cleared, and messages for the page."""

    saved: int = 0
    cleared: int = 0
    errors: list[str] = Field(default_factory=list)


def _clean_cell(field: str, value: object) -> object:
    """Blank cells mean 0 / not ticked; whole floats (2.0) and typed whole numbers ("1,200") are whole numbers.
    Anything else is left as typed, so that validation refuses it with a message (never silently changed)."""
    if field in _COUNTS:
        if is_blank(value) or (isinstance(value, str) and not value.strip()):
            return 0
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, str) and re.fullmatch(r"-?\d{1,3}(,\d{3})+|-?\d+", value.strip()):
            return int(value.strip().replace(",", ""))
    if field in _FLAGS and is_blank(value):
        return False
    return value


def _row_error(row_name: str, exc: ValidationError) -> str:
    problems = []
    for item in exc.errors():
        field = str(item["loc"][0]) if item["loc"] else ""
        if field in _COUNTS:
            typed = item.get("input")
            shown = f"{typed:,}" if isinstance(typed, int) else str(typed)
            problems.append(
                f"{COLUMN_LABELS[field]} must be a whole number from 0 to {MAX_MONTHLY_COUNT:,}, "
                f"not {shown[:40]!r}; the last saved value is kept"
            )
        elif field in _FLAGS:
            problems.append(f"{COLUMN_LABELS[field]} must be ticked or not")
        else:
            problems.append(item["msg"].removeprefix("Value error, ").rstrip("."))
    return f"{row_name}: {'; '.join(dict.fromkeys(problems))}. Not saved."


def _validated(base: dict, changes: dict) -> ServiceRow:
    data = dict(base)
    for field, value in changes.items():
        if field in COLUMN_LABELS:
            data[field] = _clean_cell(field, value)
    if data.get("service_id") is None and is_blank(data.get("name")):
        data["name"] = OTHER_NAME
    elif data.get("service_id") is not None:
        data["name"] = base["name"]  # a listed service keeps the workbook's name
    return ServiceRow.model_validate(data)


def apply_table_edit(
    store: Store,
    workspace_id: str,
    category_id: str,
    shown: list[ServiceRow],
    edited_rows: dict,
    added_rows: list[dict],
    deleted_rows: list[int],
) -> TableEdit:
    """Apply one category table's edits (as `st.data_editor` reports them) to the store.

    `shown` is the list of rows the table displayed, in order. Each changed
    row is validated on its own: a bad row gets a message and is not saved,
    the others are. Deleting a listed service clears its numbers; deleting a
    custom "Other" row removes it. An added row is a custom row of this
    category (named "Other" if left blank).
    """
    if category_id not in {c.id for c in categories()}:
        raise UserError(f"{category_id!r} is not a service category.")
    result = TableEdit()
    for index in sorted({int(i) for i in deleted_rows}):
        if 0 <= index < len(shown) and shown[index].record_id:
            answers.delete_record(store, workspace_id, shown[index].record_id)
            result.cleared += 1
    deleted = {int(i) for i in deleted_rows}
    for key, changes in edited_rows.items():
        index = int(key)
        if index in deleted or not 0 <= index < len(shown):
            continue
        base = shown[index]
        try:
            row = _validated(base.model_dump(), changes)
        except ValidationError as exc:
            result.errors.append(_row_error(base.name, exc))
            continue
        save_service_row(store, workspace_id, row)
        result.saved += 1
    for number, added in enumerate(added_rows, start=1):
        base = {"category": category_id, "service_id": None, "name": OTHER_NAME}
        try:
            row = _validated(base, {**added, "name": added.get("name")})
        except ValidationError as exc:
            result.errors.append(_row_error(f"New row {number}", exc))
            continue
        save_service_row(store, workspace_id, row)
        result.saved += 1
    return result


def delete_service_row(store: Store, workspace_id: str, record_id: str) -> None:
    answers.delete_record(store, workspace_id, record_id)


# ---------------------------------------------------------------- summaries


def is_filled(row: ServiceRow) -> bool:
    """Something was entered for the row: a volume or a tick."""
    return bool(row.services_per_month or row.clients_per_month or row.currently_offer or row.potentially_offer)


class CategoryTotals(BaseModel):
    """Monthly volumes of one category (or of the whole map).

    "Currently offered" sums rows ticked *Currently offer*. "Potentially
    offered" sums rows ticked *Potentially offer* and not *Currently offer*
    (new services you could add), so the two never count a row twice and
    their sum is everything offered now or possibly.
    """

    model_config = ConfigDict(frozen=True)

    category: str
    title: str
    current_services: int = 0
    current_clients: int = 0
    potential_services: int = 0
    potential_clients: int = 0
    rows_filled: int = 0

    @property
    def total_services(self) -> int:
        return self.current_services + self.potential_services

    @property
    def total_clients(self) -> int:
        return self.current_clients + self.potential_clients


def _totals(category: str, title: str, rows: list[ServiceRow]) -> CategoryTotals:
    current = [r for r in rows if r.currently_offer]
    potential = [r for r in rows if r.potentially_offer and not r.currently_offer]
    return CategoryTotals(
        category=category,
        title=title,
        current_services=sum(r.services_per_month for r in current),
        current_clients=sum(r.clients_per_month for r in current),
        potential_services=sum(r.services_per_month for r in potential),
        potential_clients=sum(r.clients_per_month for r in potential),
        rows_filled=sum(1 for r in rows if is_filled(r)),
    )


def category_totals(rows: list[ServiceRow]) -> list[CategoryTotals]:
    """Services and clients per month by category, currently vs potentially offered, in the workbook's order.

    Clients are summed across services, so a person served by two services
    counts twice: read client totals as "client contacts", not people.
    """
    return [_totals(c.id, c.title, [r for r in rows if r.category == c.id]) for c in categories()]


def overall_totals(rows: list[ServiceRow]) -> CategoryTotals:
    """The same totals over the whole map."""
    return _totals("all", "All services", rows)


def map_warnings(rows: list[ServiceRow]) -> list[str]:
    """Plausibility warnings that do not block saving: more clients than services; volumes without a tick."""
    messages = [w for r in rows for w in r.warnings]
    for r in rows:
        if (r.services_per_month or r.clients_per_month) and not (r.currently_offer or r.potentially_offer):
            messages.append(
                f"{r.name}: has monthly numbers but neither Currently offer nor Potentially offer is ticked, "
                "so it is not counted in the totals."
            )
    return messages


@progress_for("services")
def services_progress(store: Store, workspace_id: str) -> StepProgress:
    """Share of the five categories with at least one filled row (a volume or a tick)."""
    rows = service_map(store, workspace_id)
    filled = [t for t in category_totals(rows) if t.rows_filled]
    total = len(categories())
    return StepProgress(
        step_id="services",
        share=len(filled) / total,
        detail=f"{len(filled)} of {total} categories filled in",
    )


class DemoServiceRow(BaseModel):
    model_config = ConfigDict(extra="forbid")

    service_id: str | None = None
    category: str | None = None
    name: str | None = None
    services_per_month: int = 0
    clients_per_month: int = 0
    currently_offer: bool = False
    potentially_offer: bool = False


@demo_filler("services")
def fill_demo(store: Store, workspace_id: str, part: dict) -> None:
    """Demo rows: listed services by `service_id`, custom rows by `category` and `name`."""
    by_id = {s.id: (c.id, s.name) for c in categories() for s in c.services}
    for raw in part["rows"]:
        demo_row = DemoServiceRow.model_validate(raw)
        data = demo_row.model_dump()
        if demo_row.service_id:
            data["category"], data["name"] = by_id[demo_row.service_id]
        save_service_row(store, workspace_id, ServiceRow.model_validate(data))
