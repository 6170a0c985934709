"""The pages' plotly figures are built without validation for speed; here every one is validated."""

import plotly.graph_objects as go

from core.hrh import cost_benefit as cb
from core.hrh import financing_adventure as fa
from core.hrh import partners as pm
from pages import _figures
from tests.core.test_cost_benefit import COORD, HIV, lines, worked_example


def validated(fig: go.Figure) -> go.Figure:
    return go.Figure(fig.to_dict())  # raises on any property plotly does not know


def test_the_adventure_graph_is_valid_and_highlights_the_path():
    graph = fa.graph()
    path = fa.follow(graph, {"direct_billing": "no", "partnership_interest": "yes"})
    fig = validated(_figures.adventure_graph(graph, path))
    taken = fig.data[1]
    assert taken.line.width == 5 and len(taken.x) == 2 * 3  # two edges taken, each x0, x1, None
    nodes = fig.data[2]
    ringed = [t for t, w in zip(nodes.text, nodes.marker.line.width, strict=True) if w == 4]
    assert ringed == ["Stakeholders and values clear?"]
    assert len(fig.layout.annotations) == 14


def test_the_tornado_is_valid_with_the_base_line():
    rows = cb.sensitivity(worked_example(), lines())
    fig = validated(_figures.tornado(rows))
    assert fig.data[0].y[0] == rows[0].label
    assert fig.layout.shapes[0].x0 == float(rows[0].base_net)
    assert fig.layout.xaxis.tickprefix == "$"


def test_scenario_bars_and_partner_bars_are_valid():
    complete = cb.evaluate(worked_example(), [COORD, HIV])
    incomplete = cb.evaluate(worked_example().model_copy(update={"name": "No services"}), [])  # left out
    bars = validated(_figures.scenario_bars([complete, incomplete]))
    # at steady state, as shown on the page: 3,040 - 3,250 = -210 (whole dollars, net = revenue - costs)
    assert bars.data[2].x == ("Bill it all ourselves",) and bars.data[2].y == (-210.0,)
    assert bars.data[0].y == (3040.0,) and bars.data[1].y == (3250.0,)
    partner = pm.Partner(entity_type="mco", name="Plan", status="contacted")
    fig = validated(_figures.partner_status_bars(pm.status_counts([pm.SavedPartner(record_id="x", partner=partner)])))
    assert [(t.name, t.y, t.x) for t in fig.data] == [("Contacted", ("Managed care organizations",), (1,))]


def test_the_cumulative_net_marks_zero_and_the_break_even_month():
    from fractions import Fraction

    from core import projection as pj

    # 24,000 of start-up over 6 months against 1,000 a month at full volume (tests/core/test_projection.py):
    # -3,000 a month for six months, then +1,000: the cumulative net is -18,000 in month 6 and 0 in month 24.
    plan = pj.Plan(
        streams=(pj.Stream(key="v", name="Visits", full_volume=100, value_per_unit=Fraction(60)),),
        fixed=(("Costs", Fraction(5000)),),
        startup_cost=Fraction(24000),
        startup_months=6,
    )
    p = pj.project(plan)
    fig = validated(_figures.cumulative_net(pj.shown_months(p), "Cumulative net", p.break_even_month))
    bars, line = fig.data
    assert bars.y[0] == -3000.0 and bars.y[6] == 1000.0
    assert bars.marker.color[0] == "#e07a5f" and bars.marker.color[6] == "#81b29a"
    assert line.y[5] == -18000.0 and line.y[23] == 0.0
    assert fig.layout.shapes[1].x0 == 24 and fig.layout.annotations[0].text == "Break-even: month 24"
    assert (fig.layout.xaxis.title.text, fig.layout.yaxis.title.text) == ("Month", "Dollars")
    never = validated(_figures.cumulative_net(pj.shown_months(p)[:12], "First year only", None))
    assert len(never.layout.shapes) == 1 and not never.layout.annotations  # no break-even line to draw
