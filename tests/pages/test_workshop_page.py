"""Team workshop page (facilitator): start a workshop, list them, pause, resume and close."""

from core.hrh import readiness
from core.workshop import session as w


def test_empty_state_says_what_to_do_first(app_with_workspace):
    app, _ = app_with_workspace
    at = app.page("pages/workshop/workshop.py")
    assert not at.exception
    assert at.title[0].value == "Team workshop"
    assert any("No workshop yet" in i.value for i in at.info)


def test_starting_a_workshop_opens_its_live_view_with_a_code(app_with_workspace):
    app, workspace = app_with_workspace
    at = app.page("pages/workshop/workshop.py")
    at.text_input(key="workshop__title").set_value("Staff retreat")
    at.multiselect(key="workshop__domains").set_value(["systems", "mission_values"])
    at.button(key="workshop__start").click().run()
    assert not at.exception
    [started] = w.list_workshops(app.store, workspace.id)
    assert started.title == "Staff retreat" and started.status == "open"
    assert started.options["domains"] == ["mission_values", "systems"]
    assert readiness.get_round(app.store, workspace.id, started.round_id).source == "workshop"
    # the live view is shown, with the code in large type and the join link
    assert at.title[0].value == "Staff retreat"
    assert any(w.format_code(started.code) in m.value for m in at.markdown)
    assert any(f"/join?code={started.code}" in c.value for c in at.code)


def test_odd_names_are_cleaned_never_a_traceback(app_with_workspace):
    app, workspace = app_with_workspace
    at = app.page("pages/workshop/workshop.py")
    at.text_input(key="workshop__title").set_value("\x00\x07 ")  # only control characters: the default name
    at.button(key="workshop__start").click().run()
    assert not at.exception
    assert w.list_workshops(app.store, workspace.id)[0].title.startswith("Readiness workshop, ")
    at = app.page("pages/workshop/workshop.py")
    at.text_input(key="workshop__title").set_value("Ünïcödé 🌱 " + "x" * 200)  # the field stops at 120
    at.button(key="workshop__start").click().run()
    assert not at.exception
    assert w.list_workshops(app.store, workspace.id)[0].title.startswith("Ünïcödé 🌱 x")


def test_a_start_that_fails_shows_why_and_starts_nothing(app_with_workspace, monkeypatch):
    app, workspace = app_with_workspace

    def refuse(*args, **kwargs):
        raise w.WorkshopError("Could not find a free join code; try again.")

    monkeypatch.setattr(w, "start_workshop", refuse)
    at = app.page("pages/workshop/workshop.py")
    at.button(key="workshop__start").click().run()
    assert not at.exception
    assert at.error[0].value == "Could not find a free join code; try again."
    assert w.list_workshops(app.store, workspace.id) == []


def test_pause_resume_and_close_from_the_list(app_with_workspace):
    app, workspace = app_with_workspace
    ws = w.start_workshop(app.store, workspace.id, "readiness", title="**Bold** <i>retreat</i>")
    at = app.page("pages/workshop/workshop.py")
    assert any("\\*\\*Bold\\*\\* \\<i\\>retreat\\</i\\>" in m.value for m in at.markdown)  # shown as typed
    assert any(w.format_code(ws.code) in c.value for c in at.caption)
    at.button(key=f"workshop__{ws.id}__pause").click().run()
    assert w.get_workshop(app.store, workspace.id, ws.id).status == "paused"
    at.button(key=f"workshop__{ws.id}__resume").click().run()
    assert w.get_workshop(app.store, workspace.id, ws.id).status == "open"
    at.button(key=f"workshop__{ws.id}__close").click().run()
    assert not at.exception
    assert w.get_workshop(app.store, workspace.id, ws.id).status == "closed"
    assert not any(w.format_code(ws.code) in c.value for c in at.caption)  # a closed code is not shown


def test_text_activities_cannot_start_without_their_content(app_with_workspace, monkeypatch):
    app, workspace = app_with_workspace
    monkeypatch.setattr(w, "available_activities", lambda: ["readiness"])
    at = app.page("pages/workshop/workshop.py")
    at.radio(key="workshop__activity").set_value("value_proposition").run()
    assert not at.exception
    assert at.button(key="workshop__start").disabled


def test_starting_a_value_proposition_workshop_with_chosen_themes(app_with_workspace):
    app, workspace = app_with_workspace
    at = app.page("pages/workshop/workshop.py")
    at.radio(key="workshop__activity").set_value("value_proposition").run()
    at.multiselect(key="workshop__themes").set_value(["staffing", "services"])
    at.button(key="workshop__start").click().run()
    assert not at.exception
    [started] = w.list_workshops(app.store, workspace.id)
    assert started.activity == "value_proposition" and started.options["themes"] == ["services", "staffing"]
    assert started.round_id is None


def test_starting_a_step_4_workshop_opens_one_of_its_conversations(app_with_workspace):
    from core.hrh import what_it_takes

    app, workspace = app_with_workspace
    at = app.page("pages/workshop/workshop.py")
    at.radio(key="workshop__activity").set_value("what_it_takes").run()
    at.selectbox(key="workshop__guide").set_value("leadership")
    at.button(key="workshop__start").click().run()
    assert not at.exception
    [started] = w.list_workshops(app.store, workspace.id)
    [conversation] = what_it_takes.list_conversations(app.store, workspace.id)
    assert started.options["guide"] == "leadership" and started.options["conversation"] == conversation.record_id
