"""The plotly figures of steps 1-3 carry the computed numbers, a title and axis labels, and are valid plotly."""

from __future__ import annotations

from decimal import Decimal

import plotly.graph_objects as go
import pytest

from core.hrh import charts as c
from core.hrh import money_flows as m
from core.hrh import readiness as r
from core.hrh import services as sv


def valid(fig: dict) -> go.Figure:
    """Plotly accepts the dict (an unknown property would raise here)."""
    return go.Figure(fig)


def test_money_flow_figure_shows_receives_cost_and_net():
    flow = m.capitation(
        m.CapitationInputs(
            members=100, pmpm=Decimal(40), services_per_member=Decimal("1.5"), cost_per_service=Decimal(30)
        )
    )
    fig = valid(c.money_flow_figure(flow, "Capitation"))
    assert list(fig.data[0].y) == [4000.0, 4500.0, -500.0]
    assert fig.data[0].marker.color[2] == c.NEGATIVE
    assert fig.layout.title.text == "Capitation: one month with these numbers"
    assert fig.layout.yaxis.title.text == "Dollars per month"


def test_readiness_radar_one_closed_line_per_round():
    answers = {i.id: 4 for i in r.domain("systems").items}
    fig = valid(c.readiness_radar({"Spring": r.score_readiness(answers), "Autumn <i>": r.score_readiness({})}))
    assert len(fig.data) == 2
    spring = fig.data[0]
    assert list(spring.theta) == [d.title for d in r.domains()] + ["Mission & Values"]
    assert spring.r[3] == 4.0 and spring.r[0] is None  # Systems answered, Mission & Values not
    assert fig.data[1].name == "Autumn &lt;i&gt;"  # a round's name is shown as typed, never as markup
    assert fig.layout.polar.radialaxis.range == (0, 4)
    assert fig.layout.title.text.startswith("Readiness by domain")
    assert fig.layout.showlegend is True


def test_readiness_items_figure_has_one_bar_per_item():
    items = r.domain_item_answers("systems", {"systems.ehr": 2, "systems.document_services": None})
    fig = valid(c.readiness_items_figure(items, "Systems"))
    assert list(fig.data[0].x) == [0, 0, 2, 0, 0]
    assert list(fig.data[0].text) == ["Not answered", "Not sure", "2", "Not answered", "Not answered"]
    assert fig.layout.title.text == "Systems: the answer to each item"
    assert fig.layout.xaxis.title.text.startswith("Answer")


def test_services_figure_stacks_current_and_potential_by_category():
    rows = [
        sv.ServiceRow(category="medical", name="A", services_per_month=10, clients_per_month=4, currently_offer=True),
        sv.ServiceRow(category="medical", name="B", services_per_month=6, clients_per_month=3, potentially_offer=True),
    ]
    fig = valid(c.services_by_category_figure(sv.category_totals(rows), "clients"))
    assert list(fig.data[0].x) == [0, 0, 0, 4, 0] and list(fig.data[1].x) == [0, 0, 0, 3, 0]
    assert list(fig.data[0].y)[3] == "Medical Services"
    assert fig.layout.barmode == "stack"
    assert fig.layout.xaxis.title.text == "Clients served per month (estimated)"
    assert fig.layout.title.text == "Estimated clients served per month by category"
    with pytest.raises(ValueError):
        c.services_by_category_figure([], "dollars")
