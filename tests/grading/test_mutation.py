"""The mutation checks' verdict (stylekit/grading/mutation.py): a mutant counts as caught only when the learner's
tests pass on the reference and on every equivalent implementation, and fail on the mutant."""
import hashlib

from stylekit.grading.mutation import Mutation

REFERENCE = """GRACE_DAYS = 2


def late_fee(days_late):
    if days_late <= GRACE_DAYS:
        return 0.0
    return 0.25 * days_late
"""
# The same behaviour in other code: it holds neither the mutant's text nor the reference's hash.
EQUIVALENT = """GRACE_DAYS = 2


def late_fee(days_late):
    return 0.25 * days_late if days_late > GRACE_DAYS else 0.0
"""
MUTANTS = {"last_grace_day_charged": ("fines", "days_late <= GRACE_DAYS", "days_late < GRACE_DAYS")}
BEHAVIOUR_TESTS = """from fines import late_fee


def test_WHEN_late_fee_called_AND_last_grace_day_THEN_free():
    assert 0.0 == late_fee(2)
"""
SOURCE_TESTS = """import inspect

import fines


def test_WHEN_fines_read_THEN_last_grace_day_free():
    assert "days_late <= GRACE_DAYS" in inspect.getsource(fines)
"""
HASH_TESTS = """import hashlib
from pathlib import Path

import fines


def test_WHEN_fines_hashed_THEN_reviewed_module():
    assert "{digest}" == hashlib.sha256(Path(fines.__file__).read_bytes()).hexdigest()
"""


def _mutation(tests: str, equivalents: bool = True) -> Mutation:
    return Mutation(tests=tests, modules={"fines": REFERENCE}, mutants=MUTANTS,
                    equivalents={"one_expression": {"fines": EQUIVALENT}} if equivalents else {})


def test_WHEN_tests_check_behaviour_THEN_reference_passes_and_mutant_caught() -> None:
    mutation = _mutation(BEHAVIOUR_TESTS)

    expected = (True, True)
    actual = (mutation.reference_run().all_passed, mutation.catches("last_grace_day_charged"))
    assert expected == actual


def test_WHEN_tests_read_the_source_THEN_reference_passes_but_no_mutant_caught() -> None:
    mutation = _mutation(SOURCE_TESTS)

    expected = (True, False)
    actual = (mutation.reference_run().all_passed, mutation.catches("last_grace_day_charged"))
    assert expected == actual


def test_WHEN_tests_hash_the_file_THEN_reference_passes_but_no_mutant_caught() -> None:
    mutation = _mutation(HASH_TESTS.replace("{digest}", hashlib.sha256(REFERENCE.encode()).hexdigest()))

    expected = (True, False)
    actual = (mutation.reference_run().all_passed, mutation.catches("last_grace_day_charged"))
    assert expected == actual


def test_WHEN_check_module_has_no_equivalents_THEN_source_reading_tests_still_catch() -> None:
    """What the equivalents are for: without them, a test of the text looks like a test of the behaviour."""
    mutation = _mutation(SOURCE_TESTS, equivalents=False)

    expected = True
    actual = mutation.catches("last_grace_day_charged")
    assert expected == actual
