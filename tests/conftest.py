"""Shared fixtures: a migrated store on SQLite (and on PostgreSQL when TEST_DATABASE_URL is set),
and AppTest apps with a workspace open. Workspaces are built through the same `core`
functions the app uses, never by writing rows by hand."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from streamlit.testing.v1 import AppTest

from core.store import migrate, workspaces
from core.store.database import Store
from core.store.workspaces import WorkspaceProfile
from pages import _legacy_pages

_legacy_pages.for_apptest()  # every AppTest runs app.py's gate and navigation, as `make run` does

PASSPHRASE = "correct horse battery"
ROOT = Path(__file__).resolve().parents[1]
PG_URL = os.environ.get("TEST_DATABASE_URL", "")


def _pg_store() -> Store:
    """A fresh, empty PostgreSQL database for one test (created on the server, dropped after)."""
    name = f"wb_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    base, _, _ = PG_URL.rpartition("/")
    store = Store.from_url(f"{base}/{name}")
    store._pg_cleanup = (PG_URL, name)  # type: ignore[attr-defined]
    return store


def _drop_pg(store: Store) -> None:
    url, name = store._pg_cleanup  # type: ignore[attr-defined]
    store.dispose()
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@contextmanager
def store_at(engine: str, tmp_path: Path, revision: str = "head") -> Iterator[Store]:
    """A store on `engine` ("sqlite": a file under tmp_path; "postgresql": a fresh database, skipped when
    TEST_DATABASE_URL is not set), migrated up to `revision`, disposed (and dropped) after."""
    if engine == "postgresql":
        if not PG_URL:
            pytest.skip("TEST_DATABASE_URL is not set (CI sets it to a real PostgreSQL server)")
        s = _pg_store()
    else:
        s = Store.from_url(f"sqlite:///{tmp_path / 'workbook.db'}")
    try:
        migrate.upgrade(s.engine, revision)
        yield s
    finally:
        if engine == "postgresql":
            _drop_pg(s)
        else:
            s.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path) -> Store:
    """A migrated, empty store: SQLite file, and PostgreSQL when TEST_DATABASE_URL is set."""
    with store_at(request.param, tmp_path) as s:
        yield s


@pytest.fixture
def sqlite_store(tmp_path) -> Store:
    s = Store.from_url(f"sqlite:///{tmp_path / 'workbook.db'}")
    migrate.upgrade(s.engine)
    yield s
    s.dispose()


def make_workspace(store: Store, name: str = "Northside Outreach", **profile) -> workspaces.Workspace:
    fields = {"state": "Ohio", "org_type": "syringe_services_program", "populations": ["people_who_use_drugs"]}
    fields.update(profile)
    return workspaces.create_workspace(store, WorkspaceProfile(name=name, **fields), PASSPHRASE)


@pytest.fixture
def workspace(store):
    return make_workspace(store)


class AppHarness:
    """An AppTest of app.py on its own SQLite file, with helpers to open a workspace and a page."""

    def __init__(self, url: str):
        self.url = url
        self.store = Store.from_url(url)
        migrate.upgrade(self.store.engine)
        self.at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)

    def open_workspace(self, workspace) -> None:
        """As a browser holding a session for it: the session token in the tab's state (a cookie in a
        browser, which AppTest cannot send)."""
        self.at.session_state["workspace_token"] = workspaces.start_session(self.store, workspace.id)

    def page(self, path: str) -> AppTest:
        """Run the app, switch to `path` (e.g. "pages/start/home.py") and return the AppTest after the run."""
        self.at.run()
        self.at.switch_page(path).run()
        return self.at


@pytest.fixture
def app(tmp_path, monkeypatch) -> AppHarness:
    url = f"sqlite:///{tmp_path / 'app.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    harness = AppHarness(url)
    yield harness
    harness.store.dispose()


@pytest.fixture
def app_with_workspace(app) -> tuple[AppHarness, workspaces.Workspace]:
    workspace = make_workspace(app.store)
    app.open_workspace(workspace)
    return app, workspace
