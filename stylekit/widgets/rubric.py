"""The rubric: the patterns an exercise or a lesson part practises, each met, not met yet, or not attempted.

An exercise's rubric (ExerciseRubric) is the score's own verdict, per pattern: it shows what the exercise's latest
self-check decided (stylekit/grading/pattern_verdicts.py), from the same checks and style findings that gave the
score, and names the failed check or the finding behind every "not met yet". It follows each self-check run in the
kernel, and reads the learner's progress file when the notebook opens.

A lesson's "your turn" coach has no checks, so its rubric (Rubric) judges the code with the rules alone, and "no
finding" is not "met" there: a three-line test that patches nothing has no finding about patching either. A pattern
is met when the code shows it (the rule that checks it judged something there: see `Rule.saw`) and the rule found
nothing wrong. Code that is empty or still the starting code is "not attempted"; patterns no rule checks (judgement
patterns) are left to the exercises' checks.
"""
import html
import time
import weakref
from typing import Any, Dict, List, Optional, Sequence

import ipywidgets

from stylekit.engine import check_source
from stylekit.findings import StyleReport
from stylekit.grading.pattern_verdicts import is_unanswered
from stylekit.verdicts import MET, NOT_ATTEMPTED, NOT_MET, PatternVerdict
from stylekit.patterns import load_catalogue
from stylekit.progress import load_progress, on_exercise_recorded
from stylekit.rules import all_rules
from stylekit.widgets.coach import StyleCoach
from stylekit.widgets.survival import KitWidget, StaticView

BY_CHECKS = "judged-by-checks"  # a judgement pattern: no rule decides it
NOT_CHECKED = "not-checked"  # an exercise not self-checked yet
MARKS = {MET: ("✓", "#067647", "met"), NOT_MET: ("✗", "#b42318", "not met yet"),
         NOT_ATTEMPTED: ("○", "#667085", "not attempted"), BY_CHECKS: ("•", "#475467", "judged by the checks"),
         NOT_CHECKED: ("○", "#667085", "not checked yet")}
__all__ = ["BY_CHECKS", "ExerciseRubric", "MET", "NOT_ATTEMPTED", "NOT_CHECKED", "NOT_MET", "Rubric",
           "exercise_rubric_html", "is_unanswered", "pattern_states", "rubric_html"]


def pattern_states(patterns: List[str], report: Optional[StyleReport]) -> Dict[str, str]:
    """Each pattern's state given the code's report; `None` means the code was not attempted."""
    checked = {rule.pattern for rule in all_rules()}
    states = {}
    for pattern in patterns:
        if report is None:
            states[pattern] = NOT_ATTEMPTED
        elif pattern not in checked:
            states[pattern] = BY_CHECKS
        elif report.has_syntax_error or pattern in report.patterns() or pattern not in report.shown:
            states[pattern] = NOT_MET
        else:
            states[pattern] = MET
    return states


def _item(pattern_id: str, state: str, reasons: Sequence[str] = ()) -> str:
    pattern = load_catalogue().patterns.get(pattern_id)
    title, summary = (pattern.title, pattern.summary) if pattern else (pattern_id, "")
    mark, colour, label = MARKS[state]
    because = "".join(f'<li class="stylekit-rubric-reason">{html.escape(reason)}</li>' for reason in reasons)
    listed = f'<ul style="margin:2px 0 4px 1.5em;padding-left:0">{because}</ul>' if because else ""
    return (f'<li class="stylekit-rubric-item" data-pattern="{html.escape(pattern_id)}" data-state="{state}">'
            f'<span style="color:{colour}" title="{label}">{mark}</span> '
            f'<b>{html.escape(title)}</b> <code>{html.escape(pattern_id)}</code>: {html.escape(summary)} '
            f'<i style="color:{colour}">({label})</i>{listed}</li>')


def _listing(items: Sequence[str]) -> str:
    return f'<ul class="stylekit-rubric" style="list-style:none;padding-left:0">{"".join(items)}</ul>'


def rubric_html(patterns: List[str], report: Optional[StyleReport]) -> str:
    return _listing([_item(pattern, state) for pattern, state in pattern_states(patterns, report).items()])


def exercise_rubric_html(verdicts: Sequence[PatternVerdict], checked_at: Optional[float] = None) -> str:
    """An exercise's verdict per pattern, with the failed checks and findings behind each "not met yet"."""
    when = (f"<small>As of your self-check at {time.strftime('%H:%M:%S', time.localtime(checked_at))}.</small>"
            if checked_at else "")
    return _listing([_item(verdict.pattern, verdict.state, verdict.reasons) for verdict in verdicts]) + when


class Rubric(StaticView, ipywidgets.HTML):
    """`Rubric(patterns, coach=StyleCoach(...))` follows the coach, reusing the report the coach already made;
    `update(source)` judges code directly."""

    title = "Rubric"

    def __init__(self, patterns: List[str], coach: Optional[StyleCoach] = None, source: str = "",
                 starter: Optional[str] = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.patterns = list(patterns)
        self.starter = starter
        self.add_class("stylekit-rubric-widget")
        if coach is None:
            self.update(source)
            return
        self.follow(coach)
        coach.panel.observe(lambda _: self.follow(coach), names="value")  # the panel changes after each check

    @classmethod
    def for_section(cls, section_id: str, coach: Optional[StyleCoach] = None) -> "Rubric":
        """Every pattern of one guide section, e.g. Rubric.for_section("types", coach=coach)."""
        return cls([pattern.id for pattern in load_catalogue().patterns_of(section_id)], coach=coach)

    def follow(self, coach: StyleCoach) -> None:
        attempted = not is_unanswered(coach.source, self.starter)
        self.value = rubric_html(self.patterns, coach.report if attempted else None)

    def update(self, source: str) -> None:
        attempted = not is_unanswered(source, self.starter)
        self.value = rubric_html(self.patterns, check_source(source) if attempted else None)


class ExerciseRubric(KitWidget):
    """The rubric of one exercise: the verdict per pattern of its latest self-check (the check cell above it), the
    same verdict that gave the score. `ExerciseRubric("deploy_guard", section="idioms", patterns=[...])`."""

    title = "Rubric"

    def __init__(self, exercise: str, section: str, patterns: Sequence[str]) -> None:
        self.exercise = exercise
        self.section = section
        self.patterns = list(patterns)
        self.rubric = ipywidgets.HTML()
        self.rubric.add_class("stylekit-rubric-widget")
        button = ipywidgets.Button(description="Refresh", icon="refresh", tooltip="Show the latest self-check's "
                                   "verdict per pattern", layout=ipywidgets.Layout(width="auto"))
        button.on_click(lambda _: self.refresh())
        hint = ipywidgets.HTML("<small>Run the check cell above: this rubric shows its verdict for each pattern, "
                               "and what stands in the way of each one not met yet.</small>")
        controls = ipywidgets.HBox([button, hint])
        super().__init__(children=[self.rubric, controls], live=[self.rubric, controls])
        self.add_class("stylekit-exercise-rubric")
        _live_rubrics.add(self)
        self.refresh()

    def refresh(self) -> None:
        result = load_progress().exercises.get(self.section, {}).get(self.exercise)
        if result is None or not result.patterns:
            self.rubric.value = exercise_rubric_html([PatternVerdict(pattern, NOT_CHECKED)
                                                      for pattern in self.patterns])
            return
        self.rubric.value = exercise_rubric_html(result.patterns, result.checked_at)


_live_rubrics: "weakref.WeakSet[ExerciseRubric]" = weakref.WeakSet()


def _follow_self_check(section: str, exercise: str) -> None:
    for rubric in list(_live_rubrics):
        if (rubric.section, rubric.exercise) == (section, exercise):
            rubric.refresh()


on_exercise_recorded(_follow_self_check)


class YourTurn(KitWidget):
    """A lesson's exercise in place: a coach holding code to fix, and the rubric of the patterns it practises."""

    title = "Your turn"

    def __init__(self, patterns: List[str], starting_code: str) -> None:
        self.coach = StyleCoach(starting_code)
        self.rubric = Rubric(patterns, coach=self.coach, starter=starting_code)
        prompt = ipywidgets.HTML("<b>Your turn.</b> Edit the code until every pattern below is met; the feedback "
                                 "follows each keystroke.")
        # Once the kernel is gone the coach keeps the code (read-only); the rubric's verdicts would be stale.
        super().__init__(children=[prompt, self.coach, self.rubric], live=[prompt, self.rubric])
        self.add_class("stylekit-your-turn")
