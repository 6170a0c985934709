"""The money story a CFO asks for, gathered from a workspace's saved figures: the direct billing
cost-benefit scenarios of Step 6 (each finished one's verdict, steady state, first year and break-even,
side by side) and the care program's return on investment from the 5x planner. Every figure carries
its source (which step, which scenario), so a document can print it in small type under the figure.

Nothing here computes money itself: the verdicts and figures come from `core.hrh.cost_benefit.evaluate`
and `core.care_model.five_x_planner.plan`, the functions the pages show. A scenario that is not finished (a cost or a
rate still missing) is left out and named in `unfinished`; nothing is guessed. Empty when nothing is
filled in. Pure reads; never imports streamlit, never writes the store.
"""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel

from core.care_model import five_x_planner
from core.hrh import cost_benefit as cb
from core.hrh.services import service_map
from core.money import dollars
from core.steps import step
from core.store.database import Store

HEADLINE_COHORT = 125  # the 5x method's third stage: a program that runs, not a pilot of 5


class Figure(BaseModel):
    """One figure as a document shows it, with where it comes from."""

    label: str
    shown: str
    source: str


class BillingScenario(BaseModel):
    """A finished Step 6 scenario: its verdict and headline figures (dollars, as the page shows them)."""

    name: str
    source: str
    verdict_kind: str
    headline: str
    verdict_text: str
    revenue_month: Decimal
    cost_month: Decimal
    net_month: Decimal
    revenue_year: Decimal
    cost_year: Decimal
    net_year: Decimal
    first_year_net: Decimal
    break_even_month: str
    break_even_volume: str
    billed_volume: int

    @property
    def figures(self) -> list[Figure]:
        return [
            Figure(label="Net a month at full volume", shown=dollars(self.net_month), source=self.source),
            Figure(label="First-year net (months 1-12)", shown=dollars(self.first_year_net), source=self.source),
            Figure(label="Break-even month", shown=self.break_even_month, source=self.source),
            Figure(label="Break-even: billed services a month", shown=self.break_even_volume, source=self.source),
        ]


class Cohort(BaseModel):
    patients: int
    first_year_cost: Decimal
    first_year_savings: Decimal
    first_year_net: Decimal
    steady_year_cost: Decimal
    steady_year_savings: Decimal
    steady_year_net: Decimal
    roi: str  # first year, as shown ("-12.5%")
    margin: str  # steady state, as shown
    break_even_month: str


class CareScenario(BaseModel):
    """A finished 5x planner scenario: every cohort, and the one a pitch leads with."""

    name: str
    source: str
    cohorts: list[Cohort]
    headline: Cohort
    where_figures_come_from: list[str]

    @property
    def figures(self) -> list[Figure]:
        h, source = self.headline, f"{self.source}, {self.headline.patients:,} patients"
        return [
            Figure(label="Savings a year at full caseload", shown=dollars(h.steady_year_savings), source=source),
            Figure(label="Costs a year at full caseload", shown=dollars(h.steady_year_cost), source=source),
            Figure(label="Net a year at full caseload", shown=dollars(h.steady_year_net), source=source),
            Figure(label="Return on investment, first year", shown=h.roi, source=source),
            Figure(label="Break-even month", shown=h.break_even_month, source=source),
        ]


class MoneyStory(BaseModel):
    billing: list[BillingScenario] = []
    care: list[CareScenario] = []
    unfinished: list[str] = []  # scenarios left out, with the step they are in

    @property
    def empty(self) -> bool:
        return not self.billing and not self.care

    def comparison(self) -> tuple[list[str], list[list[str]]]:
        """The billing scenarios side by side: headers, then one row per figure (each cell as shown)."""
        headers = ["Direct billing", *[s.name for s in self.billing]]
        rows = [
            ["Revenue a month", *[dollars(s.revenue_month) for s in self.billing]],
            ["Billing costs a month", *[dollars(s.cost_month) for s in self.billing]],
            ["Net a month", *[dollars(s.net_month) for s in self.billing]],
            ["Net a year", *[dollars(s.net_year) for s in self.billing]],
            ["First-year net", *[dollars(s.first_year_net) for s in self.billing]],
            ["Break-even month", *[s.break_even_month for s in self.billing]],
            ["Break-even volume a month", *[s.break_even_volume for s in self.billing]],
        ]
        return headers, rows

    def year_bars(self) -> tuple[list[str], dict[str, list[Decimal]]]:
        """A year at full volume, every scenario on one scale: what it brings in (billing) or saves (care
        program) next to what it costs. Categories, then the two series in whole dollars."""
        categories = [f"Billing: {s.name}" for s in self.billing] + [
            f"Care program: {c.name} ({c.headline.patients:,} patients)" for c in self.care
        ]
        brought = [s.revenue_year for s in self.billing] + [c.headline.steady_year_savings for c in self.care]
        costs = [s.cost_year for s in self.billing] + [c.headline.steady_year_cost for c in self.care]
        return categories, {"Brought in or saved a year": brought, "Costs a year": costs}

    def sources(self) -> list[str]:
        """Each distinct source, in order: what the small print under the figures names."""
        seen: dict[str, None] = {}
        for s in self.billing:
            seen[s.source] = None
        for c in self.care:
            seen[f"{c.source}, {c.headline.patients:,} patients"] = None
        return list(seen)


def billing_source(name: str) -> str:
    return f"{step('financing_adventure').label.split(':')[0]}, direct billing cost-benefit, scenario “{name}”"


def care_source(name: str) -> str:
    return f"{step('five_x_planner').label.split(':')[0]}, the 5x planner, scenario “{name}”"


def billing_scenario(evaluation: cb.Evaluation) -> BillingScenario:
    """A finished evaluation as the story tells it (the figures of `cb.comparison_table`, as numbers)."""
    result, verdict = evaluation.result, evaluation.verdict
    if result is None or verdict is None:
        raise ValueError(f"Scenario {evaluation.name!r} is not finished.")
    month, year, first = result.steady(), result.steady_year(), result.first_year()
    return BillingScenario(
        name=evaluation.name,
        source=billing_source(evaluation.name),
        verdict_kind=verdict.kind,
        headline=verdict.headline,
        verdict_text=verdict.text,
        revenue_month=month.value,
        cost_month=month.cost,
        net_month=month.net,
        revenue_year=year.value,
        cost_year=year.cost,
        net_year=year.net,
        first_year_net=first.net,
        break_even_month=result.figure("break_even_month").shown,
        break_even_volume=result.figure("break_even_volume").shown,
        billed_volume=result.billed_volume,
    )


def _cohort(c: five_x_planner.CohortResult) -> Cohort:
    return Cohort(
        patients=c.patients,
        first_year_cost=c.first_year_cost,
        first_year_savings=c.first_year_savings,
        first_year_net=c.first_year_net,
        steady_year_cost=c.steady_year_cost,
        steady_year_savings=c.steady_year_savings,
        steady_year_net=c.steady_year_net,
        roi=c.figure("first_year_roi").shown,
        margin=c.figure("steady_margin").shown,
        break_even_month=c.figure("break_even_month").shown,
    )


def headline_cohort(cohorts: list[Cohort], custom: int | None) -> Cohort:
    """The cohort a pitch leads with: the team's own size if it gave one, else 125 patients, else the largest."""
    by_size = {c.patients: c for c in cohorts}
    for size in (custom, HEADLINE_COHORT):
        if size in by_size:
            return by_size[size]
    return cohorts[-1]


def care_scenario(value: five_x_planner.Scenario) -> CareScenario:
    cohorts = [_cohort(c) for c in five_x_planner.plan(value.inputs)]
    return CareScenario(
        name=value.name,
        source=care_source(value.name),
        cohorts=cohorts,
        headline=headline_cohort(cohorts, value.inputs.custom_cohort),
        where_figures_come_from=five_x_planner.source_summary(value),
    )


def money_story(store: Store, workspace_id: str) -> MoneyStory:
    """Every finished cost-benefit scenario and 5x planner scenario of the workspace, with their sources."""
    story = MoneyStory()
    rows = service_map(store, workspace_id)
    for saved in cb.list_scenarios(store, workspace_id):
        evaluation = cb.evaluate(saved.scenario, rows)
        if evaluation.result is None:
            story.unfinished.append(billing_source(saved.scenario.name))
        else:
            story.billing.append(billing_scenario(evaluation))
    for slot in five_x_planner.SLOTS:
        value = five_x_planner.scenario(store, workspace_id, slot)
        if not (value.inputs.roles or value.sources):
            continue  # never started
        if five_x_planner.ready(value.inputs):
            story.unfinished.append(care_source(value.name))
        else:
            story.care.append(care_scenario(value))
    return story
