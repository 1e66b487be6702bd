# Built by `stylekit build` from sections/02_type_system/exercises/sensor_refactor.md:
# edit that file, not this one.
"""Hidden checks of exercise sensor_refactor (§2, types.typing-constructs and types.annotations): the rewrite still
does what its annotations and the inherited code say, its signatures use typing's generics, and every signature is
annotated, the private helper's included. Local variables' annotations are the style points' business (SK0203)."""
import pytest

from stylekit.grading.checks import check
from stylekit.grading.source_facts import FunctionNotFound, function_signature

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


def _annotations(source, function):
    """The annotations of `function` as the answer writes them (parameter name -> text, and "return")."""
    try:
        return function_signature(source, function).annotations()
    except FunctionNotFound:
        pytest.fail(f"the answer defines no function {function}")


@check(points=1, expect="Spell the generics with typing: readings: List[Dict[str, Any]] in group_readings and "
                        "overheated, which return Dict[str, List[float]] and List[str]",
       pattern="types.typing-constructs")
def test_WHEN_signatures_read_THEN_typing_generics(learner_source):
    expected = (("List[Dict[str, Any]]", "Dict[str, List[float]]"), ("List[Dict[str, Any]]", "List[str]"))

    grouping, filtering = _annotations(learner_source, "group_readings"), _annotations(learner_source, "overheated")
    # The parameters may be renamed: the first one is the readings.
    actual = ((next(iter(grouping.values())), grouping["return"]),
              (next(iter(filtering.values())), filtering["return"]))

    assert expected == actual


@check(points=1, expect="Annotate every signature, the private helper's included: _mean takes a List[float] and "
                        "returns a float, and overheated's limit is a float", pattern="types.annotations")
def test_WHEN_helper_and_limit_read_THEN_annotated(learner_source):
    expected = (["List[float]"], "float", "float")

    helper, filtering = _annotations(learner_source, "_mean"), _annotations(learner_source, "overheated")
    # The parameters may be renamed: overheated's second one is the limit.
    actual = ([text for name, text in helper.items() if name != "return"], helper["return"],
              list(filtering.values())[1] if len(filtering) > 2 else None)

    assert expected == actual
