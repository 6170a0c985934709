"""Workspace page: create (recovery codes shown once), open, recover, profile, passphrase, sessions,
delete, demo; the session cookie; two tabs on one answer; hostile names shown as text."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from core import demo, security
from core.store import answers, workspaces
from pages import _session, _ui
from tests.conftest import PASSPHRASE, ROOT, make_workspace
from tests.pages.editing import plain

HOSTILE = "Eve ![x](http://evil.example/x.png) [click](http://evil.example) http://evil.example/y <b>&amp;"


def _button(at, label):
    return next(b for b in at.button if b.label == label)


def _create(at, name, passphrase="a long passphrase", again=None):
    at.text_input(key="create__name").input(name)
    at.text_input(key="create__passphrase").input(passphrase)
    at.text_input(key="create__passphrase2").input(again or passphrase)
    _button(at, "Create workspace").click().run()
    return at


def _shown(at) -> str:
    parts = [m.value for m in (*at.markdown, *at.success, *at.error, *at.warning, *at.info, *at.caption, *at.title)]
    return "\n".join(parts)


@pytest.fixture
def cookies(monkeypatch):
    """The cookies a browser would send when its tab connects (AppTest cannot send any).

    Patched in `pages._session`, the cookies' home since `_ui` was split by job: the workspace helpers there
    look `_cookie` up in their own module (`_ui` only re-exports the public names)."""
    jar: dict[str, str] = {}
    monkeypatch.setattr(_session, "_cookie", lambda name: jar.get(name))
    return jar


def test_create_workspace_opens_it_shows_the_recovery_codes_once_and_keeps_no_token_in_the_url(app):
    at = app.page("pages/start/workspace.py")
    at.text_input(key="create__name").input("Eastside Harm Reduction")
    at.selectbox(key="create__state").select("Michigan")
    at.selectbox(key="create__org_type").select("drop_in_center")
    at.multiselect(key="create__populations").select("people_who_use_drugs").select("youth")
    _create(at, "Eastside Harm Reduction")
    assert not at.exception
    created = workspaces.find_workspace(app.store, "eastside harm reduction")
    assert (created.state, created.org_type, created.populations) == (
        "Michigan",
        "drop_in_center",
        ["people_who_use_drugs", "youth"],
    )
    assert "a long passphrase" not in created.passphrase_hash
    assert at.title[0].value == "Eastside Harm Reduction"
    assert dict(at.query_params) == {}  # nothing about the workspace in the address
    assert workspaces.workspace_for_token(app.store, at.session_state["workspace_token"]).id == created.id
    # The cookie that keeps it open after a reload is written by a script, with the same token.
    script = at.get("html")[0].proto.body
    assert f"hrwb_session={at.session_state['workspace_token']}" in script and "SameSite=Strict" in script

    codes = at.code[0].value.splitlines()
    assert len(codes) == security.RECOVERY_CODES
    assert workspaces.recovery_codes_left(app.store, created.id) == security.RECOVERY_CODES
    _button(at, "I have kept them; hide the codes").click().run()
    assert not at.code  # shown once: gone, and nowhere in the store in clear
    workspaces.recover_workspace(app.store, "Eastside Harm Reduction", codes[2], "set with a code")


def test_create_with_mismatched_or_short_passphrase_shows_the_reason(app):
    at = app.page("pages/start/workspace.py")
    _create(at, "Mismatch Org", "a long passphrase", "another passphrase")
    assert not at.exception
    assert any("not the same" in plain(e.value) for e in at.error)
    _create(at, "Mismatch Org", "short")
    assert any("at least 8 characters" in plain(e.value) for e in at.error)
    assert workspaces.find_workspace(app.store, "Mismatch Org") is None


def test_create_with_empty_name_says_so(app):
    at = app.page("pages/start/workspace.py")
    _create(at, "")
    assert not at.exception
    assert any("Organization name is required" in plain(e.value) for e in at.error)


def test_creating_a_name_in_use_says_nothing_about_it(app):
    make_workspace(app.store, "Riverside Peers")
    at = _create(app.page("pages/start/workspace.py"), "Riverside Peers", "our own passphrase")
    assert not at.exception and at.title[0].value == "Riverside Peers"
    assert not at.error


def test_a_hostile_name_is_shown_as_text_everywhere_on_the_page(app):
    at = _create(app.page("pages/start/workspace.py"), HOSTILE)
    assert not at.exception
    shown = _shown(at)
    for rendered in ("![x](", "[click](", "<b>", "http://", "&amp;"):
        assert not re.search(r"(?<!\\)" + re.escape(rendered), shown), rendered  # each escaped or broken up
    assert plain(at.title[0].value) == HOSTILE
    assert plain(at.success[0].value) == f"Workspace **{HOSTILE}** created."  # bold is the page's own
    label = next(t for t in at.text_input if t.key == "delete__confirm").label
    assert plain(label) == f"Type the workspace name ({HOSTILE}) to confirm"


def test_open_with_wrong_then_right_passphrase(app):
    make_workspace(app.store, "Westside Peers")
    at = app.page("pages/start/workspace.py")
    at.text_input(key="open__name").input("Westside Peers")
    at.text_input(key="open__passphrase").input("wrong passphrase")
    _button(at, "Open").click().run()
    assert not at.exception
    assert any("do not match a workspace" in plain(e.value) for e in at.error)
    at.text_input(key="open__name").input("westside peers")
    at.text_input(key="open__passphrase").input(PASSPHRASE)
    _button(at, "Open").click().run()
    assert at.title[0].value == "Westside Peers"


def test_too_many_wrong_tries_say_how_long_to_wait_and_how_the_owner_gets_in(app):
    at = app.page("pages/start/workspace.py")
    for _ in range(7):
        at.text_input(key="open__name").input("Nobody Here")
        at.text_input(key="open__passphrase").input("a wrong guess")
        _button(at, "Open").click().run()
    message = plain(at.error[0].value)
    assert "Too many tries. Wait 60 seconds" in message and "recovery code" in message


def test_a_recovery_code_sets_a_new_passphrase_and_opens_the_workspace(app):
    workspace = make_workspace(app.store, "Forgot It")
    code = workspaces.issue_recovery_codes(app.store, workspace.id)[0]
    at = app.page("pages/start/workspace.py")
    at.text_input(key="recover__name").input("Forgot It")
    at.text_input(key="recover__code").input(code.lower().replace("-", " "))
    at.text_input(key="recover__passphrase").input("remembered now")
    at.text_input(key="recover__passphrase2").input("remembered now")
    _button(at, "Set the new passphrase").click().run()
    assert not at.exception
    assert at.title[0].value == "Forgot It"
    assert "5 recovery codes left" in plain(at.success[0].value)
    assert workspaces.open_workspace(app.store, "Forgot It", "remembered now")[0].id == workspace.id


def test_a_wrong_recovery_code_changes_nothing(app):
    make_workspace(app.store, "Careful")
    at = app.page("pages/start/workspace.py")
    at.text_input(key="recover__name").input("Careful")
    at.text_input(key="recover__code").input(security.new_recovery_code())
    at.text_input(key="recover__passphrase").input("taken over now")
    at.text_input(key="recover__passphrase2").input("taken over now")
    _button(at, "Set the new passphrase").click().run()
    assert any("do not match" in plain(e.value) for e in at.error)
    assert workspaces.open_workspace(app.store, "Careful", PASSPHRASE)


def test_about_text_autosaves_with_revisions_and_refuses_huge_text(app_with_workspace):
    app, workspace = app_with_workspace
    at = app.page("pages/start/workspace.py")
    at.text_area(key="text__workspace__about").input("We serve two counties.").run()
    assert not at.exception
    assert answers.get_text(app.store, workspace.id, "workspace", "about") == "We serve two counties."
    assert any("Saved at" in c.value for c in at.caption)
    at.text_area(key="text__workspace__about").input("x" * 25_000).run()
    assert any("the limit is 20,000" in e.value for e in at.error)
    assert at.text_area(key="text__workspace__about").value == "x" * 25_000  # what was typed is kept on screen
    assert answers.get_text(app.store, workspace.id, "workspace", "about") == "We serve two counties."


def _second_tab(app, workspace) -> AppTest:
    tab = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    tab.session_state["workspace_token"] = workspaces.start_session(app.store, workspace.id)
    tab.run()
    return tab.switch_page("pages/start/workspace.py").run()


def test_two_tabs_typing_in_one_answer_lose_nothing(app_with_workspace):
    app, workspace = app_with_workspace
    answers.save_text(app.store, workspace.id, "workspace", "about", "Before both tabs")
    tab_a = app.page("pages/start/workspace.py")
    tab_b = _second_tab(app, workspace)
    tab_a.text_area(key="text__workspace__about").input("Tab A: two counties").run()
    tab_b.text_area(key="text__workspace__about").input("Tab B: three counties").run()
    assert not tab_b.exception
    assert "changed in another window" in tab_b.warning[0].value
    assert answers.get_text(app.store, workspace.id, "workspace", "about") == "Tab A: two counties"
    assert tab_b.text_area(key="text__workspace__about").value == "Tab B: three counties"  # still on screen
    _button(tab_b, "Save mine over it").click().run()
    assert answers.get_text(app.store, workspace.id, "workspace", "about") == "Tab B: three counties"
    history = [r.text for r in answers.text_revisions(app.store, workspace.id, "workspace", "about")]
    assert history == ["Tab B: three counties", "Tab A: two counties", "Before both tabs"]
    # Tab A, now the stale one, chooses to see the other window's text instead.
    tab_a.text_area(key="text__workspace__about").input("Tab A again").run()
    _button(tab_a, "Show the other window's text").click().run()
    assert tab_a.text_area(key="text__workspace__about").value == "Tab B: three counties"
    assert answers.get_text(app.store, workspace.id, "workspace", "about") == "Tab B: three counties"


def test_renaming_needs_the_passphrase(app_with_workspace):
    app, workspace = app_with_workspace
    at = app.page("pages/start/workspace.py")
    at.text_input(key="profile__name").input("Northside Outreach Collective")
    _button(at, "Save profile").click().run()
    assert any("Type the passphrase" in plain(e.value) for e in at.error)
    at.text_input(key="profile__name").input("Northside Outreach Collective")
    at.text_input(key="profile__passphrase").input("not the passphrase")
    _button(at, "Save profile").click().run()
    assert any("not right" in plain(e.value) for e in at.error)
    at.text_input(key="profile__name").input("Northside Outreach Collective")
    at.text_input(key="profile__passphrase").input(PASSPHRASE)
    _button(at, "Save profile").click().run()
    assert not at.exception
    assert workspaces.get_workspace(app.store, workspace.id).name == "Northside Outreach Collective"
    assert at.title[0].value == "Northside Outreach Collective"
    assert workspaces.open_workspace(app.store, "Northside Outreach Collective", PASSPHRASE)[0].id == workspace.id


def test_changing_the_passphrase_signs_out_the_other_browsers_only(app_with_workspace):
    app, workspace = app_with_workspace
    _, elsewhere = workspaces.open_workspace(app.store, "Northside Outreach", PASSPHRASE)
    at = app.page("pages/start/workspace.py")
    at.text_input(key="pass__current").input(PASSPHRASE)
    at.text_input(key="pass__new").input("a fresh passphrase")
    at.text_input(key="pass__new2").input("a fresh passphrase")
    _button(at, "Change passphrase").click().run()
    assert not at.exception
    assert "Every other browser" in at.success[0].value
    assert workspaces.workspace_for_token(app.store, elsewhere) is None
    assert at.title[0].value == "Northside Outreach"  # this browser stays in
    assert workspaces.open_workspace(app.store, "Northside Outreach", "a fresh passphrase")


def test_new_recovery_codes_need_the_passphrase_and_replace_the_old(app_with_workspace):
    app, workspace = app_with_workspace
    old = workspaces.issue_recovery_codes(app.store, workspace.id)
    at = app.page("pages/start/workspace.py")
    at.text_input(key="codes__passphrase").input("wrong wrong")
    _button(at, "Make new recovery codes").click().run()
    assert any("not right" in plain(e.value) for e in at.error) and not at.code
    at.text_input(key="codes__passphrase").input(PASSPHRASE)
    _button(at, "Make new recovery codes").click().run()
    new = at.code[0].value.splitlines()
    assert len(new) == security.RECOVERY_CODES and not set(new) & set(old)


def test_sign_out_everywhere_closes_this_browser_too(app_with_workspace):
    app, workspace = app_with_workspace
    _, elsewhere = workspaces.open_workspace(app.store, "Northside Outreach", PASSPHRASE)
    at = app.page("pages/start/workspace.py")
    at.button(key="everywhere").click().run()
    assert not at.exception
    assert at.title[0].value == "Workspace"
    assert "Signed out everywhere" in at.success[0].value
    assert workspaces.workspace_for_token(app.store, elsewhere) is None
    assert workspaces.session_count(app.store, workspace.id) == 0


def test_a_reload_finds_the_workspace_by_its_cookie_and_a_closed_one_stays_closed(app, cookies):
    workspace = make_workspace(app.store, "Reloaded Org")
    cookies["hrwb_session"] = workspaces.start_session(app.store, workspace.id)
    at = app.page("pages/start/workspace.py")  # a new session, as after a reload: only the cookie knows
    assert at.title[0].value == "Reloaded Org"
    at.button(key="switch").click().run()
    assert at.title[0].value == "Workspace"
    assert "hrwb_session=; Max-Age=0" in at.get("html")[0].proto.body  # the cookie is cleared
    at.run()  # the tab still holds the cookie it connected with: never used again
    assert at.title[0].value == "Workspace"
    assert workspaces.workspace_for_token(app.store, cookies["hrwb_session"]) is None


def test_an_expired_cookie_says_the_session_ended(app, cookies):
    cookies["hrwb_session"] = security.new_token()  # unknown to the store, as after 30 days
    at = app.page("pages/start/workspace.py")
    assert at.title[0].value == "Workspace"
    assert "Your session ended" in at.success[0].value


def test_delete_needs_the_typed_name(app_with_workspace):
    app, workspace = app_with_workspace
    at = app.page("pages/start/workspace.py")
    at.text_input(key="delete__confirm").input("Northside").run()
    _button(at, "Delete this workspace for good").click().run()
    assert any("does not match" in plain(e.value) for e in at.error)
    assert workspaces.get_workspace(app.store, workspace.id) is not None
    at.text_input(key="delete__confirm").input("Northside Outreach").run()
    _button(at, "Delete this workspace for good").click().run()
    assert not at.exception
    assert workspaces.get_workspace(app.store, workspace.id) is None
    assert at.title[0].value == "Workspace"


def test_demo_opens_says_it_is_fictional_and_offers_no_way_to_take_it(app):
    at = app.page("pages/start/workspace.py")
    _button(at, "Open the demo workspace").click().run()
    assert not at.exception
    assert at.title[0].value.startswith(plain(_ui.escape_md(demo.demo_name())).split()[0])
    assert any("fictional program" in i.value for i in at.info)
    assert next(t for t in at.text_input if t.key == "profile__name").disabled
    keys = {t.key for t in at.text_input}
    assert {"pass__current", "codes__passphrase", "profile__passphrase"}.isdisjoint(keys)
    assert not [b for b in at.button if b.key == "everywhere"]


def test_switch_closes_the_workspace_in_this_browser(app_with_workspace):
    # (The sidebar's "Close workspace" button is driven in the browser journey: AppTest does not
    # show elements the entry script draws in the sidebar.)
    app, _ = app_with_workspace
    at = app.page("pages/start/workspace.py")
    at.button(key="switch").click().run()
    assert not at.exception
    assert "workspace_token" not in at.session_state
    assert at.title[0].value == "Workspace"
