"""Hidden checks of exercise order_schema (§2, types.pydantic-schemas): what the language model reads about
the tool, and what the schema lets through."""
import pytest
from pydantic import BaseModel, ValidationError

from stylekit.grading.checks import check

FIELD_NAMES = ("item", "quantity", "pickup_hour", "note")  # the fields the task asks for
# Orders the schema must refuse, one rule broken in each: a quantity, an hour, a missing field, a wrong type.
BAD_ORDERS = (
    {"item": "rye loaf", "quantity": 0, "pickup_hour": 9},
    {"item": "rye loaf", "quantity": 25, "pickup_hour": 9},
    {"item": "rye loaf", "quantity": 2, "pickup_hour": 6},
    {"item": "rye loaf", "quantity": 2, "pickup_hour": 19},
    {"quantity": 2, "pickup_hour": 9},
    {"item": "rye loaf", "quantity": "a few", "pickup_hour": 9},
)


@check(points=1, expect="PickupOrder has a class docstring: it becomes the description of the tool the model reads",
       pattern="types.pydantic-schemas")
def test_WHEN_schema_read_THEN_class_docstring(learner):
    docstring = learner.PickupOrder.__doc__ or ""

    assert "" != docstring.strip()


@check(points=1, expect="each field (item, quantity, pickup_hour, note) is declared with Field(description=...) "
                        "and a description that is not empty", pattern="types.pydantic-schemas")
def test_WHEN_fields_read_THEN_each_described(learner):
    fields = learner.PickupOrder.model_fields

    actual = [name for name in FIELD_NAMES if not (fields[name].description or "").strip()]

    assert [] == actual


@check(points=1, expect="PickupOrder is a pydantic BaseModel, and PickupOrder(item='rye loaf', quantity=2, "
                        "pickup_hour=9) validates with note None")
def test_WHEN_valid_order_THEN_fields_kept(learner):
    order = learner.PickupOrder(item="rye loaf", quantity=2, pickup_hour=9)

    expected = (True, "rye loaf", 2, 9, None)
    actual = (isinstance(order, BaseModel), order.item, order.quantity, order.pickup_hour, order.note)
    assert expected == actual


@check(points=1, expect="a bad order raises pydantic.ValidationError: quantity 0 or 25, pickup_hour 6 or 19, "
                        "no item, or a quantity that is not a number")
def test_WHEN_bad_order_THEN_validation_error(learner):
    for bad_order in BAD_ORDERS:
        with pytest.raises(ValidationError):
            learner.PickupOrder(**bad_order)
