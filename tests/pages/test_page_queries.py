"""No page does database work that grows with the number of workspaces in the store.

Every page is run with the demo workspace open, once in a store holding only the demo and once
with 25 more workspaces (each with answers); the number of SQL statements a warm rerun issues
must be the same.
"""

import pytest
from sqlalchemy import event

from core import demo, security, steps
from core.store import answers, workspaces
from pages import _ui
from tests.conftest import AppHarness, make_workspace


def _listed_pages() -> list[str]:
    return [p.path for group in steps.menu() for p in group.pages]


def _statements_per_rerun(app, path: str) -> int:
    at = app.page(path)
    assert not at.exception, at.exception
    engine = _ui.store().engine
    count = {"n": 0}

    def counter(*_args, **_kwargs):
        count["n"] += 1

    event.listen(engine, "before_cursor_execute", counter)
    try:
        at.run()
    finally:
        event.remove(engine, "before_cursor_execute", counter)
    return count["n"]


@pytest.fixture(scope="module")
def two_stores(tmp_path_factory):
    """Two databases built once for every page: the demo alone, and the demo with 25 other organizations
    (each with an answer). Every page then runs against both, in the same order, so whatever a page writes
    lands in both alike."""
    folder = tmp_path_factory.mktemp("queries")
    urls = []
    with pytest.MonkeyPatch.context() as patch:
        # The other organizations' passphrases are hashed cheaply: their cost is not what is measured.
        cheap = security.hash_passphrase
        patch.setattr(security, "hash_passphrase", lambda passphrase, n=2**10: cheap(passphrase, n=2**10))
        for name, others in (("few", 0), ("many", 25)):
            url = f"sqlite:///{folder / name}.db"
            harness = AppHarness(url)
            demo.open_demo(harness.store)
            for n in range(others):
                other = make_workspace(harness.store, f"Other organization {n}")
                answers.save_text(harness.store, other.id, "workspace", "about", "another program")
            harness.store.dispose()
            urls.append(url)
    return urls


@pytest.mark.parametrize("path", _listed_pages())
def test_page_queries_do_not_grow_with_workspaces(two_stores, path, monkeypatch):
    counts = []
    for url in two_stores:
        monkeypatch.setenv("DATABASE_URL", url)
        app = AppHarness(url)
        try:
            workspace = workspaces.find_workspace(app.store, demo.demo_name())
            app.at.session_state["workspace_token"] = workspaces.start_session(app.store, workspace.id)
            counts.append(_statements_per_rerun(app, path))
        finally:
            app.store.dispose()
    few, many = counts
    assert many == few, f"{path}: {few} statements with one workspace, {many} with 26"
