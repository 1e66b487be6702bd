"""What hidden check modules use: the `check` marker and, through the plugin, the `learner` fixtures.

A hidden check is an ordinary pytest test:

    @check(points=1, expect="quote_shipping(0) costs the base fee of 4.5", pattern="types.annotations")
    def test_WHEN_parcel_empty_THEN_base_fee(learner):
        assert 4.5 == learner.quote_shipping(0)

`expect` is what the learner reads when the check fails: what was expected, in words. The test's code,
its assertion and its traceback are never shown.

A judgement check (one that reads the learner's source for a pattern) also names what it judged, through the
`judged` fixture (a `Judged`): the learner's own lines and where they are, shown under `expect` when the check
fails ("line 12: # round up the hours"). `expect` cannot hold them (it is written before any learner exists), and
`judged` cannot hold an expected value: it takes line numbers and quotes the learner's text itself.
"""
from typing import Any, Callable, Iterable, List, Optional, Sequence, Tuple

import pytest

MARKER = "stylekit_check"
# Fixtures every check module may ask for beyond the grading session's own (`learner`, `exercise_source`,
# `learner_source`, `judged`): `mutation`, for exercises whose learners write the tests.
CHECK_PLUGINS = ["stylekit.grading.mutation"]
JUDGED_LINES_CAP = 8  # lines a failed check's detail quotes: enough to find them, not a copy of the answer
JUDGED_LINE_CHARS = 160  # of each quoted line


def check(points: float, expect: str, pattern: Optional[str] = None) -> Callable[[Any], Any]:
    return getattr(pytest.mark, MARKER)(points=points, expect=expect, pattern=pattern)


def _quoted(text: str) -> str:
    text = text.strip()
    return text if len(text) <= JUDGED_LINE_CHARS else f"{text[:JUDGED_LINE_CHARS - 1]}…"


class Judged:
    """The lines of the learner's a judgement check looked at, as plain text: `line(12)` quotes line 12 of the
    exercise's answer (the `exercise_source` fixture's numbering), `file_line(path, source, 3)` line 3 of a file the
    learner's code wrote. Where an answer spans several cells, a line is named by its cell as well."""

    def __init__(self, answer: str, cells: Sequence[Tuple[int, str]] = ()) -> None:
        self._answer_lines = answer.splitlines()
        # Where each solution cell starts in the joined answer (cells are joined with one blank line between them).
        self._cells: List[Tuple[int, int]] = []
        first = 1
        for index, source in cells:
            self._cells.append((index, first))
            first += len(source.splitlines()) + 1
        self.entries: List[str] = []

    def _where(self, number: int) -> str:
        if len(self._cells) <= 1:
            return f"line {number}"
        index, first = max(((index, first) for index, first in self._cells if first <= number),
                           key=lambda cell: cell[1], default=self._cells[0])
        return f"cell {index + 1}, line {number - first + 1}"

    def _add(self, entry: str) -> None:
        if entry not in self.entries:
            self.entries.append(entry)

    def line(self, number: int) -> None:
        """Line `number` (from 1) of the answer, quoted."""
        if 1 <= number <= len(self._answer_lines):
            self._add(f"{self._where(number)}: {_quoted(self._answer_lines[number - 1])}")

    def lines(self, numbers: Iterable[int]) -> None:
        for number in numbers:
            self.line(number)

    def file_line(self, path: str, source: str, number: int) -> None:
        """Line `number` (from 1) of `source`, the text of the learner's file `path`, quoted."""
        lines = source.splitlines()
        if 1 <= number <= len(lines):
            self._add(f"{path}, line {number}: {_quoted(lines[number - 1])}")

    def file(self, path: str) -> None:
        """A file of the learner's judged as a whole (a module that holds too much, a name that says nothing)."""
        self._add(path)

    @property
    def detail(self) -> str:
        shown = self.entries[:JUDGED_LINES_CAP]
        more = len(self.entries) - len(shown)
        return "\n".join(shown + ([f"... and {more} more"] if more > 0 else []))
