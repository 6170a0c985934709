"""Number boxes for every field of a pydantic input model (the worked examples of Step 1).

The values live in session state while the page is open and are never saved. Not listed in the navigation.
"""

from __future__ import annotations

from decimal import Decimal

import streamlit as st


def model_number_inputs(model: type, prefix: str, columns: int = 2) -> dict:
    """Number inputs for every field of a pydantic input model, from its titles, limits and defaults.

    Returns the entered values by field name (ints stay ints; other numbers come
    back as `Decimal` from their text, so no float error reaches a money model).
    Keys are `<prefix>__<field>`; values live in session state while the page is open.
    """
    values: dict = {}
    cols = st.columns(columns)
    for n, (name, field) in enumerate(model.model_fields.items()):
        bounds = {k: getattr(m, k) for m in field.metadata for k in ("ge", "le") if getattr(m, k, None) is not None}
        is_int = field.annotation is int
        cast = int if is_int else float
        value = cols[n % columns].number_input(
            field.title or name.replace("_", " ").capitalize(),
            min_value=cast(bounds["ge"]) if "ge" in bounds else None,
            max_value=cast(bounds["le"]) if "le" in bounds else None,
            value=cast(field.default),
            step=1 if is_int else 1.0,
            format=None if is_int else "%.2f",
            help=field.description,
            key=f"{prefix}__{name}",
        )
        values[name] = value if is_int else Decimal(str(value))
    return values
