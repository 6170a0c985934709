"""Plotly figures for the pages of steps 6-9: drawing only, from what `core` computed. Not listed in the
navigation; never reads the store and never computes a figure's numbers itself.

Figures are written as plain specs and wrapped without plotly's property validation, which costs tens of
milliseconds per figure on every rerun; tests/pages/test_figures.py validates every spec instead.
"""

from __future__ import annotations

import plotly.graph_objects as go

from core import projection as pj
from core.hrh import cost_benefit as cb
from core.hrh import financing_adventure as fa
from core.hrh import partners as pm
from core.money import dollars

PATH_COLOR = "#1f6f8b"
STOP_COLORS = {"action": "#e07a5f", "outcome": "#2a9d5c"}
MUTED = "#c9ced3"
STATUS_COLORS = ["#99a1a6", "#f2cc8f", "#e07a5f", "#3d405b", "#2a9d5c", "#c9ced3"]
MONEY_AXIS = {"tickprefix": "$", "tickformat": ",.0f"}


def _figure(data: list[dict], layout: dict, title: str, height: int) -> go.Figure:
    layout = {
        "title": {"text": title},
        "height": height,
        "margin": {"l": 10, "r": 10, "t": 60, "b": 10},
        "legend": {"orientation": "h", "y": -0.15},
        **layout,
    }
    return go.Figure({"data": data, "layout": layout}, _validate=False)


def adventure_graph(graph: fa.AdventureGraph, path: fa.AdventurePath) -> go.Figure:
    """The flow chart as a tree drawn left to right: the path taken bold, the current question or stop ringed."""
    pos = {k: (-p.y, -p.x) for k, p in fa.layout(graph).items()}  # depth to the right, direct billing on top
    on_path, edges_on = set(path.node_ids), path.edges
    current = (path.question or path.stop).id  # type: ignore[union-attr]
    edges = [
        (n.id, answer, target) for n in graph.nodes for answer, target in (("Yes", n.if_yes), ("No", n.if_no)) if target
    ]
    data = []
    for taken in (False, True):
        xs: list = []
        ys: list = []
        for source, _, target in edges:
            if ((source, target) in edges_on) == taken:
                xs += [pos[source][0], pos[target][0], None]
                ys += [pos[source][1], pos[target][1], None]
        data.append(
            {
                "type": "scatter",
                "x": xs,
                "y": ys,
                "mode": "lines",
                "hoverinfo": "skip",
                "showlegend": False,
                "line": {"color": PATH_COLOR if taken else MUTED, "width": 5 if taken else 2},
            }
        )
    nodes = graph.nodes
    data.append(
        {
            "type": "scatter",
            "mode": "markers+text",
            "showlegend": False,
            "hoverinfo": "text",
            "x": [pos[n.id][0] for n in nodes],
            "y": [pos[n.id][1] for n in nodes],
            "text": [n.short for n in nodes],
            "textposition": "top center",
            "textfont": {"size": 12, "color": ["#222" if n.id in on_path else "#8a9299" for n in nodes]},
            "hovertext": [n.text or n.title for n in nodes],
            "marker": {
                "size": [26 if n.id == current else 16 for n in nodes],
                "color": [(STOP_COLORS.get(n.kind, PATH_COLOR) if n.id in on_path else MUTED) for n in nodes],
                "symbol": ["circle" if n.kind == "question" else "square" for n in nodes],
                "line": {"width": [4 if n.id == current else 0 for n in nodes], "color": "#222"},
            },
        }
    )
    annotations = [
        {
            "x": (pos[s][0] + pos[t][0]) / 2,
            "y": (pos[s][1] + pos[t][1]) / 2,
            "text": answer,
            "showarrow": False,
            "bgcolor": "white",
            "font": {"size": 12, "color": PATH_COLOR if (s, t) in edges_on else "#8a9299"},
        }
        for s, answer, t in edges
    ]
    xs_all, ys_all = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    layout = {
        "annotations": annotations,
        "xaxis": {"visible": False, "range": [min(xs_all) - 0.6, max(xs_all) + 0.6]},
        "yaxis": {"visible": False, "range": [min(ys_all) - 0.5, max(ys_all) + 0.6]},
    }
    return _figure(
        data,
        layout,
        "Your financing adventure<br><sup>Bold: the path your answers take. Ringed: where "
        "you are now. Circles are questions, squares are next steps. Top: direct billing; bottom: "
        "partnerships.</sup>",
        560,
    )


def tornado(rows: list[cb.SensitivityRow], top: int = 12) -> go.Figure:
    """The monthly net with each estimate 20% lower / higher, largest effect on top."""
    shown = rows[:top]
    base = float(shown[0].base_net) if shown else 0.0
    labels = [r.label for r in shown]
    data = [
        {
            "type": "bar",
            "orientation": "h",
            "y": labels,
            "base": base,
            "name": name,
            "marker": {"color": color},
            "x": [float(getattr(r, attr)) - base for r in shown],
            "customdata": [dollars(getattr(r, attr)) for r in shown],
            "hovertemplate": f"%{{y}}: net %{{customdata}} a month<extra>{name}</extra>",
        }
        for name, attr, color in (
            ("Estimate 20% lower", "net_if_lower", "#e07a5f"),
            ("Estimate 20% higher", "net_if_higher", "#1f6f8b"),
        )
    ]
    line = {"type": "line", "yref": "paper", "y0": 0, "y1": 1}
    layout = {
        "barmode": "overlay",
        "xaxis": {"title": {"text": "Steady-state net a month (full volume, start-up over)"}, **MONEY_AXIS},
        "yaxis": {"autorange": "reversed", "title": {"text": "Estimate changed"}},
        "shapes": [
            {**line, "x0": base, "x1": base, "line": {"dash": "dot", "color": "#555"}},
            {**line, "x0": 0, "x1": 0, "line": {"color": "#222"}},
        ],
    }
    return _figure(
        data,
        layout,
        "Which estimates move the monthly net most (each one 20% lower or higher)",
        140 + 34 * max(1, len(shown)),
    )


def scenario_bars(evaluations: list[cb.Evaluation]) -> go.Figure:
    """Revenue, billing costs and net a month at steady state per complete scenario (as shown on the page)."""
    done = [(e.name, e.result.steady()) for e in evaluations if e.result]
    data = [
        {
            "type": "bar",
            "name": label,
            "marker": {"color": color},
            "x": [name for name, _ in done],
            "y": [float(getattr(steady, attr)) for _, steady in done],
        }
        for label, attr, color in (
            ("Revenue a month", "value", "#81b29a"),
            ("Billing costs a month", "cost", "#e07a5f"),
            ("Net a month", "net", "#1f6f8b"),
        )
    ]
    layout = {
        "barmode": "group",
        "xaxis": {"title": {"text": "Scenario"}},
        "yaxis": {"title": {"text": "Dollars a month, at full volume"}, **MONEY_AXIS},
    }
    return _figure(data, layout, "Scenarios side by side at full volume: what billing brings in, costs and leaves", 420)


def cumulative_net(months: list[pj.ShownMonth], title: str, break_even_month: int | None) -> go.Figure:
    """Each month's net as bars and the cumulative net as a line, with zero and the break-even month marked."""
    x = [m.month for m in months]
    data = [
        {
            "type": "bar",
            "name": "Net in the month",
            "x": x,
            "y": [float(m.net) for m in months],
            "marker": {"color": ["#81b29a" if m.net >= 0 else "#e07a5f" for m in months]},
            "customdata": [dollars(m.net) for m in months],
            "hovertemplate": "Month %{x}: net %{customdata}<extra></extra>",
        },
        {
            "type": "scatter",
            "name": "Cumulative net",
            "x": x,
            "y": [float(m.cumulative) for m in months],
            "mode": "lines+markers",
            "line": {"color": PATH_COLOR, "width": 3},
            "customdata": [dollars(m.cumulative) for m in months],
            "hovertemplate": "Month %{x}: cumulative net %{customdata}<extra></extra>",
        },
    ]
    shapes = [{"type": "line", "xref": "paper", "x0": 0, "x1": 1, "y0": 0, "y1": 0, "line": {"color": "#222"}}]
    annotations = []
    if break_even_month is not None:
        shapes.append(
            {
                "type": "line",
                "yref": "paper",
                "y0": 0,
                "y1": 1,
                "x0": break_even_month,
                "x1": break_even_month,
                "line": {"dash": "dot", "color": "#555"},
            }
        )
        annotations.append(
            {
                "x": break_even_month,
                "y": 1,
                "yref": "paper",
                "text": f"Break-even: month {break_even_month}",
                "showarrow": False,
                "yanchor": "bottom",
                "bgcolor": "white",
            }
        )
    layout = {
        "xaxis": {"title": {"text": "Month"}, "dtick": 3},
        "yaxis": {"title": {"text": "Dollars"}, **MONEY_AXIS},
        "shapes": shapes,
        "annotations": annotations,
    }
    return _figure(data, layout, title, 420)


def partner_status_bars(counts: list[pm.TypeCounts]) -> go.Figure:
    """Partners per entity type (one bar each, across), stacked by status."""
    shown = [row for row in counts if row.total]
    data = [
        {
            "type": "bar",
            "orientation": "h",
            "name": status.label,
            "y": [row.label for row in shown],
            "x": [row.counts[status.id] for row in shown],
            "marker": {"color": STATUS_COLORS[i % 6]},
        }
        for i, status in enumerate(pm.content().statuses)
        if any(row.counts[status.id] for row in shown)
    ]
    layout = {
        "barmode": "stack",
        "xaxis": {"title": {"text": "Number of partners"}, "dtick": 1},
        "yaxis": {"autorange": "reversed"},
        "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0, "traceorder": "normal"},
    }
    return _figure(data, layout, "Potential partners by type and status", 200 + 40 * len(shown))
