"""The progress view: every section of the guide, what is done, the latest scores, style findings and quiz answers,
a chart."""
import html
from pathlib import Path
from typing import Dict, List, Optional

import ipywidgets

from stylekit.notebooks.reader import read_notebook
from stylekit.notebooks.schema import graded_exercises
from stylekit.paths import REPO_ROOT
from stylekit.patterns import Section, load_catalogue
from stylekit.progress import Progress, load_progress
from stylekit.widgets.survival import KitWidget

BAR_WIDTH_PX = 120  # the chart's bar for a fully solved section


def _max_points(root: Path, section: Section) -> Dict[str, float]:
    """Exercise -> points, for the section's released exercises (empty when it has none yet)."""
    points: Dict[str, float] = {}
    for path in sorted((root / "exercises" / section.folder).glob("*.ipynb")):
        for _, spec in graded_exercises(read_notebook(path)):
            points[spec.exercise] = spec.points
    return points


def _quiz_cell(progress: Progress, section: Section) -> str:
    """Right at the first try out of the quizzes answered (what the learner knew), and the retries apart: a retry
    that finds the answer never turns a first answer into a right one."""
    answers = progress.quizzes.get(section.id, {})
    if not answers:
        return "<td>no quiz answered</td>"
    right = sum(1 for answer in answers.values() if answer.first.correct)
    retries = sum(len(answer.retries) for answer in answers.values())
    return (f'<td data-quiz-first-right="{right}" data-quiz-answered="{len(answers)}" data-quiz-retries="{retries}">'
            f'{right} / {len(answers)} quizzes right at the first try, {retries} retr{"y" if retries == 1 else "ies"}'
            f'</td>')


def progress_html(progress: Progress, root: Path = REPO_ROOT) -> str:
    rows: List[str] = []
    for section in load_catalogue().ordered_sections():
        exercises = _max_points(root, section)
        if not exercises:
            rows.append(f'<tr class="stylekit-progress-row" data-section="{section.id}"><td>§{section.number} '
                        f'{html.escape(section.title)}</td>'
                        f'<td colspan="3" style="color:#475467">exercises to come</td>{_quiz_cell(progress, section)}'
                        f'<td></td></tr>')
            continue
        results = progress.exercises.get(section.id, {})
        score = sum(results[name].score for name in exercises if name in results)
        total = sum(exercises.values())
        done = sum(1 for name in exercises if name in results and results[name].done)
        findings = sum(results[name].style_findings for name in exercises if name in results)
        bar = int(BAR_WIDTH_PX * score / total) if total else 0
        rows.append(
            f'<tr class="stylekit-progress-row" data-section="{section.id}" data-done="{done}" data-score="{score:g}">'
            f'<td>§{section.number} {html.escape(section.title)}</td><td>{done} / {len(exercises)} done</td>'
            f'<td>{score:g} / {total:g} points</td><td>{findings} style finding{"s" if findings != 1 else ""}</td>'
            f'{_quiz_cell(progress, section)}'
            f'<td><div style="width:{BAR_WIDTH_PX}px;background:#eaecf0"><div style="width:{bar}px;height:10px;'
            f'background:#12b76a"></div></div></td></tr>')
    return f'<table class="stylekit-progress">{"".join(rows)}</table>'


class ProgressView(KitWidget):
    """Every section at a glance; `refresh()` (or the button) re-reads the latest self-check results."""

    title = "Progress view"

    def __init__(self, root: Optional[Path] = None) -> None:
        self._root = root or REPO_ROOT
        self.table = ipywidgets.HTML()
        button = ipywidgets.Button(description="Refresh", icon="refresh")
        button.on_click(lambda _: self.refresh())
        super().__init__(children=[self.table, button], live=[self.table, button])
        self.add_class("stylekit-progress-view")
        self.refresh()

    def refresh(self) -> None:
        self.table.value = progress_html(load_progress(), self._root)
