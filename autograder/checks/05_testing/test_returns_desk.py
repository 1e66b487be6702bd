"""Exercise returns_desk: the learner's tests of the endless returns_desk.run_returns_desk loop."""
from stylekit.grading.checks import check

MIN_TESTS = 2  # books checked in one by one, and the scanner's timeouts and double reads
MUTANTS = {  # name: (module, reference text, broken text), applied with str.replace by the `mutation` fixture
    "timeout_checked_in": ("returns_desk", "        if barcode is None:\n            continue\n", ""),
    "stops_at_timeout": ("returns_desk", "            continue\n", "            return\n"),
    "double_read_checked_in": ("returns_desk", "if barcode != previous:", "if barcode:"),
}


@check(points=1, expect="At least 2 tests, all passing on the correct run_returns_desk, each ending the endless "
                        "loop with an exception of the test's own", pattern="testing.flow-exceptions")
def test_WHEN_tests_run_on_reference_THEN_enough_tests_pass(mutation):
    run = mutation.reference_run()

    assert run.all_passed
    assert run.collected >= MIN_TESTS


@check(points=1, expect="A test fails when a timed-out read (None) is handed to check_in",
       pattern="testing.custom-mocks")
def test_WHEN_timeout_checked_in_THEN_tests_fail(mutation):
    assert mutation.catches("timeout_checked_in")


@check(points=1, expect="A test fails when the desk stops at the first timed-out read",
       pattern="testing.flow-exceptions")
def test_WHEN_desk_stops_at_timeout_THEN_tests_fail(mutation):
    assert mutation.catches("stops_at_timeout")


@check(points=1, expect="A test fails when a book the scanner read twice in a row is checked in twice",
       pattern="testing.custom-mocks")
def test_WHEN_double_read_checked_in_twice_THEN_tests_fail(mutation):
    assert mutation.catches("double_read_checked_in")
