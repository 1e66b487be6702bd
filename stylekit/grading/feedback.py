"""Feedback a learner reads under a graded cell: the score, each check's teaching message, the style findings.

Only what the check author wrote for learners (`expect`) is shown; never a check's code, path or traceback.
The text goes into the autograded notebook nbgrader writes (and its feedback page): it is made printable whole,
since a verdict's findings and messages are data that may quote what the learner's code produced.
"""
from typing import Any, Dict, List

from stylekit.grading.model import ExerciseVerdict
from stylekit.text import printable


def _points(value: float) -> str:
    return f"{value:g}"


def describe_problem(problem: Dict[str, Any]) -> str:
    """A load problem in a learner's words: which cell and line (counted from 1, as JupyterLab shows them) raised
    what, or why the exercise's code was stopped."""
    cell, line = problem.get("cell"), problem.get("line")
    if not isinstance(cell, int):
        return str(problem.get("message", ""))[:500]
    if problem.get("type") == "NotImplementedError" and not problem.get("message"):
        return f"Not answered yet: cell {cell + 1} still raises the starter's NotImplementedError."
    at_line = f", line {line}" if isinstance(line, int) else ""
    where = f"cell {cell + 1}{at_line}"
    return f"Your code raised {problem.get('type')} ({where}): {problem.get('message', '')}"[:500]


def render(verdict: ExerciseVerdict) -> str:
    lines: List[str] = [f"Exercise {verdict.exercise}: {_points(verdict.score)} / {_points(verdict.max_points)} points"]
    if verdict.error is not None:
        lines.append(f"  Not graded: {verdict.error}")
        return printable("\n".join(lines))
    for problem in verdict.problems:  # first: a cell that raised explains every check that failed after it
        lines.append(f"  {describe_problem(problem)}")
    for check in verdict.checks:
        mark = "passed" if check.passed else "FAILED"
        pattern = f" [{check.pattern}]" if check.pattern else ""
        lines.append(f"  {mark}  {check.expect} ({_points(check.earned)}/{_points(check.points)}){pattern}")
        if not check.passed and check.detail:  # what a judgement check looked at: the learner's own lines
            lines.append("      judged:")
            lines += [f"        {line}" for line in check.detail.splitlines()]
    style = verdict.style
    if style is not None and style.points > 0:
        lines.append(f"  Style: {_points(style.earned)} / {_points(style.points)}")
        if style.withheld_reason:
            lines.append(f"    {style.withheld_reason}")
        if style.note:
            lines.append(f"    {style.note}")
        for finding in style.findings:
            lines.append(f"    line {finding.get('line')}: {finding.get('rule')} {finding.get('message')} "
                         f"[{finding.get('pattern')}]")
    return printable("\n".join(lines))
