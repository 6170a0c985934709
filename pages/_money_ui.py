"""Page helpers for the financing models' numbers: money boxes that can be emptied, figures shown with their
formula in words, statements whose lines add up, the month-by-month table, and text quoted from a source.

Drawing only: every figure, total and sentence comes from `core` (a projection's `Figure`, `Statement` and
`ShownMonth`), already rounded once for display. Not listed in the navigation.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st

from core import projection as pj
from core.money import dollars
from pages import _ui


def number_box(
    key: str, label: str, stored: Any, save: Callable[[Any], Any], *, integer: bool = False, **kwargs
) -> Any:
    """A number box that saves on change and can be emptied: empty means "not entered yet" (never 0).

    `value=None` makes Streamlit's box clearable; the stored figure seeds it through the session state.
    """
    seed = None if stored is None else (int(stored) if integer else float(stored))
    if integer:
        kwargs.setdefault("step", 1)
    return _ui.autosave_field(st.number_input, key, label, seed, save, value=None, **kwargs)


def not_entered(missing: bool) -> None:
    """A quiet mark under a box the result is waiting for."""
    if missing:
        st.caption(":orange[:material/pending: Not entered yet: the result waits for it.]")


def missing_list(messages: Sequence[str], *, intro: str = "Fill in what is missing to see the result:") -> None:
    st.warning(intro + "\n\n" + "\n".join(f"- {_ui.escape_md(m)}" for m in messages), icon=":material/pending:")


def definitions() -> None:
    """The projection's definitions in words, the same on every page that shows its figures."""
    st.caption("  \n".join(pj.DEFINITIONS))


def figures_table(figures: Sequence[pj.Figure]) -> None:
    """Each figure with its value as shown and how it is computed (a static table: every word shows)."""
    st.table([{"Figure": f.label, "Value": f.shown, "How it is computed": f.how} for f in figures], hide_index=True)


def headline_metrics(figures: Sequence[pj.Figure], ids: Sequence[str]) -> None:
    """A row of metrics, each with its formula as help."""
    by_id = {f.id: f for f in figures}
    for column, figure_id in zip(st.columns(len(ids)), ids, strict=True):
        f = by_id[figure_id]
        column.metric(f.label, f.shown, help=f.how)


def statement(rows: list[dict[str, str]]) -> None:
    """First year and steady state side by side (from `core`: every column's lines add up to its totals)."""
    st.table(rows, hide_index=True)


def months_table(months: Sequence[pj.ShownMonth], key: str, *, volume: str, value: str) -> None:
    """The projection month by month, in an expander (36 rows)."""
    with st.expander("Month by month (36 months)", icon=":material/calendar_month:"):
        st.caption(
            f"Months 1-12 add up to the first-year figures; the cumulative net is the running sum of the net. "
            f"{volume} are rounded to whole numbers."
        )
        st.dataframe(
            [
                {
                    "Month": m.month,
                    volume: m.volume,
                    "Staff (FTE)": f"{m.fte:,}",
                    value: dollars(m.value),
                    "Costs": dollars(m.cost),
                    "Net": dollars(m.net),
                    "Cumulative net": dollars(m.cumulative),
                }
                for m in months
            ],
            hide_index=True,
            width="stretch",
            key=key,
            alt="The projection month by month",
        )
