"""What `stylekit grade` hands out: grades.csv for the instructor, one feedback page per learner and assignment.

A feedback page teaches and hides: per exercise the score, each check's name and the message its author wrote
for learners, the style findings with their lines, the learner's own cells that raised and the start of what
they printed. Never a check's code, a path on the grading machine or a traceback: none of them is in a
verdict to begin with (model.py), and the page is built from verdicts alone.

Every value put into a page goes through `html_text` (escaped and printable), numbers and lines too: a verdict is
data, and a finding's `line` is whatever the data says.
"""
import csv
import io
from pathlib import Path
from typing import Dict, List

from stylekit.files import write_atomically
from stylekit.grading.feedback import describe_problem
from stylekit.grading.model import ExerciseVerdict, NotebookVerdict, SubmissionResult
from stylekit.text import html_text, printable

CSV_COLUMNS = ("learner", "assignment", "score", "max_score", "status", "reason", "feedback")


def feedback_path(out: Path, learner: str, assignment: str) -> Path:
    return out / "feedback" / learner / f"{assignment}.html"


def write_grades_csv(path: Path, results: List[SubmissionResult]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for result in results:
        score = "" if result.score is None else f"{result.score:g}"  # a failed submission has no score, not 0
        page = feedback_path(Path(), result.learner, result.assignment).as_posix()  # relative to the CSV
        writer.writerow([printable(str(cell)) for cell in (result.learner, result.assignment, score,
                                                           f"{result.max_score:g}", result.status, result.reason,
                                                           page)])
    write_atomically(path, buffer.getvalue())


def read_grades_csv(path: Path) -> List[Dict[str, str]]:
    """The rows of a grades.csv, as column -> text (an empty score: the submission could not be graded)."""
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _points(value: float) -> str:
    return f"{value:g}"


def _exercise_html(verdict: ExerciseVerdict) -> List[str]:
    parts = [f'<section class="exercise" data-exercise="{html_text(verdict.exercise)}">',
             f"<h2>{html_text(verdict.exercise)}: <span class=\"score\">{html_text(_points(verdict.score))}</span> / "
             f"{html_text(_points(verdict.max_points))}</h2>"]
    if verdict.error is not None:
        parts.append(f'<p class="not-graded">Not graded: {html_text(verdict.error)}</p></section>')
        return parts
    if verdict.problems:  # first: a cell that raised, or a stop, explains the checks that failed after it
        parts.append('<ul class="problems">')
        parts += [f"<li>{html_text(describe_problem(problem))}</li>" for problem in verdict.problems]
        parts.append("</ul>")
    parts.append("<ul class=\"checks\">")
    for check in verdict.checks:
        state = "passed" if check.passed else "failed"
        pattern = f' <span class="pattern">[{html_text(check.pattern)}]</span>' if check.pattern else ""
        earned = html_text(f"{_points(check.earned)}/{_points(check.points)}")
        judged = (f'<div class="judged">judged:<pre>{html_text(check.detail)}</pre></div>'
                  if not check.passed and check.detail else "")
        parts.append(f'<li class="{state}"><b>{state}</b> <code>{html_text(check.name)}</code>: '
                     f"{html_text(check.expect)} ({earned}){pattern}{judged}</li>")
    parts.append("</ul>")
    style = verdict.style
    if style is not None and style.points > 0:
        parts.append(f"<h3>Style: {html_text(_points(style.earned))} / {html_text(_points(style.points))}</h3>")
        if style.withheld_reason:
            parts.append(f"<p>{html_text(style.withheld_reason)}</p>")
        if style.note:
            parts.append(f'<p class="note">{html_text(style.note)}</p>')
        if style.findings:
            parts.append('<ul class="findings">')
            parts += [f"<li>line {html_text(finding.get('line'))}: <code>{html_text(finding.get('rule'))}</code> "
                      f"{html_text(finding.get('message'))} [{html_text(finding.get('pattern'))}] "
                      f"(<code>stylekit rule {html_text(finding.get('rule'))}</code> explains it)</li>"
                      for finding in style.findings]
            parts.append("</ul>")
    parts.append("</section>")
    return parts


def _notebook_html(name: str, verdict: NotebookVerdict) -> List[str]:
    parts = [f"<h2>Notebook {html_text(name)}.ipynb</h2>"]
    if verdict.failure:
        parts.append(f'<p class="failure">Not graded: {html_text(verdict.failure)}</p>')
    if verdict.problems:
        parts.append("<p>These cells of yours raised an error when the grader ran them:</p><ul>")
        parts += [f"<li>{html_text(problem)}</li>" for problem in verdict.problems]
        parts.append("</ul>")
    if verdict.output.strip():
        parts.append(f"<p>What your code printed (the start of it):</p><pre>{html_text(verdict.output)}</pre>")
    if not verdict.failure:
        for exercise in verdict.exercises.values():
            parts += _exercise_html(exercise)
    return parts


def render_page(result: SubmissionResult) -> str:
    title = f"{result.assignment}: feedback for {result.learner}"
    score = "not graded" if result.score is None else f"{_points(result.score)} / {_points(result.max_score)}"
    parts = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
             f"<title>{html_text(title)}</title></head><body>", f"<h1>{html_text(title)}</h1>",
             f'<p class="total" data-status="{html_text(result.status)}">Score: {html_text(score)}</p>']
    if result.reason:
        parts.append(f'<p class="reason">{html_text(result.reason)}</p>')
    if result.notes:
        notes = "".join(f"<li>{html_text(note)}</li>" for note in result.notes)
        parts.append(f'<ul class="notes">{notes}</ul>')
    for name, verdict in result.notebooks.items():
        parts += _notebook_html(name, verdict)
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def write_feedback_page(out: Path, result: SubmissionResult) -> Path:
    path = feedback_path(out, result.learner, result.assignment)
    write_atomically(path, render_page(result))
    return path
