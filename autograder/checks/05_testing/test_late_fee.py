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


# Other correct implementations, the {equivalent} blocks of sections/05_testing/exercises/late_fee.md,
# as name: {module: source}. The learner's tests must pass on each of them, as on the reference, to catch
# any mutant (grading/mutation.py). Each literal opens with a newline that [1:] cuts: the module's lines stay
# whole.
EQUIVALENTS = {
    "charged_first": {"fines": r'''
"""Late fees for library loans: the price of one book that came back after its due date."""

MAX_FEE = 10.0  # currency units: no late book costs more than about what a paperback costs to replace
DAILY_FEE = 0.25  # currency units per day late, from the very first day once the grace days have passed
GRACE_DAYS = 2  # days late that cost nothing, so that a weekend away stays free


class NegativeDaysLate(Exception):
    def __init__(self, days_late: int) -> None:
        super().__init__(f"days_late counts days after the due date and cannot be negative, got {days_late} "
                         f"(a book returned early is 0 days late)")


def late_fee(days_late: int) -> float:
    """The fee for one book brought back `days_late` days after it was due.

    A book later than GRACE_DAYS pays DAILY_FEE for every day it is late, the first days included, up to MAX_FEE;
    one within the grace days pays nothing. The loan system counts an early return as 0 days late, so a negative
    count can only come from wrong loan dates: NegativeDaysLate.
    """
    if days_late > GRACE_DAYS:
        return min(DAILY_FEE * days_late, MAX_FEE)
    if days_late >= 0:
        return 0.0
    raise NegativeDaysLate(days_late)
'''[1:]},
    "named_steps": {"fines": r'''
"""What a member owes for one library book returned after its due date."""

GRACE_DAYS = 2  # a book may be this many days late for free: a weekend away costs nothing
DAILY_FEE = 0.25  # currency units for each day late, counting from day one once the grace days are over
MAX_FEE = 10.0  # currency units: the ceiling of one book's fee, roughly a paperback's replacement price


class NegativeDaysLate(Exception):
    def __init__(self, days_late: int) -> None:
        message = (f"days_late counts days after the due date and cannot be negative, got {days_late} "
                   f"(a book returned early is 0 days late)")
        super().__init__(message)


def late_fee(days_late: int) -> float:
    """The late fee of one book, `days_late` days after its due date (0 for a book returned on time or early).

    Free within GRACE_DAYS; beyond them every day late costs DAILY_FEE, the first ones too; never above MAX_FEE.
    Raises NegativeDaysLate for a negative count, which only wrong loan dates produce.
    """
    if days_late < 0:
        raise NegativeDaysLate(days_late)
    charged_days = days_late if days_late > GRACE_DAYS else 0
    uncapped_fee = charged_days * DAILY_FEE
    return uncapped_fee if uncapped_fee < MAX_FEE else MAX_FEE
'''[1:]},
    "checked_by_helper": {"fines": r'''
"""The library's late fees: one book, brought back some days after it was due."""

GRACE_DAYS = 2  # days late for free: bringing a book back after a weekend away must not cost anything
DAILY_FEE = 0.25  # currency units per day late; once the grace days are over, day one is charged as well
MAX_FEE = 10.0  # currency units: a paperback's replacement price, the most a single late book costs


class NegativeDaysLate(Exception):
    def __init__(self, days_late: int) -> None:
        super().__init__(f"days_late counts days after the due date and cannot be negative, got {days_late} "
                         f"(a book returned early is 0 days late)")


def _refuse_impossible(count: int) -> None:
    """Early returns reach us as 0 days late, so a count below zero means the loan's dates are wrong."""
    if 0 > count:
        raise NegativeDaysLate(count)


def late_fee(days_late: int) -> float:
    """The fee for a book `days_late` days overdue: nothing within GRACE_DAYS, otherwise DAILY_FEE times every day
    late, at most MAX_FEE. NegativeDaysLate for a negative count."""
    _refuse_impossible(days_late)
    if GRACE_DAYS >= days_late:
        return 0.0
    return min(MAX_FEE, days_late * DAILY_FEE)
'''[1:]},
    "cap_by_days": {"fines": r'''
"""Late fees: the amount a member pays for one book handed back after the date it was due."""

GRACE_DAYS = 2  # days late that are forgiven, so that a weekend away costs nothing
DAILY_FEE = 0.25  # currency units per day late, all days counted once the grace days are over
MAX_FEE = 10.0  # currency units: the cap, about what replacing a paperback costs


class NegativeDaysLate(Exception):
    def __init__(self, days_late: int) -> None:
        super().__init__(f"days_late counts days after the due date and cannot be negative, got {days_late} "
                         f"(a book returned early is 0 days late)")


def late_fee(days_late: int) -> float:
    """One late book's fee: free up to GRACE_DAYS late, then DAILY_FEE for each day late including the first,
    capped at MAX_FEE. A negative `days_late` (early returns count as 0) raises NegativeDaysLate."""
    if days_late < 0:
        raise NegativeDaysLate(days_late)
    if days_late <= GRACE_DAYS:
        return 0.0
    if days_late >= MAX_FEE / DAILY_FEE:
        return MAX_FEE  # from this day on the daily fees alone would pass the cap
    return DAILY_FEE * days_late
'''[1:]},
}
