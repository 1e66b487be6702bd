"""The rubric: the patterns an exercise or a lesson part practises, each met, not met yet, or not attempted.

"No finding" is not "met": a three-line test that patches nothing has no finding about patching either. A pattern
is met when the code shows it (the rule that checks it judged something there: see `Rule.saw`) and the rule
found nothing wrong. Code that is empty, still the released stub or still the starting code is "not attempted".
Patterns no rule checks (judgement patterns) are judged by the exercise's checks and by reading.
"""
import ast
import html
from typing import Any, Dict, List, Optional

import ipywidgets

from stylekit.engine import check_source
from stylekit.findings import StyleReport
from stylekit.notebooks.reader import UnreadableNotebook, read_notebook
from stylekit.notebooks.schema import exercise_answer, graded_exercises
from stylekit.patterns import load_catalogue
from stylekit.rules import all_rules
from stylekit.widgets.coach import StyleCoach
from stylekit.widgets.survival import KitWidget, StaticView

MET = "met"
NOT_MET = "not-met"
NOT_ATTEMPTED = "not-attempted"
BY_CHECKS = "judged-by-checks"  # a judgement pattern: no rule decides it
MARKS = {MET: ("✓", "#067647", "met"), NOT_MET: ("✗", "#b42318", "not met yet"),
         NOT_ATTEMPTED: ("○", "#667085", "not attempted"), BY_CHECKS: ("•", "#475467", "judged by the checks")}
PLACEHOLDERS = (ast.Pass, ast.Import, ast.ImportFrom)  # what a released stub holds besides its `raise`


def is_unanswered(source: str, starter: Optional[str] = None) -> bool:
    """True for empty code, the released stub (`raise NotImplementedError()`, imports, comments) or unchanged
    starting code: nothing the learner wrote yet."""
    if starter is not None and source.strip() == starter.strip():
        return True
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return False  # half-written code is an attempt
    for statement in tree.body:
        if isinstance(statement, PLACEHOLDERS):
            continue
        if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant):
            continue  # a docstring or a bare `...`
        if isinstance(statement, ast.Raise) and "NotImplementedError" in ast.unparse(statement):
            continue
        return False
    return True


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


def rubric_html(patterns: List[str], report: Optional[StyleReport]) -> str:
    catalogue = load_catalogue()
    rows = []
    for pattern_id, state in pattern_states(patterns, report).items():
        pattern = catalogue.patterns[pattern_id]
        mark, colour, label = MARKS[state]
        rows.append(f'<li class="stylekit-rubric-item" data-pattern="{pattern_id}" data-state="{state}">'
                    f'<span style="color:{colour}" title="{label}">{mark}</span> '
                    f'<b>{html.escape(pattern.title)}</b> <code>{pattern_id}</code>: {html.escape(pattern.summary)} '
                    f'<i style="color:{colour}">({label})</i></li>')
    return f'<ul class="stylekit-rubric" style="list-style:none;padding-left:0">{"".join(rows)}</ul>'


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
    """The rubric of one exercise of the open exercise notebook, judged on its answer cell as last saved."""

    title = "Rubric"

    def __init__(self, exercise: str) -> None:
        self.exercise = exercise
        self.rubric = Rubric([])
        button = ipywidgets.Button(description="Refresh", icon="refresh", tooltip="Save the notebook first: the "
                                   "rubric reads your answer as saved", layout=ipywidgets.Layout(width="auto"))
        button.on_click(lambda _: self.refresh())
        hint = ipywidgets.HTML("<small>Save the notebook, then refresh: the rubric reads your saved answer.</small>")
        controls = ipywidgets.HBox([button, hint])
        super().__init__(children=[self.rubric, controls], live=[self.rubric, controls])
        self.add_class("stylekit-exercise-rubric")
        self.refresh()

    def refresh(self) -> None:
        from stylekit.grading.selfcheck import NotebookNotFound, current_notebook

        try:
            notebook = read_notebook(current_notebook())
        except NotebookNotFound:
            # Outside a Jupyter session (nbgrader's own run, a script) there is no saved answer to judge.
            self.rubric.value = "<i>Open this notebook in JupyterLab to see the exercise's rubric.</i>"
            return
        except UnreadableNotebook as error:
            self.rubric.value = f"<i>{html.escape(str(error))}</i>"
            return
        specs = {spec.exercise: spec for _, spec in graded_exercises(notebook)}
        spec = specs.get(self.exercise)
        self.rubric.patterns = list(spec.patterns) if spec else []
        self.rubric.update(exercise_answer(notebook, self.exercise))


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
