"""Step 2 answering page: start a round, answer items (saved on change), domains, new rounds."""

import datetime as dt

from core.hrh import readiness


def key(round_id: str, item_id: str) -> str:
    return f"readiness__{round_id}__{item_id}"


def start(app, workspace):
    round_ = readiness.create_round(app.store, workspace.id, "Spring", dt.date(2025, 4, 1))
    return round_, app.page("pages/hrh/readiness.py")


def test_first_visit_starts_a_round(app_with_workspace):
    app, workspace = app_with_workspace
    at = app.page("pages/hrh/readiness.py")
    assert not at.exception
    assert at.info[0].value.startswith("Start your first assessment round")
    at.text_input(key="readiness__new_label").set_value("Board retreat")
    at.form_submit_button[0].click().run()
    assert not at.exception
    (round_,) = readiness.list_rounds(app.store, workspace.id)
    assert round_.label == "Board retreat" and round_.held_on == dt.date.today()
    assert at.subheader[0].value == "Mission & Values"
    assert len(at.segmented_control) == 1 + 8  # the domain picker and the eight items


def test_an_empty_round_name_gets_a_message_and_saves_nothing(app_with_workspace):
    app, workspace = app_with_workspace
    at = app.page("pages/hrh/readiness.py")
    at.text_input(key="readiness__new_label").set_value("   ")
    at.form_submit_button[0].click().run()
    assert not at.exception
    assert at.error[0].value == "Round name is required."
    assert readiness.list_rounds(app.store, workspace.id) == []


def test_answers_save_on_change_and_show_in_the_completion(app_with_workspace):
    app, workspace = app_with_workspace
    round_, at = start(app, workspace)
    at.segmented_control(key=key(round_.id, "mission_values.written_mission")).set_value(3).run()
    at.segmented_control(key=key(round_.id, "mission_values.value_statements")).set_value(0).run()  # Not sure
    assert not at.exception
    assert readiness.round_answers(app.store, workspace.id, round_.id) == {
        "mission_values.written_mission": 3,
        "mission_values.value_statements": None,
    }
    assert at.get("progress")[0].proto.text == "2 of 53 items answered (1 not sure)"
    domain_picker = at.segmented_control(key="readiness__domain")
    assert domain_picker.options[0] == "Mission & Values 2/8"
    # deselecting makes the item unanswered again
    at.segmented_control(key=key(round_.id, "mission_values.written_mission")).set_value(None).run()
    assert readiness.round_answers(app.store, workspace.id, round_.id) == {"mission_values.value_statements": None}


def test_answers_come_back_after_visiting_another_domain(app_with_workspace):
    app, workspace = app_with_workspace
    round_, at = start(app, workspace)
    at.segmented_control(key=key(round_.id, "mission_values.written_mission")).set_value(4).run()
    at.button(key="readiness__next").click().run()
    assert at.subheader[0].value == "Services"
    at.segmented_control(key="readiness__domain").set_value("mission_values").run()
    assert not at.exception
    assert at.segmented_control(key=key(round_.id, "mission_values.written_mission")).value == 4


def test_every_item_of_every_domain_can_be_answered(app_with_workspace):
    app, workspace = app_with_workspace
    round_, at = start(app, workspace)
    for domain in readiness.domains():
        at.segmented_control(key="readiness__domain").set_value(domain.id).run()
        assert at.subheader[0].value == domain.title
        for item in domain.items:
            at.segmented_control(key=key(round_.id, item.id)).set_value(2)
        at.run()
    assert not at.exception
    assert len(readiness.round_answers(app.store, workspace.id, round_.id)) == 53
    assert at.get("progress")[0].proto.text.startswith("53 of 53")
    assert all(option.endswith("✓") for option in at.segmented_control(key="readiness__domain").options)
    assert not [b for b in at.button if b.key == "readiness__next"]  # the last domain has no "next"


def test_a_new_round_starts_empty_and_is_selected(app_with_workspace):
    app, workspace = app_with_workspace
    round_, at = start(app, workspace)
    at.segmented_control(key=key(round_.id, "mission_values.written_mission")).set_value(4).run()
    at.text_input(key="readiness__new_label").set_value("Autumn <b>check</b>")
    at.date_input(key="readiness__new_date").set_value(dt.date(2025, 10, 1))
    at.form_submit_button[0].click().run()
    assert not at.exception
    rounds = readiness.list_rounds(app.store, workspace.id)
    assert [r.label for r in rounds] == ["Spring", "Autumn <b>check</b>"]
    assert at.selectbox(key="readiness__round").value == rounds[1].id
    assert at.segmented_control(key=key(rounds[1].id, "mission_values.written_mission")).value is None
    assert at.get("progress")[0].proto.text.startswith("0 of 53")


def test_a_workshop_round_is_not_answered_here(app_with_workspace):
    app, workspace = app_with_workspace
    readiness.create_round(app.store, workspace.id, "Team workshop", dt.date(2025, 5, 1), source="workshop")
    at = app.page("pages/hrh/readiness.py")
    assert not at.exception
    assert any("team workshop" in i.value for i in at.info)
    assert len(at.segmented_control) == 0
