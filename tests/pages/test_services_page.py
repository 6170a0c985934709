"""Step 3 page: one editable table per category; edits are validated, saved, totalled and charted.

AppTest cannot type into a data editor; it sets the editor's edit state (edited_rows, added_rows,
deleted_rows) as the browser would report it, and the page applies it like its on_change callback.
"""

from core.hrh import services
from tests.pages.editing import plain


def edit(at, category, edited=None, added=None, deleted=None):
    versions = [e.key for e in at.data_editor if e.key.startswith(f"services__editor__{category}__")]
    at.session_state[versions[0]] = {
        "edited_rows": edited or {},
        "added_rows": added or [],
        "deleted_rows": deleted or [],
    }
    return at.run()


def saved(app, workspace, service_id):
    return next(r for r in services.service_map(app.store, workspace.id) if r.service_id == service_id)


def test_every_category_has_its_table_and_the_totals_wait_for_data(app_with_workspace):
    app, _ = app_with_workspace
    at = app.page("pages/hrh/services.py")
    assert not at.exception
    assert [len(e.value) for e in at.data_editor] == [5, 6, 4, 13, 5]
    assert list(at.data_editor[0].value["name"]) == [
        "Vaccines – Hepatitis A/B",
        "Vaccines – COVID-19",
        "Vaccines – Flu",
        "Vaccines – Other",
        "Naloxone",
    ]
    assert at.info[0].value.startswith("Fill in at least one service")


def test_an_edited_row_is_saved_shown_and_totalled(app_with_workspace):
    app, workspace = app_with_workspace
    at = app.page("pages/hrh/services.py")
    at = edit(at, "preventative", {4: {"services_per_month": 420, "clients_per_month": 260, "currently_offer": True}})
    assert not at.exception
    naloxone = saved(app, workspace, "naloxone")
    assert (naloxone.services_per_month, naloxone.clients_per_month, naloxone.currently_offer) == (420, 260, True)
    table = at.data_editor[0].value
    assert table.iloc[4]["services_per_month"] == "420"  # a text cell, so that what is typed reaches validation
    assert table.iloc[0]["services_per_month"] == ""  # a row not filled in is blank, never "None" or 0
    assert [m.value for m in at.metric] == ["420", "0", "260"]
    totals = at.dataframe[-1].value  # the editors are dataframes too; the totals table comes last
    assert list(totals["Category"])[-1] == "All services"
    assert list(totals["Services today"]) == [420, 0, 0, 0, 0, 420]
    assert len(at.get("plotly_chart")) == 2
    # a second edit of the same table (new editor key) keeps the first
    at = edit(at, "preventative", {0: {"services_per_month": 25, "clients_per_month": 22, "potentially_offer": True}})
    assert saved(app, workspace, "naloxone").services_per_month == 420
    assert saved(app, workspace, "vaccine_hep_ab").potentially_offer
    assert [m.value for m in at.metric] == ["420", "25", "260"]


def test_a_bad_count_gets_a_message_and_is_not_saved(app_with_workspace):
    app, workspace = app_with_workspace
    at = app.page("pages/hrh/services.py")
    at = edit(
        at,
        "medical",
        {
            0: {"services_per_month": -3},
            2: {"services_per_month": 55, "clients_per_month": 55, "currently_offer": True},
        },
    )
    assert not at.exception
    assert plain(at.error[0].value).startswith("Wound care & treatment: Estimated services per month must be a whole")
    assert saved(app, workspace, "wound_care").record_id is None
    assert saved(app, workspace, "hiv_testing").services_per_month == 55


def test_typed_bad_counts_are_refused_with_a_message_and_the_saved_value_kept(app_with_workspace):
    app, workspace = app_with_workspace
    at = app.page("pages/hrh/services.py")
    at = edit(at, "preventative", {4: {"services_per_month": "1,200", "currently_offer": True}})
    assert saved(app, workspace, "naloxone").services_per_month == 1200  # "1,200" typed with a comma
    for typed, shown_as in (("-5", "-5"), ("abc", "abc"), ("99,999,999", "99,999,999"), ("2.5", "2.5")):
        at = edit(at, "preventative", {4: {"services_per_month": typed}})
        assert not at.exception
        message = plain(at.error[0].value)
        assert message.startswith("Naloxone: Estimated services per month must be a whole number from 0 to 1,000,000")
        assert f"not '{shown_as}'" in message and "the last saved value is kept" in message
        assert saved(app, workspace, "naloxone").services_per_month == 1200  # never changed silently
        assert at.data_editor[0].value.iloc[4]["services_per_month"] == "1,200"


def test_more_clients_than_services_saves_with_a_warning(app_with_workspace):
    app, workspace = app_with_workspace
    at = app.page("pages/hrh/services.py")
    at = edit(at, "behavioral_health", {3: {"services_per_month": 4, "clients_per_month": 30, "currently_offer": True}})
    assert not at.exception
    assert saved(app, workspace, "support_groups").clients_per_month == 30
    assert plain(at.warning[0].value).startswith("Support groups: more clients (30) than services (4)")


def test_other_rows_are_added_and_deleted_per_category(app_with_workspace):
    app, workspace = app_with_workspace
    at = app.page("pages/hrh/services.py")
    at = edit(
        at,
        "peer_support",
        added=[
            {
                "name": "<b>Peer</b> drop-in",
                "services_per_month": 12,
                "clients_per_month": 10,
                "potentially_offer": True,
            }
        ],
    )
    assert not at.exception
    custom = [r for r in services.service_map(app.store, workspace.id) if r.is_custom]
    assert [(r.name, r.category) for r in custom] == [("<b>Peer</b> drop-in", "peer_support")]
    assert list(at.data_editor[4].value["name"])[-1] == "<b>Peer</b> drop-in"
    assert [m.value for m in at.metric][1] == "12"
    at = edit(at, "peer_support", deleted=[5])
    assert not at.exception
    assert not any(r.is_custom for r in services.service_map(app.store, workspace.id))
    assert len(at.data_editor[4].value) == 5


def test_the_workbooks_directions_are_quoted_and_the_page_credits_it(app_with_workspace):
    app, _ = app_with_workspace
    at = app.page("pages/hrh/services.py")
    assert not at.exception
    assert any(m.value.startswith("> “Remember, this isn’t about determining the maximum") for m in at.markdown)
    credit = next(c.value for c in at.caption if "Quoted on this page" in c.value)
    assert "Harm Reduction is Healthcare workbook" in credit and "Daliah Heller" in credit


def test_a_row_saved_elsewhere_shows_after_the_map_was_kept(app_with_workspace):
    app, workspace = app_with_workspace
    at = app.page("pages/hrh/services.py")
    at = edit(at, "preventative", {4: {"services_per_month": 420, "clients_per_month": 260, "currently_offer": True}})
    at.run()  # a rerun on the same data: the map kept for this version of it
    assert [m.value for m in at.metric] == ["420", "0", "260"]
    # Another window saves 80 naloxone services to 50 clients: the totals follow on the next run
    row = saved(app, workspace, "naloxone").model_copy(update={"services_per_month": 80, "clients_per_month": 50})
    services.save_service_row(app.store, workspace.id, row)
    at.run()
    assert [m.value for m in at.metric] == ["80", "0", "50"]
