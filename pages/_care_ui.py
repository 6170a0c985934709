"""Page helpers shared by the care model stage pages: autosaving choices and numbers, tables bound to
records, and free text that is checked for identifiers before it is saved.

Every helper seeds its widget from the store whenever the widget was not drawn
on the previous run, saves in the widget's on_change callback through a `core`
function, and shows a quiet "Saved" or the error beside the field while keeping
what was typed. Nothing here computes a score or builds a document. Not listed
in the navigation.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import pandas as pd
import streamlit as st
from pydantic import BaseModel, ValidationError

from core import table_edits
from core.care_model.first_five import Finding, find_identifiers
from core.sources import plain
from core.store import answers
from core.store.versioned import remember
from pages import _autosave, _ui
from pages import _sources_ui as src


def message(exc: Exception) -> str:
    """A save error as one line people can act on: every problem of a validation error, each naming its
    column (the tables' wording, `table_edits.error_text`); anything else as `_ui.user_message` words it."""
    if isinstance(exc, ValidationError):
        return table_edits.error_text(exc)
    return _ui.user_message(exc)


def _run_save(key: str, save: Callable[[Any], Any]) -> None:
    _autosave.save_value(key, save, message)


feedback = _ui.feedback


def autosave(
    widget: Callable, key: str, stored: Any, save: Callable[[Any], Any], *, quiet: bool = False, **kwargs
) -> Any:
    """Draw `widget` seeded with `stored`; every change is passed to `save` (a core function)."""
    return _ui.autosave(widget, key, stored, save, quiet=quiet, describe=message, **kwargs)


def choice(
    key: str,
    label: str,
    options: Mapping[str, str],
    stored: str | None,
    save: Callable[[str], Any],
    *,
    horizontal: bool = False,
    help: str | None = None,
) -> str | None:
    """A radio of content options (ids shown by their labels) that saves on change."""
    ids = list(options)
    return autosave(
        st.radio,
        key,
        stored if stored in options else None,
        save,
        label=label,
        options=ids,
        format_func=lambda i: options[i],
        index=None,
        horizontal=horizontal,
        help=help,
        quiet=True,
    )


def bullets(items: Sequence[str]) -> None:
    if items:
        st.markdown("\n".join(f"- {_ui.escape_md(item)}" for item in items))


# ---------------------------------------------------------------- tables bound to records


def _apply(
    key: str,
    workspace_id: str,
    kind: str,
    row_model: type[BaseModel],
    record_ids: list[str],
    fixed: Mapping[str, Any] | None,
    labels: Mapping[str, str],
) -> None:
    edits = st.session_state.get(key) or {}
    try:
        errors = table_edits.apply_record_edits(
            _ui.store(), workspace_id, kind, row_model, record_ids, edits, fixed=fixed, labels=labels
        )
    except _ui.USER_ERRORS as exc:
        errors = [message(exc)]
    st.session_state[_autosave.status_key(key)] = (
        ("error", " ".join(errors)) if errors else ("saved", time.strftime("%H:%M"))
    )


def record_editor(
    workspace_id: str,
    kind: str,
    row_model: type[BaseModel],
    columns: Mapping[str, Any],
    *,
    key: str,
    records: Sequence | None = None,
    fixed: Mapping[str, Any] | None = None,
    where: Callable[[dict], bool] | None = None,
    height: int | None = None,
) -> list:
    """A table of one kind of records: edits, new rows and deletions save as they are made.

    `columns` maps each data field to its `st.column_config` column; `where`
    picks the records shown (e.g. one patient's tasks) and `fixed` is added to
    new rows so they land in the same place. Returns the records shown.
    """
    if records is None:  # kept per version of the workspace's data (core.store.versioned): read-only
        store = _ui.store()
        records = remember(
            store, workspace_id, f"care_ui.records.{kind}", lambda: answers.list_records(store, workspace_id, kind)
        )
    shown = [r for r in records if where is None or where(r.data)]
    fields = list(columns)
    frame = pd.DataFrame(table_edits.rows_for_editor(shown, fields), columns=fields)
    labels = {f: (c.get("label") if isinstance(c, dict) else None) or f for f, c in columns.items()}
    _ui.data_editor(
        frame,
        key,
        dict(columns),
        _apply,
        args=(key, workspace_id, kind, row_model, [r.id for r in shown], fixed, labels),
        quiet=True,
        num_rows="dynamic",
        **({"height": height} if height else {}),
    )
    return shown


# ---------------------------------------------------------------- text checked for identifiers


def _pending_key(key: str) -> str:
    return f"{key}__pending"


def _check_and_save(key: str, save: Callable[[str], Any]) -> None:
    text = st.session_state[key]
    findings = find_identifiers(text)
    if findings:
        st.session_state[_pending_key(key)] = findings
        st.session_state.pop(_autosave.status_key(key), None)
        return
    st.session_state.pop(_pending_key(key), None)
    _run_save(key, save)


def _confirm(key: str, save: Callable[[str], Any]) -> None:
    st.session_state.pop(_pending_key(key), None)
    _run_save(key, save)


def describe_findings(findings: Sequence[Finding]) -> str:
    listed = "; ".join(f"{f.label} ({_ui.escape_md(f.excerpt)})" for f in findings[:4])
    more = f" and {len(findings) - 4} more" if len(findings) > 4 else ""
    return f"This looks like it identifies someone: {listed}{more}."


def checked_text(
    key: str,
    label: str,
    stored: str,
    save: Callable[[str], Any],
    *,
    single_line: bool = False,
    height: int | None = None,
    help: str | None = None,
    placeholder: str | None = None,
) -> str:
    """A text field whose text is checked for identifiers before it is saved.

    If the text looks like it holds a phone number, email, SSN, date of birth or
    a full name, nothing is saved yet: a warning asks to edit the text or to
    confirm that it is not an identifier. The typed text stays in the field.
    """
    if key not in st.session_state:
        st.session_state[key] = stored
    widget = st.text_input if single_line else st.text_area
    kwargs = {"height": height} if (height and not single_line) else {}
    widget(label, key=key, on_change=_check_and_save, args=(key, save), help=help, placeholder=placeholder, **kwargs)
    pending = st.session_state.get(_pending_key(key))
    if pending:
        st.warning(
            describe_findings(pending) + " Nothing was saved. Use a pseudonymous label and no contact "
            "details, or confirm it is not an identifier.",
            icon=":material/privacy_tip:",
        )
        st.button(
            "Not an identifier: save it",
            key=f"{key}__confirm",
            on_click=_confirm,
            args=(key, save),
            icon=":material/check:",
        )
    else:
        feedback(key)
    return st.session_state[key]


# ---------------------------------------------------------------- content of the source, marked


def prompt_answer(workspace_id: str, section: str, prompt: Any, stored: str, *, height: int = 120) -> None:
    """A saved text answer to a content prompt whose label is a source's words (a Quote) or the app's."""
    _ui.text_answer(
        workspace_id,
        section,
        prompt.id,
        plain(prompt.label),
        stored=stored,
        help=prompt.help or None,
        height=height,
    )


def model_tab(model: Any) -> None:
    """One care model: the app's summary, then the source's definition, strengths and concerns, quoted."""
    st.markdown(f"**{_ui.escape_md(model.summary)}**  \n:small[{src.OWN_MARK} The app's own summary.]")
    aka = f" Also {src.inline(model.also_called)}." if model.also_called else ""
    st.markdown(f"Examples: {_ui.escape_md(', '.join(model.examples))}.{aka}")
    src.quoted_list(model.definition)
    left, right = st.columns(2)
    with left:
        st.markdown("**Strengths**")
        src.quoted_list(model.strengths)
    with right:
        st.markdown("**Concerns**")
        src.quoted_list(model.concerns)


def fit_card(fit: Any) -> None:
    """One model's fit score with its reasons: the app's note, its points, and the source's line quoted."""
    st.metric(fit.name, f"{fit.score} / 100")
    if fit.because:
        st.markdown("**Scores high because**")
        bullets_md([f"{r.points:+d}: {_ui.escape_md(r.note)} (“{_ui.escape_md(r.source_text)}”)" for r in fit.because])
    if fit.watch_out:
        st.markdown("**Watch out for**")
        bullets_md([f"{r.points:+d}: “{_ui.escape_md(r.source_text)}”" for r in fit.watch_out])


def bullets_md(lines: Sequence[str]) -> None:
    """Bullets of markdown already escaped by the caller."""
    if lines:
        st.markdown("\n".join(f"- {line}" for line in lines))


def location_card(location: Any) -> None:
    st.markdown(f"**{_ui.escape_md(location.name)}**")
    if location.source_name is not None:
        st.caption(f"In the source: “{_ui.escape_md(location.source_name.quote)}”")
    for title, items in (
        ("Benefits", location.benefits),
        ("Challenges", location.challenges),
        ("Considerations for success", location.considerations),
    ):
        with st.expander(title, expanded=title == "Benefits"):
            src.quoted_list(items)
