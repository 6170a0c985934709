"""Every document as its reader gets it: each export of a realistic workspace (a small syringe services
program that worked Steps 1-6 and the 5x planner, tests/core/ssp_persona.py) is converted to PDF by
LibreOffice, its text extracted with pdftotext, and read for what must never reach a CFO: placeholder
text, "None", "nan", raw JSON, or a money figure broken over two lines.

Needs `soffice` and `pdftotext` (`make documents` installs them; CI does). Without them the tests are
skipped with that reason, never silently passed.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from core.export import registry
from core.store import migrate
from core.store.database import Store
from tests.conftest import make_workspace
from tests.core import ssp_persona

pytestmark = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice (soffice) and poppler (pdftotext) are not installed: run `make documents` (CI installs them)",
)

DOCUMENTS = [e.id for e in registry.exports() if not e.id.endswith("_json")]
CASES = [
    *[pytest.param("persona", export_id) for export_id in DOCUMENTS],
    pytest.param("empty", "value_proposition_docx"),
    pytest.param("empty", "value_proposition_pptx"),
]

PLACEHOLDERS = re.compile(r"to be completed|\bTODO\b|lorem ipsum|\blorem\b", re.IGNORECASE)
NONE = re.compile(r"\bNone\b")
NAN = re.compile(r"\b(nan|NaN)\b")
RAW_JSON = re.compile(r"[{\[]\s*\"")
MONEY = re.compile(r"-?\$[\d,.]*")
WHOLE_MONEY = re.compile(r"-?\$\d{1,3}(,\d{3})*(\.\d{2})?")


def problems(text: str) -> list[str]:
    """What in the extracted text must not reach a reader, each with a little of its context."""
    found = []
    for name, pattern in (("placeholder", PLACEHOLDERS), ("None", NONE), ("nan", NAN), ("raw JSON", RAW_JSON)):
        found += [f"{name}: …{text[max(0, m.start() - 40) : m.end() + 40]!r}…" for m in pattern.finditer(text)]
    for m in MONEY.finditer(text):  # "$1,038,22" then "9" on the next line is no whole figure
        figure = m.group().rstrip(".,")
        bare = figure in ("$", "-$")  # a unit, "($)", unless the figure went on to the next line
        if (bare and text[m.end() : m.end() + 1] == "\n") or (not bare and not WHOLE_MONEY.fullmatch(figure)):
            found.append(f"money broken: …{text[max(0, m.start() - 40) : m.end() + 40]!r}…")
    return found


def test_the_checks_catch_what_they_look_for():
    assert problems("What it takes: to be completed (Step 4).")[0].startswith("placeholder")
    assert problems("Rate: None")[0].startswith("None") and problems("share nan %")[0].startswith("nan")
    assert problems('Populations: ["people_who_use_drugs"]')[0].startswith("raw JSON")
    assert problems("Net $1,038,22\n9 a year")[0].startswith("money broken")
    assert problems("Net $\n1,038,229")[0].startswith("money broken")
    assert problems("We ask $142,000. Net -$8,510; ticks $100k and $1,234.50 (a month); cost ($)") == []


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """Every case's PDF text, converted in one LibreOffice run (its own profile: runs never collide)."""
    folder = tmp_path_factory.mktemp("documents")
    store = Store.from_url(f"sqlite:///{folder / 'workbook.db'}")
    migrate.upgrade(store.engine)
    workspaces = {"persona": ssp_persona.build(store), "empty": make_workspace(store, "New Program")}
    files = {}
    for case in CASES:
        who, export_id = case.values
        e = registry.get_export(export_id)
        path = folder / f"{who}-{export_id}{'.' + e.filename.rsplit('.', 1)[-1]}"
        path.write_bytes(e.build(store, workspaces[who].id))
        files[(who, export_id)] = path
    profile = (folder / "lo-profile").as_uri()
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", str(folder)]
        + [str(p) for p in files.values()],
        check=True,
        capture_output=True,
        timeout=600,
    )
    texts = {}
    for key, path in files.items():
        pdf = path.with_suffix(".pdf")
        if pdf.exists():
            texts[key] = subprocess.run(
                ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True, text=True
            ).stdout
    store.dispose()
    return texts


@pytest.mark.parametrize(("who", "export_id"), CASES)
def test_every_document_renders_without_placeholders_none_nan_json_or_broken_money(rendered, who, export_id):
    text = rendered.get((who, export_id))
    assert text, f"LibreOffice made no PDF of {export_id}"
    assert problems(text) == []
    if who == "persona":
        assert ssp_persona.NAME in text
