"""Errors whose message is for the person using the app.

`UserError` is the base of every error core raises for a person: something they asked for cannot be done
(a value out of range, a name already taken, a file that cannot be restored, a row deleted in another
tab), and `str(error)` says why in words they can act on. Pages show it beside the field or button that
caused it and keep what was typed. It is a ValueError, so `except ValueError` (and pydantic, which turns
a ValueError raised in a validator into a ValidationError) keeps working.

Each module may name its own kind (`WorkspaceError`, `BackupError`, `StaleEdit`, `TextTooLong`,
`IncompleteScenario`, `WorkshopError` ...); all derive from `UserError`, and
`tests/core/test_errors.py` keeps it so. `NotFound` is what a person was working on and is no longer
there: a UserError and, for the code that looked it up, a KeyError.

Not user errors, on purpose: `core.content.ContentError` (a data file of the app is broken: a bug to
fix, not a message to show) and `core.store.database.StoreError` (the database failed a write: its
message is for people, but nothing they typed caused it). Programming errors stay plain ValueError /
KeyError (an unknown id the code passed, a content file check, a document builder misused).
"""

from __future__ import annotations


class UserError(ValueError):
    """Something a person asked for cannot be done; the message is for them."""


class NotFound(UserError, KeyError):
    """What a person was working on is no longer there (deleted in another tab, by someone else)."""

    __str__ = BaseException.__str__  # the message as written, not quoted like a KeyError's key


class WorkshopError(UserError):
    """Something a facilitator or participant asked for cannot be done; the message is for people."""
