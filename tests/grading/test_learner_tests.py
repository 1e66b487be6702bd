"""Learner-written tests run against a reference and against a broken implementation."""
from stylekit.grading.learner_tests import run_learner_tests

REFERENCE = "def late_fee(days_late: int) -> float:\n    return 0.0 if days_late <= 2 else 0.5 * (days_late - 2)\n"
NO_GRACE = "def late_fee(days_late: int) -> float:\n    return 0.5 * days_late\n"
TESTS = """from fines import late_fee


def test_WHEN_two_days_late_THEN_no_fee():
    assert 0.0 == late_fee(2)


def test_WHEN_five_days_late_THEN_fee_for_three():
    assert 1.5 == late_fee(5)
"""


def test_WHEN_learner_tests_run_on_reference_THEN_all_pass() -> None:
    run = run_learner_tests(TESTS, {"fines": REFERENCE})

    expected = ({"test_WHEN_two_days_late_THEN_no_fee": True, "test_WHEN_five_days_late_THEN_fee_for_three": True},
                True)
    actual = (run.outcomes, run.all_passed)
    assert expected == actual


def test_WHEN_learner_tests_run_on_mutant_THEN_failure_detected() -> None:
    run = run_learner_tests(TESTS, {"fines": NO_GRACE})

    expected = (True, False)
    actual = (run.any_failed, run.all_passed)
    assert expected == actual


def test_WHEN_learner_source_does_not_parse_THEN_error_not_pass() -> None:
    run = run_learner_tests("def test_broken(:\n", {"fines": REFERENCE})

    expected = (False, False)
    actual = (run.all_passed, run.any_failed)
    assert expected == actual
