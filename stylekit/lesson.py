"""What the lesson notebooks import: one small set of helpers, the same in every lesson.

- `show_findings(code)`: the kit's checker on code held in a string (bad examples are read, never run);
- `show_type_errors(code)`: mypy on such code, for slips that only a type checker sees;
- `your_turn(patterns, starting_code)`: a live coach holding code to fix, with a rubric of the patterns;
- `quiz(...)`: a question whose answers (the first and every retry) are recorded in the learner's progress.
The builder (stylekit/curriculum/build.py) writes the calls; lesson sources never define helpers of their own.
"""
import os
from typing import Any, List, Tuple

from stylekit.engine import check_source


def _strip_opening_newline(code: str) -> str:
    """Generated cells start the code on the line after the opening quotes: that line is the code's line 1."""
    return code[1:] if code.startswith("\n") else code


def show_findings(code: str) -> None:
    """Check `code` with every rule of the kit and print each finding's line, rule id and message."""
    findings = check_source(_strip_opening_newline(code)).findings
    if not findings:
        print("The kit has no findings for this code.")
    for finding in findings:
        print(f"line {finding.line}: {finding.rule} {finding.message}")


def show_type_errors(code: str) -> None:
    """Run mypy over `code` and print what it reports, or say that mypy is not installed."""
    try:
        from mypy import api as mypy_api
    except ImportError:
        print("mypy is not installed in this environment (`make lab` installs it).")
        return
    # An empty --config-file keeps the project's mypy settings out; the null device keeps no cache on disk.
    options = ["--config-file=", f"--cache-dir={os.devnull}", "--no-error-summary", "--no-color-output", "-c",
               _strip_opening_newline(code)]
    report, _, _ = mypy_api.run(options)
    print(report.replace("<string>:", "line ").strip() or "mypy reports no errors.")


def your_turn(patterns: List[str], starting_code: str) -> Any:
    """A coach holding `starting_code` for the learner to fix, and the rubric of `patterns` following it."""
    from stylekit.widgets.rubric import YourTurn

    return YourTurn(patterns, _strip_opening_newline(starting_code))


def quiz(question_id: str, section: str, question: str, choices: List[Tuple[str, str]]) -> Any:
    """A multiple-choice question of `section`'s lesson, each choice given with its seal (stylekit/quizzes.py); the
    learner's answers are recorded in their progress."""
    from stylekit.widgets.quiz import Quiz

    return Quiz(question_id, section, question, choices)
