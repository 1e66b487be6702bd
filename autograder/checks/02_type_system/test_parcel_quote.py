"""Hidden checks of exercise parcel_quote (§2, types.annotations): the price a parcel costs, and its signature."""
import inspect
from typing import List, get_type_hints

import pytest

from stylekit.grading.checks import check


@check(points=1, expect="quote_parcel(2.5, ['north']) costs 4.50 + 2.5 × 1.20 + 2.00 = 9.50 euros")
def test_WHEN_one_zone_THEN_base_fee_weight_and_zone(learner):
    actual = learner.quote_parcel(2.5, ["north"])

    assert pytest.approx(9.5) == actual


@check(points=1, expect="each distinct zone adds 2.00 euros, and a zone listed twice is charged once: "
                        "quote_parcel(1.0, ['north', 'harbour', 'north']) costs 9.70 euros")
def test_WHEN_zone_listed_twice_THEN_charged_once(learner):
    actual = learner.quote_parcel(1.0, ["north", "harbour", "north"])

    assert pytest.approx(9.7) == actual


@check(points=1, expect="express doubles the whole price and the result is rounded to cents: "
                        "quote_parcel(1.333, ['north', 'harbour'], express=True) is 20.2")
def test_WHEN_express_THEN_doubled_and_rounded_to_cents(learner):
    actual = learner.quote_parcel(1.333, ["north", "harbour"], express=True)

    assert 20.2 == actual


@check(points=1, expect="the signature reads weight_kg: float, zones: List[str] (from typing), express: bool "
                        "defaulting to False, and returns float", pattern="types.annotations")
def test_WHEN_signature_read_THEN_every_parameter_and_return_typed(learner):
    expected = ({"weight_kg": float, "zones": List[str], "express": bool, "return": float}, False)

    actual = (get_type_hints(learner.quote_parcel),
              inspect.signature(learner.quote_parcel).parameters["express"].default)

    assert expected == actual
