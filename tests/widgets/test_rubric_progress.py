"""The exercise rubric ticks what the current code satisfies; the progress view sums the latest self-checks."""
import re
from pathlib import Path

import pytest

from stylekit.progress import PROGRESS_ENV, load_progress, record
from stylekit.widgets import ProgressView, Rubric, StyleCoach
from tests.conftest import REPO_ROOT

PATTERNS = ["types.annotations", "types.typing-constructs", "types.runtime-checks"]


def _states(rubric: Rubric) -> dict:
    return dict(re.findall(r'data-pattern="([\w.-]+)" data-state="(\w+)"', rubric.value))


def test_WHEN_rubric_follows_coach_THEN_ticks_update_as_code_changes() -> None:
    coach = StyleCoach("def area(width, height):\n    return width * height")
    rubric = Rubric(PATTERNS, coach=coach)
    before = _states(rubric)

    coach.editor.value = "def area(width: float, height: float) -> float:\n    return width * height"

    expected = ({"types.annotations": "open", "types.typing-constructs": "met", "types.runtime-checks": "practise"},
                {"types.annotations": "met", "types.typing-constructs": "met", "types.runtime-checks": "practise"})
    actual = (before, _states(rubric))
    assert expected == actual


def test_WHEN_code_does_not_parse_THEN_no_pattern_ticked() -> None:
    rubric = Rubric(PATTERNS, source="def area(width: float")

    expected = {"types.annotations": "open", "types.typing-constructs": "open", "types.runtime-checks": "practise"}
    actual = _states(rubric)
    assert expected == actual


def test_WHEN_results_recorded_THEN_progress_view_shows_done_scores_and_findings(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(PROGRESS_ENV, str(tmp_path / "progress.json"))
    record("02_type_system", "parcel_quote", 5.0, 5.0, 0)
    record("02_type_system", "loan_factory", 4.0, 6.0, 2)

    view = ProgressView(REPO_ROOT)

    row = re.search(r'data-section="types" data-done="(\d+)" data-score="([\d.]+)"', view.table.value)
    expected = (("1", "9"), True, 2)
    actual = (row.groups() if row else None, "2 style findings" in view.table.value,
              len(load_progress()["02_type_system"]))
    assert expected == actual


def test_WHEN_progress_file_is_corrupt_THEN_view_still_renders_empty(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "progress.json"
    path.write_text("{not json")
    monkeypatch.setenv(PROGRESS_ENV, str(path))

    view = ProgressView(REPO_ROOT)

    assert 'data-section="types" data-done="0" data-score="0"' in view.table.value
