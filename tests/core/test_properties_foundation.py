"""Property-based tests (hypothesis) of the foundation's inputs: any text is either kept safely
or refused with a clear error, never another exception; a backup of any text round-trips exactly."""

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from core import security
from core.export import backup
from core.store import answers, migrate, workspaces
from core.store.database import Store
from core.store.workspaces import WorkspaceProfile
from core.text import TextTooLong, clean_long_text, clean_name, sanitize_text
from tests.conftest import make_workspace

XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@given(st.text())
def test_sanitized_text_is_xml_safe_and_idempotent(value):
    cleaned = sanitize_text(value)
    assert not XML_BAD.search(cleaned)
    assert "\r" not in cleaned
    assert sanitize_text(cleaned) == cleaned


@given(st.text(max_size=300))
def test_clean_name_keeps_or_refuses_with_a_message(value):
    try:
        name = clean_name(value)
    except TextTooLong as exc:
        assert "the limit is 120" in str(exc)
    except ValueError as exc:
        assert str(exc) == "Name is required."
    else:
        assert name and name == name.strip() and len(name) <= 120 and "\n" not in name


@given(st.text(max_size=25_000))
@settings(max_examples=30, suppress_health_check=[HealthCheck.too_slow])
def test_long_text_is_bounded(value):
    try:
        assert len(clean_long_text(value)) <= 20_000
    except TextTooLong as exc:
        assert "Nothing was saved" in str(exc)


@given(name=st.text(max_size=150), state=st.text(max_size=20), populations=st.lists(st.text(max_size=10), max_size=3))
def test_profile_validation_raises_only_validation_errors(name, state, populations):
    try:
        WorkspaceProfile(name=name, state=state, populations=populations)
    except ValidationError as exc:
        assert exc.errors()[0]["msg"]


_store = Store.from_url("sqlite://")
migrate.upgrade(_store.engine)
_workspace = make_workspace(_store, "Property Org")
_other = Store.from_url("sqlite://")  # where each example's backup is restored (and then deleted again)
migrate.upgrade(_other.engine)


@given(
    texts=st.lists(st.text(max_size=400), min_size=1, max_size=4),
    data=st.dictionaries(
        st.text(max_size=20), st.one_of(st.none(), st.integers(-(2**53), 2**53), st.text(max_size=50), st.booleans())
    ),
)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_backup_round_trip_of_any_text_is_exact(texts, data):
    ws = _workspace.id
    for text in texts:
        answers.save_text(_store, ws, "prop", "q", text)
    answers.save_value(_store, ws, "prop", "v", data)
    answers.add_record(_store, ws, "prop_row", {"payload": data, "text": texts[0]})
    raw = backup.export_workspace(_store, ws)
    with pytest.MonkeyPatch.context() as patch:  # the restorer's passphrase is hashed cheaply: not what is tested
        cheap = security.hash_passphrase
        patch.setattr(security, "hash_passphrase", lambda passphrase, n=2**10: cheap(passphrase, n=2**10))
        backup.restore_new(_other, raw, "the other store's passphrase")
    try:
        assert backup.workspace_rows(_other, ws) == backup.workspace_rows(_store, ws)
    finally:
        workspaces.delete_workspace(_other, ws, _workspace.name)
