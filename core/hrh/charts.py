"""Interactive plotly figures of steps 1-3 (money flows, readiness, services map), for the pages.

Each function takes results already computed by `core` (nothing is scored
here) and returns a figure with a title and axis labels a board member
understands, as a plain plotly figure dict (`{"data": [...], "layout": {...}}`)
that `st.plotly_chart` accepts. Plain dicts, not `plotly.graph_objects`:
building a graph object applies plotly's whole default template on every page
run, which costs more than the rest of a page. Word documents use
`core.export.charts` (static PNGs) instead. Never imports streamlit.
"""

from __future__ import annotations

from collections.abc import Mapping

from core.hrh.money_flows import MoneyFlow
from core.hrh.readiness import ItemAnswer, ReadinessScores
from core.hrh.services import CategoryTotals

COLORS = ["#1f6f8b", "#e07a5f", "#81b29a", "#f2cc8f", "#3d405b", "#99a1a6"]
NEGATIVE = "#c0392b"

Figure = dict


def _text(value: str) -> str:
    """User text shown in a chart: plotly reads some HTML in labels, so show it as typed instead."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _figure(data: list[dict], title: str, height: int = 380, **layout) -> Figure:
    base = {
        "title": {"text": title},
        "height": height,
        "margin": {"l": 10, "r": 10, "t": 60, "b": 10},
        "legend": {"orientation": "h", "y": -0.15},
    }
    return {"data": data, "layout": base | layout}


def money_flow_figure(flow: MoneyFlow, title: str) -> Figure:
    """Three bars: what the program receives, what the work costs it, and what is left."""
    values = [float(flow.program_receives), float(flow.program_costs), float(flow.program_net)]
    bar = {
        "type": "bar",
        "x": ["Program receives", "Cost of the work", "Left over"],
        "y": values,
        "marker": {"color": [COLORS[0], COLORS[1], NEGATIVE if flow.program_net < 0 else COLORS[2]]},
        "text": [f"${v:,.0f}" for v in values],
        "textposition": "outside",
        "hovertemplate": "%{x}: $%{y:,.2f}<extra></extra>",
    }
    return _figure(
        [bar],
        f"{title}: one {flow.period} with these numbers",
        height=340,
        yaxis={"title": {"text": f"Dollars per {flow.period}"}, "tickprefix": "$", "separatethousands": True},
        xaxis={"title": {"text": ""}},
    )


def readiness_radar(rounds: Mapping[str, ReadinessScores]) -> Figure:
    """One closed line per round over the six domains, on the 1-4 scale (gaps where a domain has no answer)."""
    data = []
    for n, (label, scores) in enumerate(rounds.items()):
        name = _text(label)  # a round's name is user text, never markup
        titles = [d.title for d in scores.domains]
        means = [d.mean for d in scores.domains]
        data.append(
            {
                "type": "scatterpolar",
                "r": means + means[:1],
                "theta": titles + titles[:1],
                "name": name,
                "fill": "toself",
                "opacity": 0.75,
                "line": {"color": COLORS[n % len(COLORS)]},
                "connectgaps": False,
                "hovertemplate": "%{theta}: %{r:.2f}<extra>" + name + "</extra>",
            }
        )
    return _figure(
        data,
        "Readiness by domain<br><sup>Mean answer: 1 = doesn't exist ... 4 = one of our strongest areas</sup>",
        height=460,
        polar={"radialaxis": {"range": [0, 4], "tickvals": [1, 2, 3, 4], "angle": 90, "tickfont": {"size": 10}}},
        showlegend=len(rounds) > 1,
        margin={"l": 90, "r": 90, "t": 60, "b": 10},
    )


def readiness_items_figure(items: list[ItemAnswer], domain_title: str) -> Figure:
    """One horizontal bar per item of a domain: its answer; "Not sure" and unanswered items show no bar."""
    bar = {
        "type": "bar",
        "orientation": "h",
        "x": [i.value or 0 for i in items],
        "y": [f"{i.number}. {i.text[:70]}{'…' if len(i.text) > 70 else ''}" for i in items],
        "text": [str(i.value) if i.value else i.label for i in items],
        "textposition": "outside",
        "marker": {"color": COLORS[0]},
        "customdata": [i.label for i in items],
        "hovertemplate": "%{customdata}<extra></extra>",
    }
    return _figure(
        [bar],
        f"{domain_title}: the answer to each item",
        height=max(260, 46 * len(items) + 120),
        xaxis={
            "title": {"text": "Answer (1 = doesn't exist ... 4 = one of our strongest areas)"},
            "range": [0, 4.6],
            "tickvals": [1, 2, 3, 4],
        },
        yaxis={"title": {"text": ""}, "autorange": "reversed"},
    )


def services_by_category_figure(totals: list[CategoryTotals], measure: str = "services") -> Figure:
    """Stacked horizontal bars per category: monthly volume offered today, and what could be added."""
    if measure not in ("services", "clients"):
        raise ValueError("measure is 'services' or 'clients'")
    titles = [t.title for t in totals]
    noun = "Services" if measure == "services" else "Clients served"
    data = [
        {
            "type": "bar",
            "orientation": "h",
            "name": name,
            "y": titles,
            "marker": {"color": color},
            "x": [getattr(t, f"{kind}_{measure}") for t in totals],
        }
        for name, kind, color in [
            ("Currently offered", "current", COLORS[0]),
            ("Could offer (not yet offered)", "potential", COLORS[3]),
        ]
    ]
    return _figure(
        data,
        f"Estimated {noun.lower()} per month by category",
        height=360,
        barmode="stack",
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0, "traceorder": "normal"},
        margin={"l": 10, "r": 10, "t": 90, "b": 10},
        xaxis={"title": {"text": f"{noun} per month (estimated)"}, "separatethousands": True},
        yaxis={"title": {"text": ""}, "autorange": "reversed"},
    )
