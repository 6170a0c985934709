"""Cleaning of text a person typed or pasted, before it is stored or exported.

One place decides what text the workbook keeps: every store write of free text
and every exporter (Word, PowerPoint, Excel) goes through here. It never
renders anything and never raises on odd characters: it removes what cannot be
kept and reports length problems as a `TextTooLong` error a page can show.
"""

from __future__ import annotations

import re
import unicodedata

from core.errors import UserError

# XML 1.0 (docx/pptx/xlsx) cannot hold C0 controls other than tab, newline and
# carriage return, nor lone surrogates or U+FFFE/U+FFFF. We also drop the C1
# controls, which are never intended in typed text.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# Line breaks other than "\n" that people paste: Word's manual line break arrives as a vertical tab
# (U+000B), a page break as a form feed (U+000C); Unicode has its own line and paragraph separators.
_OTHER_LINE_BREAKS = re.compile("[\x0b\x0c\u2028\u2029]")
# Bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) reorder the text
# around them when shown, so that a name or an answer can read differently from what is stored
# ("Trojan Source"). Right-to-left scripts need none of them; the plain marks U+200E/U+200F stay.
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
_SINGLE_LINE_SPACE = re.compile(r"\s+")

MAX_TEXT_CHARS = 20_000
MAX_NAME_CHARS = 120


class TextTooLong(UserError):
    """Raised when a text is longer than the field allows; the message says by how much."""


def sanitize_text(value: object) -> str:
    """Return `value` as text that any store or document can hold.

    Removes control characters (keeping tab and newline) and bidirectional
    overrides, turns every kind of line break (Word's vertical tab included)
    into "\\n" and normalises Unicode to NFC. Emoji and right-to-left scripts
    are kept as typed. `None` becomes "".
    """
    if value is None:
        return ""
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    text = _OTHER_LINE_BREAKS.sub("\n", text)
    text = _BIDI_CONTROLS.sub("", text)
    text = _NOT_XML.sub("", text)
    return unicodedata.normalize("NFC", text)


def clean_name(value: object, *, field: str = "Name", max_chars: int = MAX_NAME_CHARS) -> str:
    """A one-line name: sanitized, inner whitespace folded, trimmed, required and bounded."""
    text = _SINGLE_LINE_SPACE.sub(" ", sanitize_text(value)).strip()
    if not text:
        raise UserError(f"{field} is required.")
    if len(text) > max_chars:
        raise TextTooLong(f"{field} is {len(text)} characters long; the limit is {max_chars}.")
    return text


def clean_long_text(value: object, *, field: str = "This answer", max_chars: int = MAX_TEXT_CHARS) -> str:
    """A free-text answer: sanitized and bounded; empty is allowed (it clears the answer)."""
    text = sanitize_text(value)
    if len(text) > max_chars:
        raise TextTooLong(
            f"{field} is {len(text):,} characters long; the limit is {max_chars:,}. "
            "Nothing was saved: shorten it and try again."
        )
    return text


def name_key(name: str) -> str:
    """The form of a name used to compare names: case and spacing do not matter."""
    return _SINGLE_LINE_SPACE.sub(" ", unicodedata.normalize("NFKC", name)).strip().casefold()
