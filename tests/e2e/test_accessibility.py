"""Accessibility: axe-core in Chromium on every page of the navigation, with the demo workspace open.

No serious or critical violation caused by the app. Streamlit's own sidebar navigation markup
(section labels inside its list) is excluded from the list rules: we do not write that markup.
"""

import json

from core import steps
from tests.e2e.conftest import ROOT, go_to, open_demo

AXE = ROOT / ".cache" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
SERIOUS = {"serious", "critical"}


def page_titles() -> list[str]:
    """The titles of the pages in the sidebar navigation, from the journey's map (the presenter page is not
    in it: only a presenter link reaches it)."""
    return [p.title for group in steps.menu() for p in group.pages]


def axe_violations(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async () => {
            const result = await axe.run(
                {exclude: [['[data-testid="stSidebarNavItems"]'], ['[data-testid="stSidebarNav"]']]},
                {resultTypes: ['violations']});
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
        }"""
    )


def test_no_serious_violations_on_any_page(server, page):
    assert AXE.exists(), "axe-core is missing: run `make e2e` (it installs it from the npm registry)"
    open_demo(page, server)
    found = {}
    titles = page_titles()
    assert "Home" in titles and "Workspace" in titles
    for title in titles:
        try:
            go_to(page, title)
        except Exception as exc:  # say which page did not finish loading
            raise AssertionError(f"The page {title!r} did not finish loading: {exc}") from exc
        serious = [v for v in axe_violations(page) if v["impact"] in SERIOUS]
        if serious:
            found[title] = serious
    assert found == {}, json.dumps(found, indent=1)
