"""The pages catch one set of errors (`_ui.USER_ERRORS`) and word each of them one way (`_ui.user_message`)."""

import pytest
from pydantic import BaseModel, Field, ValidationError

from core.errors import UserError, WorkshopError
from core.store.answers import StaleEdit
from core.store.database import StoreError
from core.text import TextTooLong
from pages import _ui


class _Visit(BaseModel):
    clients_per_month: int = Field(ge=0)


def _refused(**values) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        _Visit(**values)
    return caught.value


@pytest.mark.parametrize(
    "error",
    [
        UserError("x"),
        WorkshopError("x"),
        TextTooLong("x"),
        StoreError("x"),
        KeyError("x"),
        StaleEdit("x"),
        _refused(clients_per_month=-1),
    ],
)
def test_every_error_meant_for_people_is_caught(error):
    with pytest.raises(_ui.USER_ERRORS):
        raise error


def test_a_bug_is_not_caught_as_a_message():
    assert not isinstance(TypeError("x"), _ui.USER_ERRORS)
    assert not isinstance(AttributeError("x"), _ui.USER_ERRORS)


def test_a_validation_error_names_its_field_once():
    assert _ui.user_message(_refused(clients_per_month=-1)) == (
        "Clients per month: Input should be greater than or equal to 0"
    )


def test_a_lookup_reads_without_the_quotes_str_puts_round_a_key_error():
    assert _ui.user_message(KeyError("That scenario no longer exists.")) == "That scenario no longer exists."
    assert _ui.user_message(KeyError()) == "That item no longer exists."


def test_errors_written_for_people_keep_their_own_words():
    for error in (UserError("Too late."), TextTooLong("12 characters too long."), StoreError("Not saved.")):
        assert _ui.user_message(error) == str(error)
