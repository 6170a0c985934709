"""The pages' plotly figures are built without validation for speed; here every one is validated."""

import plotly.graph_objects as go

from core import cost_benefit as cb
from core import financing_adventure as fa
from core import partners as pm
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
    assert bars.data[2].x == ("Bill it all ourselves",) and bars.data[2].y == (-710.48,)
    partner = pm.Partner(entity_type="mco", name="Plan", status="contacted")
    fig = validated(_figures.partner_status_bars(pm.status_counts([pm.SavedPartner(record_id="x", partner=partner)])))
    assert [(t.name, t.y, t.x) for t in fig.data] == [("Contacted", ("Managed care organizations",), (1,))]
