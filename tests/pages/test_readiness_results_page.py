"""Step 2 results page: scores, radar chart, strengths, rounds compared, reflection notes, Word export."""

import datetime as dt

from core.hrh import readiness
from core.store import answers


def answer(app, workspace, round_, value_of):
    me = readiness.self_respondent(app.store, workspace.id, round_.id)
    for item in sorted(readiness.item_ids()):
        value = value_of(item)
        if value != "skip":
            readiness.save_readiness_answer(app.store, workspace.id, me.id, item, value)


def test_without_a_round_the_page_says_what_to_do_first(app_with_workspace):
    app, _ = app_with_workspace
    at = app.page("pages/hrh/readiness_results.py")
    assert not at.exception
    assert at.info[0].value.startswith("No assessment yet")
    assert at.page_link[0].value == "Start the assessment"


def test_an_unanswered_round_has_no_scores_yet(app_with_workspace):
    app, workspace = app_with_workspace
    readiness.create_round(app.store, workspace.id, "Spring", dt.date(2025, 4, 1))
    at = app.page("pages/hrh/readiness_results.py")
    assert not at.exception
    assert at.info[0].value.startswith("This round has no answers with a number yet")


def test_scores_chart_and_strengths_of_a_round(app_with_workspace):
    app, workspace = app_with_workspace
    round_ = readiness.create_round(app.store, workspace.id, "Spring", dt.date(2025, 4, 1))
    domain_value = {"mission_values": 4, "services": 3, "staffing": 1, "systems": 2, "relationships": 3}
    answer(app, workspace, round_, lambda item: domain_value.get(item.split(".")[0], "skip"))
    at = app.page("pages/hrh/readiness_results.py")
    assert not at.exception
    assert [m.value for m in at.metric] == [f"{(32 + 48 + 12 + 10 + 18) / 47:.2f}", "47 of 53", "0"]
    assert len(at.get("plotly_chart")) == 2  # radar and the items of a domain
    text = " ".join(m.value for m in at.markdown)
    assert "- Mission & Values: 4.00\n- Services: 3.00\n- Relationships: 3.00" in text
    assert "- Staffing: 1.00\n- Systems: 2.00" in text
    assert any("Sustainability (0 of 6)" in w.value for w in at.warning)
    scores = at.dataframe[0].value
    assert list(scores["Mean (1-4)"])[:2] == [4.0, 3.0]
    assert list(scores["Ranked"])[-1] == "not enough answers"
    assert at.download_button[0].label == "Download the readiness report (Word)"


def test_rounds_are_compared_with_the_previous_one_by_default(app_with_workspace):
    app, workspace = app_with_workspace
    spring = readiness.create_round(app.store, workspace.id, "Spring", dt.date(2025, 4, 1))
    answer(app, workspace, spring, lambda item: 2)
    autumn = readiness.create_round(app.store, workspace.id, "Autumn *new*", dt.date(2025, 10, 1))
    answer(app, workspace, autumn, lambda item: 3 if item.startswith("systems") else 2)
    at = app.page("pages/hrh/readiness_results.py")
    assert not at.exception
    assert at.selectbox(key="readiness_results__round").value == autumn.id
    assert at.selectbox(key="readiness_results__compare").value == spring.id
    assert "Compared with Spring" in [s.value for s in at.subheader]
    table = at.dataframe[1].value
    systems = table[table["Domain"] == "Systems"].iloc[0]
    assert systems["Change"] == 1.0 and systems["Direction"] == "up"
    radar = at.get("plotly_chart")[0]
    assert "Spring" in radar.proto.spec and "Autumn *new*" in radar.proto.spec
    # choosing the earlier round compares it with the later one, still earlier -> later
    at.selectbox(key="readiness_results__round").set_value(spring.id).run()
    at.selectbox(key="readiness_results__compare").set_value(autumn.id).run()
    assert not at.exception
    assert "Compared with Autumn \\*new\\*" in [s.value for s in at.subheader]
    table = at.dataframe[1].value
    assert table[table["Domain"] == "Systems"].iloc[0]["Change"] == 1.0


def test_reflection_notes_save_with_revisions(app_with_workspace):
    app, workspace = app_with_workspace
    round_ = readiness.create_round(app.store, workspace.id, "Spring", dt.date(2025, 4, 1))
    answer(app, workspace, round_, lambda item: 3)
    at = app.page("pages/hrh/readiness_results.py")
    section = readiness.reflection_section(round_.id)
    at.text_area(key=f"text__{section}__strengths").set_value("Trust with people who use drugs.").run()
    assert not at.exception
    assert answers.get_text(app.store, workspace.id, section, "strengths") == "Trust with people who use drugs."
    assert any(c.value.startswith(":material/check: Saved at") for c in at.caption)
    at.text_area(key=f"text__{section}__strengths").set_value("x" * 20_001).run()
    assert not at.exception
    assert "limit is 20,000" in at.error[0].value
    assert answers.get_text(app.store, workspace.id, section, "strengths") == "Trust with people who use drugs."


def test_the_page_states_the_rule_and_the_reversed_items(app_with_workspace):
    app, workspace = app_with_workspace
    round_ = readiness.create_round(app.store, workspace.id, "Spring", dt.date(2025, 4, 1))
    # Sustainability all 4s: the two reversed items count 1, so its mean is (1 + 4 + 4 + 4 + 4 + 1) / 6 = 3.00
    answer(app, workspace, round_, lambda item: 4 if item.startswith("sustainability") else "skip")
    at = app.page("pages/hrh/readiness_results.py")
    assert not at.exception
    assert at.metric[0].value == "3.00"
    block = next(e for e in at.expander if e.label == "How strengths and limitations are named")
    text = " ".join(m.value for m in block.markdown).replace("\\", "")
    assert "above the overall mean" in text
    assert 'Scored reversed (5 - the answer): Sustainability 1, "Do you anticipate any funding gaps' in text


def test_a_round_added_elsewhere_shows_after_the_rounds_were_kept(app_with_workspace):
    app, workspace = app_with_workspace
    spring = readiness.create_round(app.store, workspace.id, "Spring", dt.date(2025, 4, 1))
    answer(app, workspace, spring, lambda item: 2)
    at = app.page("pages/hrh/readiness_results.py")
    at.run()  # a rerun on the same data: the rounds kept for this version of it
    assert any(c.value.startswith("Start another round") for c in at.caption)
    # Another window holds a second round: the next run offers it for comparison
    autumn = readiness.create_round(app.store, workspace.id, "Autumn", dt.date(2025, 10, 1))
    answer(app, workspace, autumn, lambda item: 3)
    at.run()
    assert not at.exception
    assert at.selectbox(key="readiness_results__compare").options == [
        "No comparison",
        "Autumn (2025-10-01, self-assessment)",
    ]
