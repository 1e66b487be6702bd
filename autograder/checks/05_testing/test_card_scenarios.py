# Built by `stylekit build` from sections/05_testing/exercises/card_scenarios.md:
# edit that file, not this one.
"""Exercise card_scenarios: the learner's scenario tests of cards.LibraryCard.can_borrow at each limit."""
from stylekit.grading import proxies
from stylekit.grading.checks import check

MIN_TESTS = 2  # a card in good standing, and the scenarios at the limits
MUTANTS = {  # name: (module, reference text, broken text), applied with str.replace by the `mutation` fixture
    "expiry_day_refused": ("cards", "today <= self.expires", "today < self.expires"),
    "loan_limit_exceeded": ("cards", "self.loans_held < MAX_LOANS", "self.loans_held <= MAX_LOANS"),
    "fine_limit_refused": ("cards", "self.fines_owed <= FINE_LIMIT", "self.fines_owed < FINE_LIMIT"),
}


@check(points=1, expect="Write at least 2 tests, all passing on the correct LibraryCard",
       pattern="testing.comprehensive-cases")
def test_WHEN_tests_run_on_reference_THEN_enough_tests_pass(mutation):
    run = mutation.reference_run()

    assert run.all_passed
    assert run.collected >= MIN_TESTS


@check(points=1, expect="Your tests should fail when a card is refused on its expiry day (it is valid until "
                        "that day ends)",
       pattern="testing.comprehensive-cases")
def test_WHEN_expiry_day_refused_THEN_tests_fail(mutation):
    assert mutation.catches("expiry_day_refused")


@check(points=1, expect="Your tests should fail when a member already holding MAX_LOANS books may borrow another",
       pattern="testing.comprehensive-cases")
def test_WHEN_loan_limit_exceeded_THEN_tests_fail(mutation):
    assert mutation.catches("loan_limit_exceeded")


@check(points=1, expect="Your tests should fail when a member owing exactly FINE_LIMIT is refused",
       pattern="testing.comprehensive-cases")
def test_WHEN_fine_limit_refused_THEN_tests_fail(mutation):
    assert mutation.catches("fine_limit_refused")


@check(points=1, expect="Group the tests of LibraryCard in one test class (TestLibraryCard) with their common "
                        "card built "
                        "in setup_method, as the house organises tests of one production class",
       pattern="testing.test-classes")
def test_WHEN_answer_read_THEN_test_classes_pattern_shown(exercise_source):
    assert proxies.has_test_class(exercise_source)


# Other correct implementations, the {equivalent} blocks of sections/05_testing/exercises/card_scenarios.md,
# as name: {module: source}. The learner's tests must pass on each of them, as on the reference, to catch
# any mutant (grading/mutation.py). Each literal opens with a newline that [1:] cuts: the module's lines stay
# whole.
EQUIVALENTS = {
    "early_refusals": {"cards": r'''
"""A member's library card, and whether it lets them borrow one more book on a given day."""
from dataclasses import dataclass
from datetime import date

FINE_LIMIT = 5.0  # currency units of unpaid fines a member can owe and still borrow
MAX_LOANS = 5  # books held at once: a sixth waits until one of them is returned


@dataclass
class LibraryCard:
    """A member's card, valid through the whole of its expiry day."""

    member_id: str
    expires: date
    loans_held: int = 0
    fines_owed: float = 0.0

    def can_borrow(self, today: date) -> bool:
        """Whether the member may borrow another book today: the card has not expired (the expiry day still
        counts), fewer than MAX_LOANS books are out, and the fines owed are FINE_LIMIT or less."""
        if today > self.expires:
            return False
        if self.loans_held >= MAX_LOANS:
            return False
        return FINE_LIMIT >= self.fines_owed
'''[1:]},
    "refusal_list": {"cards": r'''
"""Library cards: may the holder take one more book home today?"""
from dataclasses import dataclass
from datetime import date

MAX_LOANS = 5  # the most books one member holds at a time
FINE_LIMIT = 5.0  # currency units: owing more than this stops a member from borrowing


@dataclass
class LibraryCard:
    """One member's card; it stays valid until its expiry day is over."""

    member_id: str
    expires: date
    loans_held: int = 0
    fines_owed: float = 0.0

    def can_borrow(self, today: date) -> bool:
        """True unless a reason to refuse applies: the card expired before today, MAX_LOANS books are already
        out, or the member owes more than FINE_LIMIT."""
        refusals = [
            today > self.expires,
            self.loans_held >= MAX_LOANS,
            self.fines_owed > FINE_LIMIT,
        ]
        return not any(refusals)
'''[1:]},
    "helper_methods": {"cards": r'''
"""Whether a library card's holder may borrow another book."""
from dataclasses import dataclass
from datetime import date

MAX_LOANS = 5  # books a member may have out at once; the next one waits for a return
FINE_LIMIT = 5.0  # currency units of unpaid fines still compatible with borrowing


@dataclass
class LibraryCard:
    """A member's card, usable up to and including the day it expires."""

    member_id: str
    expires: date
    loans_held: int = 0
    fines_owed: float = 0.0

    def can_borrow(self, today: date) -> bool:
        """One more book today? Only with a valid card, room under MAX_LOANS and fines within FINE_LIMIT."""
        return all((self._valid_on(today), self._has_room(), self._fines_within_limit()))

    def _valid_on(self, day: date) -> bool:
        return day <= self.expires  # the expiry day itself is still a valid day

    def _has_room(self) -> bool:
        return MAX_LOANS > self.loans_held

    def _fines_within_limit(self) -> bool:
        return FINE_LIMIT >= self.fines_owed
'''[1:]},
}
