"""Step 9 page: state research, links, programs, seats, the goal and the stakeholder messages."""

import datetime as dt

from core.hrh import advocate as adv
from core.store import answers
from tests.pages.editing import edit_table, errors, plain

PAGE = "pages/hrh/advocate.py"


def test_the_page_lists_the_workbooks_checklists(app_with_workspace):
    app, _ = app_with_workspace
    at = app.page(PAGE)
    assert not at.exception
    assert at.title[0].value == "Step 9: Organize & advocate"
    labels = [e.label for e in at.expander]
    assert "Carve-ins and carve-outs" in labels and "Connect with other programs" in labels
    assert [t.label for t in at.tabs] == ["Legislators", "Regulators", "Funders", "Health systems"]


def test_a_research_item_is_ticked_with_notes(app_with_workspace):
    app, ws = app_with_workspace
    at = app.page(PAGE)
    at.checkbox(key=f"advocate__{adv.RESEARCH_SECTION}__carve_ins").check().run()
    at.text_area(key=f"text__{adv.RESEARCH_SECTION}__carve_ins").input("Behavioral health is carved out.").run()
    assert not at.exception
    assert adv.checklist(app.store, ws.id, adv.RESEARCH_SECTION) == {"carve_ins": True}
    assert answers.get_text(app.store, ws.id, adv.RESEARCH_SECTION, "carve_ins") == "Behavioral health is carved out."
    assert "✓ Carve-ins and carve-outs" in [e.label for e in at.expander]


def test_links_must_be_web_addresses(app_with_workspace):
    app, ws = app_with_workspace
    at = app.page(PAGE)
    at = edit_table(
        at,
        "advocate__links",
        added=[
            {"topic": "carve_ins", "title": "Explainer", "url": "https://health.example.org/carve-outs"},
            {"topic": "carve_ins", "title": "Bad", "url": "javascript:alert(1)"},
        ],
    )
    assert not at.exception
    assert [link.url for _, link in adv.list_rows(app.store, ws.id, adv.ResearchLink)] == [
        "https://health.example.org/carve-outs"
    ]
    assert any("is not a web address" in e for e in errors(at))


def test_programs_and_seats_are_added_from_their_tables(app_with_workspace):
    app, ws = app_with_workspace
    at = app.page(PAGE)
    at = edit_table(at, "advocate__programs", added=[{"name": "Lantern Harm Reduction", "area": "East"}])
    at = edit_table(
        at,
        "advocate__seats",
        added=[{"seat_type": "testimony", "name": "City council hearing", "date": "2026-12-01", "who": "Director"}],
    )
    assert not at.exception
    [(_, program)] = adv.list_rows(app.store, ws.id, adv.Program)
    assert (program.name, program.status) == ("Lantern Harm Reduction", "to_contact")
    [(seat_id, seat)] = adv.list_rows(app.store, ws.id, adv.Seat)
    assert (seat.seat_type, seat.date, seat.status) == ("testimony", dt.date(2026, 12, 1), "idea")
    at = edit_table(at, "advocate__seats", edited={0: {"status": "confirmed"}})
    assert dict(adv.list_rows(app.store, ws.id, adv.Seat))[seat_id].status == "confirmed"
    assert at.data_editor(key="advocate__seats").value["name"].tolist() == ["City council hearing"]


def test_goal_and_messages_come_together_as_a_draft(app_with_workspace):
    app, ws = app_with_workspace
    at = app.page(PAGE)
    at.text_area(key=f"text__{adv.GOAL_SECTION}__{adv.GOAL_PROMPT}").input("Medicaid pays for peer navigation.").run()
    section = adv.message_section("funders")
    for part, text in (
        ("ask", "Fund a billing coordinator."),
        ("evidence", "240 walks a month."),
        ("story", "A participant finished hepatitis C treatment **with** a peer."),
    ):
        at.text_area(key=f"text__{section}__{part}").input(text).run()
    assert not at.exception
    assert adv.messages_ready(adv.message_texts(app.store, ws.id)) == ["funders"]
    drafts = [t.value for t in at.text]
    assert any(d.startswith("For funders\n\nFund a billing coordinator.") and "**with**" in d for d in drafts)
    assert any("Messages ready (ask, evidence and story written): 1 of 4." in c.value for c in at.caption)


def test_get_a_seat_at_the_table_is_the_workbooks_with_its_places_and_example(app_with_workspace):
    app, _ = app_with_workspace
    at = app.page("pages/hrh/advocate.py")
    assert not at.exception
    md = " ".join(m.value for m in at.markdown)
    assert "> “Talk about the value of harm reduction loud and proud at…”" in md
    for place in (
        "Webinars organized by public health departments",
        "Community board meetings where there are usually representatives",
        "Public testimony at city hall or capitol hill",
    ):
        assert place in md
    assert "“Check out the Pennsylvania Department of Health Statewide Health Assessment here”" in md
    assert "opioid settlement" not in md.casefold()
    assert "opioid settlement" not in (at.text_area(key="text__advocate.goal__goal").help or "").casefold()
    credit = next(plain(c.value) for c in at.caption if "Quoted on this page" in c.value)
    assert "Taeko Frost" in credit and "Fostering Resilience and Recovery: Change Concept 5" in credit


def test_a_program_added_elsewhere_shows_after_the_tables_were_kept(app_with_workspace):
    app, ws = app_with_workspace
    at = app.page(PAGE)
    at.run()  # a rerun on the same data: the tables kept for this version of it
    assert at.data_editor(key="advocate__programs").value["name"].tolist() == []
    adv.add_row(app.store, ws.id, adv.Program, {"name": "Lantern Harm Reduction", "area": "East"})  # another window
    at.run()
    assert not at.exception
    assert at.data_editor(key="advocate__programs").value["name"].tolist() == ["Lantern Harm Reduction"]
