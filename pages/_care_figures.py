"""Plotly figures for the care model stages and the finance pages (125 and beyond, Testing with 25, the 5x
planner, payment arrangements, trauma-informed finance): drawing only, from what `core` computed. Not listed
in the navigation; never reads the store and never computes a figure's numbers itself.

Figures are written as plain specs and wrapped without plotly's property validation, which costs
milliseconds per figure on every rerun (see `pages/_figures.py`); tests/pages/test_care_figures.py
validates every spec instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import plotly.graph_objects as go

from core.care_model import five_x_planner as roi
from core.care_model import one_twenty_five as cl
from core.care_model import process_measures as pm
from core.care_model import twenty_five as ct
from core.sustain import change_concept_5 as cc5
from core.sustain import payment_arrangements as arr

BLUE, SAND, GREEN, CORAL, INK = "#1f6f8b", "#f2cc8f", "#81b29a", "#e07a5f", "#3d405b"
STATUS_COLORS = [SAND, BLUE, GREEN]  # outreach, active, maintenance


def _figure(data: list[dict], layout: dict) -> go.Figure:
    return go.Figure({"data": data, "layout": layout}, _validate=False)


def caseload_bars(board: cl.CaseloadDashboard) -> go.Figure:
    """The latest period's caseload per staff member, stacked by status, with each one's target marked."""
    names = [r.name for r in board.rows]
    statuses = cl.content().statuses
    colors = dict(zip([s.id for s in statuses], STATUS_COLORS, strict=True))
    data = [
        {
            "type": "bar",
            "name": s.label,
            "x": names,
            "y": [getattr(r, s.id) for r in board.rows],
            "marker": {"color": colors[s.id]},
        }
        for s in statuses
    ]
    data.append(
        {
            "type": "scatter",
            "name": "Target",
            "x": names,
            "y": [r.target for r in board.rows],
            "mode": "markers",
            "marker": {"symbol": "line-ew", "size": 70, "line": {"width": 3, "color": INK}},
        }
    )
    layout = {
        "barmode": "stack",
        "title": {"text": f"Caseload by staff member, {board.latest}"},
        "height": 360,
        "xaxis": {"title": {"text": "Staff member"}},
        "yaxis": {"title": {"text": "Patients"}},
        "margin": {"t": 50},
    }
    return _figure(data, layout)


def caseload_trend(board: cl.CaseloadDashboard) -> go.Figure:
    """Each staff member's total caseload per period (gaps where a period was not entered)."""
    data = [
        {"type": "scatter", "name": name, "x": board.periods, "y": totals, "mode": "lines+markers"}
        for name, totals in board.staff_trend.items()
    ]
    layout = {
        "title": {"text": "Total caseload per staff member over time"},
        "height": 320,
        "xaxis": {"type": "category", "title": {"text": "Month"}},
        "yaxis": {"title": {"text": "Patients"}},
        "margin": {"t": 50},
    }
    return _figure(data, layout)


def measure_trend(summary: pm.MeasureSummary) -> go.Figure:
    """One process measure month by month, with the team's target as a dashed line when there is one."""
    data = [
        {
            "type": "scatter",
            "x": [month for month, _ in summary.series],
            "y": [value for _, value in summary.series],
            "mode": "lines+markers",
            "name": summary.measure.name,
            "connectgaps": True,
        }
    ]
    layout = {
        "title": {"text": f"{summary.measure.name} by month"},
        "xaxis": {"type": "category", "title": {"text": "Month"}},
        "yaxis": {"title": {"text": summary.measure.unit}},
        "height": 340,
        "margin": {"t": 50},
    }
    if summary.target is not None:
        # What plotly's add_hline draws: a line across the plot at the target, labelled at its right end.
        target = summary.target
        layout["shapes"] = [
            {
                "type": "line",
                "xref": "x domain",
                "x0": 0,
                "x1": 1,
                "yref": "y",
                "y0": target,
                "y1": target,
                "line": {"dash": "dash", "color": CORAL},
            }
        ]
        layout["annotations"] = [
            {
                "text": f"Target {target:g}",
                "showarrow": False,
                "xref": "x domain",
                "x": 1,
                "xanchor": "right",
                "yref": "y",
                "y": target,
                "yanchor": "bottom",
            }
        ]
    return _figure(data, layout)


def readiness_bars(counts: ct.ReadinessCounts) -> go.Figure:
    """How many people are at each stage of readiness to engage; the title gives the total and the goal."""
    content = ct.content()
    stages = content.readiness_stages
    data = [
        {
            "type": "bar",
            "x": [s.label for s in stages],
            "y": [counts.counts.get(s.id, 0) for s in stages],
            "marker": {"color": BLUE},
        }
    ]
    layout = {
        "title": {"text": f"Readiness to engage: {counts.total} people (goal: {content.target_patients})"},
        "xaxis": {"title": {"text": "Stage of readiness"}},
        "yaxis": {"title": {"text": "Number of people"}},
        "height": 320,
        "margin": {"t": 50, "b": 40},
    }
    return _figure(data, layout)


def roi_results(results: Sequence[roi.CohortResult], title: str) -> go.Figure:
    """One scenario: first-year costs and projected savings per cohort as bars, the first-year net as a line."""
    labels = [f"{c.patients} patients" for c in results]
    data = [
        {
            "type": "bar",
            "name": "First-year costs",
            "x": labels,
            "y": [float(c.first_year_cost) for c in results],
            "marker": {"color": CORAL},
        },
        {
            "type": "bar",
            "name": "First-year savings",
            "x": labels,
            "y": [float(c.first_year_savings) for c in results],
            "marker": {"color": GREEN},
        },
        {
            "type": "scatter",
            "name": "First-year net",
            "x": labels,
            "y": [float(c.first_year_net) for c in results],
            "mode": "markers+lines",
            "marker": {"color": INK},
        },
    ]
    layout = {
        "barmode": "group",
        "title": {"text": title},
        "xaxis": {"title": {"text": "Patients in the program"}},
        "yaxis": {"tickprefix": "$", "title": {"text": "Dollars in months 1-12"}},
        "height": 380,
        "margin": {"t": 50},
    }
    return _figure(data, layout)


def roi_side_by_side(a_name: str, b_name: str, rows: Sequence[roi.SideBySide]) -> go.Figure:
    """Both scenarios' first-year net per cohort size, as grouped bars (a scenario not ready draws none)."""
    labels = [f"{r.patients} patients" for r in rows]
    data = [
        {
            "type": "bar",
            "name": name,
            "x": labels,
            "y": [None if pick(r) is None else float(pick(r).first_year_net) for r in rows],
            "marker": {"color": color},
        }
        for name, pick, color in (
            (a_name, lambda r: r.a, BLUE),
            (b_name, lambda r: r.b, SAND),
        )
    ]
    layout = {
        "barmode": "group",
        "title": {"text": "First-year net (months 1-12): the two scenarios"},
        "height": 360,
        "xaxis": {"title": {"text": "Patients in the program"}},
        "yaxis": {"tickprefix": "$", "title": {"text": "Net dollars, first year (savings - costs)"}},
        "margin": {"t": 50},
    }
    return _figure(data, layout)


def arrangement_comparison(results: Sequence[arr.ScenarioResult]) -> go.Figure | None:
    """Grouped bars of expected revenue per arrangement and scenario, with the bad-to-good year range;
    None when no scenario has an arrangement to chart."""
    points = arr.chart_series(results)
    if not points:
        return None
    data = []
    for scenario in results:
        mine = [p for p in points if p["scenario"] == scenario.name]
        data.append(
            {
                "type": "bar",
                "name": scenario.name,
                "x": [p["arrangement"] for p in mine],
                "y": [p["expected"] for p in mine],
                "error_y": {
                    "type": "data",
                    "symmetric": False,
                    # Error bars are drawn as distances from the bar's top.
                    "array": [p["good_year"] - p["expected"] for p in mine],
                    "arrayminus": [p["expected"] - p["bad_year"] for p in mine],
                },
                "hovertemplate": "%{x}: %{y:$,.0f} expected<extra>%{fullData.name}</extra>",
            }
        )
    layout = {
        "title": {"text": "What each payment arrangement would bring in a year"},
        "barmode": "group",
        "yaxis": {"tickformat": "$,.0f", "title": {"text": "Dollars a year (bar: expected; line: bad to good year)"}},
        "xaxis": {"title": {"text": "Payment arrangement"}},
        "legend": {"title": {"text": "Scenario"}},
        "margin": {"t": 60},
    }
    return _figure(data, layout)


def _period_lines(title: str, ytitle: str, x: list[str], series: dict[str, list[Decimal | None]]) -> go.Figure:
    data = [
        {
            "type": "scatter",
            "x": x,
            "y": [None if v is None else float(v) for v in ys],
            "name": name,
            "mode": "lines+markers",
        }
        for name, ys in series.items()
    ]
    layout = {
        "title": {"text": title},
        "xaxis": {"type": "category", "title": {"text": "Period"}},
        "yaxis": {"rangemode": "tozero", "title": {"text": ytitle}},
        "height": 340,
        "margin": {"t": 50, "b": 40},
    }
    return _figure(data, layout)


def turnover_trend(trend: Sequence[cc5.EngagementPoint]) -> go.Figure:
    """Staff who left as a share of headcount, per period."""
    return _period_lines(
        "Staff turnover",
        "Staff who left, % of headcount",
        [p.period for p in trend],
        {"Turnover": [p.turnover_pct for p in trend]},
    )


def days_off_trend(trend: Sequence[cc5.EngagementPoint]) -> go.Figure:
    """Sick and personal days per staff member, per period."""
    return _period_lines(
        "Days off per staff member",
        "Days per staff member",
        [p.period for p in trend],
        {
            "Sick days": [p.sick_days_per_staff for p in trend],
            "Personal days": [p.personal_days_per_staff for p in trend],
        },
    )


def outcome_trend(measure: str, points: Sequence[cc5.OutcomePoint]) -> go.Figure:
    """One patient-level outcome measure per period: a share of patients, or a count when no total was given."""
    unit = "Share of patients (%)" if points[-1].unit == "%" else "Patients"
    return _period_lines(f"{measure} by period", unit, [p.period for p in points], {measure: [p.value for p in points]})
