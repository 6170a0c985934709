"""Charts: a plotly figure drawn full width, with a cache so an identical chart is not validated again.

The figures themselves are built in `core` or `pages/_figures.py`; this only draws them. Not listed in the
navigation.
"""

from __future__ import annotations

import json

import streamlit as st


def plotly_chart(figure: dict) -> None:
    """Draw a plotly figure dict, full width. Streamlit validates every figure against plotly's whole
    default template (10-20 ms a chart); an identical figure drawn again replays the cached element
    instead. The figure, as JSON text (quick to hash), is the whole cache key, so a cached chart only
    ever reappears for exactly the same numbers."""
    _cached_plotly_chart(json.dumps(figure, sort_keys=True, default=str))


@st.cache_data(max_entries=256, show_spinner=False)
def _cached_plotly_chart(spec: str) -> None:
    st.plotly_chart(json.loads(spec), width="stretch")
