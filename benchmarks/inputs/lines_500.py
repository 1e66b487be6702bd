# stylekit: ignore-file  realistic benchmark input: it keeps a realistic handful of slips on purpose
import asyncio
import json
import logging
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import Enum
from typing import Any, Dict, Iterator, List, Optional, Type, TypeVar

import requests

logger = logging.getLogger(__name__)

DEFAULT_LOAN_DAYS = 21  # standard loan period agreed with the branches
MAX_RENEWALS = 2
MAX_ACTIVE_LOANS = 8  # per member, reference copies excluded
DAILY_FINE_CENTS = 25
FINE_CAP_CENTS = 1500  # never charge more than the replacement fee
REQUEST_TIMEOUT = 10.0  # seconds

T_Book = TypeVar("T_Book", bound="Book")
T_Member = TypeVar("T_Member", bound="Member")
T_Loan = TypeVar("T_Loan", bound="Loan")
T_Fine = TypeVar("T_Fine", bound="Fine")


class LendingError(Exception):
    """Base class for every error raised by the lending service."""


class BookUnavailable(LendingError):
    def __init__(self, isbn: str, copies_out: int):
        super().__init__(f"Book {isbn} has no free copies ({copies_out} on loan)")
        self.isbn = isbn
        self.copies_out = copies_out


class LoanLimitReached(LendingError):
    def __init__(self, member_id: str, active: int):
        super().__init__(f"Member {member_id} already has {active} of {MAX_ACTIVE_LOANS} loans")
        self.member_id = member_id
        self.active = active


class RenewalRefused(LendingError):
    def __init__(self, loan_id: str, reason: str):
        super().__init__(f"Loan {loan_id} cannot be renewed: {reason}")
        self.loan_id = loan_id
        self.reason = reason


class MemberSuspended(LendingError):
    pass


class CatalogueUnreachable(LendingError):
    pass


class MembershipTier(Enum):
    STANDARD = "standard"
    STUDENT = "student"
    SENIOR = "senior"
    STAFF = "staff"


class LoanStatus(Enum):
    ACTIVE = "active"
    RETURNED = "returned"
    OVERDUE = "overdue"
    LOST = "lost"


@dataclass
class Book:
    isbn: str
    title: str
    author: str
    copies: int = 1
    copies_out: int = 0
    reference_only: bool = False

    @property
    def available(self) -> int:
        return max(self.copies - self.copies_out, 0)

    def to_dict(self) -> Dict[str, Any]:
        return {
            "isbn": self.isbn,
            "title": self.title,
            "author": self.author,
            "copies": self.copies,
            "copiesOut": self.copies_out,
            "referenceOnly": self.reference_only,
        }

    @classmethod
    def from_dict(cls: Type[T_Book], raw: Dict[str, Any]) -> T_Book:
        return cls(
            isbn=raw["isbn"],
            title=raw["title"],
            author=raw.get("author", "Unknown"),
            copies=int(raw.get("copies", 1)),
            copies_out=int(raw.get("copiesOut", 0)),
            reference_only=bool(raw.get("referenceOnly", False)),
        )


@dataclass
class Member:
    member_id: str
    name: str
    email: str
    tier: MembershipTier = MembershipTier.STANDARD
    suspended: bool = False
    joined: date = field(default_factory=date.today)

    def to_dict(self) -> Dict[str, Any]:
        return {
            "memberId": self.member_id,
            "name": self.name,
            "email": self.email,
            "tier": self.tier.value,
            "suspended": self.suspended,
            "joined": self.joined.isoformat(),
        }

    @classmethod
    def from_dict(cls: Type[T_Member], raw: Dict[str, Any]) -> T_Member:
        return cls(
            member_id=raw["memberId"],
            name=raw["name"],
            email=raw["email"],
            tier=MembershipTier(raw.get("tier", "standard")),
            suspended=raw.get("suspended", False),
            joined=date.fromisoformat(raw["joined"]) if "joined" in raw else date.today(),
        )


@dataclass
class Loan:
    loan_id: str
    isbn: str
    member_id: str
    borrowed_on: date
    due_on: date
    returned_on: Optional[date] = None
    renewals: int = 0
    status: LoanStatus = LoanStatus.ACTIVE

    def is_overdue(self, today: Optional[date] = None) -> bool:
        today = today or date.today()
        return self.returned_on is None and today > self.due_on

    def days_late(self, today: Optional[date] = None) -> int:
        end = self.returned_on or today or date.today()
        return max((end - self.due_on).days, 0)

    def to_dict(self) -> Dict[str, Any]:
        return {
            "loanId": self.loan_id,
            "isbn": self.isbn,
            "memberId": self.member_id,
            "borrowedOn": self.borrowed_on.isoformat(),
            "dueOn": self.due_on.isoformat(),
            "returnedOn": self.returned_on.isoformat() if self.returned_on else None,
            "renewals": self.renewals,
            "status": self.status.value,
        }

    @classmethod
    def from_dict(cls: Type[T_Loan], raw: Dict[str, Any]) -> T_Loan:
        returned = raw.get("returnedOn")
        return cls(
            loan_id=raw["loanId"],
            isbn=raw["isbn"],
            member_id=raw["memberId"],
            borrowed_on=date.fromisoformat(raw["borrowedOn"]),
            due_on=date.fromisoformat(raw["dueOn"]),
            returned_on=date.fromisoformat(returned) if returned else None,
            renewals=raw.get("renewals", 0),
            status=LoanStatus(raw.get("status", "active")),
        )


@dataclass
class Fine:
    loan_id: str
    member_id: str
    amount_cents: int
    paid: bool = False
    issued_at: datetime = field(default_factory=datetime.utcnow)

    def to_dict(self) -> Dict[str, Any]:
        return {
            "loanId": self.loan_id,
            "memberId": self.member_id,
            "amountCents": self.amount_cents,
            "paid": self.paid,
            "issuedAt": self.issued_at.isoformat(),
        }

    @classmethod
    def from_dict(cls: Type[T_Fine], raw: Dict[str, Any]) -> T_Fine:
        return cls(
            loan_id=raw["loanId"],
            member_id=raw["memberId"],
            amount_cents=raw["amountCents"],
            paid=raw.get("paid", False),
            issued_at=datetime.fromisoformat(raw["issuedAt"]),
        )


@dataclass
class MemberSummary:
    member: Member
    active_loans: List[Loan]
    outstanding_fines: List[Fine]

    @property
    def owed_cents(self) -> int:
        return sum(fine.amount_cents for fine in self.outstanding_fines if not fine.paid)

    def to_dict(self) -> Dict[str, Any]:
        return {
            "member": self.member.to_dict(),
            "activeLoans": [loan.to_dict() for loan in self.active_loans],
            "outstandingFines": [fine.to_dict() for fine in self.outstanding_fines],
            "owedCents": self.owed_cents,
        }


def loan_period_for(tier: MembershipTier) -> timedelta:
    if tier is MembershipTier.STAFF:
        return timedelta(days=DEFAULT_LOAN_DAYS * 2)
    elif tier is MembershipTier.STUDENT:
        return timedelta(days=DEFAULT_LOAN_DAYS + 7)
    elif tier is MembershipTier.SENIOR:
        return timedelta(days=DEFAULT_LOAN_DAYS + 14)
    else:
        return timedelta(days=DEFAULT_LOAN_DAYS)


def fine_for(loan: Loan, tier: MembershipTier, today: Optional[date] = None) -> int:
    late = loan.days_late(today)
    if late == 0:
        return 0
    rate = DAILY_FINE_CENTS
    if tier in (MembershipTier.STUDENT, MembershipTier.SENIOR):
        rate = DAILY_FINE_CENTS // 2
    elif tier is MembershipTier.STAFF:
        rate = 0
    return min(late * rate, FINE_CAP_CENTS)


def format_cents(cents):
    return "%d.%02d EUR" % (cents // 100, cents % 100)


@contextmanager
def timed(operation: str) -> Iterator[None]:
    started = time.monotonic()
    try:
        yield
    finally:
        elapsed = time.monotonic() - started
        logger.debug(f"{operation} took {elapsed * 1000:.1f} ms")


class CatalogueClient:
    def __init__(self, base_url: str, api_key: str, timeout: Optional[float] = REQUEST_TIMEOUT) -> None:
        self._base_url = base_url.rstrip("/")
        self._timeout = timeout
        self._session = requests.Session()
        self._session.headers.update({"Authorization": f"Bearer {api_key}", "Accept": "application/json"})

    def _url(self, endpoint: str) -> str:
        return f"{self._base_url}/{endpoint.lstrip('/')}"

    def get(self, endpoint: str, params: Optional[Dict[str, Any]] = None) -> Dict[str, Any]:
        url = self._url(endpoint)
        logger.debug(f"GET {url} params={params}")
        try:
            response = self._session.get(url, params=params, timeout=self._timeout)
        except requests.ConnectionError as error:
            raise CatalogueUnreachable(f"Cannot reach {url}") from error
        response.raise_for_status()
        return response.json()

    def post(self, endpoint: str, data: Optional[Dict[str, Any]] = None) -> Dict[str, Any]:
        url = self._url(endpoint)
        logger.debug(f"POST {url} with {data}")
        try:
            response = self._session.post(url, json=data, timeout=self._timeout)
        except requests.ConnectionError as error:
            raise CatalogueUnreachable(f"Cannot reach {url}") from error
        response.raise_for_status()
        return response.json()

    def delete(self, endpoint: str) -> None:
        url = self._url(endpoint)
        logger.debug(f"DELETE {url}")
        response = self._session.delete(url, timeout=self._timeout)
        response.raise_for_status()

    def get_book(self, isbn: str) -> Book:
        return Book.from_dict(self.get(f"books/{isbn}"))

    def get_member(self, member_id: str) -> Member:
        return Member.from_dict(self.get(f"members/{member_id}"))

    def list_loans(self, member_id: str, status: Optional[LoanStatus] = None) -> List[Loan]:
        params = {"memberId": member_id}
        if status is not None:
            params["status"] = status.value
        payload = self.get("loans", params=params)
        return [Loan.from_dict(item) for item in payload.get("items", [])]

    def list_fines(self, member_id: str) -> List[Fine]:
        payload = self.get("fines", params={"memberId": member_id, "paid": "false"})
        return [Fine.from_dict(item) for item in payload.get("items", [])]

    def close(self) -> None:
        self._session.close()

    def __enter__(self) -> "CatalogueClient":
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.close()


class LendingService:
    def __init__(self, client: CatalogueClient, clock: Optional[Any] = None) -> None:
        self._client = client
        self._clock = clock or date.today

    def _today(self) -> date:
        return self._clock()

    def _check_member(self, member: Member) -> None:
        if member.suspended:
            raise MemberSuspended(f"Member {member.member_id} is suspended")

    def borrow(self, isbn: str, member_id: str) -> Loan:
        with timed(f"borrow {isbn}"):
            member = self._client.get_member(member_id)
            self._check_member(member)
            book = self._client.get_book(isbn)
            if book.reference_only:
                raise BookUnavailable(isbn, book.copies_out)
            if book.available == 0:
                raise BookUnavailable(isbn, book.copies_out)
            active = self._client.list_loans(member_id, LoanStatus.ACTIVE)
            if len(active) >= MAX_ACTIVE_LOANS:
                raise LoanLimitReached(member_id, len(active))
            today = self._today()
            payload = {
                "isbn": isbn,
                "memberId": member_id,
                "borrowedOn": today.isoformat(),
                "dueOn": (today + loan_period_for(member.tier)).isoformat(),
            }
            loan = Loan.from_dict(self._client.post("loans", payload))
        logger.info(f"Member {member_id} borrowed {book.title!r}, due {loan.due_on}")
        return loan

    def renew(self, loan: Loan, member: Member) -> Loan:
        if loan.status is not LoanStatus.ACTIVE:
            raise RenewalRefused(loan.loan_id, f"status is {loan.status.value}")
        if loan.renewals >= MAX_RENEWALS:
            raise RenewalRefused(loan.loan_id, "renewal limit reached")
        if loan.is_overdue(self._today()):
            raise RenewalRefused(loan.loan_id, "loan is overdue")
        new_due = loan.due_on + loan_period_for(member.tier)
        raw = self._client.post(
            f"loans/{loan.loan_id}/renew", {"dueOn": new_due.isoformat(), "renewals": loan.renewals + 1}
        )
        return Loan.from_dict(raw)

    def return_book(self, loan: Loan, member: Member) -> Optional[Fine]:
        today = self._today()
        amount = fine_for(loan, member.tier, today)
        self._client.post(f"loans/{loan.loan_id}/return", {"returnedOn": today.isoformat()})
        if amount == 0:
            logger.info(f"Loan {loan.loan_id} returned on time")
            return None
        fine = Fine(loan.loan_id, member.member_id, amount)
        self._client.post("fines", fine.to_dict())
        logger.warning("Loan %s returned %d days late, fined %s" % (loan.loan_id, loan.days_late(today), format_cents(amount)))
        return fine

    def overdue_loans(self, member_id: str) -> List[Loan]:
        today = self._today()
        loans = self._client.list_loans(member_id, LoanStatus.ACTIVE)
        return [loan for loan in loans if loan.is_overdue(today)]

    def summary(self, member_id: str) -> MemberSummary:
        member = self._client.get_member(member_id)
        loans = self._client.list_loans(member_id, LoanStatus.ACTIVE)
        fines = self._client.list_fines(member_id)
        return MemberSummary(member, loans, fines)


async def _fetch_summary(service: LendingService, member_id: str) -> Optional[MemberSummary]:
    try:
        return await asyncio.to_thread(service.summary, member_id)
    except requests.HTTPError as error:
        logger.error(f"Could not load member {member_id}: {error}")
        return None


async def fetch_summaries(service: LendingService, member_ids: List[str]) -> Dict[str, MemberSummary]:
    results = await asyncio.gather(*(_fetch_summary(service, member_id) for member_id in member_ids))
    return {member_id: result for member_id, result in zip(member_ids, results) if result is not None}


def fetch_summaries_sync(service: LendingService, member_ids: List[str]) -> Dict[str, MemberSummary]:
    return asyncio.run(fetch_summaries(service, member_ids))


async def _notify_one(client: CatalogueClient, summary: MemberSummary) -> bool:
    body = {
        "to": summary.member.email,
        "template": "overdue-reminder",
        "variables": {
            "name": summary.member.name,
            "count": len(summary.active_loans),
            "owed": format_cents(summary.owed_cents),
        },
    }
    try:
        await asyncio.to_thread(client.post, "notifications", body)
    except (requests.HTTPError, CatalogueUnreachable) as error:
        logger.warning(f"Reminder to {summary.member.member_id} failed: {error}")
        return False
    return True


async def send_reminders(client: CatalogueClient, summaries: List[MemberSummary]) -> int:
    outcomes = await asyncio.gather(*[_notify_one(client, summary) for summary in summaries])
    sent = sum(1 for outcome in outcomes if outcome)
    logger.info(f"Sent {sent} of {len(summaries)} reminders")
    return sent


def members_to_remind(summaries: Dict[str, MemberSummary], today: date) -> List[MemberSummary]:
    selected = []
    for summary in summaries.values():
        if summary.member.suspended:
            continue
        if any(loan.is_overdue(today) for loan in summary.active_loans):
            selected.append(summary)
    return selected


def run_reminder_batch(service: LendingService, client: CatalogueClient, member_ids: List[str]) -> int:
    summaries = fetch_summaries_sync(service, member_ids)
    due = members_to_remind(summaries, date.today())
    if not due:
        logger.info("No reminders to send today")
        return 0
    return asyncio.run(send_reminders(client, due))


def group_loans_by_member(loans: List[Loan], into: Dict[str, List[Loan]] = {}) -> Dict[str, List[Loan]]:
    for loan in loans:
        into.setdefault(loan.member_id, []).append(loan)
    return into


def total_outstanding(fines: List[Fine]) -> int:
    return sum(fine.amount_cents for fine in fines if not fine.paid)


def popular_titles(loans: List[Loan], books: Dict[str, Book], top: int = 10) -> List[str]:
    counts: Dict[str, int] = {}
    for loan in loans:
        counts[loan.isbn] = counts.get(loan.isbn, 0) + 1
    ranked = sorted(counts.items(), key=lambda item: item[1], reverse=True)[:top]
    return [books[isbn].title if isbn in books else isbn for isbn, _ in ranked]


def export_report(path: str, summaries: Dict[str, MemberSummary]) -> None:
    report = {
        "generatedAt": datetime.utcnow().isoformat(),
        "members": [summary.to_dict() for summary in summaries.values()],
        "totalOwedCents": sum(summary.owed_cents for summary in summaries.values()),
    }
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(report, handle, indent=2)
    logger.info(f"Wrote report for {len(summaries)} members to {path}")


def load_books(path: str) -> Dict[str, Book]:
    with open(path, encoding="utf-8") as handle:
        raw = json.load(handle)
    return {item["isbn"]: Book.from_dict(item) for item in raw}


def parse_tier(value: str) -> MembershipTier:
    try:
        return MembershipTier(value.strip().lower())
    except ValueError:
        logger.warning(f"Unknown tier {value!r}, falling back to standard")
        return MembershipTier.STANDARD
