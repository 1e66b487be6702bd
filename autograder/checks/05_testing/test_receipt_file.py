"""Exercise receipt_file: the learner's file-based tests of receipts.write_receipt."""
from stylekit.grading.checks import check

MIN_TESTS = 2  # a receipt written to a new file, and one written over an old receipt
MUTANTS = {  # name: (module, reference text, broken text), applied with str.replace by the `mutation` fixture
    "amounts_one_decimal": ("receipts", 'f"{title}: {amount:.2f}"', 'f"{title}: {amount:.1f}"'),
    "total_line_missing": ("receipts", '    lines.append(f"Total: {total:.2f}")\n', ""),
    "old_receipt_kept": ("receipts", 'open(path, "w")', 'open(path, "a")'),
}


@check(points=1, expect="At least 2 tests, all passing on the correct write_receipt", pattern="testing.tmpdir")
def test_WHEN_tests_run_on_reference_THEN_enough_tests_pass(mutation):
    run = mutation.reference_run()

    assert run.all_passed
    assert run.collected >= MIN_TESTS


@check(points=1, expect="A test fails when the amounts are written with one decimal instead of two",
       pattern="testing.tmpdir")
def test_WHEN_amounts_one_decimal_THEN_tests_fail(mutation):
    assert mutation.catches("amounts_one_decimal")


@check(points=1, expect="A test fails when the receipt has no Total line", pattern="testing.tmpdir")
def test_WHEN_total_line_missing_THEN_tests_fail(mutation):
    assert mutation.catches("total_line_missing")


@check(points=1, expect="A test fails when a receipt is appended to an old file instead of replacing it",
       pattern="testing.fixtures")
def test_WHEN_old_receipt_kept_THEN_tests_fail(mutation):
    assert mutation.catches("old_receipt_kept")
