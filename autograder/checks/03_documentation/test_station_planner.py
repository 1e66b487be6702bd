# Built by `stylekit build` from sections/03_documentation/exercises/station_planner.md:
# edit that file, not this one.
"""Hidden checks of exercise station_planner (§3, docs.magic-numbers): the planner answers as the inherited one did,
its numbers are named constants with the inherited values, and it really reads them."""
import pytest

from stylekit.grading import proxies
from stylekit.grading.checks import check

CONSTANTS = {"MAX_DAILY_RIDES": 400, "MIN_DAILY_RIDES": 12, "RIDES_PER_BIKE": 6, "HEADROOM_FACTOR": 1.25,
             "FREE_DOCKS": 2}
# Values no sensible planner has, so a plan that follows them can only come from reading the constants.
CHANGED = {"MAX_DAILY_RIDES": 100, "MIN_DAILY_RIDES": 20, "RIDES_PER_BIKE": 5, "HEADROOM_FACTOR": 1.0,
           "FREE_DOCKS": 3}


@check(points=1, expect="Your bikes_to_stock should answer as the inherited planner did: 21 bikes for 100 rides "
                        "at 40 docks, 3 for a quiet station (5 rides), and never more than the docks minus 2",
       pattern="docs.magic-numbers")
def test_WHEN_ordinary_forecasts_planned_THEN_same_as_inherited(learner):
    expected = [21, 3, 28, 53]

    actual = [learner.bikes_to_stock(100, 40), learner.bikes_to_stock(5, 40), learner.bikes_to_stock(300, 30),
              learner.bikes_to_stock(250, 100)]

    assert expected == actual


@check(points=1, expect="Your bikes_to_stock should raise TooManyRides above 400 rides a day, and plan exactly 400",
       pattern="docs.magic-numbers")
def test_WHEN_too_many_rides_THEN_refused_above_the_limit_only(learner):
    with pytest.raises(learner.TooManyRides):
        learner.bikes_to_stock(400.5, 200)

    assert 84 == learner.bikes_to_stock(400, 200)


@check(points=1, expect="Name the numbers as module-level constants: MAX_DAILY_RIDES = 400, MIN_DAILY_RIDES = 12, "
                        "RIDES_PER_BIKE = 6, HEADROOM_FACTOR = 1.25 and FREE_DOCKS = 2, and let each one's comment "
                        "give its unit and the reason for its value, not its name in other words",
       pattern="docs.magic-numbers")
def test_WHEN_constants_read_THEN_named_with_inherited_values_and_explained(learner, exercise_source, judged):
    expected = (CONSTANTS, [])

    # A comment is judged where there is one (a constant without any is rule SK0303's, for the style point).
    retelling = []
    for name, (_, line) in proxies.definitions(exercise_source).items():
        code = exercise_source.splitlines()[line - 1].split("#")[0]
        comment = proxies.comment_for(exercise_source, code.strip())
        if name in CONSTANTS and comment and not proxies.reasons_given(comment, code):
            retelling.append(name)
            judged.lines([*proxies.comment_lines_for(exercise_source, code.strip()), line])
    actual = ({name: getattr(learner, name, None) for name in CONSTANTS}, retelling)

    assert expected == actual


@check(points=1, expect="Make bikes_to_stock read the constants instead of repeating their numbers, so that "
                        "changing a constant changes the plan", pattern="docs.magic-numbers")
def test_WHEN_constants_changed_THEN_plan_follows(learner, monkeypatch):
    for name, value in CHANGED.items():
        monkeypatch.setattr(learner, name, value, raising=False)
    expected = [4, 17]

    actual = [learner.bikes_to_stock(10, 40), learner.bikes_to_stock(90, 20)]

    assert expected == actual
    with pytest.raises(learner.TooManyRides):
        learner.bikes_to_stock(101, 200)
