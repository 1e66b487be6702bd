"""Hidden checks of exercise sensor_refactor (§2, types.typing-constructs and types.annotations): the rewrite
behaves as the inherited code did, and its signatures use typing's generics."""
from typing import Any, Dict, List, get_type_hints

from stylekit.grading.checks import check

# Readings as the monitor logs them: more keys than the functions use, sensors interleaved.
READINGS = [
    {"sensor": "proofer", "celsius": 36.5, "at": "05:00"},
    {"sensor": "oven", "celsius": 231.0, "at": "05:00"},
    {"sensor": "proofer", "celsius": 38.5, "at": "05:10"},
    {"sensor": "cooler", "celsius": 4.0, "at": "05:10"},
    {"sensor": "oven", "celsius": 229.0, "at": "05:10"},
]


@check(points=1, expect="group_readings behaves as before: each sensor's Celsius values in reading order, the "
                        "sensors in the order they first appear")
def test_WHEN_readings_grouped_THEN_same_as_inherited_code(learner):
    grouped = learner.group_readings(READINGS)

    expected = [("proofer", [36.5, 38.5]), ("oven", [231.0, 229.0]), ("cooler", [4.0])]
    actual = list(grouped.items())
    assert expected == actual


@check(points=1, expect="overheated behaves as before: the sorted names of the sensors whose mean is strictly "
                        "above the limit, and an empty list for no readings")
def test_WHEN_limit_applied_THEN_same_as_inherited_code(learner):
    expected = (["oven", "proofer"], ["oven"], [], [])

    actual = (learner.overheated(READINGS, 5.0), learner.overheated(READINGS, 229.9),
              learner.overheated(READINGS, 230.0), learner.overheated([], 0.0))

    assert expected == actual


@check(points=1, expect="group_readings is annotated readings: List[Dict[str, Any]] and returns "
                        "Dict[str, List[float]], all from typing", pattern="types.typing-constructs")
def test_WHEN_group_readings_hints_read_THEN_typing_generics(learner):
    expected = {"readings": List[Dict[str, Any]], "return": Dict[str, List[float]]}

    actual = get_type_hints(learner.group_readings)

    assert expected == actual


@check(points=1, expect="overheated is annotated readings: List[Dict[str, Any]], limit: float, and returns "
                        "List[str], all from typing", pattern="types.typing-constructs")
def test_WHEN_overheated_hints_read_THEN_typing_generics(learner):
    expected = {"readings": List[Dict[str, Any]], "limit": float, "return": List[str]}

    actual = get_type_hints(learner.overheated)

    assert expected == actual
