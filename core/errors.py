"""Errors whose message is for the person using the app.

`UserError` is the base: something a person asked for cannot be done, and `str(error)` says why in words
they can act on. Pages show it beside the field or button that caused it. It is a ValueError, so code that
already refuses bad values with ValueError keeps working while modules move to it.
"""

from __future__ import annotations


class UserError(ValueError):
    """Something a person asked for cannot be done; the message is for them."""


class WorkshopError(UserError):
    """Something a facilitator or participant asked for cannot be done; the message is for people."""
