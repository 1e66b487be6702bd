"""The returns desk: an endless loop that checks in every book the barcode scanner reads."""
from abc import ABC, abstractmethod
from typing import Callable, Optional


class Scanner(ABC):
    """A barcode scanner at the returns desk."""

    @abstractmethod
    def read(self) -> Optional[str]:
        """The next barcode scanned, or None when nothing was scanned before the scanner's timeout."""


def run_returns_desk(scanner: Scanner, check_in: Callable[[str], None]) -> None:
    """Check in every barcode the scanner reads, for as long as the desk is open: this never returns.

    A read that timed out (None) is skipped, and the desk reads again. The scanner sometimes fires twice
    for one book, so a barcode equal to the last barcode read (timeouts in between do not count) is
    checked in only once.
    """
    previous: Optional[str] = None
    while True:
        barcode = scanner.read()
        if barcode is None:
            continue
        if barcode != previous:
            check_in(barcode)
        previous = barcode
