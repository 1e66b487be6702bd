# Built by `stylekit build` from sections/02_type_system/exercises/parcel_quote.md:
# edit that file, not this one.
"""Hidden checks of exercise parcel_quote (§2, types.annotations): quote_parcel keeps the contract its signature
states (a weight to the gram in, a price in cents out), and the signature says it in typing's words."""
import pytest

from stylekit.grading.checks import check
from stylekit.grading.source_facts import FunctionNotFound, function_signature


@check(points=1, expect="Your quote_parcel should price a weight to the gram, as weight_kg: float promises: "
                        "quote_parcel(2.35, ['north']) costs 4.50 + 2.35 × 1.20 + 2.00 = 9.32 EUR",
       pattern="types.annotations")
def test_WHEN_fractional_weight_THEN_base_fee_weight_and_zone(learner):
    actual = learner.quote_parcel(2.35, ["north"])

    assert pytest.approx(9.32) == actual


@check(points=1, expect="Charge each distinct zone once: quote_parcel(1.0, ['north', 'harbour', 'north']) should "
                        "cost 4.50 + 1.20 + 2 × 2.00 = 9.70 EUR", pattern="types.annotations")
def test_WHEN_zone_listed_twice_THEN_charged_once(learner):
    actual = learner.quote_parcel(1.0, ["north", "harbour", "north"])

    assert pytest.approx(9.7) == actual


@check(points=1, expect="With express=True, double the whole price and return it rounded to cents: "
                        "quote_parcel(1.333, ['north', 'harbour'], express=True) should be 20.2",
       pattern="types.annotations")
def test_WHEN_express_THEN_doubled_and_rounded_to_cents(learner):
    actual = learner.quote_parcel(1.333, ["north", "harbour"], express=True)

    assert 20.2 == actual


@check(points=1, expect="Annotate quote_parcel(weight_kg: float, zones: List[str], express: bool = False) -> float, "
                        "with List from typing", pattern="types.annotations")
def test_WHEN_signature_read_THEN_every_parameter_and_return_typed(learner_source):
    expected = ({"weight_kg": "float", "zones": "List[str]", "express": "bool", "return": "float"}, False)

    try:
        signature = function_signature(learner_source, "quote_parcel")
    except FunctionNotFound:
        pytest.fail("the answer defines no function quote_parcel")
    actual = (signature.annotations(),
              signature.parameter("express").default if "express" in signature.names() else None)

    assert expected == actual
