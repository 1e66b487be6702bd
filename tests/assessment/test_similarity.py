"""Alike answers: a copy is caught, honest answers are not, and the threshold's false-alarm rate is measured on the
kit's honest variants (every pair of variants of one exercise: independent attempts, none copied from another)."""
from typing import Dict, List, Tuple

import pytest

from stylekit.assessment.similarity import THRESHOLD, alike_pairs, false_alarm_rate
from stylekit.curriculum.source import load_section, taught_sections
from tests.conftest import REPO_ROOT

MODEL = '''def quote(weight_kg: float, zones: list) -> float:
    """The price of a parcel."""
    return round(4.5 + weight_kg * 1.2 + 2.0 * len(set(zones)), 2)
'''
STUB = "# YOUR CODE HERE\nraise NotImplementedError()"
OWN_WORK = '''def quote(weight, zones):
    # base fee first, then weight, then each distinct zone once; rounding only at the very end
    total = 4.5
    total += weight * 1.2
    seen = []
    for zone in zones:
        if zone not in seen:
            seen.append(zone)
            total += 2.0
    return round(total, 2)
'''
OTHER_WORK = '''def quote(kilos: float, zones: list) -> float:
    unique_zones = {z for z in zones}  # a zone listed twice is still one delivery zone
    fee = 4.5 + 1.2 * kilos + 2 * len(unique_zones)
    return float(f"{fee:.2f}")
'''


def _honest_variants() -> Tuple[Dict[str, List[str]], Dict[str, List[str]]]:
    honest, explained = {}, {}
    for section in taught_sections(REPO_ROOT):
        for exercise in load_section(REPO_ROOT, section).exercises:
            key = f"{section.folder}/{exercise.id}"
            honest[key] = [variant.source for variant in exercise.variants.values()]
            explained[key] = [exercise.model_answer(), STUB]
    return honest, explained


def test_WHEN_honest_variants_compared_THEN_no_pair_reaches_the_threshold() -> None:
    honest, explained = _honest_variants()

    alarms, compared = false_alarm_rate(honest, explained)

    expected = (0, True)
    actual = (alarms, compared >= 50)
    assert expected == actual, f"{alarms} of {compared} honest pairs at or above {THRESHOLD}"


@pytest.mark.parametrize("first, second, alike", [
    (OWN_WORK, OWN_WORK, True),  # a verbatim copy
    (OWN_WORK, OWN_WORK.replace("total", "amount"), True),  # a copy with one name changed throughout
    (OWN_WORK, OTHER_WORK, False),  # two people's own solutions
    (MODEL, MODEL, False),  # both wrote the model answer: nothing of their own to compare
    (STUB, STUB, False),  # neither answered
])
def test_WHEN_two_answers_compared_THEN_only_shared_own_work_is_alike(first: str, second: str, alike: bool) -> None:
    pairs = alike_pairs({"C1": {"item": first}, "C2": {"item": second}}, {"item": [MODEL, STUB]})

    assert alike == bool(pairs)
