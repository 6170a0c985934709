"""Every error core defines for people derives from core.errors.UserError, so a page can catch one kind and
show its message; the few that are not user errors are listed here with the reason."""

from __future__ import annotations

import importlib
import inspect
from pathlib import Path

import pytest

from core.errors import NotFound, UserError

ROOT = Path(__file__).resolve().parents[2]
CORE = ROOT / "core"

NOT_USER_ERRORS = {
    # A data file of the app is missing or invalid: a bug for the people who maintain the app, found by
    # the tests that load every file; the app cannot start, there is no field to show it beside.
    "core.content.ContentError",
    # The database failed a write (connection lost, disk full): its message is for people, but nothing they
    # typed caused it and retyping will not fix it; pages catch it next to UserError.
    "core.store.database.StoreError",
}


def _core_modules() -> list[str]:
    names = []
    for path in sorted(CORE.rglob("*.py")):
        if "migrations" in path.parts:  # Alembic's env.py runs a migration when imported
            continue
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names.append(".".join(parts))
    return names


def _exceptions_defined_in_core() -> dict[str, type]:
    found = {}
    for name in _core_modules():
        module = importlib.import_module(name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, BaseException) and cls.__module__ == name:
                found[f"{name}.{cls.__qualname__}"] = cls
    return found


def test_the_walk_finds_the_errors_it_should():
    found = _exceptions_defined_in_core()
    for known in (
        "core.store.workspaces.WorkspaceError",
        "core.export.backup.BackupError",
        "core.text.TextTooLong",
        "core.store.answers.StaleEdit",
        *NOT_USER_ERRORS,
    ):
        assert known in found


def test_every_error_core_defines_is_a_user_error_unless_listed():
    found = _exceptions_defined_in_core()
    wrong = sorted(n for n, cls in found.items() if n not in NOT_USER_ERRORS and not issubclass(cls, UserError))
    assert not wrong, f"derive these from core.errors.UserError, or list them with the reason: {wrong}"
    listed_but_user_errors = sorted(n for n in NOT_USER_ERRORS if issubclass(found[n], UserError))
    assert not listed_but_user_errors


def test_user_errors_are_value_errors_and_not_found_is_also_a_key_error():
    assert issubclass(UserError, ValueError)  # `except ValueError` in pages keeps catching them
    error = NotFound("That scenario no longer exists; it may have been deleted in another tab.")
    assert isinstance(error, UserError) and isinstance(error, KeyError)
    assert str(error) == "That scenario no longer exists; it may have been deleted in another tab."  # unquoted
    with pytest.raises(KeyError):  # code that looked something up and catches KeyError keeps working
        raise error


def test_person_facing_refusals_are_user_errors():
    from core.security import check_passphrase_rules
    from core.text import clean_name

    with pytest.raises(UserError, match="^Scenario name is required"):
        clean_name("   ", field="Scenario name", max_chars=80)
    with pytest.raises(UserError, match="The passphrase needs at least"):
        check_passphrase_rules("short")
