# Built by `stylekit build` from sections/02_type_system/exercises/order_schema.md:
# edit that file, not this one.
"""Hidden checks of exercise order_schema (§2, types.pydantic-schemas): what the language model reads about the tool,
and what the schema lets through."""
import pytest

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


@check(points=1, expect="Give PickupOrder a class docstring saying what the tool does and when to call it: it becomes "
                        "the tool's description, the first thing the model reads", pattern="types.pydantic-schemas")
def test_WHEN_schema_read_THEN_class_docstring(learner):
    docstring = learner.PickupOrder.__doc__ or ""

    assert "" != docstring.strip()


@check(points=1, expect="Declare each field (item, quantity, pickup_hour, note) with Field(description=...), by name, "
                        "and a description that is not empty", pattern="types.pydantic-schemas")
def test_WHEN_fields_read_THEN_each_described(learner):
    fields = learner.PickupOrder.model_fields

    actual = [name for name in FIELD_NAMES if name not in fields or not (fields[name].description or "").strip()]

    assert [] == actual


@check(points=1, expect="Derive PickupOrder from pydantic's BaseModel so that PickupOrder(item='rye loaf', quantity=2, "
                        "pickup_hour=9) validates, with note None when it is not given",
       pattern="types.pydantic-schemas")
def test_WHEN_valid_order_THEN_fields_kept(learner, subject):
    base_model = subject.module("pydantic").BaseModel  # pydantic's own class, as the learner's code imports it

    order = learner.PickupOrder(item="rye loaf", quantity=2, pickup_hour=9)

    expected = (True, "rye loaf", 2, 9, None)
    actual = (isinstance(order, base_model), order.item, order.quantity, order.pickup_hour, order.note)
    assert expected == actual


@check(points=1, expect="Put the limits in Field too, so that a bad order raises pydantic.ValidationError: quantity 0 "
                        "or 25, pickup_hour 6 or 19, no item, or a quantity that is not a number",
       pattern="types.pydantic-schemas")
def test_WHEN_bad_order_THEN_validation_error(learner, subject):
    validation_error = subject.module("pydantic").ValidationError  # raised in the learner's process, matched here

    for bad_order in BAD_ORDERS:
        with pytest.raises(validation_error):
            learner.PickupOrder(**bad_order)
