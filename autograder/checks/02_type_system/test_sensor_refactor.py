# Built by `stylekit build` from sections/02_type_system/exercises/sensor_refactor.md:
# edit that file, not this one.
"""Hidden checks of exercise sensor_refactor (§2, types.typing-constructs and types.annotations): the rewrite still
does what its annotations and the inherited code say, its signatures use typing's generics, and every signature is
annotated, the private helper's included. Local variables' annotations are the style points' business (SK0203)."""
import inspect
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


@check(points=1, expect="Your group_readings should still return what Dict[str, List[float]] says and the inherited "
                        "code did: each sensor's Celsius values in reading order, the sensors in the order they first "
                        "appear", pattern="types.annotations")
def test_WHEN_readings_grouped_THEN_same_as_inherited_code(learner):
    grouped = learner.group_readings(READINGS)

    expected = [("proofer", [36.5, 38.5]), ("oven", [231.0, 229.0]), ("cooler", [4.0])]
    actual = list(grouped.items())
    assert expected == actual


@check(points=1, expect="Your overheated should still return, as a sorted List[str], the names of the sensors whose "
                        "mean is strictly above the limit, and an empty list for no readings",
       pattern="types.annotations")
def test_WHEN_limit_applied_THEN_same_as_inherited_code(learner):
    expected = (["oven", "proofer"], ["oven"], [], [])

    actual = (learner.overheated(READINGS, 5.0), learner.overheated(READINGS, 229.9),
              learner.overheated(READINGS, 230.0), learner.overheated([], 0.0))

    assert expected == actual


@check(points=1, expect="Spell the generics with typing: readings: List[Dict[str, Any]] in group_readings and "
                        "overheated, which return Dict[str, List[float]] and List[str]",
       pattern="types.typing-constructs")
def test_WHEN_signatures_read_THEN_typing_generics(learner):
    expected = ((List[Dict[str, Any]], Dict[str, List[float]]), (List[Dict[str, Any]], List[str]))

    grouping, filtering = get_type_hints(learner.group_readings), get_type_hints(learner.overheated)
    actual = ((grouping.get("readings"), grouping.get("return")), (filtering.get("readings"), filtering.get("return")))

    assert expected == actual


@check(points=1, expect="Annotate every signature, the private helper's included: _mean takes a List[float] and "
                        "returns a float, and overheated's limit is a float", pattern="types.annotations")
def test_WHEN_helper_and_limit_read_THEN_annotated(learner):
    expected = ([List[float]], float, float)

    hints = get_type_hints(learner._mean)
    parameters = inspect.signature(learner._mean).parameters
    actual = ([hints.get(name) for name in parameters], hints.get("return"),
              get_type_hints(learner.overheated).get("limit"))

    assert expected == actual
