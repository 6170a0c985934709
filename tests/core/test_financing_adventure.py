"""The financing adventure: the flow chart as a graph, the path through the answers, the stored answers."""

import pytest

from core.content import ContentError, parse_file
from core.hrh import financing_adventure as fa
from tests.conftest import make_workspace


@pytest.fixture
def graph():
    return fa.graph()


def test_the_flow_chart_has_both_branches_of_the_workbook(graph):
    start = graph.node(graph.start)
    assert start.text == "Are you pursuing direct billing of insurance?"
    assert start.if_yes == "team_discussed" and start.if_no == "partnership_interest"
    questions = [n for n in graph.nodes if n.kind == "question"]
    outcomes = {n.id for n in graph.nodes if n.kind == "outcome"}
    assert len(questions) == 7
    assert outcomes == {"direct_billing_feasible", "not_ready", "ready_for_partners"}
    assert fa.longest_question_chain(graph) == 4


def test_no_answers_asks_the_first_question(graph):
    path = fa.follow(graph, {})
    assert path.steps == []
    assert path.question.id == "direct_billing"
    assert path.stop is None and not path.decided and path.branch == ""


def test_all_yes_on_direct_billing_reaches_feasible(graph):
    given = {"direct_billing": "yes", "team_discussed": "yes", "insurance_known": "yes", "cost_benefit_done": "yes"}
    path = fa.follow(graph, given)
    assert path.node_ids == [
        "direct_billing",
        "team_discussed",
        "insurance_known",
        "cost_benefit_done",
        "direct_billing_feasible",
    ]
    assert path.decided and path.branch == "direct billing"
    assert path.stop.link.page_id == "partners"


def test_not_knowing_the_insurance_mix_stops_at_the_survey(graph):
    path = fa.follow(graph, {"direct_billing": "yes", "team_discussed": "yes", "insurance_known": "no"})
    assert path.stop.id == "insurance_survey"
    assert path.stop.kind == "action" and not path.decided
    assert path.stop.link.page_id == "cost_benefit"
    assert ("insurance_known", "insurance_survey") in path.edges


def test_changing_an_earlier_answer_reroutes_and_ignores_the_other_branch(graph):
    given = {
        "direct_billing": "yes",
        "team_discussed": "yes",
        "insurance_known": "yes",
        "partnership_interest": "yes",
        "stakeholders_aligned": "no",
    }
    assert fa.follow(graph, given).question.id == "cost_benefit_done"
    given["direct_billing"] = "no"
    path = fa.follow(graph, given)
    assert path.node_ids == ["direct_billing", "partnership_interest", "stakeholders_aligned", "align_values"]
    assert path.stop.link.step == "what_it_takes"
    assert path.branch == "partnership"


def test_partnership_all_yes_is_ready_for_partners_and_no_is_not_ready(graph):
    ready = fa.follow(
        graph,
        {
            "direct_billing": "no",
            "partnership_interest": "yes",
            "stakeholders_aligned": "yes",
            "value_proposition_shared": "yes",
        },
    )
    assert ready.stop.id == "ready_for_partners" and ready.decided
    not_ready = fa.follow(graph, {"direct_billing": "no", "partnership_interest": "no"})
    assert not_ready.stop.id == "not_ready" and not_ready.decided


def test_an_answer_that_is_not_yes_or_no_counts_as_unanswered(graph):
    path = fa.follow(graph, {"direct_billing": "maybe"})
    assert path.question.id == "direct_billing"


def test_layout_puts_the_start_on_top_and_yes_left_of_no(graph):
    pos = fa.layout(graph)
    assert set(pos) == {n.id for n in graph.nodes}
    assert pos["direct_billing"].y == 0
    assert pos["direct_billing_feasible"].y == -4
    assert pos["team_discussed"].x < pos["partnership_interest"].x
    # a parent sits midway between its two children
    assert pos["cost_benefit_done"].x == (pos["direct_billing_feasible"].x + pos["do_cost_benefit"].x) / 2


def test_a_graph_with_a_dangling_target_is_rejected(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "workbook: {quote: Keep it real., source: hrh_workbook}\nstart: a\nnodes:\n"
        "  - {id: a, kind: question, short: A, text: 'A?', if_yes: b, if_no: nowhere}\n"
        "  - {id: b, kind: outcome, short: B, title: B, next_action: go, link: {step: partners, label: P}}\n"
    )
    with pytest.raises(ContentError, match="unknown node 'nowhere'"):
        parse_file(bad, fa.AdventureGraph)


def test_a_question_without_two_answers_is_rejected(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "workbook: {quote: Keep it real., source: hrh_workbook}\nstart: a\nnodes:\n"
        "  - {id: a, kind: question, short: A, text: 'A?', if_yes: a}\n"
    )
    with pytest.raises(ContentError, match="needs text, if_yes and if_no"):
        parse_file(bad, fa.AdventureGraph)


def test_answers_are_remembered_and_reroute(store):
    ws = make_workspace(store)
    fa.save_answer(store, ws.id, "direct_billing", "yes")
    fa.save_answer(store, ws.id, "team_discussed", "no")
    assert fa.workspace_path(store, ws.id).stop.id == "discuss_with_team"
    fa.save_answer(store, ws.id, "team_discussed", "yes")
    assert fa.workspace_path(store, ws.id).question.id == "insurance_known"
    fa.save_answer(store, ws.id, "team_discussed", None)
    assert fa.saved_answers(store, ws.id) == {"direct_billing": "yes"}


def test_saving_a_bad_answer_is_refused(store):
    ws = make_workspace(store)
    with pytest.raises(ValueError, match="Answer yes or no"):
        fa.save_answer(store, ws.id, "direct_billing", "perhaps")
    with pytest.raises(ValueError, match="is not a question"):
        fa.save_answer(store, ws.id, "not_ready", "yes")
    assert fa.saved_answers(store, ws.id) == {}


def test_progress_counts_questions_until_a_decision(store):
    ws = make_workspace(store)
    assert fa.adventure_progress(store, ws.id).share == 0
    fa.save_answer(store, ws.id, "direct_billing", "yes")
    fa.save_answer(store, ws.id, "team_discussed", "no")
    progress = fa.adventure_progress(store, ws.id)
    assert progress.share == 0.5  # 2 of the 4 questions of the longest path
    assert progress.detail == "Next: Talk it through with your team first"
    fa.save_answer(store, ws.id, "direct_billing", "no")
    fa.save_answer(store, ws.id, "partnership_interest", "no")
    done = fa.adventure_progress(store, ws.id)
    assert done.share == 1 and done.status == "done"


def test_answers_of_one_workspace_do_not_show_in_another(store):
    a, b = make_workspace(store, "Program A"), make_workspace(store, "Program B")
    fa.save_answer(store, a.id, "direct_billing", "yes")
    assert fa.saved_answers(store, b.id) == {}
