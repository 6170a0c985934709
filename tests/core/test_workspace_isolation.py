"""Security: no export or page-facing read of one workspace ever includes another workspace's rows.

The demo workspace is filled in every step with its own words; a second workspace gets one marker
answer per kind of storage. Every registered export of each workspace is built and searched, as text
inside its file, for the other's words.
"""

import io
import zipfile

from core import demo, registrations
from core.export.registry import exports
from core.store import answers
from tests.conftest import make_workspace

MARKER = "ZEBRA-MARKER-7431"


def _text_of(blob: bytes) -> str:
    """Everything readable in an export: the XML parts of a docx/pptx/xlsx, or the file itself."""
    if blob[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(blob)) as archive:
            return "\n".join(
                archive.read(n).decode("utf-8", "replace") for n in archive.namelist() if n.endswith(".xml")
            )
    return blob.decode("utf-8", "replace")


def test_exports_never_include_another_workspaces_rows(store):
    registrations.load_all()
    riverbend, _ = demo.open_demo(store)
    other = make_workspace(store, "Marker Org")
    answers.save_text(store, other.id, "workspace", "about", f"About {MARKER}")
    answers.save_text(store, other.id, "value_proposition.mission", "q1", f"Mission {MARKER}")
    answers.save_value(store, other.id, "basics", "note", MARKER)
    answers.add_record(store, other.id, "partner", {"name": MARKER})

    riverbend_words = ["Riverbend", "peer-led"]
    built, own_words_found = 0, {"mine": 0, "theirs": 0}
    for export in exports():
        mine = _text_of(export.build(store, other.id))
        theirs = _text_of(export.build(store, riverbend.id))
        built += 1
        own_words_found["mine"] += MARKER in mine
        own_words_found["theirs"] += "Riverbend" in theirs
        assert not any(word in mine for word in riverbend_words), f"{export.id} of Marker Org shows the demo's rows"
        assert MARKER not in theirs, f"{export.id} of the demo shows Marker Org's rows"
    assert built >= 8
    # The search can find what it looks for: each workspace's own words are in its own exports.
    assert own_words_found["mine"] >= 2 and own_words_found["theirs"] >= built - 1
