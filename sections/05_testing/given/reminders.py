"""Overdue reminders: one email for every loan that is past its due date."""
from dataclasses import dataclass
from datetime import date
from typing import List

from notifications import send_email

REMINDER_SUBJECT = "Your library book is overdue"


@dataclass
class Loan:
    """One book on loan to one member."""

    member_id: str
    member_email: str
    title: str
    due: date


def send_overdue_reminders(loans: List[Loan], today: date) -> int:
    """Email the member of every overdue loan, in the order of `loans`; return how many emails were sent.

    A loan is overdue from the day after its due date: a book due today may still come back today. Each
    email goes to the member's email address, with REMINDER_SUBJECT as subject and a body naming the book
    and its due date.
    """
    overdue = [loan for loan in loans if loan.due < today]
    for loan in overdue:
        body = f"'{loan.title}' was due back on {loan.due.isoformat()}. Please return or renew it."
        send_email(loan.member_email, REMINDER_SUBJECT, body)
    return len(overdue)
