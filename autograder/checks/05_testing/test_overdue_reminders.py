# Built by `stylekit build` from sections/05_testing/exercises/overdue_reminders.md:
# edit that file, not this one.
"""Exercise overdue_reminders: the learner's mock-based tests of reminders.send_overdue_reminders."""
from stylekit.grading.checks import check

MIN_TESTS = 2  # overdue loans are reminded; loans not yet overdue are not
MUTANTS = {  # name: (module, reference text, broken text), applied with str.replace by the `mutation` fixture
    "sent_to_member_id": ("reminders", "send_email(loan.member_email,", "send_email(loan.member_id,"),
    "only_first_reminder": ("reminders", "\n    return len(overdue)", "\n        return len(overdue)"),
    "due_today_reminded": ("reminders", "if loan.due < today]", "if loan.due <= today]"),
}


@check(points=1, expect="Write at least 2 tests, all passing on the correct send_overdue_reminders, with send_email "
                        "patched where reminders uses it", pattern="testing.mock-patch")
def test_WHEN_tests_run_on_reference_THEN_enough_tests_pass(mutation):
    run = mutation.reference_run()

    assert run.all_passed
    assert run.collected >= MIN_TESTS


@check(points=1, expect="Your tests should fail when reminders go to the member's id instead of their email address",
       pattern="testing.call-args-list")
def test_WHEN_reminder_sent_to_member_id_THEN_tests_fail(mutation):
    assert mutation.catches("sent_to_member_id")


@check(points=1, expect="Your tests should fail when only the first of several overdue loans gets its reminder",
       pattern="testing.call-args-list")
def test_WHEN_only_first_reminder_sent_THEN_tests_fail(mutation):
    assert mutation.catches("only_first_reminder")


@check(points=1, expect="Your tests should fail when a book due today (not overdue yet) gets a reminder",
       pattern="testing.call-args-list")
def test_WHEN_book_due_today_reminded_THEN_tests_fail(mutation):
    assert mutation.catches("due_today_reminded")


# Other correct implementations, the {equivalent} blocks of sections/05_testing/exercises/overdue_reminders.md,
# as name: {module: source}. The learner's tests must pass on each of them, as on the reference, to catch
# any mutant (grading/mutation.py). Each literal opens with a newline that [1:] cuts: the module's lines stay
# whole.
EQUIVALENTS = {
    "counted_in_the_loop": {"reminders": r'''
"""Overdue reminders: every loan past its due date earns its member one email."""
from dataclasses import dataclass
from datetime import date
from typing import List

from notifications import send_email

REMINDER_SUBJECT = "Your library book is overdue"


@dataclass
class Loan:
    """A book lent to a member, and the day it is due back."""

    member_id: str
    member_email: str
    title: str
    due: date


def send_overdue_reminders(loans: List[Loan], today: date) -> int:
    """Send one reminder per overdue loan, in the order of `loans`, and return how many went out.

    A book due today may still come back today: a loan is overdue only from the day after its due date. The
    reminder goes to the member's email address, under REMINDER_SUBJECT, and names the book and its due date.
    """
    sent = 0
    for loan in loans:
        if today <= loan.due:
            continue  # not overdue yet: the member still has until the end of the due date
        body = f"'{loan.title}' was due back on {loan.due.isoformat()}. Please return or renew it."
        send_email(loan.member_email, REMINDER_SUBJECT, body)
        sent += 1
    return sent
'''[1:]},
    "helper_functions": {"reminders": r'''
"""Reminding members of books they should have brought back already."""
from dataclasses import dataclass
from datetime import date
from typing import List

from notifications import send_email

REMINDER_SUBJECT = "Your library book is overdue"


@dataclass
class Loan:
    """One loan: who borrowed which book, and when it is due back."""

    member_id: str
    member_email: str
    title: str
    due: date


def _reminder_body(loan: Loan) -> str:
    return f"'{loan.title}' was due back on {loan.due.isoformat()}. Please return or renew it."


def _is_overdue(loan: Loan, today: date) -> bool:
    """Overdue from the day after the due date, since a book due today may still be returned today."""
    return today > loan.due


def send_overdue_reminders(loans: List[Loan], today: date) -> int:
    """Email the member of each overdue loan (in the order of `loans`) under REMINDER_SUBJECT; return the number
    of emails sent."""
    reminded = [candidate for candidate in loans if _is_overdue(candidate, today)]
    for overdue_loan in reminded:
        send_email(overdue_loan.member_email, REMINDER_SUBJECT, _reminder_body(overdue_loan))
    return len(reminded)
'''[1:]},
    "messages_first": {"reminders": r'''
"""One email for each loan that has gone past its due date."""
from dataclasses import dataclass
from datetime import date
from typing import List, Tuple

from notifications import send_email

REMINDER_SUBJECT = "Your library book is overdue"
_BODY_TEMPLATE = "'{title}' was due back on {due}. Please return or renew it."


@dataclass
class Loan:
    """A member's loan of one book, due back on `due`."""

    member_id: str
    member_email: str
    title: str
    due: date


def send_overdue_reminders(loans: List[Loan], today: date) -> int:
    """Remind every member whose loan is overdue (the day after its due date, not on it), one email per loan in
    the order of `loans`; the number of emails sent."""
    messages: List[Tuple[str, str]] = [
        (loan.member_email, _BODY_TEMPLATE.format(title=loan.title, due=loan.due.isoformat()))
        for loan in loans
        if today > loan.due
    ]
    for recipient, body in messages:
        send_email(recipient, REMINDER_SUBJECT, body)
    return len(messages)
'''[1:]},
}
