"""Every page of steps 6-9 runs on the full demo workspace without an error."""

import pytest

from core import demo


@pytest.mark.parametrize(
    "page",
    [
        "pages/hrh/financing_adventure.py",
        "pages/hrh/cost_benefit.py",
        "pages/hrh/partners.py",
        "pages/hrh/agenda.py",
        "pages/hrh/advocate.py",
    ],
)
def test_page_runs_on_the_demo(app, page):
    workspace = demo.create_demo(app.store)
    app.open_workspace(workspace)
    at = app.page(page)
    assert not at.exception
    assert not [e for e in at.error if e.icon != ":material/gavel:"]  # a verdict may be bad news, not an error
    assert at.title[0].value.startswith("Step ")
