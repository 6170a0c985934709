"""Inputs and results of the payment arrangements, shared by the Payment arrangements page and the
Chronic Care Model page (whose pilot is the arrangements' bundled payment). The comparison chart is drawn
by `pages/_care_figures.py`.

Widgets only: every number comes from and goes to `core.sustain.payment_arrangements` through a `save(path, value)`
function the page passes in. Not listed in the navigation.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import streamlit as st

from core.money import MAX_AMOUNT, dollars
from core.steps import link_label, ref
from core.sustain import payment_arrangements as arr
from pages import _ui

Save = Callable[[str, Any], Any]
MONEY = {"min_value": 0.0, "max_value": float(MAX_AMOUNT), "step": 1.0, "format": "%.2f"}
COUNT = {"min_value": 0, "max_value": arr.MAX_PEOPLE, "step": 1}
PERCENT = {"min_value": 0.0, "max_value": 100.0, "step": 0.5, "format": "%.2f"}
SIGNED = {"min_value": -100.0, "max_value": 100.0, "step": 0.5, "format": "%.2f"}


def _number(
    prefix: str, path: str, label: str, stored, save: Save, spec: dict, help: str | None = None, *, optional=False
):
    """A number box that saves on change; an `optional` one can be emptied (empty: none, e.g. no cap)."""
    value = float(stored) if isinstance(stored, Decimal) else stored
    extra = {"value": None} if optional else {}
    return _ui.autosave(
        st.number_input, f"{prefix}__{path}", value, lambda v: save(path, v), label=label, help=help, **spec, **extra
    )


def _include(prefix: str, path: str, stored: bool, save: Save) -> None:
    _ui.autosave(
        st.toggle,
        f"{prefix}__{path}.include",
        stored,
        lambda v: save(f"{path}.include", v),
        label="Include in the comparison",
    )


def result_panel(result: arr.ArrangementResult) -> None:
    """Expected, bad-year and good-year revenue, the note in words, any warning, and how it is computed."""
    if not result.entered:
        st.info(result.note, icon=":material/edit_note:")
    else:
        cols = st.columns(3)
        cols[0].metric("Expected in a year", dollars(result.expected))
        cols[1].metric("Bad year", dollars(result.bad_year))
        cols[2].metric("Good year", dollars(result.good_year))
        st.markdown(f"**Risk the program carries:** {result.risk}.  \n{result.note}")
    for warning in result.warnings:
        st.warning(warning, icon=":material/warning:")
    if result.formulas:
        st.markdown("**How it is computed**\n\n" + "\n".join(f"- {_ui.escape_md(f)}" for f in result.formulas))


def fee_for_service_inputs(prefix: str, ffs: arr.FeeForService, save: Save, save_lines, refresh) -> None:
    _include(prefix, "fee_for_service", ffs.include, save)
    st.caption(
        f"Volumes start from {link_label('services')}; rates are yours to enter: what a payer "
        "pays you per service. A line without a rate counts as $0."
    )
    rows = [
        {
            **line.model_dump(),
            "volume_from": f"From {ref('services')}" if line.volume_from == "step3" else "Your estimate",
        }
        for line in ffs.lines
    ]
    _ui.table_editor(
        f"{prefix}__ffs_lines",
        rows,
        {
            "service": st.column_config.TextColumn("Service", required=True, max_chars=120),
            "services_per_month": st.column_config.NumberColumn("Services a month", min_value=0, step=1),
            "rate": st.column_config.NumberColumn("Rate per service ($)", min_value=0, format="dollar"),
            "volume_from": st.column_config.TextColumn("Volume from", disabled=True),
        },
        save_lines,
    )
    c1, c2 = st.columns([2, 1], vertical_alignment="bottom")
    with c1:
        _number(
            prefix,
            "fee_for_service.collection_rate_pct",
            "Share of billed services actually paid (%)",
            ffs.collection_rate_pct,
            save,
            PERCENT,
            help="Denied and unpaid claims bring this below 100%.",
        )
    with c2:
        st.button(
            f"Take volumes from {ref('services')} again",
            key=f"{prefix}__refresh",
            on_click=_ui.report,
            args=(f"{prefix}__refresh", refresh),
            icon=":material/sync:",
            help="Keeps your rates and the lines you added.",
        )
        _ui.feedback(f"{prefix}__refresh")


def care_coordination_fee_inputs(prefix: str, fee: arr.CareCoordinationFee, save: Save) -> None:
    _include(prefix, "care_coordination_fee", fee.include, save)
    c1, c2 = st.columns(2)
    with c1:
        _number(prefix, "care_coordination_fee.members", "Members attributed to the program", fee.members, save, COUNT)
    with c2:
        _number(prefix, "care_coordination_fee.pmpm", "Fee per member per month ($)", fee.pmpm, save, MONEY)


def pay_for_performance_inputs(prefix: str, p4p: arr.PayForPerformance, save: Save) -> None:
    _include(prefix, "pay_for_performance", p4p.include, save)
    st.caption(
        "One row per measure the payer would reward: the bonus for the year if it is met, and your honest "
        "estimate of the chance of meeting it."
    )
    _ui.table_editor(
        f"{prefix}__p4p",
        [m.model_dump() for m in p4p.measures],
        {
            "measure": st.column_config.TextColumn("Measure", required=True, max_chars=120),
            "bonus": st.column_config.NumberColumn("Bonus if met ($)", min_value=0, format="dollar"),
            "likelihood_pct": st.column_config.NumberColumn("Chance of meeting it (%)", min_value=0, max_value=100),
        },
        lambda rows: save("pay_for_performance.measures", rows),
    )


def bundled_inputs(
    prefix: str, bundle: arr.BundledPayment, save: Save, path: str = "bundled_payment", include: bool = True
) -> None:
    if include:
        _include(prefix, path, bundle.include, save)
    c1, c2, c3 = st.columns(3)
    with c1:
        _number(prefix, f"{path}.patients", "Patients enrolled in a year", bundle.patients, save, COUNT)
        _number(
            prefix,
            f"{path}.cost_per_patient",
            "Your cost of a year of care per patient ($)",
            bundle.cost_per_patient,
            save,
            MONEY,
            help="Optional: answers how many patients it takes to cover the start-up costs.",
        )
    with c2:
        _number(
            prefix,
            f"{path}.payment_per_patient",
            "Payment per enrolled patient per year ($)",
            bundle.payment_per_patient,
            save,
            MONEY,
        )
    with c3:
        _number(prefix, f"{path}.startup_payment", "One-time start-up payment ($)", bundle.startup_payment, save, MONEY)
    st.caption(
        "Start-up costs the bundle should cover (practice redesign: a patient registry, measurement-based "
        "care tools ...):"
    )
    _ui.table_editor(
        f"{prefix}__{path}__startup",
        [c.model_dump() for c in bundle.startup_costs],
        {
            "item": st.column_config.TextColumn("Start-up item", required=True, max_chars=120),
            "cost": st.column_config.NumberColumn("Cost ($)", min_value=0, format="dollar"),
        },
        lambda rows: save(f"{path}.startup_costs", rows),
    )


def shared_savings_inputs(prefix: str, s: arr.SharedSavings, save: Save) -> None:
    _include(prefix, "shared_savings", s.include, save)
    p = "shared_savings"
    c1, c2, c3 = st.columns(3)
    with c1:
        _number(
            prefix,
            f"{p}.baseline_cost_per_member",
            "Baseline cost of care per member per year ($)",
            s.baseline_cost_per_member,
            save,
            MONEY,
        )
        _number(prefix, f"{p}.members", "Members attributed", s.members, save, COUNT)
        _number(
            prefix,
            f"{p}.minimum_savings_rate_pct",
            "Minimum savings rate (%)",
            s.minimum_savings_rate_pct,
            save,
            PERCENT,
            help="Savings smaller than this share of the baseline pay nothing.",
        )
    with c2:
        _number(
            prefix,
            f"{p}.expected_reduction_pct",
            "Expected cost reduction (%)",
            s.expected_reduction_pct,
            save,
            SIGNED,
            help="Negative if costs would rise.",
        )
        _number(
            prefix,
            f"{p}.good_year_reduction_pct",
            "Reduction in a good year (%)",
            s.good_year_reduction_pct,
            save,
            SIGNED,
        )
        _number(
            prefix,
            f"{p}.bad_year_reduction_pct",
            "Reduction in a bad year (%)",
            s.bad_year_reduction_pct,
            save,
            SIGNED,
            help="A negative number means costs rose.",
        )
    with c3:
        _number(prefix, f"{p}.savings_share_pct", "Program's share of savings (%)", s.savings_share_pct, save, PERCENT)
        _number(
            prefix,
            f"{p}.quality_score_pct",
            "Quality score (%, empty for none)",
            s.quality_score_pct,
            save,
            PERCENT,
            help="Scales the sharing rate: a 50% share with a quality score of 80% pays 40% of the savings.",
            optional=True,
        )
        _number(
            prefix,
            f"{p}.savings_cap_pct",
            "Savings cap (% of baseline, empty for none)",
            s.savings_cap_pct,
            save,
            PERCENT,
            help="The most the program can be paid in a year, as a share of the payer's baseline.",
            optional=True,
        )
        risk = _ui.autosave(
            st.radio,
            f"{prefix}__{p}.risk",
            s.risk,
            lambda v: save(f"{p}.risk", v),
            label="Risk",
            options=["upside_only", "two_sided"],
            format_func={"upside_only": "Upside only", "two_sided": "Two-sided (shares losses)"}.get,
        )
        if risk == "two_sided":
            _number(
                prefix,
                f"{p}.minimum_loss_rate_pct",
                "Minimum loss rate (%)",
                s.minimum_loss_rate_pct,
                save,
                PERCENT,
                help="Cost increases smaller than this share of the baseline are not shared (0: every loss is).",
                optional=True,
            )
            _number(prefix, f"{p}.loss_share_pct", "Program's share of losses (%)", s.loss_share_pct, save, PERCENT)
            _number(
                prefix,
                f"{p}.loss_cap_pct",
                "Loss cap (% of baseline, empty for none)",
                s.loss_cap_pct,
                save,
                PERCENT,
                optional=True,
            )
