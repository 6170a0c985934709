"""Errors people can act on: which exceptions a page catches (`USER_ERRORS`) and how they are worded.

A page catches `USER_ERRORS`, never a tuple of its own, and words what it caught with `user_message(exc)`:
the caught set and the wording are decided here, once. `show_errors` draws every problem of a validation
error; `all_messages` keeps each message exactly as its model worded it (steps 6-9). Anything else (a bug)
is not caught and shows as one. Not listed in the navigation.
"""

from __future__ import annotations

import streamlit as st
from pydantic import ValidationError

from core.store.database import StoreError
from core.table_edits import messages_of

# What a person's request can fail with, its message written for them:
# - ValueError: core.errors.UserError (WorkshopError...), pydantic's ValidationError, TextTooLong,
#   WorkspaceError, BackupError, StaleEdit, and the plain ValueErrors models still refuse values with;
# - KeyError: a record or content id looked up that is not there (deleted in another window);
# - StoreError: a write that could not be completed (nothing of it was kept).
USER_ERRORS: tuple[type[Exception], ...] = (ValueError, KeyError, StoreError)


def user_message(exc: Exception) -> str:
    """One line for people: a validation error's first problem naming its field, a lookup's message without
    the quotes `str()` puts round a KeyError, or the error's own message (UserError, TextTooLong, StoreError)."""
    if isinstance(exc, ValidationError):
        item = exc.errors()[0]
        names = [str(p) for p in item["loc"] if isinstance(p, str)]
        message = item["msg"].removeprefix("Value error, ")
        field = names[-1].replace("_", " ") if names else ""
        return f"{field.capitalize()}: {message}" if field and field not in message.lower() else message
    if isinstance(exc, KeyError):  # str() of a KeyError adds quotes
        return str(exc.args[0]) if exc.args else "That item no longer exists."
    return str(exc)


error_text = user_message  # the name the sustain pages knew it by


def show_errors(error: Exception) -> None:
    """A validation or store error as messages people can act on: one per problem, naming where it is."""
    if isinstance(error, ValidationError):
        for item in error.errors():
            where = " ".join(str(p) for p in item["loc"]).replace("_", " ")
            message = item["msg"].removeprefix("Value error, ")
            st.error(f"{where.capitalize()}: {message}" if where else message)
    else:
        st.error(user_message(error))


def all_messages(exc: Exception) -> str:
    """Every message of a refused value, as its model worded it (no field name put in front)."""
    return " ".join(messages_of(exc))
