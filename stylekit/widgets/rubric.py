"""The exercise rubric: the patterns an exercise practises, each ticked when the current code satisfies it."""
import html
from typing import Any, List, Optional

import ipywidgets

from stylekit.engine import check_source
from stylekit.patterns import load_catalogue
from stylekit.rules import all_rules
from stylekit.widgets.coach import StyleCoach


def rubric_html(patterns: List[str], source: str) -> str:
    catalogue = load_catalogue()
    checked = {rule.pattern for rule in all_rules()}
    report = check_source(source) if source.strip() else None
    parses = report is not None and not report.has_syntax_error
    found = set(report.patterns()) if report is not None else set()
    rows = []
    for pattern_id in patterns:
        pattern = catalogue.patterns[pattern_id]
        if pattern_id not in checked:
            state, mark = "practise", "•"  # judged by the exercise's checks or by reading, not by a rule
        elif parses and pattern_id not in found:
            state, mark = "met", "✓"
        else:
            state, mark = "open", "✗"
        rows.append(f'<li class="stylekit-rubric-item" data-pattern="{pattern_id}" data-state="{state}">{mark} '
                    f'<b>{html.escape(pattern.title)}</b> <code>{pattern_id}</code>: '
                    f'{html.escape(pattern.summary)}</li>')
    return f'<ul class="stylekit-rubric" style="list-style:none;padding-left:0">{"".join(rows)}</ul>'


class Rubric(ipywidgets.HTML):
    """`Rubric(patterns, coach=StyleCoach(...))` follows the coach as the learner types; `update(source)` otherwise."""

    def __init__(self, patterns: List[str], coach: Optional[StyleCoach] = None, source: str = "",
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.patterns = list(patterns)
        self.update(coach.source if coach is not None else source)
        if coach is not None:
            coach.editor.observe(lambda change: self.update(change["new"]), names="value")

    @classmethod
    def for_section(cls, section_id: str, coach: Optional[StyleCoach] = None) -> "Rubric":
        """Every pattern of one guide section, e.g. Rubric.for_section("types", coach=coach)."""
        patterns = [pattern.id for pattern in load_catalogue().patterns.values() if pattern.section == section_id]
        return cls(patterns, coach=coach)

    def update(self, source: str) -> None:
        self.value = rubric_html(self.patterns, source)


class ExerciseRubric(ipywidgets.VBox):
    """The rubric of one exercise of the open exercise notebook, judged on its answer cell as last saved."""

    def __init__(self, exercise: str) -> None:
        self.exercise = exercise
        self.rubric = Rubric([])
        button = ipywidgets.Button(description="Save, then refresh", icon="refresh")
        button.on_click(lambda _: self.refresh())
        super().__init__(children=[self.rubric, button])
        self.add_class("stylekit-exercise-rubric")
        self.refresh()

    def refresh(self) -> None:
        import nbformat

        from stylekit.grading.cells import exercise_answer, graded_exercises
        from stylekit.grading.selfcheck import NotebookNotFound, current_notebook

        try:
            notebook = nbformat.read(str(current_notebook()), as_version=4)
        except NotebookNotFound:
            # Outside a Jupyter session (nbgrader's own run, a script) there is no saved answer to judge.
            self.rubric.value = "<i>Open this notebook in JupyterLab to see the exercise's rubric.</i>"
            return
        specs = {spec.exercise: spec for _, spec in graded_exercises(notebook)}
        answer = exercise_answer(notebook, self.exercise)
        spec = specs.get(self.exercise)
        self.rubric.patterns = list(spec.patterns) if spec else []
        self.rubric.update(answer)
