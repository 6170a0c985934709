"""Plotly figures of the workshop live view: where the team disagrees, and domain means with their spread.

Each function takes results `core.workshop.session` already computed (nothing is
aggregated here) and returns a figure with a title and axis labels a board
member understands. `font_size` sets every label: the live view on a laptop
uses the default, the presenter view for a projector 28 px or more. Every bar
carries its number and sits under its own answer (1, 2, 3, 4, ?), so nothing is
told by colour alone. Never imports streamlit.
"""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from core.workshop.session import DomainSpread, ItemDistribution

SCALE_COLORS = {"1": "#c0392b", "2": "#e07a5f", "3": "#81b29a", "4": "#1f6f8b", "Not sure": "#b8bcc2"}
ANSWERS = ("1", "2", "3", "4", "Not sure")
SHORT = {"Not sure": "?"}
FONT_SIZE = 16
PROJECTOR_FONT_SIZE = 28
INK = "#14181f"  # the theme's text colour: labels as dark as the text around them


def _layout(fig: go.Figure, title: str, height: int, font_size: int, legend_title: str = "") -> go.Figure:
    fig.update_layout(
        title={"text": title, "font": {"size": round(font_size * 1.15)}},
        height=height,
        font={"size": font_size, "color": INK},  # dark on light: readable from the back of a room
        margin={"l": 10, "r": 10, "t": 40 + 3 * font_size, "b": 10},
        legend={
            "orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom", "traceorder": "normal",
            "title": {"text": legend_title}, "font": {"size": font_size},
        },
    )  # fmt: skip
    return fig


def disagreement_items(items: Sequence[ItemDistribution], limit: int = 10) -> list[ItemDistribution]:
    """The items worth charting: those with at least two numeric answers, most disagreement first."""
    return [d for d in items if d.numeric >= 2][:limit]


def _two_lines(label: str, width: int = 12) -> str:
    """A long item label ("Mission & Values 1") on two lines under its group of bars ("Mission &<br>Values 1")."""
    words, lines = label.split(" "), [""]
    for word in words:
        if lines[-1] and len(lines[-1]) + 1 + len(word) > width and len(lines) < 2:
            lines.append(word)
        else:
            lines[-1] = f"{lines[-1]} {word}".strip()
    return "<br>".join(lines)


def disagreement_figure(items: Sequence[ItemDistribution], limit: int = 10, font_size: int = FONT_SIZE) -> go.Figure:
    """For the `limit` items with most disagreement (top first, left to right): how many people gave each answer,
    one bar per answer, each under its answer (1, 2, 3, 4, ? for Not sure) and topped by its number.

    `items` is in disagreement order; only items with at least two numeric answers are drawn.
    """
    shown = disagreement_items(items, limit)
    outer = [_two_lines(d.label) for d in shown for _ in ANSWERS]
    inner = [SHORT.get(a, a) for _ in shown for a in ANSWERS]
    counts = [c for d in shown for c in (*d.counts, d.not_sure)]
    fig = go.Figure(
        go.Bar(
            x=[outer, inner],
            y=counts,
            marker={"color": [SCALE_COLORS[a] for _ in shown for a in ANSWERS], "line": {"color": "#333", "width": 1}},
            text=[str(c) if c else "" for c in counts],
            textposition="outside",
            textfont={"size": font_size},
            cliponaxis=False,
            customdata=[[d.text, a] for d in shown for a in ANSWERS],
            hovertemplate="%{customdata[0]}<br>Answered %{customdata[1]}: %{y}<extra></extra>",
            showlegend=False,
        )
    )
    top = max(counts, default=0)
    fig.update_xaxes(tickfont={"size": font_size, "color": INK}, dtick=1)  # every answer under its bar, however narrow
    fig.update_yaxes(title_text="People", title_font={"size": font_size, "color": INK}, dtick=max(1, -(-top // 4)),
                     range=[0, top * 1.25 + 1], tickfont={"size": font_size, "color": INK})  # fmt: skip
    return _layout(
        fig, f"How people answered the top {len(shown)} (? = Not sure)", height=300 + 9 * font_size, font_size=font_size
    )


def domain_spread_figure(domains: Sequence[DomainSpread], font_size: int = FONT_SIZE) -> go.Figure:
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
            textfont={"size": font_size},
            name="Team mean",
            customdata=[[d.people, d.spread] for d in shown],
            hovertemplate="Team mean %{x:.2f}, %{customdata[0]} people, spread %{customdata[1]:.2f}<extra></extra>",
        )
    )
    label = {"size": font_size, "color": INK}
    fig.update_xaxes(title_text="Mean answer (1 = does not exist, 4 = one of our strongest areas)", range=[0.8, 4.2],
                     tickfont=label, title_font=label)  # fmt: skip
    fig.update_yaxes(title_text="", tickfont={"size": font_size, "color": INK})
    return _layout(
        fig, "Domain means, with the range of people's own means",
        height=170 + 4 * font_size + (2 * font_size + 28) * max(1, len(shown)), font_size=font_size,
    )  # fmt: skip
