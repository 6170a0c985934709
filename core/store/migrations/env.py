"""Alembic environment: runs migrations on the connection `core.store.migrate` hands in,
or on `DATABASE_URL` (embedded SQLite by default) from the command line."""

from alembic import context
from sqlalchemy import text
from sqlmodel import SQLModel

import core.store.models  # noqa: F401  (registers every table on the metadata)
import core.store.readiness_models  # noqa: F401
import core.store.workshop_models  # noqa: F401
from core.store.database import database_url, make_engine

target_metadata = SQLModel.metadata


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        if connection.dialect.name == "postgresql":
            # Several app servers may start at once: one migrates, the others wait.
            connection.execute(text("SELECT pg_advisory_xact_lock(7234001)"))
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    engine = make_engine(database_url())
    with engine.connect() as conn:
        _run(conn)
    engine.dispose()
