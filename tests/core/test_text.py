import pytest

from core.text import TextTooLong, clean_long_text, clean_name, name_key, sanitize_text


def test_sanitize_removes_control_characters_but_keeps_tab_and_newline():
    assert sanitize_text("a\x00b\x07c\td\ne\x1b[31m\x7f") == "abc\td\ne[31m"


def test_sanitize_normalises_line_endings_and_keeps_emoji_and_rtl():
    assert sanitize_text("one\r\ntwo\rthree") == "one\ntwo\nthree"
    assert sanitize_text("سلام 🌱 שלום") == "سلام 🌱 שלום"


def test_sanitize_of_none_is_empty():
    assert sanitize_text(None) == ""


def test_sanitize_removes_lone_surrogates():
    assert sanitize_text("a\ud800b") == "ab"


def test_clean_name_folds_whitespace_and_requires_text():
    assert clean_name("  Riverbend \n  Collective ") == "Riverbend Collective"
    with pytest.raises(ValueError, match="Name is required"):
        clean_name(" \x00 ")


def test_clean_name_limit_message_gives_length():
    with pytest.raises(TextTooLong, match="121 characters long; the limit is 120"):
        clean_name("x" * 121)


def test_clean_long_text_allows_empty_and_bounds_length():
    assert clean_long_text("") == ""
    assert clean_long_text("x" * 20_000) == "x" * 20_000
    with pytest.raises(TextTooLong, match="20,001 characters"):
        clean_long_text("x" * 20_001)


def test_name_key_ignores_case_and_spacing():
    assert name_key("  Riverbend   HARM reduction ") == name_key("riverbend harm Reduction")


def test_a_pasted_vertical_tab_is_a_line_break_not_glued_words():
    # Word's manual line break (Shift+Enter) is pasted as U+000B; a page break as U+000C.
    assert sanitize_text("Outreach desk\x0bMonday to Friday") == "Outreach desk\nMonday to Friday"
    assert sanitize_text("Part one\x0cPart two") == "Part one\nPart two"
    assert sanitize_text("a\u2028b\u2029c") == "a\nb\nc"


def test_a_vertical_tab_in_a_name_becomes_a_space():
    assert clean_name("Riverbend\x0bCollective") == "Riverbend Collective"


def test_bidi_overrides_and_isolates_are_removed_and_rtl_text_kept():
    # "\u202egnp.exe" shows as "exe.png": the override is what makes a name read as something else.
    assert sanitize_text("invoice\u202egnp.exe") == "invoicegnp.exe"
    hidden = "".join(chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)])
    assert sanitize_text(f"a{hidden}b") == "ab"
    assert sanitize_text("שלום \u200fمرحبا\u200e") == "שלום \u200fمرحبا\u200e"  # plain direction marks stay
    assert clean_name("\u202eRiverbend\u202c") == "Riverbend"
