"""The lesson rubric: met only where the code shows a pattern and no rule objects, not attempted on a stub; the
progress view sums the latest self-checks and quiz answers. (Quizzes: test_quiz.py; an exercise's rubric:
test_exercise_rubric.py.)"""
import json
import re
from pathlib import Path

import pytest

from stylekit.progress import PROGRESS_ENV, load_progress, record, record_quiz
from stylekit.widgets import ProgressView, Rubric, StyleCoach
from tests.conftest import REPO_ROOT

PATTERNS = ["types.annotations", "types.typing-constructs", "types.runtime-checks"]
TESTING = ["testing.mock-patch", "testing.call-args-list", "testing.pytest-raises", "testing.tmpdir",
           "testing.when-then-names"]


def _states(rubric: Rubric) -> dict:
    return dict(re.findall(r'data-pattern="([\w.-]+)" data-state="([\w-]+)"', rubric.value))


def test_WHEN_rubric_follows_coach_THEN_states_update_as_code_changes() -> None:
    coach = StyleCoach("def area(width, height):\n    return width * height")
    rubric = Rubric(PATTERNS, coach=coach)
    before = _states(rubric)

    coach.editor.value = "def area(width: float, height: float) -> List[float]:\n    return [width * height]"

    expected = ({"types.annotations": "not-met", "types.typing-constructs": "not-met",
                 "types.runtime-checks": "judged-by-checks"},
                {"types.annotations": "met", "types.typing-constructs": "met",
                 "types.runtime-checks": "judged-by-checks"})
    actual = (before, _states(rubric))
    assert expected == actual


def test_WHEN_stub_judged_THEN_every_pattern_not_attempted() -> None:
    rubric = Rubric(TESTING + ["testing.test-classes"], source="from fines import late_fee\n\n# YOUR CODE HERE\n"
                                                              "raise NotImplementedError()")

    expected = {pattern: "not-attempted" for pattern in TESTING + ["testing.test-classes"]}
    assert expected == _states(rubric)


def test_WHEN_small_test_uses_none_of_the_patterns_THEN_none_met() -> None:
    source = "def test_WHEN_fee_asked_THEN_zero():\n    assert 0.0 == late_fee(0)\n"

    rubric = Rubric(TESTING, source=source)

    expected = {"testing.mock-patch": "not-met", "testing.call-args-list": "not-met",
                "testing.pytest-raises": "not-met", "testing.tmpdir": "not-met", "testing.when-then-names": "met"}
    assert expected == _states(rubric)


def test_WHEN_starting_code_unchanged_THEN_not_attempted_and_edit_makes_it_judged() -> None:
    starter = "def area(width, height):\n    return width * height"
    coach = StyleCoach(starter)
    rubric = Rubric(["types.annotations"], coach=coach, starter=starter)
    before = _states(rubric)

    coach.editor.value = starter.replace("height)", "height: float)")

    expected = ({"types.annotations": "not-attempted"}, {"types.annotations": "not-met"})
    assert expected == (before, _states(rubric))


def test_WHEN_code_does_not_parse_THEN_no_pattern_met() -> None:
    rubric = Rubric(PATTERNS, source="def area(width: float")

    expected = {"types.annotations": "not-met", "types.typing-constructs": "not-met",
                "types.runtime-checks": "judged-by-checks"}
    assert expected == _states(rubric)


def test_WHEN_results_and_quiz_answers_recorded_THEN_progress_view_shows_them(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(PROGRESS_ENV, str(tmp_path / "progress.json"))
    record("types", "parcel_quote", 5.0, 5.0, 0)
    record("types", "loan_factory", 4.0, 6.0, 2)
    record_quiz("types", "types-any", "Any", True)
    record_quiz("types", "types-factory", "A plain Invoice", False)

    view = ProgressView(REPO_ROOT)

    row = re.search(r'data-section="types" data-done="(\d+)" data-score="([\d.]+)"', view.table.value)
    expected = (("1", "9"), True, True, 2)
    actual = (row.groups() if row else None, "2 style findings" in view.table.value,
              "1 / 2 quizzes right at the first try, 0 retries" in view.table.value,
              len(load_progress().exercises["types"]))
    assert expected == actual


def test_WHEN_progress_file_has_the_old_layout_THEN_results_kept_under_the_section_id(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "progress.json"
    old = {"score": 5.0, "max_points": 5.0, "style_findings": 0, "checked_at": 1.0}
    path.write_text(json.dumps({"02_type_system": {"parcel_quote": old}}))
    monkeypatch.setenv(PROGRESS_ENV, str(path))

    expected = 5.0
    actual = load_progress().exercises["types"]["parcel_quote"].score
    assert expected == actual


def test_WHEN_progress_file_is_corrupt_THEN_view_renders_empty_and_file_kept_aside(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "progress.json"
    path.write_text("{not json")
    monkeypatch.setenv(PROGRESS_ENV, str(path))

    view = ProgressView(REPO_ROOT)

    expected = (True, "{not json")
    actual = ('data-section="types" data-done="0" data-score="0"' in view.table.value,
              (tmp_path / "progress.unreadable.json").read_text())
    assert expected == actual
