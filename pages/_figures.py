"""Plotly figures for the pages of steps 6-9: drawing only, from what `core` computed. Not listed in the
navigation; never reads the store and never computes a figure's numbers itself."""

from __future__ import annotations

import plotly.graph_objects as go

from core import cost_benefit as cb
from core import financing_adventure as fa
from core import partners as pm

PATH_COLOR = "#1f6f8b"
STOP_COLORS = {"action": "#e07a5f", "outcome": "#2a9d5c"}
MUTED = "#c9ced3"


def _plain(fig: go.Figure, title: str, height: int) -> go.Figure:
    fig.update_layout(title=title, height=height, margin={"l": 10, "r": 10, "t": 60, "b": 10},
                      legend={"orientation": "h", "y": -0.15})
    return fig


def adventure_graph(graph: fa.AdventureGraph, path: fa.AdventurePath) -> go.Figure:
    """The flow chart as a tree drawn left to right: the path taken bold, the current question or stop ringed."""
    tree = fa.layout(graph)
    pos = {k: (-p.y, -p.x) for k, p in tree.items()}  # depth to the right, direct billing on top
    on_path, edges_on = set(path.node_ids), path.edges
    current = path.question or path.stop
    fig = go.Figure()
    for taken in (False, True):
        xs: list = []
        ys: list = []
        for node in graph.nodes:
            for target in (node.if_yes, node.if_no):
                if target and ((node.id, target) in edges_on) == taken:
                    xs += [pos[node.id][0], pos[target][0], None]
                    ys += [pos[node.id][1], pos[target][1], None]
        fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", hoverinfo="skip", showlegend=False,
                                 line={"color": PATH_COLOR if taken else MUTED, "width": 5 if taken else 2}))
    for node in graph.nodes:
        for answer, target in (("Yes", node.if_yes), ("No", node.if_no)):
            if target:
                taken = (node.id, target) in edges_on
                fig.add_annotation(x=(pos[node.id][0] + pos[target][0]) / 2, y=(pos[node.id][1] + pos[target][1]) / 2,
                                   text=answer, showarrow=False, bgcolor="white",
                                   font={"size": 12, "color": PATH_COLOR if taken else "#8a9299"})
    fig.add_trace(go.Scatter(
        x=[pos[n.id][0] for n in graph.nodes], y=[pos[n.id][1] for n in graph.nodes], mode="markers+text",
        text=[n.short for n in graph.nodes], textposition="top center", showlegend=False,
        textfont={"size": 12, "color": ["#222" if n.id in on_path else "#8a9299" for n in graph.nodes]},
        hovertext=[n.text or n.title for n in graph.nodes], hoverinfo="text",
        marker={"size": [26 if current and n.id == current.id else 16 for n in graph.nodes],
                "color": [(STOP_COLORS.get(n.kind, PATH_COLOR) if n.id in on_path else MUTED) for n in graph.nodes],
                "symbol": ["circle" if n.kind == "question" else "square" for n in graph.nodes],
                "line": {"width": [4 if current and n.id == current.id else 0 for n in graph.nodes],
                         "color": "#222"}}))
    xs_all, ys_all = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    fig.update_xaxes(visible=False, range=[min(xs_all) - 0.6, max(xs_all) + 0.6])
    fig.update_yaxes(visible=False, range=[min(ys_all) - 0.5, max(ys_all) + 0.6])
    return _plain(fig, "Your financing adventure<br><sup>Bold: the path your answers take. Ringed: where you are now. "
                       "Circles are questions, squares are next steps. Top: direct billing; bottom: partnerships."
                       "</sup>", 560)


def tornado(rows: list[cb.SensitivityRow], top: int = 12) -> go.Figure:
    """The monthly net with each estimate 20% lower / higher, largest effect on top."""
    shown = rows[:top]
    base = float(shown[0].base_net) if shown else 0.0
    labels = [r.label for r in shown]
    fig = go.Figure()
    fig.add_trace(go.Bar(y=labels, x=[float(r.net_if_lower) - base for r in shown], base=base, orientation="h",
                         name="Estimate 20% lower", marker_color="#e07a5f",
                         hovertemplate="%{y}: net %{customdata} a month<extra>20% lower</extra>",
                         customdata=[cb.money(r.net_if_lower) for r in shown]))
    fig.add_trace(go.Bar(y=labels, x=[float(r.net_if_higher) - base for r in shown], base=base, orientation="h",
                         name="Estimate 20% higher", marker_color="#1f6f8b",
                         hovertemplate="%{y}: net %{customdata} a month<extra>20% higher</extra>",
                         customdata=[cb.money(r.net_if_higher) for r in shown]))
    fig.add_vline(x=base, line_dash="dot", line_color="#555")
    fig.add_vline(x=0, line_color="#222")
    fig.update_layout(barmode="overlay", xaxis={"title": "Net a month after billing costs", "tickprefix": "$",
                                                "tickformat": ",.0f"},
                      yaxis={"autorange": "reversed", "title": "Estimate changed"})
    return _plain(fig, "Which estimates move the monthly net most (each one 20% lower or higher)",
                  140 + 34 * max(1, len(shown)))


def scenario_bars(evaluations: list[cb.Evaluation]) -> go.Figure:
    """Revenue, billing costs and net a month per complete scenario."""
    done = [e for e in evaluations if e.result]
    names = [e.name for e in done]
    fig = go.Figure()
    for label, attr, color in (("Revenue a month", "monthly_revenue", "#81b29a"),
                               ("Billing costs a month", "monthly_cost", "#e07a5f"),
                               ("Net a month", "monthly_net", "#1f6f8b")):
        fig.add_trace(go.Bar(x=names, y=[float(getattr(e.result, attr)) for e in done], name=label, marker_color=color))
    fig.update_layout(barmode="group", xaxis_title="Scenario",
                      yaxis={"title": "Dollars a month", "tickprefix": "$", "tickformat": ",.0f"})
    return _plain(fig, "Scenarios side by side: what billing brings in, costs and leaves", 420)


def partner_status_bars(counts: list[pm.TypeCounts]) -> go.Figure:
    """Partners per entity type (one bar each, across), stacked by status."""
    shown = [row for row in counts if row.total]
    colors = ["#99a1a6", "#f2cc8f", "#e07a5f", "#3d405b", "#2a9d5c", "#c9ced3"]
    fig = go.Figure()
    for i, status in enumerate(pm.content().statuses):
        values = [row.counts[status.id] for row in shown]
        if any(values):
            fig.add_trace(go.Bar(y=[row.label for row in shown], x=values, name=status.label, orientation="h",
                                 marker_color=colors[i % len(colors)]))
    fig.update_layout(barmode="stack", xaxis={"title": "Number of partners", "dtick": 1},
                      yaxis={"title": "", "autorange": "reversed"})
    fig = _plain(fig, "Potential partners by type and status", 200 + 40 * len(shown))
    fig.update_layout(legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0, "traceorder": "normal"})
    return fig
