"""Learner-written tests run against a reference and against a broken implementation."""
from stylekit.grading.learner_tests import run_learner_tests, run_many

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


FEATURES = '''import logging
from unittest import TestCase, mock


class WHEN_unittest_class_THEN_runs(TestCase):
    def setUp(self):
        self.fee = late_fee(5)

    def test_WHEN_five_days_THEN_fee(self):
        self.assertEqual(1.5, self.fee)


@pytest.fixture
def days():
    return 2


@pytest.mark.parametrize("extra", [0, 0.0])
def test_WHEN_fixtures_used_THEN_they_work(extra, days, tmp_path, monkeypatch, capsys, caplog, recwarn):
    monkeypatch.setattr(logging, "raiseExceptions", False)
    (tmp_path / "note.txt").write_text("x")
    print("printed")
    logging.getLogger("fees").warning("logged")
    with mock.patch("fines.late_fee", return_value=9.0):
        import fines
        assert 9.0 == fines.late_fee(1)
    assert (0.0, "printed", True) == (late_fee(days) + extra, capsys.readouterr().out.strip(), "logged" in caplog.text)
'''


def test_WHEN_learner_tests_use_unittest_and_pytest_fixtures_THEN_all_run_and_pass() -> None:
    run = run_learner_tests("from fines import late_fee\n" + FEATURES, {"fines": REFERENCE})

    expected = {"test_WHEN_five_days_THEN_fee": True, "test_WHEN_fixtures_used_THEN_they_work[0]": True,
                "test_WHEN_fixtures_used_THEN_they_work[0.0]": True}
    assert expected == run.outcomes


def test_WHEN_learner_test_never_ends_THEN_error_names_the_time_limit() -> None:
    run = run_learner_tests("def test_WHEN_waiting_THEN_forever():\n    while True:\n        pass\n",
                            {"fines": REFERENCE}, timeout=2)

    expected = ("the tests ran longer than 2 s", False)
    actual = (run.error, run.all_passed)
    assert expected == actual


def test_WHEN_many_runs_THEN_each_gets_its_own_modules() -> None:
    runs = run_many([(TESTS, {"fines": REFERENCE}), (TESTS, {"fines": NO_GRACE}), (TESTS, {"fines": REFERENCE})])

    expected = [True, False, True]
    actual = [run.all_passed for run in runs]
    assert expected == actual
