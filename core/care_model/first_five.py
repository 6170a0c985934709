"""Care model stage 2: co-created care plan worksheets for five patients, and the learning log.

Patients are never named: each of the five worksheets (slots p1..p5) carries a
pseudonymous label such as "Patient A". `find_identifiers(text)` spots what
looks like a phone number, email, SSN, date of birth or full name, so that a
page can flag it *before* anything is saved; a task row holding one is refused
unless it was checked. `learning_summary` counts what the five plans share and
feeds stage 3.

Never imports streamlit.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from core.content import ContentModel, Option, content_file, load
from core.demo import demo_filler
from core.errors import UserError
from core.sources import Quote, Text, Tips
from core.steps import StepProgress, progress_for
from core.store import answers
from core.store.database import Store
from core.store.versioned import remember
from core.text import clean_long_text, clean_name, sanitize_text

STEP = "first_five"
PATIENTS_SECTION = f"{STEP}.patients"
LEARNING_SECTION = f"{STEP}.learning"
TASK_KIND = f"{STEP}.task"
LABEL_MAX = 40

# ---------------------------------------------------------------- identifiers

IdentifierKind = Literal["phone", "email", "ssn", "date_of_birth", "full_name"]
KIND_LABELS: dict[str, str] = {
    "phone": "a phone number",
    "email": "an email address",
    "ssn": "a Social Security number",
    "date_of_birth": "a date of birth",
    "full_name": "a person's full name",
}


class Finding(BaseModel):
    kind: IdentifierKind
    excerpt: str

    @property
    def label(self) -> str:
        return KIND_LABELS[self.kind]


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_SSN = re.compile(r"(?<![\d-])(?:\d{3}[- ]\d{2}[- ]\d{4}|\d{9})(?![\d-])")
_PHONE = re.compile(
    r"(?<![\d-])(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-]?)\d{3}[\s.-]?\d{4}(?![\d-])"
    r"|(?<![\d-])\d{3}[-.]\d{4}(?![\d-])"
)
_MONTHS = (
    "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?"
    "|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_DATES = [
    re.compile(r"(?<![\d/.-])(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?![\d/.-])"),
    re.compile(r"(?<![\d-])(\d{4})-(\d{1,2})-(\d{1,2})(?![\d-])"),
    re.compile(rf"\b(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.IGNORECASE),
    re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})\.?,?\s+(\d{{4}})\b", re.IGNORECASE),
]
_BIRTH_WORDS = re.compile(r"\b(?:dob|d\.o\.b|born|birth|birthday|birthdate)\b", re.IGNORECASE)
_TITLED_NAME = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+[A-Z][a-z]+(?:[-'][A-Za-z]+)?")
_NAME_WORD = r"[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?"
_NAME_RUN = re.compile(rf"\b{_NAME_WORD}(?:[ \t]+{_NAME_WORD})+\b")
_WORD = re.compile(_NAME_WORD)
# Capitalized words that start sentences or name places, programs and services, not people.
_NOT_NAMES = frozenset(
    """
a an and but or so then she he they we i it its our my his her their them this that these those there here
when where while after before during if on in at to from with by for of as is was will can may might not no
yes also every each some next last first second third today tomorrow yesterday weekly daily monthly please
call called meet met see saw ask asked help helped talk talked visit visited went go going gets got
monday tuesday wednesday thursday friday saturday sunday january february march april may june july august
september october november december patient patients person people client care manager team health clinic
center centre hospital department program programs services service street st avenue ave road rd drive
county city state medicaid medicare primary emergency room er house housing shelter church food bank pantry
social security worker workers nurse doctor community coalition peer recovery court drug harm reduction mental
behavioral united way salvation army office plan insurance pharmacy methadone naloxone narcan detox treatment
new san los las saint north south east west fort lake river mount port valley park bridge riverbend collective
group home apartment transit bus library benefits snap wic ssi ssdi food stamps veterans va affairs case
mobile unit drop outreach navigator coach specialist supervisor assistant director legal aid medical dental
vision support resource resources network alliance foundation society association council board authority
district school university college institute ministry mission family families youth senior seniors center
sister brother mother father mom dad aunt uncle grandma grandpa grandmother grandfather son daughter
cousin friend partner wife husband niece nephew
""".split()
)


class _Span:
    """A match-like span of `text` (for findings assembled from several matches)."""

    def __init__(self, text: str, start: int, end: int):
        self._text, self._start, self._end = text, start, end

    def span(self) -> tuple[int, int]:
        return self._start, self._end

    def group(self, _index: int = 0) -> str:
        return self._text[self._start : self._end]


def _plausible_birth_year(year: int, today: dt.date) -> bool:
    return 1900 <= year <= today.year - 12


def _year(text: str, today: dt.date) -> int:
    value = int(text)
    if len(text) == 2:
        value += 1900 if value > today.year % 100 else 2000
    return value


def find_identifiers(text: str, *, today: dt.date | None = None) -> list[Finding]:
    """What in `text` looks like it identifies a person, in the order found.

    Dates are flagged as a possible date of birth when a birth word ("DOB",
    "born", "birthday") is in the text, or when their year is one a birth date
    could have (1900 to twelve years ago); a recent date, like an appointment,
    is not flagged. Two or three capitalized words in a row count as a full name
    unless one of them is a common word or a place or service word.
    """
    text = sanitize_text(text)
    today = today or dt.date.today()
    findings: list[tuple[int, Finding]] = []
    taken: list[tuple[int, int]] = []

    def add(kind: IdentifierKind, match: re.Match | _Span) -> None:
        start, end = match.span()
        if any(start < t_end and end > t_start for t_start, t_end in taken):
            return
        taken.append((start, end))
        findings.append((start, Finding(kind=kind, excerpt=match.group(0)[:60])))

    for m in _EMAIL.finditer(text):
        add("email", m)
    for m in _SSN.finditer(text):
        add("ssn", m)
    for m in _PHONE.finditer(text):
        add("phone", m)
    birth_word = bool(_BIRTH_WORDS.search(text))
    for pattern in _DATES:
        for m in pattern.finditer(text):
            year_text = m.group(1) if pattern is _DATES[1] else m.groups()[-1]
            if birth_word or _plausible_birth_year(_year(year_text, today), today):
                add("date_of_birth", m)
    for m in _TITLED_NAME.finditer(text):
        add("full_name", m)
    for run in _NAME_RUN.finditer(text):
        # Split the run of capitalized words at common words; two or more left together look like a name.
        pending: list[re.Match] = []
        for word in [*_WORD.finditer(text, run.start(), run.end()), None]:
            if word is not None and word.group(0).casefold() not in _NOT_NAMES:
                pending.append(word)
                continue
            if len(pending) >= 2:
                add("full_name", _Span(text, pending[0].start(), pending[-1].end()))
            pending = []
    return [f for _, f in sorted(findings, key=lambda item: item[0])]


def describe(findings: list[Finding]) -> str:
    return "; ".join(f"{f.label} ({f.excerpt})" for f in findings)


# ---------------------------------------------------------------- content


class Slot(ContentModel):
    id: str = Field(pattern=r"^p[0-9]$")
    default_label: str


class Field_(ContentModel):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    label: str
    help: Text = ""


class Question(ContentModel):
    """An engagement question, in the source's words, with the source's examples as its help."""

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    text: Quote
    help: Text = ""


class Engagement(ContentModel):
    lead: list[Quote]


@content_file("care_plans.yaml")
class CarePlansContent(ContentModel):
    intro: list[Quote]
    care_plan_guide: Quote
    slots: list[Slot] = Field(min_length=5, max_length=5)
    worksheet: list[Field_]
    engagement: Engagement
    engagement_questions: list[Question]
    tasks_guide: list[Quote]
    learning_guide: list[Quote]
    responsible: list[Option]
    needs: list[Option]
    delivery: list[Option]
    learning_log: list[Field_]
    tips: list[Tips] = Field(min_length=2)
    voices: list[Quote]


def content() -> CarePlansContent:
    return load(CarePlansContent)


def slot_ids() -> list[str]:
    return [s.id for s in content().slots]


# ---------------------------------------------------------------- models


class PatientProfile(BaseModel):
    """The structured part of one worksheet: its label, the kinds of need and the ways care was delivered."""

    label: str
    needs: list[str] = []
    delivery: list[str] = []

    @field_validator("label", mode="before")
    @classmethod
    def _label(cls, value: object) -> str:
        return clean_name(value, field="Label", max_chars=LABEL_MAX)

    @field_validator("needs")
    @classmethod
    def _needs(cls, value: list[str]) -> list[str]:
        known = [o.id for o in content().needs]
        unknown = set(value) - set(known)
        if unknown:
            raise UserError(f"unknown kind of need: {', '.join(sorted(unknown))}")
        return [k for k in known if k in value]

    @field_validator("delivery")
    @classmethod
    def _delivery(cls, value: list[str]) -> list[str]:
        known = [o.id for o in content().delivery]
        unknown = set(value) - set(known)
        if unknown:
            raise UserError(f"unknown way of delivering care: {', '.join(sorted(unknown))}")
        return [k for k in known if k in value]


class Task(BaseModel):
    """A task of a care plan, who is responsible, and whether it is done.

    A task whose text looks like it identifies someone is refused unless
    `checked` says a person looked and it does not.
    """

    model_config = ConfigDict(str_strip_whitespace=True)

    patient: str
    task: str
    responsible: str | None = None
    done: bool = False
    checked: bool = False

    @field_validator("patient")
    @classmethod
    def _patient(cls, value: str) -> str:
        if value not in slot_ids():
            raise UserError(f"{value!r} is not one of the five worksheets.")
        return value

    @field_validator("task", mode="before")
    @classmethod
    def _task(cls, value: object) -> str:
        return clean_name(value, field="Task", max_chars=300)

    @field_validator("responsible")
    @classmethod
    def _responsible(cls, value: str | None) -> str | None:
        if value is not None and value not in {o.id for o in content().responsible}:
            raise UserError("choose the person, an informal caregiver, program staff or a community partner.")
        return value

    @field_validator("done", "checked", mode="before")
    @classmethod
    def _flag(cls, value: object) -> bool:
        return bool(value)

    @model_validator(mode="after")
    def _no_identifier(self) -> Task:
        findings = find_identifiers(self.task)
        if findings and not self.checked:
            raise UserError(
                f"the task looks like it holds {describe(findings)}. Rewrite it without the "
                "identifier, or tick 'Checked' to keep it as it is."
            )
        return self


# ---------------------------------------------------------------- storage


def default_profile(slot: str) -> PatientProfile:
    return PatientProfile(label=next(s.default_label for s in content().slots if s.id == slot))


def profiles(store: Store, workspace_id: str) -> dict[str, PatientProfile]:
    """Every slot's profile (the default label for a slot never touched)."""
    saved = answers.get_values(store, workspace_id, PATIENTS_SECTION)
    result = {}
    for slot in slot_ids():
        try:
            result[slot] = PatientProfile.model_validate(saved[slot]) if slot in saved else default_profile(slot)
        except ValueError:
            result[slot] = default_profile(slot)
    return result


def save_profile(store: Store, workspace_id: str, slot: str, **changes) -> PatientProfile:
    """Change the label, needs or delivery of one worksheet (validated, then saved whole)."""
    if slot not in slot_ids():
        raise UserError(f"{slot!r} is not one of the five worksheets.")
    current = profiles(store, workspace_id)[slot]
    updated = PatientProfile.model_validate({**current.model_dump(), **changes})
    answers.save_value(store, workspace_id, PATIENTS_SECTION, slot, updated.model_dump())
    return updated


def section(slot: str) -> str:
    """The text section of one worksheet's free-text answers."""
    if slot not in slot_ids():
        raise UserError(f"{slot!r} is not one of the five worksheets.")
    return f"{STEP}.{slot}"


def save_worksheet_text(store: Store, workspace_id: str, slot: str, prompt: str, text: str) -> int:
    known = {f.id for f in content().worksheet} | {q.id for q in content().engagement_questions}
    if prompt not in known:
        raise UserError(f"{prompt!r} is not a part of the worksheet.")
    return answers.save_text(store, workspace_id, section(slot), prompt, clean_long_text(text))


def save_learning_text(store: Store, workspace_id: str, prompt: str, text: str) -> int:
    if prompt not in {f.id for f in content().learning_log}:
        raise UserError(f"{prompt!r} is not a prompt of the learning log.")
    return answers.save_text(store, workspace_id, LEARNING_SECTION, prompt, text)


def tasks(store: Store, workspace_id: str) -> list:
    return answers.list_records(store, workspace_id, TASK_KIND)


def add_task(store: Store, workspace_id: str, task: Task):
    return answers.add_record(store, workspace_id, TASK_KIND, task.model_dump())


class Count(BaseModel):
    id: str
    label: str
    patients: int = Field(ge=0)


class LearningSummary(BaseModel):
    """What the five worksheets have in common, counted: the learning log's facts."""

    started: int  # worksheets with goals written
    labels: list[str]
    needs: list[Count]  # most common first; only kinds seen at least once
    delivery: list[Count]
    tasks_by_responsible: list[Count]  # tasks, not patients, per responsible party
    tasks_done: int
    tasks_total: int

    def sentences(self) -> list[str]:
        out = []
        if self.needs:
            out.append(
                "Most common needs: " + ", ".join(f"{c.label} ({c.patients} of 5)" for c in self.needs[:4]) + "."
            )
        if self.delivery:
            out.append(
                "What it took to deliver care: "
                + ", ".join(f"{c.label} ({c.patients} of 5)" for c in self.delivery[:4])
                + "."
            )
        if self.tasks_total:
            out.append(f"{self.tasks_done} of {self.tasks_total} care plan tasks done.")
        return out


def learning_summary(store: Store, workspace_id: str) -> LearningSummary:
    """What the first five taught, kept per version of the workspace's data (core.store.versioned): read-only."""
    return remember(store, workspace_id, "first_five.learning_summary", lambda: _learning_summary(store, workspace_id))


def _learning_summary(store: Store, workspace_id: str) -> LearningSummary:
    all_profiles = profiles(store, workspace_id)
    started = 0
    for slot in slot_ids():
        if answers.get_text(store, workspace_id, section(slot), "goals").strip():
            started += 1

    def counts(options: list[Option], attr: str) -> list[Count]:
        rows = [
            Count(id=o.id, label=o.label, patients=sum(o.id in getattr(p, attr) for p in all_profiles.values()))
            for o in options
        ]
        return sorted((c for c in rows if c.patients), key=lambda c: -c.patients)

    task_rows = []
    for r in tasks(store, workspace_id):
        try:
            task_rows.append(Task.model_validate(r.data))
        except ValueError:
            continue
    by_party = [
        Count(id=o.id, label=o.label, patients=sum(t.responsible == o.id for t in task_rows))
        for o in content().responsible
    ]
    return LearningSummary(
        started=started,
        labels=[p.label for p in all_profiles.values()],
        needs=counts(content().needs, "needs"),
        delivery=counts(content().delivery, "delivery"),
        tasks_by_responsible=[c for c in by_party if c.patients],
        tasks_done=sum(t.done for t in task_rows),
        tasks_total=len(task_rows),
    )


@progress_for(STEP)
def progress(store: Store, workspace_id: str) -> StepProgress:
    summary = learning_summary(store, workspace_id)
    log = answers.get_texts(store, workspace_id, LEARNING_SECTION)
    log_done = any(t.strip() for t in log.values())
    share = (summary.started + (1 if log_done else 0)) / 6
    detail = f"{summary.started} of 5 care plans started" + ("; learning log begun" if log_done else "")
    return StepProgress(step_id=STEP, share=share, detail=detail)


# ---------------------------------------------------------------- demo


class DemoPatient(BaseModel):
    model_config = ConfigDict(extra="forbid")

    slot: str
    profile: PatientProfile
    texts: dict[str, str] = {}
    tasks: list[dict] = []


class DemoFirstFive(BaseModel):
    model_config = ConfigDict(extra="forbid")

    patients: list[DemoPatient]
    learning: dict[str, str] = {}


@demo_filler(STEP)
def fill_demo(store: Store, workspace_id: str, data: dict) -> None:
    demo = DemoFirstFive.model_validate(data)
    for patient in demo.patients:
        save_profile(store, workspace_id, patient.slot, **patient.profile.model_dump())
        for prompt, text in patient.texts.items():
            if find_identifiers(text):
                raise ValueError(f"demo text of {patient.slot}.{prompt} looks like it holds an identifier")
            save_worksheet_text(store, workspace_id, patient.slot, prompt, text)
        for task in patient.tasks:
            add_task(store, workspace_id, Task(patient=patient.slot, **task))
    for prompt, text in demo.learning.items():
        save_learning_text(store, workspace_id, prompt, text)
