"""Interactive plotly figures of steps 1-3 (money flows, readiness, services map), for the pages.

Each function takes results already computed by `core` (nothing is scored
here) and returns a figure with a title and axis labels a board member
understands. Word documents use `core.export.charts` (static PNGs) instead.
Never imports streamlit.
"""

from __future__ import annotations

from collections.abc import Mapping

import plotly.graph_objects as go

from core.money_flows import MoneyFlow
from core.readiness import ItemAnswer, ReadinessScores
from core.services import CategoryTotals

COLORS = ["#1f6f8b", "#e07a5f", "#81b29a", "#f2cc8f", "#3d405b", "#99a1a6"]
NEGATIVE = "#c0392b"


def _layout(fig: go.Figure, title: str, height: int = 380) -> go.Figure:
    fig.update_layout(
        title={"text": title},
        height=height,
        margin={"l": 10, "r": 10, "t": 60, "b": 10},
        legend={"orientation": "h", "y": -0.15},
    )
    return fig


def money_flow_figure(flow: MoneyFlow, title: str) -> go.Figure:
    """Three bars: what the program receives, what the work costs it, and what is left."""
    labels = ["Program receives", "Cost of the work", "Left over"]
    values = [float(flow.program_receives), float(flow.program_costs), float(flow.program_net)]
    colors = [COLORS[0], COLORS[1], NEGATIVE if flow.program_net < 0 else COLORS[2]]
    fig = go.Figure(
        go.Bar(
            x=labels,
            y=values,
            marker_color=colors,
            text=[f"${v:,.0f}" for v in values],
            textposition="outside",
            hovertemplate="%{x}: $%{y:,.2f}<extra></extra>",
        )
    )
    fig.update_yaxes(title_text=f"Dollars per {flow.period}", tickprefix="$", separatethousands=True)
    fig.update_xaxes(title_text="")
    return _layout(fig, f"{title}: one {flow.period} with these numbers", height=340)


def readiness_radar(rounds: Mapping[str, ReadinessScores]) -> go.Figure:
    """One closed line per round over the six domains, on the 1-4 scale (gaps where a domain has no answer)."""
    fig = go.Figure()
    for n, (label, scores) in enumerate(rounds.items()):
        label = label.replace("&", "&amp;").replace("<", "&lt;")  # a round's name is user text, never markup
        titles = [d.title for d in scores.domains]
        means = [d.mean for d in scores.domains]
        fig.add_trace(
            go.Scatterpolar(
                r=means + means[:1],
                theta=titles + titles[:1],
                name=label,
                fill="toself",
                opacity=0.75,
                line_color=COLORS[n % len(COLORS)],
                connectgaps=False,
                hovertemplate="%{theta}: %{r:.2f}<extra>" + label + "</extra>",
            )
        )
    fig.update_layout(
        polar={"radialaxis": {"range": [0, 4], "tickvals": [1, 2, 3, 4], "title": {"text": "Mean (1-4)"}}},
        showlegend=len(rounds) > 1,
    )
    return _layout(fig, "Readiness by domain (1 = doesn't exist, 4 = one of our strongest areas)", height=460)


def readiness_items_figure(items: list[ItemAnswer], domain_title: str) -> go.Figure:
    """One horizontal bar per item of a domain: its answer; "Not sure" and unanswered items show no bar."""
    labels = [f"{i.number}. {i.text[:70]}{'…' if len(i.text) > 70 else ''}" for i in items]
    values = [i.value or 0 for i in items]
    texts = [str(i.value) if i.value else i.label for i in items]
    fig = go.Figure(
        go.Bar(
            x=values,
            y=labels,
            orientation="h",
            text=texts,
            textposition="outside",
            marker_color=COLORS[0],
            customdata=[i.label for i in items],
            hovertemplate="%{customdata}<extra></extra>",
        )
    )
    fig.update_xaxes(
        title_text="Answer (1 = doesn't exist ... 4 = one of our strongest areas)",
        range=[0, 4.6],
        tickvals=[1, 2, 3, 4],
    )
    fig.update_yaxes(title_text="", autorange="reversed")
    return _layout(fig, f"{domain_title}: the answer to each item", height=max(260, 46 * len(items) + 120))


def services_by_category_figure(totals: list[CategoryTotals], measure: str = "services") -> go.Figure:
    """Stacked bars per category: monthly volume offered today, and what could be added."""
    if measure not in ("services", "clients"):
        raise ValueError("measure is 'services' or 'clients'")
    titles = [t.title for t in totals]
    current = [getattr(t, f"current_{measure}") for t in totals]
    potential = [getattr(t, f"potential_{measure}") for t in totals]
    fig = go.Figure(
        [
            go.Bar(name="Currently offered", x=titles, y=current, marker_color=COLORS[0]),
            go.Bar(name="Could offer (not yet offered)", x=titles, y=potential, marker_color=COLORS[3]),
        ]
    )
    noun = "Services" if measure == "services" else "Clients served"
    fig.update_layout(barmode="stack")
    fig.update_yaxes(title_text=f"{noun} per month (estimated)", separatethousands=True)
    fig.update_xaxes(title_text="Service category")
    return _layout(fig, f"Estimated {noun.lower()} per month by category")
