"""Step 4 summary: the three groups side by side, and the key insights saved with revisions."""

from __future__ import annotations

import datetime as dt

from core.hrh import what_it_takes
from core.store import answers

PAGE = "pages/hrh/what_it_takes_summary.py"


def test_with_no_conversations_it_says_where_to_start(app_with_workspace):
    app, _ = app_with_workspace
    at = app.page(PAGE)
    assert not at.exception
    assert "No conversations yet" in at.info[0].value
    assert [s.value for s in at.subheader][:3] == [g.group for g in what_it_takes.guides()]


def test_notes_show_under_their_group_and_markup_is_shown_as_typed(app_with_workspace):
    app, workspace = app_with_workspace
    c = what_it_takes.add_conversation(
        app.store,
        workspace.id,
        what_it_takes.Conversation(guide_id="participants", held_on=dt.date(2025, 3, 11), group="Seven participants"),
    )
    answers.save_text(
        app.store,
        workspace.id,
        "what_it_takes.participants",
        f"{c.record_id}.one_more",
        "A nurse **here** <script>x</script>",
    )
    at = app.page(PAGE)
    assert not at.exception
    shown = [m.value for m in at.markdown]
    assert "A nurse \\*\\*here\\*\\* \\<script\\>x\\</script\\>" in shown
    assert "**March 11, 2025**: Seven participants" in shown
    assert sum(c.value == "No conversation with this group yet." for c in at.caption) == 2


def test_key_insights_save_with_revisions(app_with_workspace):
    app, workspace = app_with_workspace
    at = app.page(PAGE)
    key = "text__what_it_takes.insights__unique_value"
    at.text_area(key=key).input("Trust.").run()
    at.text_area(key=key).input("Trust built over eight years.").run()
    assert not at.exception
    assert what_it_takes.get_insights(app.store, workspace.id)["unique_value"] == "Trust built over eight years."
    revisions = answers.text_revisions(app.store, workspace.id, what_it_takes.INSIGHTS_SECTION, "unique_value")
    assert [r.text for r in revisions] == ["Trust built over eight years.", "Trust."]


def test_the_summary_says_everything_on_it_is_the_apps_or_the_teams(app_with_workspace):
    app, _ = app_with_workspace
    at = app.page("pages/hrh/what_it_takes_summary.py")
    assert not at.exception
    assert any("Everything on this page is the app's own explanation" in c.value for c in at.caption)
