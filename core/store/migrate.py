"""Bring a database to the newest schema with Alembic, keeping every row.

Used by `make run` before the app starts, by the app when it first opens the
store in a process, and by the tests. Idempotent: a database already at the
newest revision is left alone.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine

MIGRATIONS_DIR = Path(__file__).parent / "migrations"


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    return ScriptDirectory.from_config(_config()).get_current_head()


def known_revisions() -> set[str]:
    """Every revision this code has a migration for (a backup from any of them can be read)."""
    return {script.revision for script in ScriptDirectory.from_config(_config()).walk_revisions()}


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Apply every migration up to `revision` on `engine`'s database."""
    config = _config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, revision)


if __name__ == "__main__":  # `python -m core.store.migrate`, used by `make run`
    from core.store.database import database_url, describe_url, make_engine  # only the command line needs them

    url = database_url()
    engine = make_engine(url)
    upgrade(engine)
    print(f"Workbook database: {describe_url(url)} (schema {current_revision(engine)})")
    engine.dispose()
