# Built by `stylekit build` from sections/04_error_handling/exercises/rental_errors.md:
# edit that file, not this one.
"""Hidden checks of exercise rental_errors (§4, errors.custom-exceptions and errors.exception-naming): one family of
exceptions whose messages name their values, and a check-out that raises the right member for each refusal. Whether
the messages reach super().__init__ is the style points' business (SK0401), as are generic raises (SK0402)."""
import copy

import pytest

from stylekit.grading.checks import check

CITY = {"Harbour": ["B-12", "E-07"], "Old Mill": [], "Station Square": ["E-31"]}


@check(points=1, expect="Derive RentalRefused from Exception, and UnknownDock, RentalTooLong and BikeNotAvailable "
                        "from RentalRefused, so that the app can catch the whole family at once",
       pattern="errors.custom-exceptions")
def test_WHEN_family_read_THEN_every_refusal_is_a_rental_refused(learner):
    expected = (True, [True, True, True])

    actual = (issubclass(learner.RentalRefused, Exception),
              [issubclass(getattr(learner, name), learner.RentalRefused)
               for name in ("UnknownDock", "RentalTooLong", "BikeNotAvailable")])

    assert expected == actual


def _message_names(error, *values):
    text = str(error)
    return not text.startswith("(") and all(str(value) in text for value in values)


def _attributes(subject, error, *names):
    """The attributes of a learner's exception, read where it lives (a stand-in carries its message and args)."""
    read_there = subject.module("builtins").getattr
    return tuple(read_there(error, name, None) for name in names)


@check(points=1, expect="Build each message in __init__ from the values given, as one sentence: str(error) should "
                        "name the bike and the dock, the hours and the limit of 24, or the unknown dock; keep the "
                        "values as attributes (bike_id, dock, hours)", pattern="errors.custom-exceptions")
def test_WHEN_exceptions_built_THEN_messages_and_attributes_name_the_values(learner, subject):
    missing = learner.BikeNotAvailable("E-31", "Old Mill")
    too_long = learner.RentalTooLong(30.5)
    unknown = learner.UnknownDock("Cathedral")

    expected = ([True, True, True], ("E-31", "Old Mill", 30.5, "Cathedral"))
    actual = ([_message_names(missing, "E-31", "Old Mill"), _message_names(too_long, "30.5", "24"),
               _message_names(unknown, "Cathedral")],
              (*_attributes(subject, missing, "bike_id", "dock"), *_attributes(subject, too_long, "hours"),
               *_attributes(subject, unknown, "dock")))
    assert expected == actual


@check(points=1, expect="Your check_out should raise UnknownDock for a dock that does not exist (not a KeyError), "
                        "RentalTooLong for more than 24 hours and BikeNotAvailable for a bike not in the dock, "
                        "checked in that order", pattern="errors.exception-naming")
def test_WHEN_check_out_refused_THEN_named_exception_raised(learner):
    cases = [("Cathedral", "B-12", 30.0, "UnknownDock"), ("Harbour", "B-12", 24.5, "RentalTooLong"),
             ("Old Mill", "B-12", 30.0, "RentalTooLong"),
             ("Old Mill", "B-12", 24.0, "BikeNotAvailable")]
    expected = [name for _, _, _, name in cases]

    actual = []
    for dock, bike, hours, _ in cases:
        try:
            learner.check_out(copy.deepcopy(CITY), dock, bike, hours)
            actual.append("nothing raised")
        except Exception as error:
            actual.append(type(error).__name__)

    assert expected == actual


@check(points=1, expect="Your check_out should take the bike out of its dock when the rental is allowed, and leave "
                        "every dock as it was when the rental is refused", pattern="errors.exception-naming")
def test_WHEN_check_out_allowed_or_refused_THEN_docks_changed_only_when_allowed(learner, subject):
    # Kept in the learner's process, where check_out changes them in place, and read back as data.
    allowed = subject.keep(copy.deepcopy(CITY))
    learner.check_out(allowed, "Harbour", "E-07", 24)
    refused = subject.keep(copy.deepcopy(CITY))
    for dock, bike, hours in [("Harbour", "B-12", 48.0), ("Harbour", "E-31", 1.0)]:
        with pytest.raises(learner.RentalRefused):
            learner.check_out(refused, dock, bike, hours)

    expected = ({**CITY, "Harbour": ["B-12"]}, CITY)
    actual = (subject.data(allowed), subject.data(refused))
    assert expected == actual
