"""Plotly figures of the workshop live view: where the team disagrees, and domain means with their spread.

Each function takes results `core.workshop` already computed (nothing is
aggregated here) and returns a figure with a title and axis labels a board
member understands, in type large enough for a projector. Never imports
streamlit.
"""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from core.workshop import DomainSpread, ItemDistribution

SCALE_COLORS = {"1": "#c0392b", "2": "#e07a5f", "3": "#81b29a", "4": "#1f6f8b", "Not sure": "#b8bcc2"}
FONT = {"size": 16}


def _layout(fig: go.Figure, title: str, height: int, legend_title: str = "") -> go.Figure:
    fig.update_layout(
        title={"text": title},
        height=height,
        font=FONT,
        margin={"l": 10, "r": 10, "t": 110, "b": 10},
        legend={
            "orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom", "traceorder": "normal",
            "title": {"text": legend_title},
        },
    )  # fmt: skip
    return fig


def disagreement_items(items: Sequence[ItemDistribution], limit: int = 10) -> list[ItemDistribution]:
    """The items worth charting: those with at least two numeric answers, most disagreement first."""
    return [d for d in items if d.numeric >= 2][:limit]


def disagreement_figure(items: Sequence[ItemDistribution], limit: int = 10) -> go.Figure:
    """Stacked bars of how many people gave each answer, for the `limit` items with most disagreement (top first).

    `items` is in disagreement order; only items with at least two numeric answers are drawn.
    """
    shown = disagreement_items(items, limit)
    labels = [d.label for d in shown][::-1]  # plotly draws the first category at the bottom
    hover = [d.text for d in shown][::-1]
    fig = go.Figure()
    for n, name in enumerate(["1", "2", "3", "4"]):
        fig.add_trace(
            go.Bar(
                y=labels,
                x=[d.counts[n] for d in shown][::-1],
                name=name,
                orientation="h",
                marker_color=SCALE_COLORS[name],
                customdata=hover,
                hovertemplate=f"%{{customdata}}<br>Answered {name}: %{{x}}<extra></extra>",
            )
        )
    fig.add_trace(
        go.Bar(
            y=labels,
            x=[d.not_sure for d in shown][::-1],
            name="Not sure",
            orientation="h",
            marker_color=SCALE_COLORS["Not sure"],
            customdata=hover,
            hovertemplate="%{customdata}<br>Not sure: %{x}<extra></extra>",
        )
    )
    fig.update_layout(barmode="stack")
    fig.update_xaxes(title_text="Number of people", dtick=1)
    fig.update_yaxes(title_text="")
    return _layout(
        fig, f"Where the team disagrees most (top {len(shown)})", height=170 + 42 * max(1, len(shown)),
        legend_title="Answer:",
    )  # fmt: skip


def domain_spread_figure(domains: Sequence[DomainSpread]) -> go.Figure:
    """Per domain: a line from the lowest to the highest person's mean, a dot at the team's mean."""
    shown = [d for d in domains if d.mean is not None][::-1]
    fig = go.Figure()
    for n, d in enumerate(shown):
        fig.add_trace(
            go.Scatter(
                x=[d.low, d.high],
                y=[d.title, d.title],
                mode="lines+markers",
                line={"color": "#99a1a6", "width": 8},
                marker={"size": 12, "color": "#99a1a6"},
                name="Range of people's means",
                showlegend=n == 0,
                hovertemplate=f"{d.title}: lowest %{{x:.2f}}<extra></extra>",
            )
        )
    fig.add_trace(
        go.Scatter(
            x=[d.mean for d in shown],
            y=[d.title for d in shown],
            mode="markers+text",
            marker={"size": 20, "color": "#1f6f8b"},
            text=[f"{d.mean:.2f}" for d in shown],
            textposition="top center",
            name="Team mean",
            customdata=[[d.people, d.spread] for d in shown],
            hovertemplate="Team mean %{x:.2f}, %{customdata[0]} people, spread %{customdata[1]:.2f}<extra></extra>",
        )
    )
    fig.update_xaxes(title_text="Mean answer (1 = does not exist, 4 = one of our strongest areas)", range=[0.8, 4.2])
    fig.update_yaxes(title_text="")
    return _layout(fig, "Domain means, with the range of people's own means", height=230 + 60 * max(1, len(shown)))
