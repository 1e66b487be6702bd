# Built by `stylekit build` from sections/05_testing/exercises/returns_desk.md:
# edit that file, not this one.
"""Exercise returns_desk: the learner's tests of the endless returns_desk.run_returns_desk loop."""
from stylekit.grading import proxies
from stylekit.grading.checks import check

MIN_TESTS = 2  # books checked in one by one, and the scanner's timeouts and double reads
MUTANTS = {  # name: (module, reference text, broken text), applied with str.replace by the `mutation` fixture
    "timeout_checked_in": ("returns_desk", "        if barcode is None:\n            continue\n", ""),
    "stops_at_timeout": ("returns_desk", "            continue\n", "            return\n"),
    "double_read_checked_in": ("returns_desk", "if barcode != previous:", "if barcode:"),
}


@check(points=1, expect="Write at least 2 tests, all passing on the correct run_returns_desk, each ending the endless "
                        "loop with an exception of the test's own",
       pattern="testing.comprehensive-cases")
def test_WHEN_tests_run_on_reference_THEN_enough_tests_pass(mutation):
    run = mutation.reference_run()

    assert run.all_passed
    assert run.collected >= MIN_TESTS


@check(points=1, expect="Your tests should fail when a timed-out read (None) is handed to check_in",
       pattern="testing.comprehensive-cases")
def test_WHEN_timeout_checked_in_THEN_tests_fail(mutation):
    assert mutation.catches("timeout_checked_in")


@check(points=1, expect="Your tests should fail when the desk stops at the first timed-out read",
       pattern="testing.comprehensive-cases")
def test_WHEN_desk_stops_at_timeout_THEN_tests_fail(mutation):
    assert mutation.catches("stops_at_timeout")


@check(points=1, expect="Your tests should fail when a book the scanner read twice in a row is checked in twice",
       pattern="testing.comprehensive-cases")
def test_WHEN_double_read_checked_in_twice_THEN_tests_fail(mutation):
    assert mutation.catches("double_read_checked_in")


@check(points=1, expect="Write the scanner as a class of your own deriving from mock.Mock that plays back "
                        "scripted reads, "
                        "instead of a side_effect list or lambda", pattern="testing.custom-mocks")
def test_WHEN_answer_read_THEN_custom_mocks_pattern_shown(exercise_source):
    assert proxies.has_mock_subclass(exercise_source)


@check(points=1, expect="Declare an exception class of your tests' own, raise it from the fake when the "
                        "script ends, and "
                        "expect it with pytest.raises to leave the endless loop", pattern="testing.flow-exceptions")
def test_WHEN_answer_read_THEN_flow_exceptions_pattern_shown(exercise_source):
    assert proxies.has_flow_exception(exercise_source)
