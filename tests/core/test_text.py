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
