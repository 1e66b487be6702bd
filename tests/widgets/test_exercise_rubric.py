"""An exercise's rubric shows the latest self-check's verdict per pattern, the one that gave the score, and follows
each new self-check in the kernel; before any, it says the exercise is not checked yet."""
import re
from pathlib import Path
from typing import Dict

import pytest

from stylekit.verdicts import MET, NOT_MET, PatternVerdict
from stylekit.progress import PROGRESS_ENV, record
from stylekit.widgets import ExerciseRubric

PATTERNS = ["idioms.named-conditions", "idioms.conditional-assignment"]
REASON = "line 12: SK0607 assign `target` once, with a conditional expression"


@pytest.fixture(autouse=True)
def progress_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "progress.json"
    monkeypatch.setenv(PROGRESS_ENV, str(path))
    return path


def _states(rubric: ExerciseRubric) -> Dict[str, str]:
    return dict(re.findall(r'data-pattern="([\w.-]+)" data-state="([\w-]+)"', rubric.rubric.value))


def test_WHEN_exercise_not_checked_yet_THEN_every_pattern_says_so() -> None:
    rubric = ExerciseRubric("deploy_guard", section="idioms", patterns=PATTERNS)

    expected = {pattern: "not-checked" for pattern in PATTERNS}
    assert expected == _states(rubric)


def test_WHEN_self_check_recorded_THEN_open_rubric_shows_its_verdicts_and_reasons() -> None:
    rubric = ExerciseRubric("deploy_guard", section="idioms", patterns=PATTERNS)
    other = ExerciseRubric("build_report", section="idioms", patterns=["idioms.comprehensions"])

    record("idioms", "deploy_guard", 5.0, 6.0, 1, [PatternVerdict(PATTERNS[0], MET),
                                                  PatternVerdict(PATTERNS[1], NOT_MET, [REASON])])

    expected = ({PATTERNS[0]: MET, PATTERNS[1]: NOT_MET}, True, {"idioms.comprehensions": "not-checked"})
    actual = (_states(rubric), "SK0607 assign `target` once" in rubric.rubric.value, _states(other))
    assert expected == actual


def test_WHEN_rubric_opened_after_a_self_check_THEN_it_reads_the_verdicts_from_progress() -> None:
    record("idioms", "deploy_guard", 6.0, 6.0, 0, [PatternVerdict(pattern, MET) for pattern in PATTERNS])

    rubric = ExerciseRubric("deploy_guard", section="idioms", patterns=PATTERNS)

    expected = {pattern: MET for pattern in PATTERNS}
    assert expected == _states(rubric)
