"""Page furniture helpers that need no AppTest: user text made safe for markdown."""

from pages._layout import escape_md


def test_escape_md_escapes_each_syntax_character_and_breaks_up_addresses():
    # ":", "$", "*", "(", ".", ")" each get one backslash; an invisible word joiner goes between "www" and "."
    assert escape_md("Fee: $5 *each* (see www.x.org)") == "Fee\\: \\$5 \\*each\\* \\(see www\u2060\\.x\\.org\\)"
    # "https:" -> "https\:", a joiner before "//"; one before "@" of an address; "\" itself is escaped
    assert escape_md("https://a b@c \\") == "https\\:\u2060//a b\u2060@c \\\\"
    assert escape_md("plain words") == "plain words"


def test_link_words_are_the_journeys_and_follow_a_reloaded_steps_file(monkeypatch, tmp_path):
    import shutil

    from core import content
    from pages import _layout

    # data/steps.yaml: partners is Step 7's main page, in the hrh group
    assert _layout._link_word("path", "partners") == "pages/hrh/partners.py"
    assert _layout._link_word("label", "partners") == "Step 7: Mapping out potential partners"
    data = tmp_path / "data"
    shutil.copytree(content.DATA_DIR, data)
    steps_file = data / "steps.yaml"
    steps_file.write_text(steps_file.read_text().replace("Mapping out potential partners", "Partners, renamed"))
    monkeypatch.setattr(content, "DATA_DIR", data)
    content.load.cache_clear()
    try:
        assert _layout._link_word("label", "partners") == "Step 7: Partners, renamed"
    finally:
        monkeypatch.undo()
        content.load.cache_clear()
