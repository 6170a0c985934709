"""Stage 2: identifiers are spotted before saving; worksheets, tasks and the learning log."""

import datetime as dt

import pytest
from pydantic import ValidationError

from core.care_model import first_five as cp
from core.store import answers

TODAY = dt.date(2025, 6, 1)


def kinds(text: str) -> list[tuple[str, str]]:
    return [(f.kind, f.excerpt) for f in cp.find_identifiers(text, today=TODAY)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Call at (614) 555-0142 or 614.555.0142", [("phone", "(614) 555-0142"), ("phone", "614.555.0142")]),
        ("cell +1 614 555 0142", [("phone", "+1 614 555 0142")]),
        ("back line 555-0199", [("phone", "555-0199")]),
        ("write to jo.doe+care@mail.example.org", [("email", "jo.doe+care@mail.example.org")]),
        ("SSN 123-45-6789", [("ssn", "123-45-6789")]),
        ("number 123456789 on the card", [("ssn", "123456789")]),
        ("DOB 3/4/85", [("date_of_birth", "3/4/85")]),
        ("born March 4, 1985 in the county", [("date_of_birth", "March 4, 1985")]),
        ("4th of July 1979", [("date_of_birth", "4th of July 1979")]),
        ("seen 1990-02-03 in clinic", [("date_of_birth", "1990-02-03")]),
        ("Met Maria Lopez at the shelter", [("full_name", "Maria Lopez")]),
        ("Mary Anne Smith-Jones called", [("full_name", "Mary Anne Smith-Jones")]),
        ("Dr. Patel agreed to see them", [("full_name", "Dr. Patel")]),
    ],
)
def test_identifiers_are_found(text, expected):
    assert kinds(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Patient A wants her own place and to stop ending up in the ER.",
        "Then Patient C went to the Salvation Army on Monday.",
        "Appointment 3/14/2025 at the FQHC; follow up 2025-07-01.",  # recent dates are appointments, not births
        "Referred to Riverbend Harm Reduction Collective and Legal Aid.",
        "She wants to see her daughter. New York trip in March.",
        "Caseload 60, 1,650,000 dollars, 30 specialists in 26 practices, since 2019.",
        "",
        "Ünïcödé ✓ emoji 🌱 and right-to-left مرحبا",
    ],
)
def test_ordinary_care_plan_text_is_not_flagged(text):
    assert kinds(text) == []


def test_a_recent_date_with_a_birth_word_is_flagged():
    assert kinds("birthday 2020-05-01") == [("date_of_birth", "2020-05-01")]


def test_findings_come_in_text_order_and_do_not_overlap():
    found = kinds("Reach Maria Lopez at 614-555-0142, SSN 123-45-6789, maria@example.org")
    assert [k for k, _ in found] == ["full_name", "phone", "ssn", "email"]


def test_control_characters_do_not_hide_an_identifier():
    assert kinds("SSN 123-45-67\x0089") == [("ssn", "123-45-6789")]


def test_task_with_an_identifier_is_refused_unless_checked():
    with pytest.raises(ValidationError, match="a phone number"):
        cp.Task(patient="p1", task="Call 614-555-0142 on Friday")
    task = cp.Task(patient="p1", task="Ask Dr. Patel about the referral", checked=True)
    assert task.checked


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"patient": "p9", "task": "x"}, "not one of the five"),
        ({"patient": "p1", "task": ""}, "Task is required"),
        ({"patient": "p1", "task": "x" * 301}, "limit is 300"),
        ({"patient": "p1", "task": "x", "responsible": "landlord"}, "choose the person"),
    ],
)
def test_task_validation_messages(data, message):
    with pytest.raises(ValidationError, match=message):
        cp.Task(**data)


def test_profile_label_is_required_and_short():
    with pytest.raises(ValidationError, match="Label is required"):
        cp.PatientProfile(label="   ")
    with pytest.raises(ValidationError, match="limit is 40"):
        cp.PatientProfile(label="P" * 41)
    with pytest.raises(ValidationError, match="unknown kind of need"):
        cp.PatientProfile(label="Patient A", needs=["yachts"])


def test_untouched_worksheets_have_default_labels(store, workspace):
    labels = [p.label for p in cp.profiles(store, workspace.id).values()]
    assert labels == ["Patient A", "Patient B", "Patient C", "Patient D", "Patient E"]


def test_learning_summary_counts_what_the_five_share(store, workspace):
    ws = workspace.id
    cp.save_profile(store, ws, "p1", needs=["housing", "food"], delivery=["home_visit"])
    cp.save_profile(store, ws, "p2", needs=["housing"], delivery=["phone", "home_visit"])
    cp.save_profile(store, ws, "p3", label="Patient Blue", needs=["legal"])
    cp.save_worksheet_text(store, ws, "p1", "goals", "A place of my own")
    cp.save_worksheet_text(store, ws, "p2", "goals", "See the grandchildren")
    cp.add_task(store, ws, cp.Task(patient="p1", task="Housing application", responsible="staff", done=True))
    cp.add_task(store, ws, cp.Task(patient="p2", task="Renew benefits", responsible="staff"))
    cp.add_task(store, ws, cp.Task(patient="p2", task="Call the counselor", responsible="patient"))
    summary = cp.learning_summary(store, ws)
    assert summary.started == 2
    assert summary.labels[2] == "Patient Blue"
    assert [(c.id, c.patients) for c in summary.needs] == [("housing", 2), ("food", 1), ("legal", 1)]
    assert [(c.id, c.patients) for c in summary.delivery] == [("home_visit", 2), ("phone", 1)]
    assert [(c.id, c.patients) for c in summary.tasks_by_responsible] == [("patient", 1), ("staff", 2)]
    assert (summary.tasks_done, summary.tasks_total) == (1, 3)
    assert summary.sentences()[0] == "Most common needs: Housing (2 of 5), Food (1 of 5), Legal (1 of 5)."
    assert cp.progress(store, ws).share == pytest.approx(2 / 6)


def test_unknown_worksheet_parts_are_refused(store, workspace):
    with pytest.raises(ValueError, match="not a part of the worksheet"):
        cp.save_worksheet_text(store, workspace.id, "p1", "date_of_birth", "x")
    with pytest.raises(ValueError, match="not one of the five"):
        cp.save_worksheet_text(store, workspace.id, "p6", "goals", "x")
    with pytest.raises(ValueError, match="not a prompt of the learning log"):
        cp.save_learning_text(store, workspace.id, "gossip", "x")
    assert answers.get_texts(store, workspace.id, cp.LEARNING_SECTION) == {}


def test_the_learning_summary_kept_for_a_version_is_computed_again_after_a_change(store, workspace):
    ws = workspace.id
    cp.save_profile(store, ws, "p1", needs=["housing"])
    first = cp.learning_summary(store, ws)
    assert cp.learning_summary(store, ws) is first  # the same data: the kept summary
    assert [(c.id, c.patients) for c in first.needs] == [("housing", 1)]
    cp.save_profile(store, ws, "p2", needs=["housing", "food"])  # housing: p1 and p2; food: p2
    assert [(c.id, c.patients) for c in cp.learning_summary(store, ws).needs] == [("housing", 2), ("food", 1)]
