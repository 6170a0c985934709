"""Presenter view (the projector): reached only by its presenter link, it shows one workshop's join panel and
aggregate results, grants no other page and no workspace, whatever else the URL or browser carries."""

import pytest

from core.store import workspaces
from core.workshop import session as w

A = "mission_values.written_mission"
B = "mission_values.value_statements"


@pytest.fixture
def presented(app):
    from tests.conftest import make_workspace

    workspace = make_workspace(app.store, "Riverside Secret Org")
    ws = w.start_workshop(
        app.store, workspace.id, "readiness", title="Spring retreat",
        options=w.WorkshopOptions(domains=["mission_values"]),
    )  # fmt: skip
    for name, (a, b) in zip(["Ana", "Bo", "Cy"], [(1, 2), (4, 2), (4, 3)], strict=True):
        token = w.join_workshop(app.store, ws.code, name, "test").token
        w.save_participant_answer(app.store, token, A, a)
        w.save_participant_answer(app.store, token, B, b)
    return workspace, ws, w.presenter_link_token(app.store, workspace.id, ws.id)


def shown_text(at) -> str:
    return " ".join([e.value for e in (*at.markdown, *at.title, *at.caption, *at.info)] + [m.label for m in at.metric])


def test_the_presenter_link_shows_the_join_panel_and_counts_but_no_workspace(app, presented):
    workspace, ws, token = presented
    app.at.query_params["presenter"] = token
    app.at.run()
    at = app.at
    assert not at.exception
    assert at.title[0].value == "Spring retreat"
    assert any(w.format_code(ws.code) in m.value for m in at.markdown)
    assert at.code[0].value == f"/join?code={ws.code}"
    # counts in one line, not metrics (three metrics took a third of a projector's first screen)
    assert any(m.value == "**3** people joined · **6** answers given · **0 of 8** items agreed" for m in at.markdown)
    assert any("appear here when the facilitator shows them" in i.value for i in at.info)
    assert not at.get("plotly_chart")  # hidden until the facilitator shows them
    assert "Riverside Secret Org" not in shown_text(at)
    assert not any(n in shown_text(at) for n in ("Ana", "Bo", "Cy"))  # never who answered what
    assert "workspace_token" not in at.session_state
    assert not at.sidebar.button  # no "Close workspace": nothing of a workspace is open


def test_results_show_when_the_facilitator_shows_them_with_the_join_panel_folded(app, presented):
    workspace, ws, token = presented
    w.set_results_visible(app.store, workspace.id, ws.id, True)
    app.at.query_params["presenter"] = token
    app.at.run()
    at = app.at
    assert not at.exception
    assert not at.expander[0].proto.expanded  # folded: the results come first
    talk = next(m.value for m in at.markdown if "Talk about these first" in m.value)
    assert "Mission \\& Values 1** (spread 3; 0 not sure)" in talk  # "&" escaped: the text is shown as typed
    assert len(at.get("plotly_chart")) == 2
    assert "Riverside Secret Org" not in shown_text(at)


def test_a_presenter_link_with_a_workspace_token_beside_it_still_grants_nothing(app, presented):
    workspace, ws, token = presented
    app.at.query_params["ws"] = workspaces.start_session(app.store, workspace.id)
    app.at.query_params["presenter"] = token
    app.at.run()
    at = app.at
    assert not at.exception and at.title[0].value == "Spring retreat"
    assert "Riverside Secret Org" not in shown_text(at) and not at.sidebar.button
    for page in (
        "pages/start/workspace.py",
        "pages/reports/backup.py",
        "pages/workshop/workshop_live.py",
        "pages/start/home.py",
    ):
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            at.switch_page(page)


@pytest.mark.parametrize("forged", ["", "x" * 40, "' OR 1=1 --aaaaaaaaaaaaaaaaaaaaa", "<script>alert(1)</script>"])
def test_a_wrong_or_ended_presenter_link_shows_nothing(app, presented, forged):
    workspace, ws, token = presented
    app.at.query_params["presenter"] = forged or token
    if not forged:
        w.presenter_link_token(app.store, workspace.id, ws.id)  # a new link ended this one
    app.at.run()
    at = app.at
    assert not at.exception
    assert "no longer works" in at.info[0].value
    assert "Spring retreat" not in shown_text(at) and w.format_code(ws.code) not in shown_text(at)
