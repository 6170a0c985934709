"""No page does database work that grows with the number of workspaces in the store.

Every page is run with the demo workspace open, once in a store holding only the demo and once
with 25 more workspaces (each with answers); the number of SQL statements a warm rerun issues
must be the same.
"""

import pytest
from sqlalchemy import event

from core import demo, security
from core.store import answers, workspaces
from pages import _ui
from tests.conftest import make_workspace


def _listed_pages() -> list[str]:
    import re
    from pathlib import Path

    from tests.conftest import ROOT

    return re.findall(r'st\.Page\(\s*"(pages/[a-z0-9_]+\.py)"', Path(ROOT / "app.py").read_text())


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


@pytest.mark.parametrize("path", _listed_pages())
def test_page_queries_do_not_grow_with_workspaces(app, path, monkeypatch):
    # The other organizations' passphrases are hashed cheaply: their cost is not what is measured.
    cheap = security.hash_passphrase
    monkeypatch.setattr(security, "hash_passphrase", lambda passphrase, n=2**10: cheap(passphrase, n=2**10))
    workspace, _ = demo.open_demo(app.store)
    app.at.query_params["ws"] = workspaces.start_session(app.store, workspace.id)
    few = _statements_per_rerun(app, path)
    for n in range(25):
        other = make_workspace(app.store, f"Other organization {n}")
        answers.save_text(app.store, other.id, "workspace", "about", "another program")
    many = _statements_per_rerun(app, path)
    assert many == few, f"{path}: {few} statements with one workspace, {many} with 26"
