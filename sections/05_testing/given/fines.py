"""Late fees for library loans: what a member owes for one book brought back after its due date."""

GRACE_DAYS = 2  # days late a book may come back for free: a weekend away should not cost anything
DAILY_FEE = 0.25  # currency units per day late, counted from the first day once the grace days are over
MAX_FEE = 10.0  # currency units: the most one late book can cost, about a paperback's replacement price


class NegativeDaysLate(Exception):
    def __init__(self, days_late: int) -> None:
        super().__init__(f"days_late counts days after the due date and cannot be negative, got {days_late} "
                         f"(a book returned early is 0 days late)")


def late_fee(days_late: int) -> float:
    """The fee for one book returned `days_late` days after its due date.

    Up to GRACE_DAYS days late is free. Later than that, every day late is charged DAILY_FEE, counting from
    the first day (3 days late costs 3 * DAILY_FEE), and the fee never exceeds MAX_FEE. The loan system
    reports a book returned early as 0 days late, so a negative number means the loan's dates are wrong:
    NegativeDaysLate.
    """
    if days_late < 0:
        raise NegativeDaysLate(days_late)
    if days_late <= GRACE_DAYS:
        return 0.0
    return min(MAX_FEE, DAILY_FEE * days_late)
