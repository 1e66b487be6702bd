# Built by `stylekit build` from sections/05_testing/exercises/late_fee.md:
# edit that file, not this one.
"""Exercise late_fee: the learner's tests of fines.late_fee, run on the reference and on five mutants."""
from stylekit.grading.checks import check

MIN_TESTS = 4  # at least one test per kind of case: happy path, edge, boundary, error
MUTANTS = {  # name: (module, reference text, broken text), applied with str.replace by the `mutation` fixture
    "on_time_raises": ("fines", "if days_late < 0:", "if days_late <= 0:"),
    "last_grace_day_charged": ("fines", "if days_late <= GRACE_DAYS:", "if days_late < GRACE_DAYS:"),
    "first_charged_day_free": ("fines", "if days_late <= GRACE_DAYS:", "if days_late <= GRACE_DAYS + 1:"),
    "fee_not_capped": ("fines", "return min(MAX_FEE, DAILY_FEE * days_late)", "return DAILY_FEE * days_late"),
    "negative_days_free": ("fines", "raise NegativeDaysLate(days_late)", "return 0.0"),
}


@check(points=1, expect="Write at least 4 tests, all passing on the correct late_fee",
       pattern="testing.comprehensive-cases")
def test_WHEN_tests_run_on_reference_THEN_enough_tests_pass(mutation):
    run = mutation.reference_run()

    assert run.all_passed
    assert run.collected >= MIN_TESTS


@check(points=1, expect="Your tests should fail when a book returned on time (0 days late) raises instead of "
                        "costing 0.0",
       pattern="testing.comprehensive-cases")
def test_WHEN_on_time_return_raises_THEN_tests_fail(mutation):
    assert mutation.catches("on_time_raises")


@check(points=1, expect="Your tests should fail when the last free day (2 days late) is charged",
       pattern="testing.comprehensive-cases")
def test_WHEN_last_grace_day_charged_THEN_tests_fail(mutation):
    assert mutation.catches("last_grace_day_charged")


@check(points=1, expect="Your tests should fail when the first charged day (3 days late) is free",
       pattern="testing.comprehensive-cases")
def test_WHEN_first_charged_day_free_THEN_tests_fail(mutation):
    assert mutation.catches("first_charged_day_free")


@check(points=1, expect="Your tests should fail when a very late book costs more than MAX_FEE (10.0)",
       pattern="testing.comprehensive-cases")
def test_WHEN_fee_not_capped_THEN_tests_fail(mutation):
    assert mutation.catches("fee_not_capped")


@check(points=1, expect="Your tests should fail when a negative days_late returns 0.0 instead of raising "
                        "NegativeDaysLate",
       pattern="testing.pytest-raises")
def test_WHEN_negative_days_free_THEN_tests_fail(mutation):
    assert mutation.catches("negative_days_free")
