# Built by `stylekit build` from sections/03_documentation/exercises/fee_comments.md:
# edit that file, not this one.
"""Hidden checks of exercise fee_comments (§3, docs.why-comments, docs.minimal-docstrings): the fee is unchanged,
no comment retells its line, the three surprising lines say why, and rental_fee has a docstring with a line per
parameter. Comments are read with the proxies of stylekit.grading.proxies, which see words, not truth."""
import re
from datetime import datetime
from typing import Set

from stylekit.grading import proxies
from stylekit.grading.checks import check
from stylekit.grading.source_facts import docstring_of, function_signature

MONDAY = datetime(2024, 6, 3, 9, 0)
SATURDAY = datetime(2024, 6, 8, 9, 0)
# (unlocked_at, docked_at, e_bike, member) -> fee of the inherited code
FEES = [
    ((MONDAY, datetime(2024, 6, 3, 9, 10), False, False), 0.0),
    ((MONDAY, datetime(2024, 6, 3, 10, 15), False, False), 8.0),
    ((MONDAY, datetime(2024, 6, 3, 10, 15), True, True), 9.6),
    ((SATURDAY, datetime(2024, 6, 8, 10, 15), False, True), 8.0),
    ((MONDAY, datetime(2024, 6, 3, 19, 0), False, False), 24.0),
    ((MONDAY, datetime(2024, 6, 5, 10, 0), True, False), 108.0),
]
SURPRISING_LINES = ["math.ceil(minutes", "min(", "weekday()"]
# A docstring line 'name: meaning', alone or inside an Args: block; the meaning is on the same line.
DESCRIBED = re.compile(r"^[ \t]*(\w+)[ \t]*:[ \t]*\S", re.MULTILINE)
SOLUTION_MARKERS = {"BEGIN SOLUTION", "END SOLUTION"}  # nbgrader's, in a source notebook: not the learner's comments


def _described_parameters(docstring: str) -> Set[str]:
    """The names the docstring gives a 'name: meaning' line."""
    return {match.group(1) for match in DESCRIBED.finditer(docstring)}


@check(points=1, expect="Your rental_fee should compute exactly what the inherited code did: free minutes, started "
                        "hours, the day cap, the e-bike factor and the weekday member discount",
       pattern="docs.why-comments")
def test_WHEN_rentals_priced_THEN_same_as_inherited(learner):
    expected = [fee for _, fee in FEES]

    actual = [learner.rental_fee(*arguments) for arguments, _ in FEES]

    assert expected == actual


@check(points=1, expect="Delete the comments that retell their line ('round up the hours', 'e-bikes'): every "
                        "comment left should add a reason the code cannot show", pattern="docs.why-comments")
def test_WHEN_comments_read_THEN_none_retells_its_line(learner, exercise_source):
    expected = (True, [])

    actual = (callable(getattr(learner, "rental_fee", None)),
              [comment for comment in proxies.restating_comments(exercise_source) if comment not in SOLUTION_MARKERS])

    assert expected == actual


@check(points=1, expect="Say why on the three lines a reader would 'fix': the rounding to started hours "
                        "(math.ceil(minutes / 60)), the day cap (min(...)) and the weekday-only discount "
                        "(weekday()), each in a comment on or right above its line", pattern="docs.why-comments")
def test_WHEN_surprising_lines_read_THEN_each_says_why(exercise_source):
    expected = {fragment: True for fragment in SURPRISING_LINES}

    actual = {fragment: proxies.explains_why(exercise_source, fragment) for fragment in SURPRISING_LINES}

    assert expected == actual


@check(points=1, expect="Give rental_fee a triple-quoted docstring with one 'name: meaning' line for each of "
                        "unlocked_at, docked_at, e_bike and member", pattern="docs.minimal-docstrings")
def test_WHEN_docstring_read_THEN_every_parameter_explained(exercise_source):
    expected = []

    described = _described_parameters(docstring_of(exercise_source, "rental_fee") or "")
    actual = [name for name in function_signature(exercise_source, "rental_fee").names() if name not in described]

    assert expected == actual
