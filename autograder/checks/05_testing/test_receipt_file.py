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


# Other correct implementations, the {equivalent} blocks of sections/05_testing/exercises/receipt_file.md,
# as name: {module: source}. The learner's tests must pass on each of them, as on the reference, to catch
# any mutant (grading/mutation.py). Each literal opens with a newline that [1:] cuts: the module's lines stay
# whole.
EQUIVALENTS = {
    "one_text_block": {"receipts": r'''
"""The plain-text receipt the front desk prints when a member pays fines."""
from pathlib import Path
from typing import List, Tuple

RECEIPT_TITLE = "City Library - fines paid"


def write_receipt(path: str, member_id: str, fines: List[Tuple[str, float]]) -> None:
    """Write the receipt of `fines` (book title, amount paid) to `path`; a file already there is replaced.

    Line by line: RECEIPT_TITLE, "Member: <member_id>", "<title>: <amount>" for each fine in order, and
    "Total: <sum>", every amount with two decimals and every line ended by a newline.
    """
    fine_lines = ""
    for title, amount in fines:
        fine_lines += f"{title}: {format(amount, '.2f')}\n"
    # sum() rather than += in the loop: since Python 3.12 sum() compensates float rounding, so the two can differ
    total = sum(amount for _, amount in fines)
    # The whole text is ready before the file is opened: a fine that cannot be written leaves the old file alone.
    receipt = f"{RECEIPT_TITLE}\nMember: {member_id}\n{fine_lines}Total: {format(total, '.2f')}\n"
    Path(path).write_text(receipt)
'''[1:]},
    "line_generator": {"receipts": r'''
"""Receipts for fines paid at the front desk, as text files."""
from typing import Iterator, List, Tuple

RECEIPT_TITLE = "City Library - fines paid"


def _receipt_lines(member_id: str, fines: List[Tuple[str, float]]) -> Iterator[str]:
    """The receipt's lines, without their newlines."""
    yield RECEIPT_TITLE
    yield f"Member: {member_id}"
    for title, amount in fines:
        yield f"{title}: {amount:.2f}"
    yield f"Total: {sum(amount for _, amount in fines):.2f}"


def write_receipt(path: str, member_id: str, fines: List[Tuple[str, float]]) -> None:
    """Replace whatever is at `path` with the receipt for `fines`, a list of (book title, amount paid): the title,
    the member, one line per fine in order and the total, amounts to two decimals, each line ending in a newline."""
    lines = list(_receipt_lines(member_id, fines))  # all of it before the old file is truncated
    with open(path, mode="w") as receipt:
        receipt.writelines(f"{line}\n" for line in lines)
'''[1:]},
    "joined_rows": {"receipts": r'''
"""Printing receipts for paid fines: one plain-text file per payment."""
from typing import List, Tuple

RECEIPT_TITLE = "City Library - fines paid"


def write_receipt(path: str, member_id: str, fines: List[Tuple[str, float]]) -> None:
    """Write to `path` (replacing any old file) the receipt of `fines`, pairs of book title and amount paid.

    The file holds RECEIPT_TITLE, the member line, one "<title>: <amount>" line per fine in the given order, and
    the total line; amounts have two decimals and the file ends with a newline, like every line in it.
    """
    rows = [f"{name}: {paid:.2f}" for name, paid in fines]
    total_paid = sum(paid for _, paid in fines)
    text = "\n".join([RECEIPT_TITLE, f"Member: {member_id}", *rows, f"Total: {total_paid:.2f}"]) + "\n"
    with open(path, "wt") as receipt_file:
        receipt_file.write(text)
'''[1:]},
}
