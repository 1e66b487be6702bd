# Built by `stylekit build` from sections/05_testing/exercises/returns_desk.md:
# edit that file, not this one.
"""Exercise returns_desk: the learner's tests of the endless returns_desk.run_returns_desk loop."""
from stylekit.grading import proxies
from stylekit.grading.checks import check

MIN_TESTS = 2  # books checked in one by one, and the scanner's timeouts and double reads
MUTANTS = {  # name: (module, reference text, broken text), applied with str.replace by the `mutation` fixture
    "timeout_checked_in": ("returns_desk", "        if barcode is None:\n            continue\n", ""),
    "stops_at_timeout": ("returns_desk", "            continue\n", "            return\n"),
    "double_read_checked_in": ("returns_desk", "if barcode != previous:", "if barcode:"),
}


@check(points=1, expect="Write at least 2 tests, all passing on the correct run_returns_desk, each ending the endless "
                        "loop with an exception of the test's own",
       pattern="testing.comprehensive-cases")
def test_WHEN_tests_run_on_reference_THEN_enough_tests_pass(mutation):
    run = mutation.reference_run()

    assert run.all_passed
    assert run.collected >= MIN_TESTS


@check(points=1, expect="Your tests should fail when a timed-out read (None) is handed to check_in",
       pattern="testing.comprehensive-cases")
def test_WHEN_timeout_checked_in_THEN_tests_fail(mutation):
    assert mutation.catches("timeout_checked_in")


@check(points=1, expect="Your tests should fail when the desk stops at the first timed-out read",
       pattern="testing.comprehensive-cases")
def test_WHEN_desk_stops_at_timeout_THEN_tests_fail(mutation):
    assert mutation.catches("stops_at_timeout")


@check(points=1, expect="Your tests should fail when a book the scanner read twice in a row is checked in twice",
       pattern="testing.comprehensive-cases")
def test_WHEN_double_read_checked_in_twice_THEN_tests_fail(mutation):
    assert mutation.catches("double_read_checked_in")


@check(points=1, expect="Write the scanner as a class of your own deriving from mock.Mock that plays back "
                        "scripted reads, "
                        "instead of a side_effect list or lambda", pattern="testing.custom-mocks")
def test_WHEN_answer_read_THEN_custom_mocks_pattern_shown(exercise_source):
    assert proxies.has_mock_subclass(exercise_source)


@check(points=1, expect="Declare an exception class of your tests' own, raise it from the fake when the "
                        "script ends, and "
                        "expect it with pytest.raises to leave the endless loop", pattern="testing.flow-exceptions")
def test_WHEN_answer_read_THEN_flow_exceptions_pattern_shown(exercise_source):
    assert proxies.has_flow_exception(exercise_source)


# Other correct implementations, the {equivalent} blocks of sections/05_testing/exercises/returns_desk.md,
# as name: {module: source}. The learner's tests must pass on each of them, as on the reference, to catch
# any mutant (grading/mutation.py). Each literal opens with a newline that [1:] cuts: the module's lines stay
# whole.
EQUIVALENTS = {
    "skip_in_one_test": {"returns_desk": r'''
"""The returns desk: for as long as the library is open, every book the scanner reads is checked in."""
from abc import ABC, abstractmethod
from typing import Callable, Optional


class Scanner(ABC):
    """The barcode scanner on the returns desk."""

    @abstractmethod
    def read(self) -> Optional[str]:
        """The barcode of the next book scanned, or None when the scanner's timeout passed without one."""


def run_returns_desk(scanner: Scanner, check_in: Callable[[str], None]) -> None:
    """Check in each barcode the scanner reads, until the library closes: this loop never ends by itself.

    Timeouts (None) are skipped. The scanner now and then fires twice for one book, so a barcode equal to the
    last barcode read is skipped as well; a timeout in between does not make it new.
    """
    last_read: Optional[str] = None
    while True:
        barcode = scanner.read()
        if barcode is None or barcode == last_read:
            continue
        check_in(barcode)
        last_read = barcode
'''[1:]},
    "nested_conditions": {"returns_desk": r'''
"""Checking in returned books for as long as the desk is open: a loop around the barcode scanner."""
from abc import ABC, abstractmethod
from typing import Callable, Optional


class Scanner(ABC):
    """A barcode scanner, as the returns desk uses it."""

    @abstractmethod
    def read(self) -> Optional[str]:
        """The next barcode, or None if the scanner timed out before anything was scanned."""


def run_returns_desk(scanner: Scanner, check_in: Callable[[str], None]) -> None:
    """Run the returns desk: read, check in, read again, for ever (it never returns).

    A timed-out read (None) checks nothing in. A barcode equal to the previous barcode read is the scanner
    firing twice for one book, and is checked in once, however many timeouts came between the two reads.
    """
    last_seen: Optional[str] = None
    while True:
        scanned = scanner.read()
        if scanned is not None:
            if scanned != last_seen:
                check_in(scanned)
            last_seen = scanned
'''[1:]},
    "repeat_filter": {"returns_desk": r'''
"""An endless returns desk: whatever the barcode scanner reads is checked in, once per book."""
from abc import ABC, abstractmethod
from typing import Callable, Optional


class Scanner(ABC):
    """The scanner at the returns desk, which reads one barcode at a time."""

    @abstractmethod
    def read(self) -> Optional[str]:
        """The barcode just scanned; None when nothing was scanned before the timeout."""


class _RepeatFilter:
    """Tells a book scanned again from the scanner firing twice: only a change of barcode counts as new."""

    def __init__(self) -> None:
        self.last: Optional[str] = None

    def is_new(self, barcode: str) -> bool:
        new = barcode != self.last
        self.last = barcode
        return new


def run_returns_desk(scanner: Scanner, check_in: Callable[[str], None]) -> None:
    """Check in every barcode the scanner reads while the desk is open; this function never returns.

    Timeouts (None) are passed over without touching the repeat filter, so a double read separated by timeouts is
    still checked in only once.
    """
    repeats = _RepeatFilter()
    while True:
        barcode = scanner.read()
        timed_out = barcode is None
        if not timed_out and repeats.is_new(barcode):
            check_in(barcode)
'''[1:]},
}
