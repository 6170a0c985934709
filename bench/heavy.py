"""A heavy workspace for the benchmark: the demo, enlarged the way a busy program's would be.

3 assessment rounds, 60 service rows, 40 partners, 36 months of process measures (and, where the
workshop module exists, a 30-person workshop). Built only through `core` functions, like the app.
"""

from __future__ import annotations

import datetime as dt
import random

from core import demo
from core.care_model import process_measures
from core.hrh import partners, services
from core.hrh.readiness import domains
from core.store import readiness_repo
from core.store.database import Store

RNG = random.Random(20261123)


def add_rounds(store: Store, workspace_id: str, count: int = 2) -> None:
    items = [item.id for d in domains() for item in d.items]
    for n in range(count):
        round_ = readiness_repo.create_round(store, workspace_id, f"Bench round {n + 1}", dt.date(2026, 1 + n, 15))
        respondent = readiness_repo.self_respondent(store, workspace_id, round_.id)
        for item_id in items:
            readiness_repo.upsert_answer(store, workspace_id, respondent.id, item_id, RNG.choice([1, 2, 3, 4, None]))


def add_service_rows(store: Store, workspace_id: str, total: int = 60) -> None:
    existing = [r for r in services.service_map(store, workspace_id) if r.record_id]
    cats = [c.id for c in services.categories()]
    for n in range(max(0, total - len(existing))):
        services.save_service_row(
            store,
            workspace_id,
            services.ServiceRow(
                category=cats[n % len(cats)],
                name=f"Other service {n + 1}",
                services_per_month=RNG.randint(5, 400),
                clients_per_month=RNG.randint(1, 5),
                currently_offer=n % 2 == 0,
                potentially_offer=True,
            ),
        )


def add_partners(store: Store, workspace_id: str, total: int = 40) -> None:
    types = [t.id for t in partners.content().entity_types]
    statuses = [s.id for s in partners.content().statuses]
    have = len(partners.list_partners(store, workspace_id))
    for n in range(max(0, total - have)):
        partners.add_partner(
            store,
            workspace_id,
            entity_type=types[n % len(types)],
            name=f"Bench partner {n + 1}",
            locations="Downtown",
            status=statuses[n % len(statuses)],
            next_steps="Call the community health director",
        )


def add_measure_months(store: Store, workspace_id: str, months: int = 36) -> None:
    have = {m.month for m in process_measures.months(store, workspace_id)[0]}
    for n in range(months):
        month = f"{2023 + n // 12}-{n % 12 + 1:02d}"
        if month in have:
            continue
        values = {m.id: round(RNG.uniform(0, min(m.max, 100)), 1) for m in process_measures.measures()}
        process_measures.add_month(
            store, workspace_id, process_measures.MeasureMonth.model_validate({"month": month, **values})
        )


EXTRA_BUILDERS: list = []  # (name, fn(store, workspace_id)) added by other modules, e.g. a 30-person workshop


def heavy_demo(store: Store) -> tuple[str, str]:
    """Create the demo, enlarge it; return (workspace id, session token)."""
    workspace, token = demo.open_demo(store)
    add_rounds(store, workspace.id)
    add_service_rows(store, workspace.id)
    add_partners(store, workspace.id)
    add_measure_months(store, workspace.id)
    for _, build in EXTRA_BUILDERS:
        build(store, workspace.id)
    return workspace.id, token


def add_workshop(store: Store, workspace_id: str, people: int = 30) -> None:
    """A 30-person readiness workshop: everyone answers every item, the suggested answers are agreed, closed."""
    from core.workshop import session as workshop

    started = workshop.start_workshop(store, workspace_id, "readiness", title="Bench team workshop")
    items = [item.id for d in domains() for item in d.items]
    for p in range(people):
        seat = workshop.join_workshop(store, started.code, f"Participant {p + 1}", f"heavy-{p}").seat
        for item_id in items:
            readiness_repo.upsert_answer(
                store, workspace_id, seat.participant.respondent_id, item_id, RNG.choice([1, 2, 3, 4, None])
            )
    workshop.accept_suggested_answers(store, workspace_id, started.id)
    workshop.close_workshop(store, workspace_id, started.id)


EXTRA_BUILDERS.append(("30-person workshop", add_workshop))
