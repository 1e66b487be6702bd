# Built by `stylekit build` from sections/03_documentation/exercises/fee_comments.md:
# edit that file, not this one.
"""Hidden checks of exercise fee_comments (§3, docs.why-comments, docs.minimal-docstrings): the fee is unchanged,
no comment retells its line, the three surprising lines say why, and rental_fee has a docstring with a line per
parameter that says what it means. Comments are read with the proxies of stylekit.grading.proxies, for the kind of
reason they give (a unit, a source, a cause, a constraint, a trade-off, a fact): they see words, not truth."""
from datetime import datetime

from stylekit.grading import proxies
from stylekit.grading.checks import check

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


@check(points=1, expect="Your rental_fee should compute exactly what the inherited code did: free minutes, started "
                        "hours, the day cap, the e-bike factor and the weekday member discount",
       pattern="docs.why-comments")
def test_WHEN_rentals_priced_THEN_same_as_inherited(learner):
    expected = [fee for _, fee in FEES]

    actual = [learner.rental_fee(*arguments) for arguments, _ in FEES]

    assert expected == actual


@check(points=1, expect="Delete the comments that retell their line ('round up the hours', 'e-bikes'), however "
                        "long: every comment left should give a reason the code cannot show (a unit, a source, a "
                        "cause, a rule, a trade-off)", pattern="docs.why-comments")
def test_WHEN_comments_read_THEN_none_retells_its_line(learner, exercise_source, judged):
    retelling = [reading for reading in proxies.read_comments(exercise_source) if reading.retells]
    for reading in retelling:
        judged.lines(reading.lines)
    expected = (True, [])

    actual = (callable(getattr(learner, "rental_fee", None)), [reading.text for reading in retelling])

    assert expected == actual


@check(points=1, expect="Say why on the three lines a reader would 'fix': the rounding to started hours "
                        "(math.ceil(minutes / 60)), the day cap (min(...)) and the weekday-only discount "
                        "(weekday()), each in a comment on or right above its line that gives the shop's reason, "
                        "not what the line does", pattern="docs.why-comments")
def test_WHEN_surprising_lines_read_THEN_each_says_why(exercise_source, judged):
    expected = {fragment: True for fragment in SURPRISING_LINES}

    actual = {fragment: proxies.explains_why(exercise_source, fragment) for fragment in SURPRISING_LINES}

    for fragment, explained in actual.items():
        line = proxies.code_line_of(exercise_source, fragment)
        if not explained and line is not None:
            judged.lines([*proxies.comment_lines_for(exercise_source, fragment), line])
    assert expected == actual


@check(points=1, expect="Give rental_fee a triple-quoted docstring with a line for each of unlocked_at, docked_at, "
                        "e_bike and member that says what it means ('name: meaning', an Args: block or :param name: "
                        "lines), not just its name or type again", pattern="docs.minimal-docstrings")
def test_WHEN_docstring_read_THEN_every_parameter_explained(exercise_source, judged):
    missing, empty = proxies.silent_parameters(exercise_source, "rental_fee")
    lines = proxies.parameter_lines(exercise_source, "rental_fee")
    judged.lines([lines[name] for name in empty if name in lines] + ([lines[""]] if missing and "" in lines else []))

    assert proxies.has_param_docstring(exercise_source, "rental_fee")
