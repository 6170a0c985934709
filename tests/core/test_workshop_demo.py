"""The demo's workshop: a closed readiness workshop of six people, held before the spring self-assessment."""

from core import demo
from core.hrh import readiness
from core.workshop import session as w


def test_the_demo_has_a_closed_workshop_whose_agreed_answers_are_an_earlier_round(sqlite_store):
    workspace, _ = demo.open_demo(sqlite_store)
    [ws] = w.list_workshops(sqlite_store, workspace.id)
    assert ws.status == "closed" and ws.results_visible
    live = w.readiness_live(sqlite_store, workspace.id, ws)
    assert [p.display_name for p in live.participants] == ["Dee", "Marcus", "Ana", "J.", "Priya", "Sam"]
    assert len(live.agreed) == 53  # five discussed with a reason, the rest the suggested answer
    discussed = {i: a for i, a in live.agreed.items() if a.note != w.SUGGESTED_REASON}
    assert discussed["staffing.billing_staff"].value == 1
    assert len(discussed) == 5
    # the five discussed items are the ones the team disagreed on most (1 4 2 4 1 3: spread 3)
    assert {d.item_id for d in live.disagreement[:5]} == set(discussed)
    # written_mission "3 3 - 2 3 4": numbers 2, 3, 3, 3, 4 -> median 3
    assert live.agreed["mission_values.written_mission"].value == 3
    rounds = readiness.list_rounds(sqlite_store, workspace.id)
    assert [r.source for r in rounds] == ["workshop", "self"]  # the self-assessment stays the latest
    latest, _ = readiness.latest_round_scores(sqlite_store, workspace.id)
    assert latest.source == "self"
    assert readiness.round_scores(sqlite_store, workspace.id, ws.round_id).answered == 53
