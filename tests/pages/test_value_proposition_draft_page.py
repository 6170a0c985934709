"""Step 5 draft page: assemble, edit (versions kept), re-assemble only after asking, deck details."""

from __future__ import annotations

from core.hrh import value_proposition as vp
from core.store import answers

PAGE = "pages/hrh/value_proposition_draft.py"
DRAFT = "text__value_proposition.draft__text"


def test_an_empty_draft_offers_to_assemble_and_lists_what_is_missing(app_with_workspace):
    app, _ = app_with_workspace
    at = app.page(PAGE)
    assert not at.exception
    assert at.button(key="value_proposition_draft__assemble").label == "Assemble my draft"
    assert any("Nothing assembled yet" in i.value for i in at.info)
    assert "Add the services you offer with monthly volumes in Step 3." in at.expander[0].markdown[0].value


def test_assembling_shows_the_draft_and_editing_keeps_versions(app_with_workspace):
    app, workspace = app_with_workspace
    answers.save_text(app.store, workspace.id, vp.EQUITY_SECTION, vp.EQUITY_PROMPT, "We report reach by language.")
    at = app.page(PAGE)
    at.button(key="value_proposition_draft__assemble").click().run()
    assert not at.exception
    assert at.success[0].value == "Draft assembled from your latest answers."
    assembled = at.text_area(key=DRAFT).value
    assert assembled.startswith("## Who we are\n\nNorthside Outreach is a syringe services program in Ohio.")
    assert "## Our commitment to equity\n\nWe report reach by language." in assembled
    at.text_area(key=DRAFT).input(assembled + "\n\nOur own closing line.").run()
    assert vp.current_draft(app.store, workspace.id)[1] == "edited"
    assert any(c.value == "Your draft, with your edits." for c in at.caption)


def test_re_assembling_an_edited_draft_asks_first_and_keep_changes_nothing(app_with_workspace):
    app, workspace = app_with_workspace
    vp.assemble_and_save(app.store, workspace.id)
    answers.save_text(app.store, workspace.id, vp.DRAFT_SECTION, vp.DRAFT_PROMPT, "## Our pitch\n\nMine.")
    at = app.page(PAGE)
    at.button(key="value_proposition_draft__assemble").click().run()
    assert not at.exception
    assert "You have edited this draft" in at.warning[0].value
    assert vp.current_draft(app.store, workspace.id)[0] == "## Our pitch\n\nMine."
    at.button(key="value_proposition_draft__keep").click().run()
    assert at.success[0].value == "Your edited draft was kept as it is."
    assert at.text_area(key=DRAFT).value == "## Our pitch\n\nMine."


def test_replacing_an_edited_draft_keeps_it_among_the_earlier_versions(app_with_workspace):
    app, workspace = app_with_workspace
    vp.assemble_and_save(app.store, workspace.id)
    answers.save_text(app.store, workspace.id, vp.DRAFT_SECTION, vp.DRAFT_PROMPT, "## Our pitch\n\nMine.")
    at = app.page(PAGE)
    at.button(key="value_proposition_draft__assemble").click().run()
    at.button(key="value_proposition_draft__replace").click().run()
    assert not at.exception
    assert at.text_area(key=DRAFT).value.startswith("## Who we are")
    versions = [r.text for r in answers.text_revisions(app.store, workspace.id, vp.DRAFT_SECTION, vp.DRAFT_PROMPT)]
    assert versions[1] == "## Our pitch\n\nMine."


def test_deck_details_save_and_both_downloads_are_offered(app_with_workspace):
    app, workspace = app_with_workspace
    at = app.page(PAGE)
    at.text_area(key="text__value_proposition.deck__ask").input("Fund two navigators.").run()
    assert not at.exception
    assert answers.get_text(app.store, workspace.id, vp.DECK_SECTION, "ask") == "Fund two navigators."
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["Value proposition (Word)", "Value proposition slide deck (PowerPoint)"]


def test_the_theme_answers_chosen_are_saved_and_only_they_reach_the_word_document_and_the_deck(app_with_workspace):
    import io

    from docx import Document
    from pptx import Presentation

    from core.export import registry

    app, workspace = app_with_workspace
    answers.save_text(app.store, workspace.id, "value_proposition.mission_values", "values", "Dignity first.")
    answers.save_text(app.store, workspace.id, "value_proposition.partnerships", "trusted_providers.not_trust", "X.")
    at = app.page(PAGE)
    choice = at.multiselect(key="value_proposition_draft__themes")
    assert choice.value == [] and choice.placeholder == "None chosen"
    assert any("You answered 2 theme questions" in c.value for c in at.caption)
    choice.set_value(["mission_values.values"]).run()
    assert not at.exception
    assert vp.theme_choice(app.store, workspace.id) == ["mission_values.values"]
    assert app.page(PAGE).multiselect(key="value_proposition_draft__themes").value == ["mission_values.values"]
    # what each download button builds
    docx = registry.get_export("value_proposition_docx").build(app.store, workspace.id)
    text = "\n".join(p.text for p in Document(io.BytesIO(docx)).paragraphs)
    assert "What are your core organizational values?" in text and "Dignity first." in text
    assert "Who do you not trust?" not in text and "X." not in text.split("\n")
    deck = registry.get_export("value_proposition_pptx").build(app.store, workspace.id)
    slides = Presentation(io.BytesIO(deck)).slides
    # one short answer: it joins the slide before it, headed "In our own words"
    body = " ".join(sh.text_frame.text for s in slides for sh in s.shapes if sh.has_text_frame)
    assert "In our own words: What are your core organizational values? Dignity first." in body
    assert "Who do you not trust?" not in body
