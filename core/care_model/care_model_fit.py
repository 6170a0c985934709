"""Care model stage 1: the three generic care models, how well each fits a program, where the team
sits and who is on it.

- `score_fit(answers)` scores each model from the fit questionnaire and says why
  ("scores high because ...; watch out for ..."), every reason drawn from the
  source's strengths and concerns (`data/care_models.yaml`).
- `suggest_core_team(prevalence)` proposes core-team roles and partner roles from
  how common each kind of need is, following the source's examples.
- Storage: questionnaire answers, the chosen model and location with the reasons,
  the need prevalence, the team table and the needs / services / partners grid,
  all under the step id `care_model_fit`.

The source's words in `data/care_models.yaml` are `Quote`s (definitions,
strengths, concerns, locations, guidance, tips); the questionnaire, its points
and the 40% core-team threshold are the app's own rules, worded by `fit_rule`
and `core_rule()` for the page.

Never imports streamlit.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from core.content import ContentModel, content_file, load
from core.demo import demo_filler
from core.errors import UserError
from core.sources import Quote, Text, Tips, plain
from core.steps import StepProgress, progress_for
from core.store import answers
from core.store.database import Store
from core.text import clean_long_text, clean_name

STEP = "care_model_fit"
CURRENT_SECTION = f"{STEP}.current"
FIT_SECTION = f"{STEP}.questionnaire"
CHOICE_SECTION = f"{STEP}.choice"
TEAM_KIND = f"{STEP}.team_role"
NEEDS_GRID_KIND = f"{STEP}.needs_grid"

# ---------------------------------------------------------------- content


class Prompt(ContentModel):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    label: Text
    help: str = ""


class DevelopmentStep(ContentModel):
    """One of the source's steps in developing an enhanced care model, and the prompts answering it."""

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    step: Quote
    prompts: list[str] = []


class DataReview(ContentModel):
    lead: Quote
    prompts: list[str]
    grid: Quote


class SourceLine(Quote):
    """A strength or concern of a model, quoted, with an id the questionnaire refers to."""

    id: str = Field(pattern=r"^[a-z0-9_]+$")


class CareModel(ContentModel):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    name: str
    also_called: Quote | None = None
    examples: list[str]
    summary: str = Field(description="the app's own one-line summary")
    definition: list[Quote]
    strengths: list[SourceLine]
    concerns: list[SourceLine]

    def line(self, line_id: str) -> tuple[Literal["strength", "concern"], str]:
        for s in self.strengths:
            if s.id == line_id:
                return "strength", s.quote
        for c in self.concerns:
            if c.id == line_id:
                return "concern", c.quote
        raise KeyError(f"{self.id} has no strength or concern {line_id!r}")


class Effect(ContentModel):
    model: str
    points: int = Field(ge=-2, le=2)
    ref: str = Field(pattern=r"^[a-z0-9_]+\.[a-z0-9_]+$")
    note: str


class FitOption(ContentModel):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    label: str
    effects: list[Effect] = []


class FitQuestion(ContentModel):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    text: str
    options: list[FitOption] = Field(min_length=2)

    def option(self, option_id: str) -> FitOption:
        for o in self.options:
            if o.id == option_id:
                return o
        raise KeyError(option_id)


class Principle(Quote):
    name: str


class Location(ContentModel):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    name: str = Field(description="the app's short label")
    source_name: Quote | None = None
    benefits: list[Quote]
    challenges: list[Quote]
    considerations: list[Quote]


class Locations(ContentModel):
    intro: Quote
    principles: list[Principle]
    options: list[Location]


class TeamRoleContent(ContentModel):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    name: str


class Need(ContentModel):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    label: str
    roles: list[str]
    reason: Text


class TeamContent(ContentModel):
    intro: list[Quote]
    always_core: str
    always_core_reason: Quote
    core_threshold_pct: int = Field(ge=1, le=100, description="the app's own threshold, see core_rule()")
    roles: list[TeamRoleContent]
    needs: list[Need]

    def role_name(self, role_id: str) -> str:
        return next(r.name for r in self.roles if r.id == role_id)


@content_file("care_models.yaml")
class CareModelsContent(ContentModel):
    intro: list[Quote]
    development_steps: list[DevelopmentStep]
    prompts: list[Prompt]
    data_review: DataReview
    models_intro: list[Quote]
    models: list[CareModel]
    fit_rule: str = Field(description="how the app's questionnaire scores, in its own words")
    questions: list[FitQuestion]
    locations: Locations
    team: TeamContent
    tips: Tips
    voices: list[Quote]

    def prompt(self, prompt_id: str) -> Prompt:
        return next(p for p in self.prompts if p.id == prompt_id)

    @model_validator(mode="after")
    def _references(self) -> CareModelsContent:
        prompt_ids = {p.id for p in self.prompts}
        named = [pid for step in self.development_steps for pid in step.prompts] + self.data_review.prompts
        if set(named) - prompt_ids:
            raise ValueError(f"steps name unknown prompts: {', '.join(sorted(set(named) - prompt_ids))}")
        models = {m.id: m for m in self.models}
        for q in self.questions:
            for o in q.options:
                for e in o.effects:
                    model_id, line_id = e.ref.split(".")
                    if e.model not in models or model_id != e.model:
                        raise ValueError(f"{q.id}.{o.id}: effect on unknown model or ref of another model ({e.ref})")
                    models[model_id].line(line_id)  # KeyError -> invalid file
        role_ids = {r.id for r in self.team.roles}
        if self.team.always_core not in role_ids or any(set(n.roles) - role_ids for n in self.team.needs):
            raise ValueError("team needs name a role that is not in team.roles")
        return self


def content() -> CareModelsContent:
    return load(CareModelsContent)


def model_by_id(model_id: str) -> CareModel:
    for m in content().models:
        if m.id == model_id:
            return m
    raise KeyError(model_id)


def core_rule() -> str:
    """The app's own rule for the core team, with its threshold, in words for the page."""
    pct = content().team.core_threshold_pct
    return (
        f"A need that at least {pct}% of the people you serve have, or the most common need, puts the roles "
        "answering it on the core team; the roles answering less common needs are partners. The "
        f"{pct}% is the app's starting point: the source says to decide from the most prevalent needs, "
        "and names no figure."
    )


def location_by_id(location_id: str) -> Location:
    for loc in content().locations.options:
        if loc.id == location_id:
            return loc
    raise KeyError(location_id)


# ---------------------------------------------------------------- fit scoring


class Reason(BaseModel):
    """Why one answer moves one model: the note in plain words and the source line it rests on."""

    question_id: str
    points: int
    note: str
    kind: Literal["strength", "concern"]
    source_text: str


class ModelFit(BaseModel):
    model_id: str
    name: str
    raw: int
    score: int = Field(ge=0, le=100)  # share of this model's possible range, for the answers given
    because: list[Reason]  # positive points, strongest first
    watch_out: list[Reason]  # negative points, strongest first


class FitAnswers(BaseModel):
    """Answers to the fit questionnaire: question id -> option id (unanswered questions are absent)."""

    answers: dict[str, str] = {}

    @model_validator(mode="after")
    def _known(self) -> FitAnswers:
        questions = {q.id: q for q in content().questions}
        for qid, oid in self.answers.items():
            if qid not in questions:
                raise UserError(f"{qid!r} is not a question of the fit questionnaire.")
            if oid not in {o.id for o in questions[qid].options}:
                raise UserError(f"{oid!r} is not an answer to {qid!r}.")
        return self


def _points(option: FitOption, model_id: str) -> int:
    return sum(e.points for e in option.effects if e.model == model_id)


def _merged(reasons: list[Reason]) -> list[Reason]:
    """One reason per source line: several answers resting on the same line add their points and notes."""
    by_line: dict[str, Reason] = {}
    for r in reasons:
        seen = by_line.get(r.source_text)
        if seen is None:
            by_line[r.source_text] = r.model_copy()
        else:
            seen.points += r.points
            seen.note = f"{seen.note}; {r.note}"
            seen.question_id = f"{seen.question_id},{r.question_id}"
    return list(by_line.values())


def score_fit(fit: FitAnswers) -> list[ModelFit]:
    """Every model's fit for the answers given, best first (ties broken by raw points, then file order).

    For each model, each answered question contributes its option's points; the
    score is where the total sits between the lowest and highest total the
    answered questions allow for that model (0..100, 50 when no answer moves it).
    """
    questions = [q for q in content().questions if q.id in fit.answers]
    results = []
    for order, model in enumerate(content().models):
        raw = low = high = 0
        because: list[Reason] = []
        watch: list[Reason] = []
        for q in questions:
            option = q.option(fit.answers[q.id])
            raw += _points(option, model.id)
            low += min(_points(o, model.id) for o in q.options)
            high += max(_points(o, model.id) for o in q.options)
            for e in option.effects:
                if e.model != model.id:
                    continue
                kind, text = model.line(e.ref.split(".")[1])
                reason = Reason(question_id=q.id, points=e.points, note=e.note, kind=kind, source_text=text)
                (because if e.points > 0 else watch).append(reason)
        score = 50 if high == low else round(100 * (raw - low) / (high - low))
        results.append(
            (
                order,
                ModelFit(
                    model_id=model.id,
                    name=model.name,
                    raw=raw,
                    score=score,
                    because=sorted(_merged(because), key=lambda r: -r.points),
                    watch_out=sorted(_merged(watch), key=lambda r: r.points),
                ),
            )
        )
    results.sort(key=lambda item: (-item[1].score, -item[1].raw, item[0]))
    return [fit for _, fit in results]


def recommendation(fits: list[ModelFit], answered: int) -> str:
    """One sentence naming the best fit, or what to do first."""
    if answered == 0 or not fits:
        return "Answer the questions above to see which care model fits your program best."
    best, second = fits[0], fits[1]
    if best.score - second.score <= 5:
        return (
            f"{best.name} ({best.score}) and {second.name} ({second.score}) fit about equally well: "
            "weigh the reasons below with your team."
        )
    return f"{best.name} fits best ({best.score} of 100), ahead of {second.name} ({second.score})."


# ---------------------------------------------------------------- core team


class NeedPrevalence(BaseModel):
    """Share of the target population (0-100%) with each kind of need, by need id."""

    percent: dict[str, int] = {}

    @field_validator("percent")
    @classmethod
    def _valid(cls, value: dict[str, int]) -> dict[str, int]:
        needs = {n.id: n.label for n in content().team.needs}
        for need_id, pct in value.items():
            if need_id not in needs:
                raise UserError(f"{need_id!r} is not a kind of need.")
            if not 0 <= pct <= 100:
                raise UserError(f"{needs[need_id]}: enter a share between 0% and 100% (not {pct}%).")
        return value


class SuggestedRole(BaseModel):
    role_id: str
    name: str
    placement: Literal["core", "partner"]
    reasons: list[str]


def suggest_core_team(prevalence: NeedPrevalence) -> list[SuggestedRole]:
    """Roles for the core team and roles to reach through partners, from the most prevalent needs.

    A care manager is always core. The roles answering a need are core when
    that need reaches the threshold in `data/care_models.yaml` or is the most
    prevalent one; otherwise they are partners. Needs at 0% suggest nothing.
    A role that is core for one need stays core.
    """
    team = content().team
    placed: dict[str, SuggestedRole] = {
        team.always_core: SuggestedRole(
            role_id=team.always_core,
            name=team.role_name(team.always_core),
            placement="core",
            reasons=[team.always_core_reason.quote],
        )
    }
    ranked = sorted(
        (n for n in team.needs if prevalence.percent.get(n.id, 0) > 0), key=lambda n: -prevalence.percent[n.id]
    )
    top = prevalence.percent[ranked[0].id] if ranked else 0
    for need in ranked:
        pct = prevalence.percent[need.id]
        core = pct >= team.core_threshold_pct or pct == top
        reason = f"{need.label}: {pct}% of the people you serve. {plain(need.reason)}"
        for role_id in need.roles:
            existing = placed.get(role_id)
            if existing is None:
                placed[role_id] = SuggestedRole(
                    role_id=role_id,
                    name=team.role_name(role_id),
                    placement="core" if core else "partner",
                    reasons=[reason],
                )
            else:
                existing.reasons.append(reason)
                if core:
                    existing.placement = "core"
    order = {r.id: i for i, r in enumerate(team.roles)}
    return sorted(placed.values(), key=lambda s: (s.placement != "core", order[s.role_id]))


class TeamRole(BaseModel):
    """A row of the team table: a role, whether it is core or a partner, and a note."""

    model_config = ConfigDict(str_strip_whitespace=True)

    role: str
    placement: Literal["core", "partner"] = "core"
    note: str = ""

    @field_validator("role", mode="before")
    @classmethod
    def _role(cls, value: object) -> str:
        return clean_name(value, field="Role")

    @field_validator("note", mode="before")
    @classmethod
    def _note(cls, value: object) -> str:
        return clean_long_text(value or "", field="Note", max_chars=500)

    @field_validator("placement", mode="before")
    @classmethod
    def _placement(cls, value: object) -> object:
        value = value or "core"
        if value not in ("core", "partner"):
            raise UserError("choose core or partner.")
        return value


class NeedsGridRow(BaseModel):
    """A row of the needs / services / partners grid: a need found, the services it calls for, who provides them."""

    model_config = ConfigDict(str_strip_whitespace=True)

    need: str
    services: str = ""
    partners: str = ""

    @field_validator("need", mode="before")
    @classmethod
    def _need(cls, value: object) -> str:
        return clean_name(value, field="Need")

    @field_validator("services", "partners", mode="before")
    @classmethod
    def _text(cls, value: object, info) -> str:
        return clean_long_text(value or "", field=info.field_name.capitalize(), max_chars=500)


# ---------------------------------------------------------------- storage


def fit_answers(store: Store, workspace_id: str) -> FitAnswers:
    saved = answers.get_values(store, workspace_id, FIT_SECTION)
    known = {q.id: {o.id for o in q.options} for q in content().questions}
    return FitAnswers(answers={k: v for k, v in saved.items() if k in known and v in known[k]})


def save_fit_answer(store: Store, workspace_id: str, question_id: str, option_id: str) -> None:
    FitAnswers(answers={question_id: option_id})  # raises on an unknown question or answer
    answers.save_value(store, workspace_id, FIT_SECTION, question_id, option_id)


def save_choice(store: Store, workspace_id: str, key: Literal["model", "location"], value: str) -> None:
    """Record the chosen care model or team location (ids from the content file)."""
    if key == "model":
        model_by_id(value)
    elif key == "location":
        location_by_id(value)
    else:
        raise ValueError(f"Unknown choice {key!r}.")
    answers.save_value(store, workspace_id, CHOICE_SECTION, key, value)


def choices(store: Store, workspace_id: str) -> dict:
    return answers.get_values(store, workspace_id, CHOICE_SECTION)


def prevalence(store: Store, workspace_id: str) -> NeedPrevalence:
    saved = choices(store, workspace_id).get("prevalence") or {}
    try:
        return NeedPrevalence(percent=saved)
    except ValueError:
        return NeedPrevalence()


def save_prevalence(store: Store, workspace_id: str, need_id: str, percent: int) -> NeedPrevalence:
    """Set one need's prevalence (validated with the others) and return the whole set."""
    updated = NeedPrevalence(percent={**prevalence(store, workspace_id).percent, need_id: percent})
    answers.save_value(store, workspace_id, CHOICE_SECTION, "prevalence", updated.percent)
    return updated


def team_roles(store: Store, workspace_id: str) -> list:
    return answers.list_records(store, workspace_id, TEAM_KIND)


def add_suggested_roles(store: Store, workspace_id: str, suggested: list[SuggestedRole]) -> int:
    """Add the suggested roles not yet in the team table; return how many were added."""
    have = {str(r.data.get("role", "")).casefold() for r in team_roles(store, workspace_id)}
    added = 0
    for s in suggested:
        if s.name.casefold() in have:
            continue
        row = TeamRole(role=s.name, placement=s.placement, note=" ".join(s.reasons)[:500])
        answers.add_record(store, workspace_id, TEAM_KIND, row.model_dump())
        added += 1
    return added


class CareModelPlan(BaseModel):
    """What stage 1 holds for a workspace, for the page summary, the export and progress."""

    texts: dict[str, str]
    fit: FitAnswers
    fits: list[ModelFit]
    model: CareModel | None
    model_why: str
    location: Location | None
    location_why: str
    team: list[TeamRole]
    needs_grid: list[NeedsGridRow] = []


def _valid_rows(store: Store, workspace_id: str, kind: str, model: type[BaseModel]) -> list:
    rows = []
    for r in answers.list_records(store, workspace_id, kind):
        try:
            rows.append(model.model_validate(r.data))
        except ValueError:
            continue
    return rows


def care_model_plan(store: Store, workspace_id: str) -> CareModelPlan:
    chosen = choices(store, workspace_id)
    reasons = answers.get_texts(store, workspace_id, CHOICE_SECTION)
    fit = fit_answers(store, workspace_id)
    model = location = None
    try:
        model = model_by_id(chosen["model"]) if chosen.get("model") else None
        location = location_by_id(chosen["location"]) if chosen.get("location") else None
    except KeyError:
        pass
    return CareModelPlan(
        texts=answers.get_texts(store, workspace_id, CURRENT_SECTION),
        fit=fit,
        fits=score_fit(fit),
        model=model,
        model_why=reasons.get("model_why", ""),
        location=location,
        location_why=reasons.get("location_why", ""),
        team=_valid_rows(store, workspace_id, TEAM_KIND, TeamRole),
        needs_grid=_valid_rows(store, workspace_id, NEEDS_GRID_KIND, NeedsGridRow),
    )


@progress_for(STEP)
def progress(store: Store, workspace_id: str) -> StepProgress:
    plan = care_model_plan(store, workspace_id)
    parts = {
        "questionnaire": len(plan.fit.answers) == len(content().questions),
        "model chosen": plan.model is not None,
        "location chosen": plan.location is not None,
        "core team": bool(plan.team),
        "working theory": bool(plan.texts.get("working_theory", "").strip()),
    }
    done = [name for name, ok in parts.items() if ok]
    missing = [name for name, ok in parts.items() if not ok]
    detail = "All parts done" if not missing else "To do: " + ", ".join(missing)
    return StepProgress(step_id=STEP, share=len(done) / len(parts), detail=detail)


# ---------------------------------------------------------------- demo


class DemoCareModelFit(BaseModel):
    model_config = ConfigDict(extra="forbid")

    texts: dict[str, str] = {}
    questionnaire: dict[str, str] = {}
    model: str
    model_why: str
    location: str
    location_why: str
    prevalence: dict[str, int]
    team: list[TeamRole]
    needs_grid: list[NeedsGridRow] = []


@demo_filler(STEP)
def fill_demo(store: Store, workspace_id: str, data: dict) -> None:
    demo = DemoCareModelFit.model_validate(data)
    for prompt, text in demo.texts.items():
        answers.save_text(store, workspace_id, CURRENT_SECTION, prompt, text)
    for qid, oid in demo.questionnaire.items():
        save_fit_answer(store, workspace_id, qid, oid)
    save_choice(store, workspace_id, "model", demo.model)
    save_choice(store, workspace_id, "location", demo.location)
    answers.save_text(store, workspace_id, CHOICE_SECTION, "model_why", demo.model_why)
    answers.save_text(store, workspace_id, CHOICE_SECTION, "location_why", demo.location_why)
    answers.save_value(
        store, workspace_id, CHOICE_SECTION, "prevalence", NeedPrevalence(percent=demo.prevalence).percent
    )
    for row in demo.team:
        answers.add_record(store, workspace_id, TEAM_KIND, row.model_dump())
    for row in demo.needs_grid:
        answers.add_record(store, workspace_id, NEEDS_GRID_KIND, row.model_dump())
