"""Step 5, the value proposition: the workbook's themes and framing, whom the program serves,
and the draft assembled from everything the workspace holds.

Where answers live:
- theme answers: text answers, section `value_proposition.<theme id>`, prompt = question key
  (`aim`, or `data_collected.no_data` for a follow-up question);
- framing answers: section `value_proposition.framing`, prompt = outcome id;
- equity statement: section `value_proposition.equity`, prompt `statement`;
- deck details (the ask, next steps, contact): section `value_proposition.deck`;
- the population checklist: value answers, section `value_proposition.populations`;
- which theme answers go into the Word document and the deck: value `value_proposition.documents` /
  `theme_answers`, a list of `<theme id>.<question key>` (none by default: the answers are the team's own
  conversation until it chooses to share one);
- the draft: text answer `value_proposition.draft` / `text` (revisions kept), and the fingerprint
  of the last assembled text (value `value_proposition.draft_meta` / `assembled`), which is how
  re-assembling knows whether a person has edited the draft since.

`gather_inputs` reads the store; `assemble_draft` is pure (inputs in, draft out). Never imports
streamlit.
"""

from __future__ import annotations

import hashlib
from typing import Any, Literal

from pydantic import BaseModel, Field

from core.content import ContentModel, content_file, load
from core.demo import demo_filler
from core.errors import NotFound, UserError
from core.hrh import readiness_link, what_it_takes
from core.hrh.readiness_link import Strength
from core.hrh.services import categories as service_categories
from core.hrh.services import offered_rows, service_map
from core.money import dollars
from core.money_story import MoneyStory, money_story
from core.sources import Quote
from core.steps import StepProgress, progress_for
from core.store import answers, workspaces
from core.store.database import Store
from core.store.models import utcnow
from core.store.versioned import remember
from core.text import MAX_TEXT_CHARS, clean_long_text

STEP = "value_proposition"
FRAMING_SECTION = "value_proposition.framing"
EQUITY_SECTION = "value_proposition.equity"
EQUITY_PROMPT = "statement"
DECK_SECTION = "value_proposition.deck"
POPULATIONS_SECTION = "value_proposition.populations"
DRAFT_SECTION = "value_proposition.draft"
DRAFT_PROMPT = "text"
DRAFT_META_SECTION = "value_proposition.draft_meta"
CHOICE_SECTION = "value_proposition.documents"
CHOICE_KEY = "theme_answers"
SLUG = r"^[a-z0-9_]+$"
MAX_COUNT = 10_000_000
CLIP_CHARS = 1_500  # one answer's share of the draft; the full answer stays in the theme section


# ---------------------------------------------------------------- content


class _Quoted(Quote):
    """A quoted instrument line with a stable id; `text` is its words (the source's, word for word)."""

    id: str = Field(pattern=SLUG)

    @property
    def text(self) -> str:
        return self.quote


class Question(_Quoted):
    follow_ups: list[Question] = []


class Theme(ContentModel):
    id: str = Field(pattern=SLUG)
    title: str
    questions: list[Question]

    def all_questions(self) -> list[tuple[str, str, int]]:
        """(answer key, question text, level) for every question and follow-up, in order."""
        rows = []
        for q in self.questions:
            rows.append((q.id, q.text, 0))
            rows.extend((f"{q.id}.{f.id}", f.text, 1) for f in q.follow_ups)
        return rows

    @property
    def section(self) -> str:
        return f"{STEP}.{self.id}"


class PopulationStatement(_Quoted):
    short: str


class Populations(ContentModel):
    lead: Quote
    count_label: str
    statements: list[PopulationStatement] = Field(min_length=4, max_length=4)


class FramingOutcome(_Quoted):
    pass


class Framing(ContentModel):
    title: str
    lead: Quote
    close: Quote
    outcomes: list[FramingOutcome] = Field(min_length=4, max_length=4)


class Equity(ContentModel):
    guidance: Quote
    label: str
    help: str


class DeckPrompt(ContentModel):
    id: Literal["ask", "next_steps", "contact"]
    label: str
    help: str


@content_file("value_proposition.yaml")
class ValuePropositionContent(ContentModel):
    definition: Quote
    intro: str
    entails: list[Quote] = Field(min_length=4, max_length=4)
    populations: Populations
    themes_guide: list[Quote]
    themes_who: Quote
    themes: list[Theme] = Field(min_length=6, max_length=6)
    framing: Framing
    equity: Equity
    deck: list[DeckPrompt]


def content() -> ValuePropositionContent:
    return load(ValuePropositionContent)


def theme(theme_id: str) -> Theme:
    for t in content().themes:
        if t.id == theme_id:
            return t
    raise KeyError(f"No value proposition theme {theme_id!r}.")


# ---------------------------------------------------------------- population checklist


class PopulationAnswer(BaseModel):
    """Whether the program serves people described by one statement, and roughly how many a year."""

    served: bool = False
    count: int | None = Field(default=None, ge=0, le=MAX_COUNT)


def save_population(store: Store, workspace_id: str, statement_id: str, answer: PopulationAnswer) -> None:
    if statement_id not in {s.id for s in content().populations.statements}:
        raise UserError(f"{statement_id!r} is not one of the population statements.")
    answers.save_value(store, workspace_id, POPULATIONS_SECTION, statement_id, answer.model_dump())


def get_populations(store: Store, workspace_id: str) -> dict[str, PopulationAnswer]:
    saved = answers.get_values(store, workspace_id, POPULATIONS_SECTION)
    return {s.id: PopulationAnswer.model_validate(saved.get(s.id) or {}) for s in content().populations.statements}


# ---------------------------------------------------------------- draft inputs


class PopulationServed(BaseModel):
    short: str
    text: str
    count: int | None = None


class ServiceVolume(BaseModel):
    name: str
    category: str
    services_per_month: int = Field(ge=0)
    clients_per_month: int = Field(ge=0)
    current: bool


class FramingAnswer(BaseModel):
    id: str
    outcome: str
    answer: str = ""


class ThemeAnswer(BaseModel):
    """One answered theme question, as a document shows it."""

    key: str
    theme: str
    question: str
    answer: str


class DraftInputs(BaseModel):
    """Everything the draft is assembled from, gathered from the workspace by `gather_inputs`."""

    organization: str
    org_type: str = ""
    state: str = ""
    about: str = ""
    profile_populations: list[str] = []
    populations: list[PopulationServed] = []
    services: list[ServiceVolume] = []
    insights: dict[str, str] = {}
    strengths: list[Strength] = []
    framing: list[FramingAnswer] = []
    equity: str = ""
    theme_answers: dict[str, str] = {}
    included: list[ThemeAnswer] = []  # the theme answers chosen for the documents, in the workbook's order
    story: MoneyStory = MoneyStory()  # finished Step 6 and 5x planner scenarios
    deck: dict[str, str] = {}

    @property
    def current_services(self) -> list[ServiceVolume]:
        return [s for s in self.services if s.current]

    @property
    def potential_services(self) -> list[ServiceVolume]:
        return [s for s in self.services if not s.current]

    @property
    def services_per_month(self) -> int:
        """Services a month the program provides today (Step 3 estimates)."""
        return sum(s.services_per_month for s in self.current_services)

    @property
    def answered_framing(self) -> list[FramingAnswer]:
        return [f for f in self.framing if f.answer.strip()]


def step_texts(store: Store, workspace_id: str) -> dict[str, dict[str, str]]:
    """Every text answer of this step (themes, framing, equity, deck, draft) by section, then
    prompt, in one query: the draft page and the exports read them on every run."""
    return answers.get_texts_under(store, workspace_id, f"{STEP}.")


def theme_answers(store: Store, workspace_id: str, texts: dict[str, dict[str, str]] | None = None) -> dict[str, str]:
    """Every non-empty theme answer, keyed `<theme id>.<question key>`."""
    texts = step_texts(store, workspace_id) if texts is None else texts
    return {
        f"{t.id}.{key}": text.strip()
        for t in content().themes
        for key, text in texts.get(t.section, {}).items()
        if text.strip()
    }


def answered_questions(answered: dict[str, str]) -> list[ThemeAnswer]:
    """Every answered theme question, in the workbook's order."""
    return [
        ThemeAnswer(key=f"{t.id}.{key}", theme=t.title, question=question, answer=answered[f"{t.id}.{key}"])
        for t in content().themes
        for key, question, _ in t.all_questions()
        if f"{t.id}.{key}" in answered
    ]


def theme_choice(store: Store, workspace_id: str) -> list[str]:
    """The theme answers (keys) the team chose to include in the Word document and the deck."""
    saved = answers.get_value(store, workspace_id, CHOICE_SECTION, CHOICE_KEY)
    known = _question_keys()
    return [k for k in saved if isinstance(k, str) and k in known] if isinstance(saved, list) else []


def save_theme_choice(store: Store, workspace_id: str, keys: list[str]) -> list[str]:
    """Save which theme answers go into the documents; a key that names no question is refused."""
    known = _question_keys()
    unknown = [k for k in keys if k not in known]
    if unknown:
        raise UserError(f"{unknown[0]!r} is not one of the theme questions.")
    chosen = [k for k in known if k in set(keys)]  # the workbook's order, each once
    answers.save_value(store, workspace_id, CHOICE_SECTION, CHOICE_KEY, chosen)
    return chosen


def _question_keys() -> list[str]:
    return [f"{t.id}.{key}" for t in content().themes for key, _, _ in t.all_questions()]


def gather_inputs(store: Store, workspace_id: str) -> DraftInputs:
    """What the draft needs from every step (see `_gather_inputs`).
    Kept per version of the workspace's data (core.store.versioned): treat as read-only."""
    return remember(store, workspace_id, "value_proposition.gather_inputs", lambda: _gather_inputs(store, workspace_id))


def _gather_inputs(store: Store, workspace_id: str) -> DraftInputs:
    """Read what the draft needs from every step: profile, Step 2 strengths, Step 3 services,
    Step 4 insights, and this step's answers."""
    workspace = workspaces.get_workspace(store, workspace_id)
    if workspace is None:
        raise NotFound("This workspace no longer exists.")
    options = workspaces.options()
    org_types = {o.id: o.label for o in options.org_types}
    pop_labels = {o.id: o.label for o in options.populations}
    category_titles = {c.id: c.title for c in service_categories()}
    vp = content()
    checked = get_populations(store, workspace_id)
    texts = step_texts(store, workspace_id)
    framing_texts, deck_texts = texts.get(FRAMING_SECTION, {}), texts.get(DECK_SECTION, {})
    answered = theme_answers(store, workspace_id, texts)
    chosen = set(theme_choice(store, workspace_id))
    return DraftInputs(
        organization=workspace.name,
        org_type=org_types.get(workspace.org_type, ""),
        state=workspace.state,
        about=answers.get_text(store, workspace_id, "workspace", "about").strip(),
        profile_populations=[pop_labels[p] for p in workspace.populations if p in pop_labels],
        populations=[
            PopulationServed(short=s.short, text=s.text, count=checked[s.id].count)
            for s in vp.populations.statements
            if checked[s.id].served
        ],
        services=[
            ServiceVolume(
                name=r.name,
                category=category_titles.get(r.category, r.category),
                services_per_month=r.services_per_month,
                clients_per_month=r.clients_per_month,
                current=r.currently_offer,
            )
            for r in offered_rows(service_map(store, workspace_id))
        ],
        insights=what_it_takes.get_insights(store, workspace_id),
        strengths=readiness_link.strengths(store, workspace_id),
        framing=[
            FramingAnswer(id=o.id, outcome=o.text, answer=framing_texts.get(o.id, "").strip())
            for o in vp.framing.outcomes
        ],
        equity=texts.get(EQUITY_SECTION, {}).get(EQUITY_PROMPT, "").strip(),
        theme_answers=answered,
        included=[a for a in answered_questions(answered) if a.key in chosen],
        deck={p.id: deck_texts.get(p.id, "").strip() for p in vp.deck},
        story=money_story(store, workspace_id),
    )


# ---------------------------------------------------------------- the draft


class DraftSection(BaseModel):
    id: str
    heading: str
    body: str


class Draft(BaseModel):
    sections: list[DraftSection]
    missing: list[str] = Field(default=[], description="What to add for a fuller draft, as instructions")

    @property
    def text(self) -> str:
        """The draft as editable text: each section starts with a `## Heading` line."""
        text = "\n\n".join(f"## {s.heading}\n\n{s.body}" for s in self.sections)
        return clip(text, MAX_TEXT_CHARS)


SECTION_HEADINGS = {
    "who_we_are": "Who we are",
    "who_we_serve": "Who we serve",
    "what_we_offer": "What we offer",
    "worth": "What it is worth",
    "what_it_takes": "What it takes to get people to care",
    "what_we_bring": "What we bring that health systems lack",
    "strengths": "Our strengths",
    "value": "Value to your health system",
    "equity": "Our commitment to equity",
}


def clip(text: str, limit: int = CLIP_CHARS) -> str:
    """`text` cut at a word boundary to at most `limit` characters, with an ellipsis if cut."""
    text = text.strip()
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0] if " " in text[: limit - 1] else text[: limit - 1]
    return cut.rstrip() + "…"


def _join(items: list[str]) -> str:
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + ", and " + items[-1]


def _count(n: int) -> str:
    return f"{n:,}"


def _who_we_are(i: DraftInputs) -> str:
    kind = f"a {i.org_type[0].lower()}{i.org_type[1:]}" if i.org_type and i.org_type != "Other" else "an organization"
    where = f" in {i.state}" if i.state and i.state != "Outside the United States" else ""
    parts = [f"{i.organization} is {kind}{where}."]
    if i.about and i.about.casefold().startswith(i.organization.casefold()):
        parts = []  # the team's own words already say who it is: never the same sentence twice
    if i.about:
        parts.append(clip(i.about))
    if aim := i.theme_answers.get("mission_values.aim"):
        parts.append(f"What we aim to address: {clip(aim)}")
    return "\n\n".join(parts)


def _who_we_serve(i: DraftInputs) -> str:
    parts = []
    if i.profile_populations:
        parts.append(f"We serve {_join([p[0].lower() + p[1:] for p in i.profile_populations])}.")
    if i.populations:
        lines = [
            f"- {p.short}" + (f" (about {_count(p.count)} people in the last 12 months)" if p.count else "")
            for p in i.populations
        ]
        parts.append("Many of the people we serve live with:\n" + "\n".join(lines))
    if direct := i.theme_answers.get("mission_values.serve_directly"):
        parts.append(clip(direct))
    return "\n\n".join(parts)


def _what_we_offer(i: DraftInputs) -> str:
    parts = []
    if i.current_services:
        lines = [
            f"- {s.name}: about {_count(s.services_per_month)} a month for about {_count(s.clients_per_month)} people"
            for s in i.current_services
        ]
        parts.append(
            f"Each month we provide about {_count(i.services_per_month)} services across "
            f"{len(i.current_services)} service lines (our own estimates):\n" + "\n".join(lines)
        )
    if i.potential_services:
        parts.append(
            "With support we could also offer: "
            + _join([f"{s.name} (about {_count(s.services_per_month)} a month)" for s in i.potential_services])
            + "."
        )
    if only := i.theme_answers.get("services.nobody_else"):
        parts.append(f"Services nobody else in our community offers: {clip(only)}")
    return "\n\n".join(parts)


def worth_lines(story: MoneyStory) -> list[str]:
    """The money story in one short line per finished scenario (the figures are in the documents' tables)."""
    lines = [
        f"Direct billing, “{s.name}”: {s.headline[0].lower()}{s.headline[1:]}; {dollars(s.net_month)} a month "
        f"at full volume, {dollars(s.first_year_net)} in the first year; break-even: {s.break_even_month.lower()}."
        for s in story.billing
    ]
    lines += [
        f"Care program, “{c.name}”, {c.headline.patients:,} patients: {dollars(c.headline.steady_year_savings)} "
        f"saved for {dollars(c.headline.steady_year_cost)} a year at full caseload; return in the first year "
        f"{c.headline.roi}; break-even: {c.headline.break_even_month.lower()}."
        for c in story.care
    ]
    return lines


def _worth(i: DraftInputs) -> str:
    lines = worth_lines(i.story)
    if not lines:
        return ""
    return "Our own estimates, from the workbook's cost models:\n" + "\n".join(f"- {line}" for line in lines)


def _what_it_takes(i: DraftInputs) -> str:
    parts = [clip(i.insights[k]) for k in ("what_it_takes", "barriers") if i.insights.get(k)]
    return "\n\n".join(parts)


def _what_we_bring(i: DraftInputs) -> str:
    return clip(i.insights.get("unique_value", ""))


def _strengths(i: DraftInputs) -> str:
    if not i.strengths:
        return ""
    named = [s.domain + (f" ({s.mean:.1f} of 4)" if s.mean is not None else "") for s in i.strengths]
    return f"Our organizational readiness assessment shows our strongest areas are {_join(named)}."


def _value(i: DraftInputs) -> str:
    return "\n\n".join(f"To {f.outcome[0].lower()}{f.outcome[1:]}: {clip(f.answer)}" for f in i.answered_framing)


_BUILDERS = {
    "who_we_are": _who_we_are,
    "who_we_serve": _who_we_serve,
    "what_we_offer": _what_we_offer,
    "worth": _worth,
    "what_it_takes": _what_it_takes,
    "what_we_bring": _what_we_bring,
    "strengths": _strengths,
    "value": _value,
    "equity": lambda i: clip(i.equity),
}

_MISSING = {
    "who_we_serve": "Check whom you serve (the four statements on the Step 5 page) or add populations to your profile.",
    "what_we_offer": "Add the services you offer with monthly volumes in Step 3.",
    "worth": "Finish a direct billing cost-benefit scenario (Step 6) or the 5x planner (Stage 5) to say what "
    "your work is worth.",
    "what_it_takes": "Write the key insights of your Step 4 conversations.",
    "what_we_bring": "Write what your program brings that health systems lack (Step 4 key insights).",
    "strengths": "Complete the organizational readiness assessment (Step 2) to name your strengths.",
    "value": "Answer the four questions of the framing for healthcare entities (Step 5).",
    "equity": "Write your equity statement (Step 5).",
}


def assemble_draft(inputs: DraftInputs) -> Draft:
    """A value proposition draft: one section per part that has content, and what is missing.

    Pure: the same inputs give the same draft. Long answers are clipped (the full text stays
    where it was written) so that the draft always fits in one text answer.
    """
    sections, missing = [], []
    for section_id, build in _BUILDERS.items():
        body = build(inputs).strip()
        if body:
            sections.append(DraftSection(id=section_id, heading=SECTION_HEADINGS[section_id], body=body))
        elif section_id in _MISSING:
            missing.append(_MISSING[section_id])
    return Draft(sections=sections, missing=missing)


def parse_draft(text: str) -> list[DraftSection]:
    """Split an (edited) draft back into sections at its `## Heading` lines.

    Text before the first heading becomes a section without a heading. A section whose heading
    is one of the assembled ones gets that section's id, so exports can match them.
    """
    ids = {heading.casefold(): section_id for section_id, heading in SECTION_HEADINGS.items()}
    sections: list[DraftSection] = []
    heading, lines = "", []

    def flush() -> None:
        body = "\n".join(lines).strip()
        if heading or body:
            sections.append(DraftSection(id=ids.get(heading.casefold(), ""), heading=heading, body=body))

    for line in text.split("\n"):
        if line.startswith("## "):
            flush()
            heading, lines = line[3:].strip(), []
        else:
            lines.append(line)
    flush()
    return sections


# ---------------------------------------------------------------- saving the draft

DraftStatus = Literal["empty", "unedited", "edited"]


def fingerprint(text: str) -> str:
    return hashlib.sha256(clean_long_text(text).encode("utf-8")).hexdigest()


def draft_status(current: str, assembled_fingerprint: str | None) -> DraftStatus:
    """ "empty" (no draft yet), "unedited" (as last assembled) or "edited" (a person changed it)."""
    if not current.strip():
        return "empty"
    if assembled_fingerprint and fingerprint(current) == assembled_fingerprint:
        return "unedited"
    return "edited"


def current_draft(store: Store, workspace_id: str) -> tuple[str, DraftStatus]:
    text = answers.get_text(store, workspace_id, DRAFT_SECTION, DRAFT_PROMPT)
    meta = answers.get_value(store, workspace_id, DRAFT_META_SECTION, "assembled") or {}
    return text, draft_status(text, meta.get("fingerprint"))


class AssembleResult(BaseModel):
    saved: bool
    needs_confirmation: bool = False
    draft: Draft


def assemble_and_save(store: Store, workspace_id: str, *, replace_edits: bool = False) -> AssembleResult:
    """Assemble the draft and save it as a new revision, unless a person edited the current
    draft and `replace_edits` is False: then nothing is saved and the result asks to confirm.
    The replaced text is never lost: it stays in the draft's earlier versions."""
    draft = assemble_draft(gather_inputs(store, workspace_id))
    _, status = current_draft(store, workspace_id)
    if status == "edited" and not replace_edits:
        return AssembleResult(saved=False, needs_confirmation=True, draft=draft)
    answers.save_text(store, workspace_id, DRAFT_SECTION, DRAFT_PROMPT, draft.text, note="assembled")
    answers.save_value(
        store,
        workspace_id,
        DRAFT_META_SECTION,
        "assembled",
        {"fingerprint": fingerprint(draft.text), "at": utcnow().isoformat()},
    )
    return AssembleResult(saved=True, draft=draft)


def draft_sections(store: Store, workspace_id: str, inputs: DraftInputs | None = None) -> list[DraftSection]:
    """The draft as exports use it: the saved (possibly edited) draft, else a fresh assembly."""
    text, status = current_draft(store, workspace_id)
    if status == "empty":
        return assemble_draft(inputs or gather_inputs(store, workspace_id)).sections
    return parse_draft(text)


# ---------------------------------------------------------------- progress and demo


@progress_for(STEP)
def value_proposition_progress(store: Store, workspace_id: str) -> StepProgress:
    """Nine parts: each of the six themes with an answer, the framing, the population checklist, the draft."""
    answered = theme_answers(store, workspace_id)
    themes_done = sum(any(k.startswith(t.id + ".") for k in answered) for t in content().themes)
    framing = any(t.strip() for t in answers.get_texts(store, workspace_id, FRAMING_SECTION).values())
    populations = any(p.served for p in get_populations(store, workspace_id).values())
    draft = current_draft(store, workspace_id)[1] != "empty"
    detail = (
        f"{themes_done} of 6 themes; framing {'answered' if framing else 'not answered'}; "
        f"draft {'written' if draft else 'not assembled yet'}"
    )
    return StepProgress(step_id=STEP, share=(themes_done + framing + populations + draft) / 9, detail=detail)


class DemoValueProposition(ContentModel):
    populations: dict[str, PopulationAnswer]
    themes: dict[str, dict[str, str]]
    framing: dict[str, str]
    equity: str
    deck: dict[str, str]
    assemble: bool = True


@demo_filler(STEP)
def fill_demo(store: Store, workspace_id: str, part: Any) -> None:
    demo = DemoValueProposition.model_validate(part)
    for statement_id, answer in demo.populations.items():
        save_population(store, workspace_id, statement_id, answer)
    for theme_id, texts in demo.themes.items():
        t = theme(theme_id)
        keys = {key for key, _, _ in t.all_questions()}
        for key, text in texts.items():
            if key not in keys:
                raise ValueError(f"demo answer for theme {theme_id} names an unknown question {key!r}")
            answers.save_text(store, workspace_id, t.section, key, text)
    outcomes = {o.id for o in content().framing.outcomes}
    for outcome_id, text in demo.framing.items():
        if outcome_id not in outcomes:
            raise ValueError(f"demo framing names an unknown outcome {outcome_id!r}")
        answers.save_text(store, workspace_id, FRAMING_SECTION, outcome_id, text)
    answers.save_text(store, workspace_id, EQUITY_SECTION, EQUITY_PROMPT, demo.equity)
    for prompt_id, text in demo.deck.items():
        answers.save_text(store, workspace_id, DECK_SECTION, prompt_id, text)
    if demo.assemble:
        assemble_and_save(store, workspace_id)
