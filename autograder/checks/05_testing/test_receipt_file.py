# Built by `stylekit build` from sections/05_testing/exercises/receipt_file.md:
# edit that file, not this one.
"""Exercise receipt_file: the learner's file-based tests of receipts.write_receipt."""
from stylekit.grading import proxies
from stylekit.grading.checks import check

MIN_TESTS = 2  # a receipt written to a new file, and one written over an old receipt
MUTANTS = {  # name: (module, reference text, broken text), applied with str.replace by the `mutation` fixture
    "amounts_one_decimal": ("receipts", 'f"{title}: {amount:.2f}"', 'f"{title}: {amount:.1f}"'),
    "total_line_missing": ("receipts", '    lines.append(f"Total: {total:.2f}")\n', ""),
    "old_receipt_kept": ("receipts", 'open(path, "w")', 'open(path, "a")'),
}


@check(points=1, expect="Write at least 2 tests, all passing on the correct write_receipt",
       pattern="testing.comprehensive-cases")
def test_WHEN_tests_run_on_reference_THEN_enough_tests_pass(mutation):
    run = mutation.reference_run()

    assert run.all_passed
    assert run.collected >= MIN_TESTS


@check(points=1, expect="Your tests should fail when the amounts are written with one decimal instead of two",
       pattern="testing.comprehensive-cases")
def test_WHEN_amounts_one_decimal_THEN_tests_fail(mutation):
    assert mutation.catches("amounts_one_decimal")


@check(points=1, expect="Your tests should fail when the receipt has no Total line",
       pattern="testing.comprehensive-cases")
def test_WHEN_total_line_missing_THEN_tests_fail(mutation):
    assert mutation.catches("total_line_missing")


@check(points=1, expect="Your tests should fail when a receipt is appended to an old file instead of replacing it",
       pattern="testing.comprehensive-cases")
def test_WHEN_old_receipt_kept_THEN_tests_fail(mutation):
    assert mutation.catches("old_receipt_kept")


@check(points=1, expect="Build the file that several tests need (an old receipt on disk) in a @pytest.fixture that "
                        "two or more tests ask for by name", pattern="testing.fixtures")
def test_WHEN_answer_read_THEN_fixtures_pattern_shown(exercise_source):
    assert proxies.has_shared_fixture(exercise_source)


@check(points=1, expect="Keep a value your tests share, such as the member id, in a module-level TEST_ "
                        "constant used by "
                        "at least two tests", pattern="testing.module-constants")
def test_WHEN_answer_read_THEN_module_constants_pattern_shown(exercise_source):
    assert proxies.has_shared_test_constant(exercise_source)


@check(points=1, expect="Keep the larger test data, the list of fines, as a module-level TEST_ collection rather than "
                        "inside a test", pattern="testing.test-data")
def test_WHEN_answer_read_THEN_test_data_pattern_shown(exercise_source):
    assert proxies.has_module_test_data(exercise_source)
