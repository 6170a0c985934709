"""Step 2, the organizational readiness assessment: its content and its scoring model.

Content: `data/readiness.yaml` (six domains, 53 items, the 1-4 scale, the
reflection questions), validated by `ReadinessContent`.

Scoring, pure functions of an answers dict `{item_id: 1..4 | None}` (None is
"Not sure"; an item not in the dict is unanswered):

- reversed items: the items listed in `reversed_items` of the data file (their
  wording makes a higher answer worse, e.g. "Do you anticipate any funding
  gaps...") are scored 5 - the answer in every mean; the answer itself is kept;
- per domain: mean of the answered items, share of the scale `(mean - 1) / 3`
  (0 at "1" everywhere, 1 at "4" everywhere), answered / total, completion;
  "Not sure" counts as unanswered in every score;
- overall: the mean of every answered item (each item weighs the same, so
  the 16 Services items weigh more than the 5 Systems items);
- a domain is *ranked* only with enough answers: at least half of its items
  (rounded up). Fewer is reported as "not enough answers", never ranked;
- strengths and limitations, one rule against the overall mean (worded for
  people in `strengths_rule`): a likely strength has a mean above the overall
  mean, a likely limitation below it, at most three of each, highest (lowest)
  first, and every domain tied with the third is named too: ties are never
  broken by item counts or workbook order. Means are compared exactly (as
  fractions), so a domain equal to the overall mean is neither. Workbook order
  only orders domains with equal means on the page.

Storage of rounds and answers is `core.store.readiness_repo` (its functions are
re-exported here). This module never imports streamlit.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from fractions import Fraction
from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from core.content import ContentModel, content_file, load
from core.demo import demo_filler
from core.errors import UserError
from core.steps import StepProgress, progress_for
from core.store import answers as answer_store
from core.store import readiness_repo
from core.store.database import Store
from core.store.readiness_models import ReadinessRound
from core.store.readiness_repo import (  # noqa: F401  (re-exported: the readiness API in one place)
    Answers,
    add_respondent,
    answers_by_respondent,
    clear_readiness_answer,
    create_round,
    delete_round,
    get_round,
    list_respondents,
    list_rounds,
    respondent_answers,
    respondent_notes,
    result_respondent,
    round_answers,
    self_respondent,
    update_round,
)
from core.store.versioned import remember

MIN_ANSWERED_SHARE = 0.5
REFLECTION_SECTION = "readiness.reflection"

# ---------------------------------------------------------------- content


class ScaleLevel(ContentModel):
    value: int = Field(ge=1, le=4)
    label: str


class ReadinessItem(ContentModel):
    id: str = Field(pattern=r"^[a-z_]+\.[a-z0-9_]+$")
    text: str


class ReadinessDomain(ContentModel):
    id: str = Field(pattern=r"^[a-z_]+$")
    title: str
    intro: str = ""
    items: list[ReadinessItem] = Field(min_length=1)


class ReflectionQuestion(ContentModel):
    id: str = Field(pattern=r"^[a-z_]+$")
    text: str


class ReversedItem(ContentModel):
    """An item whose wording makes a higher answer worse, and why: it is scored 5 - the answer."""

    item: str
    reason: str


@content_file("readiness.yaml")
class ReadinessContent(ContentModel):
    source: str
    who: str
    directions: str
    scale: list[ScaleLevel]
    not_sure_label: str
    domains: list[ReadinessDomain]
    reversed_items: list[ReversedItem] = []
    strengths_rule: str
    reflection_questions: list[ReflectionQuestion]

    @model_validator(mode="after")
    def _consistent(self) -> ReadinessContent:
        if [level.value for level in self.scale] != [1, 2, 3, 4]:
            raise ValueError("the scale must list the values 1, 2, 3, 4 in order")
        ids = [item.id for d in self.domains for item in d.items]
        if len(ids) != len(set(ids)):
            raise ValueError("item ids must be unique")
        for reversed_item in self.reversed_items:
            if reversed_item.item not in ids:
                raise ValueError(f"reversed_items: {reversed_item.item} is not an item of the assessment.")
        for domain in self.domains:
            for item in domain.items:
                if not item.id.startswith(domain.id + "."):
                    raise ValueError(f"item {item.id} must start with its domain id {domain.id}.")
        return self


def readiness_content() -> ReadinessContent:
    return load(ReadinessContent)


def domains() -> list[ReadinessDomain]:
    return list(readiness_content().domains)


def domain(domain_id: str) -> ReadinessDomain:
    for d in readiness_content().domains:
        if d.id == domain_id:
            return d
    raise KeyError(f"No readiness domain {domain_id!r}")


@cache
def item_ids() -> frozenset[str]:
    return frozenset(item.id for d in readiness_content().domains for item in d.items)


def save_readiness_answer(
    store: Store, workspace_id: str, respondent_id: str, item_id: str, value: int | None, note: str | None = None
) -> None:
    """Save one answer (value 1-4, None for "Not sure") of an item of the assessment, in one statement.

    `note=None` keeps the note already saved; a string replaces it. Raises UserError for an unknown item or
    a value outside 1-4, NotFound (a KeyError) if the respondent is not one of this workspace's.
    """
    if item_id not in item_ids():
        raise UserError(f"{item_id!r} is not an item of the readiness assessment.")
    readiness_repo.upsert_answer(store, workspace_id, respondent_id, item_id, value, note)


@cache
def reversed_ids() -> frozenset[str]:
    return frozenset(r.item for r in readiness_content().reversed_items)


def scored_value(item_id: str, value: int) -> int:
    """The value an answer counts for in the scores: 5 - the answer for a reversed item, else the answer."""
    return 5 - value if item_id in reversed_ids() else value


def scale_label(value: int | None) -> str:
    """The workbook's label of a value; "Not sure" for None."""
    content = readiness_content()
    if value is None:
        return content.not_sure_label
    return next(level.label for level in content.scale if level.value == value)


# ---------------------------------------------------------------- scores


class DomainScore(BaseModel):
    model_config = ConfigDict(frozen=True)

    domain_id: str
    title: str
    total: int = Field(ge=1)
    answered: int = Field(ge=0, description="items answered 1-4 (Not sure excluded)")
    points: int = Field(default=0, ge=0, description="sum of the scored answers (reversed items reversed)")
    not_sure: int = Field(ge=0)
    mean: float | None = Field(default=None, ge=1, le=4)
    share: float | None = Field(default=None, ge=0, le=1, description="(mean - 1) / 3")
    completion: float = Field(ge=0, le=1, description="answered / total")
    enough: bool = Field(description="enough answers to be ranked")

    @property
    def responded(self) -> int:
        """Items with any response, "Not sure" included."""
        return self.answered + self.not_sure


class ReadinessScores(BaseModel):
    model_config = ConfigDict(frozen=True)

    domains: list[DomainScore]
    overall_mean: float | None = Field(default=None, ge=1, le=4)
    overall_share: float | None = Field(default=None, ge=0, le=1)
    answered: int = Field(ge=0)
    points: int = Field(default=0, ge=0, description="sum of every scored answer")
    not_sure: int = Field(ge=0)
    total: int = Field(ge=0)
    completion: float = Field(ge=0, le=1)
    ranked: list[str] = Field(description="ids of domains with enough answers, highest mean first")

    def domain(self, domain_id: str) -> DomainScore:
        for d in self.domains:
            if d.domain_id == domain_id:
                return d
        raise KeyError(domain_id)

    @property
    def not_enough(self) -> list[DomainScore]:
        return [d for d in self.domains if not d.enough]

    @property
    def exact_overall(self) -> Fraction | None:
        return Fraction(self.points, self.answered) if self.answered else None


def exact_mean(d: DomainScore) -> Fraction | None:
    return Fraction(d.points, d.answered) if d.answered else None


def min_answers(total: int) -> int:
    """How many answered items a domain of `total` items needs to be ranked."""
    return max(1, math.ceil(total * MIN_ANSWERED_SHARE))


def _share(mean: float | None) -> float | None:
    return None if mean is None else (mean - 1) / 3


def score_readiness(answers: Mapping[str, int | None]) -> ReadinessScores:
    """Scores of one set of answers (see the module docstring for every rule).

    Answers to items that are no longer in the assessment are ignored; a value
    other than 1-4 or None raises UserError.
    """
    for item_id, value in answers.items():
        if value is not None and (isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 4):
            raise UserError(f"The answer to {item_id} must be 1, 2, 3, 4 or Not sure, not {value!r}.")
    scored: list[DomainScore] = []
    all_values: list[int] = []
    not_sure_total = 0
    for d in domains():
        values = [scored_value(i.id, answers[i.id]) for i in d.items if i.id in answers and answers[i.id] is not None]
        not_sure = sum(1 for i in d.items if i.id in answers and answers[i.id] is None)
        mean = sum(values) / len(values) if values else None
        scored.append(
            DomainScore(
                domain_id=d.id,
                title=d.title,
                total=len(d.items),
                answered=len(values),
                points=sum(values),
                not_sure=not_sure,
                mean=mean,
                share=_share(mean),
                completion=len(values) / len(d.items),
                enough=len(values) >= min_answers(len(d.items)),
            )
        )
        all_values.extend(values)
        not_sure_total += not_sure
    order = {d.domain_id: n for n, d in enumerate(scored)}
    ranked = sorted((d for d in scored if d.enough), key=lambda d: (-exact_mean(d), order[d.domain_id]))
    total = sum(d.total for d in scored)
    overall = sum(all_values) / len(all_values) if all_values else None
    return ReadinessScores(
        domains=scored,
        overall_mean=overall,
        overall_share=_share(overall),
        answered=len(all_values),
        points=sum(all_values),
        not_sure=not_sure_total,
        total=total,
        completion=len(all_values) / total if total else 0.0,
        ranked=[d.domain_id for d in ranked],
    )


def _named(candidates: list[DomainScore], n: int) -> list[DomainScore]:
    """The first `n` of `candidates` (already in order), and every later one tied with the n-th."""
    if len(candidates) <= n:
        return candidates
    last = exact_mean(candidates[n - 1])
    return [d for i, d in enumerate(candidates) if i < n or exact_mean(d) == last]


def strongest_domains(scores: ReadinessScores, n: int = 3) -> list[DomainScore]:
    """Likely strengths: ranked domains whose mean is above the overall mean, highest first, at most `n`
    plus any tied with the n-th (see `strengths_rule`)."""
    overall = scores.exact_overall
    if overall is None:
        return []
    above = [scores.domain(d) for d in scores.ranked if exact_mean(scores.domain(d)) > overall]
    return _named(above, n)


def weakest_domains(scores: ReadinessScores, n: int = 3) -> list[DomainScore]:
    """Likely limitations: ranked domains whose mean is below the overall mean, lowest first, at most `n`
    plus any tied with the n-th. Never a strength: a domain cannot be both above and below the mean."""
    overall = scores.exact_overall
    if overall is None:
        return []
    order = {d.domain_id: i for i, d in enumerate(scores.domains)}
    below = sorted(
        (scores.domain(d) for d in scores.ranked if exact_mean(scores.domain(d)) < overall),
        key=lambda d: (exact_mean(d), order[d.domain_id]),
    )
    return _named(below, n)


def scoring_explanation() -> list[str]:
    """How the results are scored, for the page and the report: the rule, and the reversed items with why."""
    content = readiness_content()
    texts = {i.id: (d.title, n, i.text) for d in content.domains for n, i in enumerate(d.items, start=1)}
    lines = [content.strengths_rule]
    for r in content.reversed_items:
        title, number, text = texts[r.item]
        lines.append(f'Scored reversed (5 - the answer): {title} {number}, "{text}" {r.reason}')
    return lines


# ---------------------------------------------------------------- rounds compared


class DomainChange(BaseModel):
    model_config = ConfigDict(frozen=True)

    domain_id: str
    title: str
    earlier_mean: float | None
    later_mean: float | None
    change: float | None = Field(description="later - earlier; None when either round has no answer in the domain")
    direction: Literal["up", "down", "same", "not comparable"]


class RoundComparison(BaseModel):
    model_config = ConfigDict(frozen=True)

    domains: list[DomainChange]
    overall_change: float | None


def _change(earlier: float | None, later: float | None) -> float | None:
    return None if earlier is None or later is None else later - earlier


def _direction(change: float | None) -> Literal["up", "down", "same", "not comparable"]:
    if change is None:
        return "not comparable"
    if abs(change) < 1e-9:
        return "same"
    return "up" if change > 0 else "down"


def compare_rounds(earlier: ReadinessScores, later: ReadinessScores) -> RoundComparison:
    """The change of each domain's mean from `earlier` to `later` (positive = stronger now)."""
    changes = []
    for before in earlier.domains:
        after = later.domain(before.domain_id)
        change = _change(before.mean, after.mean)
        changes.append(
            DomainChange(
                domain_id=before.domain_id,
                title=before.title,
                earlier_mean=before.mean,
                later_mean=after.mean,
                change=change,
                direction=_direction(change),
            )
        )
    return RoundComparison(domains=changes, overall_change=_change(earlier.overall_mean, later.overall_mean))


# ---------------------------------------------------------------- in words


class ItemAnswer(BaseModel):
    model_config = ConfigDict(frozen=True)

    item_id: str
    number: int
    text: str
    value: int | None
    status: Literal["answered", "not sure", "unanswered"]
    label: str


def domain_item_answers(domain_id: str, answers: Mapping[str, int | None]) -> list[ItemAnswer]:
    """Each item of a domain with its answer, numbered as in the workbook."""
    result = []
    for number, item in enumerate(domain(domain_id).items, start=1):
        if item.id not in answers:
            status, label, value = "unanswered", "Not answered", None
        else:
            value = answers[item.id]
            status = "not sure" if value is None else "answered"
            label = scale_label(value)
        result.append(
            ItemAnswer(item_id=item.id, number=number, text=item.text, value=value, status=status, label=label)
        )
    return result


def format_mean(mean: float | None) -> str:
    return "no answers" if mean is None else f"{mean:.2f}"


def _names(items: list[DomainScore]) -> str:
    names = [f"{d.title} ({format_mean(d.mean)})" for d in items]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


class ReadinessSummary(BaseModel):
    model_config = ConfigDict(frozen=True)

    strengths: list[DomainScore]
    limitations: list[DomainScore]
    not_enough: list[DomainScore]
    sentences: list[str]


def readiness_summary(scores: ReadinessScores, n: int = 3) -> ReadinessSummary:
    """Strengths, limitations and the domains without enough answers, with sentences to show or export."""
    strengths, limitations = strongest_domains(scores, n), weakest_domains(scores, n)
    sentences = []
    if scores.overall_mean is None:
        sentences.append("No item has been answered with a number yet, so there is nothing to score.")
    else:
        sentences.append(
            f"Overall, {scores.answered} of {scores.total} items are answered, with a mean of "
            f"{scores.overall_mean:.2f} on the 1-4 scale."
        )
    overall = format_mean(scores.overall_mean)
    if strengths:
        sentences.append(f"Likely strengths (above the overall mean of {overall}): {_names(strengths)}.")
    if limitations:
        sentences.append(f"Likely limitations (below the overall mean of {overall}): {_names(limitations)}.")
    not_enough = scores.not_enough
    if not_enough:
        listed = ", ".join(f"{d.title} ({d.answered} of {d.total})" for d in not_enough)
        sentences.append(
            f"Not enough answers to rank: {listed}. A domain is ranked once at least half of its items are "
            "answered with a number (Not sure does not count)."
        )
    return ReadinessSummary(strengths=strengths, limitations=limitations, not_enough=not_enough, sentences=sentences)


# ---------------------------------------------------------------- rounds in the store


def round_scores(store: Store, workspace_id: str, round_id: str) -> ReadinessScores:
    """The scores of a round's result (agreed answers if any, else the self-assessment).
    Kept per version of the workspace's data (core.store.versioned): treat as read-only."""
    return remember(
        store, workspace_id, f"readiness.round_scores.{round_id}", lambda: _round_scores(store, workspace_id, round_id)
    )


def _round_scores(store: Store, workspace_id: str, round_id: str) -> ReadinessScores:
    """The scores of a round's result (agreed answers if any, else the self-assessment)."""
    return score_readiness(round_answers(store, workspace_id, round_id))


def latest_round_scores(store: Store, workspace_id: str) -> tuple[ReadinessRound, ReadinessScores] | None:
    """The most recent round (by date, then creation) with at least one numeric answer, and its scores;
    None if no round has any. Used by the value proposition for the readiness strengths."""
    for round_ in reversed(list_rounds(store, workspace_id)):
        scores = round_scores(store, workspace_id, round_.id)
        if scores.answered:
            return round_, scores
    return None


def previous_round(rounds: list[ReadinessRound], round_id: str) -> ReadinessRound | None:
    """The round just before `round_id` in `rounds` (oldest first), if any."""
    ids = [r.id for r in rounds]
    index = ids.index(round_id) if round_id in ids else -1
    return rounds[index - 1] if index > 0 else None


def reflection_section(round_id: str) -> str:
    """Text-answer section of a round's reflection notes (prompt = reflection question id)."""
    return f"{REFLECTION_SECTION}.{round_id}"


@progress_for("readiness")
def readiness_progress(store: Store, workspace_id: str) -> StepProgress:
    """Share of the 53 items with a response ("Not sure" included) in the latest round."""
    rounds = list_rounds(store, workspace_id)
    if not rounds:
        return StepProgress(step_id="readiness", share=0.0, detail="No assessment started")
    latest = rounds[-1]
    responded = len(round_answers(store, workspace_id, latest.id))
    total = len(item_ids())
    return StepProgress(
        step_id="readiness",
        share=min(1.0, responded / total),
        detail=f"{latest.label}: {responded} of {total} items answered",
    )


# ---------------------------------------------------------------- demo


class DemoRound(BaseModel):
    model_config = ConfigDict(extra="forbid")

    label: str
    held_on: dt.date
    answers: dict[str, int | Literal["not_sure"]]
    reflections: dict[str, str] = {}


@demo_filler("readiness")
def fill_demo(store: Store, workspace_id: str, part: dict) -> None:
    """Demo rounds: answers by item id (1-4 or "not_sure"), reflection notes by question id."""
    questions = {q.id for q in readiness_content().reflection_questions}
    for raw in part["rounds"]:
        demo_round = DemoRound.model_validate(raw)
        round_ = create_round(store, workspace_id, demo_round.label, demo_round.held_on)
        me = self_respondent(store, workspace_id, round_.id)
        for item_id, value in demo_round.answers.items():
            save_readiness_answer(store, workspace_id, me.id, item_id, None if value == "not_sure" else value)
        for question_id, text in demo_round.reflections.items():
            if question_id not in questions:
                raise ValueError(f"Unknown reflection question {question_id!r} in the demo.")
            answer_store.save_text(store, workspace_id, reflection_section(round_.id), question_id, text)
