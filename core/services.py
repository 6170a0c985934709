"""Step 3, the billable services map: the workbook's service list, a workspace's rows, and totals.

The list of services comes from `data/services.yaml`. A workspace's answers are
records of kind `service_row`, one per service it has filled in (listed
services by `service_id`, custom "Other" rows by their own name). Other steps
read the map through `service_map()` and the totals functions: the financing
models take their monthly volumes from here.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator

from core.content import ContentModel, content_file, load
from core.store import answers
from core.store.database import Store
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
    source: str
    categories: list[ServiceCategory]


def categories() -> list[ServiceCategory]:
    return list(load(ServicesContent).categories)


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
            raise ValueError(f"{value!r} is not a service category.")
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
