"""Workspace page: create, open, wrong passphrase, edit profile, autosave, delete, demo."""

from core.store import answers, workspaces
from tests.conftest import PASSPHRASE, make_workspace


def _button(at, label):
    return next(b for b in at.button if b.label == label)


def test_create_workspace_opens_it_and_hashes_the_passphrase(app):
    at = app.page("pages/workspace.py")
    at.text_input(key="create__name").input("Eastside Harm Reduction")
    at.selectbox(key="create__state").select("Michigan")
    at.selectbox(key="create__org_type").select("drop_in_center")
    at.multiselect(key="create__populations").select("people_who_use_drugs").select("youth")
    at.text_input(key="create__passphrase").input("a long passphrase")
    at.text_input(key="create__passphrase2").input("a long passphrase")
    _button(at, "Create workspace").click().run()
    assert not at.exception
    created = workspaces.find_workspace(app.store, "eastside harm reduction")
    assert (created.state, created.org_type, created.populations) == (
        "Michigan",
        "drop_in_center",
        ["people_who_use_drugs", "youth"],
    )
    assert "a long passphrase" not in created.passphrase_hash
    assert at.title[0].value == "Eastside Harm Reduction"
    token = at.query_params["ws"]
    token = token[0] if isinstance(token, list) else token
    assert workspaces.workspace_for_token(app.store, token).id == created.id


def test_create_with_mismatched_or_short_passphrase_shows_the_reason(app):
    at = app.page("pages/workspace.py")
    at.text_input(key="create__name").input("Mismatch Org")
    at.text_input(key="create__passphrase").input("a long passphrase")
    at.text_input(key="create__passphrase2").input("another passphrase")
    _button(at, "Create workspace").click().run()
    assert not at.exception
    assert any("not the same" in e.value for e in at.error)
    at.text_input(key="create__passphrase").input("short")
    at.text_input(key="create__passphrase2").input("short")
    _button(at, "Create workspace").click().run()
    assert any("at least 8 characters" in e.value for e in at.error)
    assert workspaces.find_workspace(app.store, "Mismatch Org") is None


def test_create_with_empty_name_says_so(app):
    at = app.page("pages/workspace.py")
    at.text_input(key="create__passphrase").input("a long passphrase")
    at.text_input(key="create__passphrase2").input("a long passphrase")
    _button(at, "Create workspace").click().run()
    assert not at.exception
    assert any("Organization name is required" in e.value for e in at.error)


def test_open_with_wrong_then_right_passphrase(app):
    make_workspace(app.store, "Westside Peers")
    at = app.page("pages/workspace.py")
    at.text_input(key="open__name").input("Westside Peers")
    at.text_input(key="open__passphrase").input("wrong passphrase")
    _button(at, "Open").click().run()
    assert not at.exception
    assert any("do not match a workspace" in e.value for e in at.error)
    at.text_input(key="open__name").input("westside peers")
    at.text_input(key="open__passphrase").input(PASSPHRASE)
    _button(at, "Open").click().run()
    assert at.title[0].value == "Westside Peers"


def test_about_text_autosaves_with_revisions_and_refuses_huge_text(app_with_workspace):
    app, workspace = app_with_workspace
    at = app.page("pages/workspace.py")
    at.text_area(key="text__workspace__about").input("We serve two counties.").run()
    assert not at.exception
    assert answers.get_text(app.store, workspace.id, "workspace", "about") == "We serve two counties."
    assert any("Saved at" in c.value for c in at.caption)
    at.text_area(key="text__workspace__about").input("x" * 25_000).run()
    assert any("the limit is 20,000" in e.value for e in at.error)
    assert at.text_area(key="text__workspace__about").value == "x" * 25_000  # what was typed is kept on screen
    assert answers.get_text(app.store, workspace.id, "workspace", "about") == "We serve two counties."


def test_profile_rename_and_bad_rename(app_with_workspace):
    app, workspace = app_with_workspace
    make_workspace(app.store, "Taken Name")
    at = app.page("pages/workspace.py")
    at.text_input(key="profile__name").input("Taken Name")
    _button(at, "Save profile").click().run()
    assert any("already named" in e.value for e in at.error)
    at.text_input(key="profile__name").input("Northside Outreach Collective")
    _button(at, "Save profile").click().run()
    assert not at.exception
    assert workspaces.get_workspace(app.store, workspace.id).name == "Northside Outreach Collective"
    assert at.title[0].value == "Northside Outreach Collective"


def test_delete_needs_the_typed_name(app_with_workspace):
    app, workspace = app_with_workspace
    at = app.page("pages/workspace.py")
    at.text_input(key="delete__confirm").input("Northside").run()
    _button(at, "Delete this workspace for good").click().run()
    assert any("does not match" in e.value for e in at.error)
    assert workspaces.get_workspace(app.store, workspace.id) is not None
    at.text_input(key="delete__confirm").input("Northside Outreach").run()
    _button(at, "Delete this workspace for good").click().run()
    assert not at.exception
    assert workspaces.get_workspace(app.store, workspace.id) is None
    assert at.title[0].value == "Workspace"


def test_demo_opens_and_says_it_is_fictional(app):
    at = app.page("pages/workspace.py")
    _button(at, "Open the demo workspace").click().run()
    assert not at.exception
    assert at.title[0].value.startswith("Riverbend Harm Reduction Collective")
    assert any("fictional program" in i.value for i in at.info)


def test_switch_closes_the_workspace_in_this_browser(app_with_workspace):
    # (The sidebar's "Close workspace" button is driven in the browser journey: AppTest does not
    # show elements the entry script draws in the sidebar.)
    app, _ = app_with_workspace
    at = app.page("pages/workspace.py")
    at.button(key="switch").click().run()
    assert not at.exception
    assert "ws" not in at.query_params
    assert at.title[0].value == "Workspace"
