"""One verdict per pattern, read off an exercise's grading verdict: what the rubric and the self-check both show.

A pattern is met when every check tagged with it passed and no style finding of it remains in the answer; the score
counts exactly those two things, so the rubric and the score cannot disagree. A pattern not met yet names what stands
in its way: each failed check by its `expect` message (advice, never the check's code) and the learner's lines it
judged, and each finding by its rule, line and message. A failed check that names no pattern stands in the way of
every pattern of its exercise (it is the exercise's behaviour). An answer that is still the released stub is "not
attempted".
"""
import ast
from typing import Any, Dict, List, Optional, Sequence

from stylekit.grading.model import CheckResult, ExerciseVerdict
from stylekit.notebooks import exercise_answer, graded_exercises
from stylekit.verdicts import LABELS, MARKS, MET, NOT_ATTEMPTED, NOT_MET, PatternVerdict

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


def judged_patterns(verdict: ExerciseVerdict, patterns: Sequence[str]) -> List[str]:
    """The exercise's patterns, then any other pattern one of its checks is tagged with, each once."""
    tagged = [check.pattern for check in verdict.checks if check.pattern]
    return list(dict.fromkeys([*patterns, *tagged]))


def check_reasons(check: CheckResult) -> List[str]:
    """A failed check as reasons: its message, then each of the learner's lines a judgement check judged."""
    return [check.expect, *(f"judged: {line}" for line in check.detail.splitlines())]


def finding_reason(finding: Dict[str, Any]) -> str:
    return f"line {finding.get('line')}: {finding.get('rule')} {finding.get('message')}"


def pattern_verdicts(verdict: ExerciseVerdict, patterns: Sequence[str], attempted: bool = True
                     ) -> List[PatternVerdict]:
    """Each pattern's verdict; `patterns` are the exercise's (its graded cell's metadata), `attempted` False when the
    answer is still the released stub."""
    judged = judged_patterns(verdict, patterns)
    if not attempted:
        return [PatternVerdict(pattern, NOT_ATTEMPTED) for pattern in judged]
    if verdict.error is not None:
        return [PatternVerdict(pattern, NOT_MET, [f"Not graded: {verdict.error}"]) for pattern in judged]
    behaviour_points = verdict.max_points - (verdict.style.points if verdict.style else 0.0)
    if behaviour_points > 0 and not verdict.checks:
        # No check reported at all: the exercise earned nothing for behaviour, so nothing of it can count as met.
        return [PatternVerdict(pattern, NOT_MET, ["Not graded: none of the exercise's checks ran"])
                for pattern in judged]
    untagged = [reason for check in verdict.checks if not check.pattern and not check.passed
                for reason in check_reasons(check)]
    findings = verdict.style.findings if verdict.style else []
    found = []
    for pattern in judged:
        reasons = [reason for check in verdict.checks if check.pattern == pattern and not check.passed
                   for reason in check_reasons(check)]
        reasons += untagged
        reasons += [finding_reason(finding) for finding in findings if finding.get("pattern") == pattern]
        found.append(PatternVerdict(pattern, NOT_MET if reasons else MET, reasons))
    return found


def exercise_pattern_verdicts(notebook: Any, verdict: ExerciseVerdict) -> List[PatternVerdict]:
    """The verdict per pattern of one graded exercise of `notebook` (the notebook that was graded): its patterns from
    its graded cell, "not attempted" when its answer is still the stub."""
    specs = {spec.exercise: spec for _, spec in graded_exercises(notebook)}
    spec = specs.get(verdict.exercise)
    attempted = not is_unanswered(exercise_answer(notebook, verdict.exercise))
    return pattern_verdicts(verdict, spec.patterns if spec else [], attempted)


def render_pattern_verdicts(verdicts: Sequence[PatternVerdict]) -> str:
    """The verdicts as plain text lines, for the self-check's output."""
    lines = ["Patterns:"]
    for verdict in verdicts:
        lines.append(f"  {MARKS[verdict.state]} {verdict.pattern}: {LABELS[verdict.state]}")
        lines.extend(f"      {reason}" for reason in verdict.reasons)
    return "\n".join(lines)
