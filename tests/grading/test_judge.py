"""The judge grades each exercise on its own: an error, a loop or a clobbered name costs only the exercise it is in,
in `stylekit grade`'s judge and in the self-check's (which names one exercise); learner-written tests (section 05)
run in the judge's sandboxed run server, capped from the start, and a run cannot plant a pass for another.

The notebook is a two-exercise pilot of section 2: `area` (pilot.py) and `perimeter`, 3 points each.
"""
import json
from pathlib import Path
from typing import Any, Dict

import nbformat
import pytest

from stylekit.curriculum.build import exercise_notebook
from stylekit.notebooks import kit_metadata, with_answers
from stylekit.curriculum.source import ExerciseSource, load_section
from stylekit.grading.model import NotebookVerdict
from stylekit.grading.runner import grade_notebook
from stylekit.patterns import load_catalogue
from tests.conftest import REPO_ROOT
from tests.grading.pilot import ANSWER, PILOT_EXERCISE, PILOT_SECTION, SECTION

PERIMETER_ANSWER = "def perimeter(width: float, height: float) -> float:\n    return 2 * (width + height)\n"
PERIMETER_CHECKS = '''
from stylekit.grading.checks import check


@check(points=1, expect="perimeter(2, 3) is 10", pattern="types.annotations")
def test_WHEN_small_rectangle_THEN_perimeter(learner):
    assert 10 == learner.perimeter(2, 3)


@check(points=1, expect="perimeter(0.5, 4) is 9.0")
def test_WHEN_fractional_side_THEN_perimeter(learner):
    assert 9.0 == learner.perimeter(0.5, 4)
'''
PERIMETER = ExerciseSource(id="perimeter", title="Perimeter", points=3, style_points=1, patterns=["types.annotations"],
                           task="Write `perimeter(width, height)`.",
                           answer=f"### BEGIN SOLUTION\n{PERIMETER_ANSWER}### END SOLUTION",
                           visible="assert 10 == perimeter(2, 3)", checks=PERIMETER_CHECKS)
TIMEOUT = 12.0  # seconds for the whole notebook: a loop costs its exercise's share of it


def _grade(tmp_path: Path, answers: Dict[str, str], exercises: tuple = ()) -> NotebookVerdict:
    checks = tmp_path / "checks" / SECTION
    checks.mkdir(parents=True)
    (checks / "test_area.py").write_text(PILOT_EXERCISE.checks)
    (checks / "test_perimeter.py").write_text(PERIMETER_CHECKS)
    path = tmp_path / "work" / f"{SECTION}.ipynb"
    path.parent.mkdir()
    notebook = with_answers(exercise_notebook(PILOT_SECTION, None, [PILOT_EXERCISE, PERIMETER]), answers)
    nbformat.write(notebook, str(path))
    return grade_notebook(path, checks_root=tmp_path / "checks", timeout=TIMEOUT, exercises=exercises)


def _scores(verdict: NotebookVerdict) -> Dict[str, float]:
    return {name: exercise.score for name, exercise in verdict.exercises.items()}


def test_WHEN_both_answers_right_THEN_both_full_marks(tmp_path: Path) -> None:
    verdict = _grade(tmp_path, {"area": ANSWER, "perimeter": PERIMETER_ANSWER})

    expected = (None, {"area": 3.0, "perimeter": 3.0})
    actual = (verdict.failure, _scores(verdict))
    assert expected == actual


def test_WHEN_loop_in_one_exercise_THEN_only_it_loses_points(tmp_path: Path) -> None:
    """loop_in_one_exercise (the threat model, docs/instructors.md)."""
    verdict = _grade(tmp_path, {"area": ANSWER + "\nwhile True:\n    pass\n", "perimeter": PERIMETER_ANSWER})

    stopped = [problem["type"] for problem in verdict.exercises["area"].problems]
    expected = (None, {"area": 0.0, "perimeter": 3.0}, ["Stopped"])
    actual = (verdict.failure, _scores(verdict), stopped)
    assert expected == actual


def test_WHEN_later_exercise_clobbers_an_earlier_name_THEN_the_earlier_keeps_its_marks(tmp_path: Path) -> None:
    clobbering = PERIMETER_ANSWER + "\n\narea = None  # a name another exercise's checks use\n"

    verdict = _grade(tmp_path, {"area": ANSWER, "perimeter": clobbering})

    assert {"area": 3.0, "perimeter": 3.0} == _scores(verdict)


def test_WHEN_one_answer_has_a_syntax_error_THEN_named_with_cell_and_line_and_the_other_graded(tmp_path: Path) -> None:
    verdict = _grade(tmp_path, {"area": "def area(width, height)\n    return width * height\n",
                                "perimeter": PERIMETER_ANSWER})

    problem = verdict.exercises["area"].problems[0]
    expected = ({"area": 0.0, "perimeter": 3.0}, "SyntaxError", 1, True)
    actual = (_scores(verdict), problem["type"], problem["line"], isinstance(problem["cell"], int))
    assert expected == actual


def test_WHEN_answer_raises_THEN_exception_named_first_in_the_feedback(tmp_path: Path) -> None:
    from stylekit.grading.feedback import render

    verdict = _grade(tmp_path, {"area": ANSWER + "\nraise ValueError('no rectangles today')\n",
                                "perimeter": PERIMETER_ANSWER})

    shown = render(verdict.exercises["area"]).splitlines()
    expected = (True, True)
    actual = ("ValueError" in shown[1] and "no rectangles today" in shown[1], "line 4" in shown[1])
    assert expected == actual, shown


def test_WHEN_self_check_names_one_exercise_THEN_another_exercises_loop_costs_nothing(tmp_path: Path) -> None:
    verdict = _grade(tmp_path, {"area": ANSWER, "perimeter": "while True:\n    pass\n"}, exercises=("area",))

    expected = ({"area": 3.0}, [])
    actual = (_scores(verdict), verdict.exercises["area"].problems)
    assert expected == actual


def test_WHEN_subject_starts_THEN_it_holds_no_process_starting_module() -> None:
    """The policy refuses the import of _posixsubprocess while learner code runs: the subject must not have imported
    it already (it would then be in sys.modules, with no import to refuse)."""
    import subprocess
    import sys

    code = ("import sys, stylekit.grading.subject as subject, stylekit.notebook\n"
            "subject.load([(0, 'x = 1')], subject.CappedText())\n"
            "names = ('_posixsubprocess', 'subprocess', 'multiprocessing')\n"
            "print(sorted(name for name in names if name in sys.modules))")
    completed = subprocess.run([sys.executable, "-I", "-c", code], capture_output=True, text=True, timeout=60)

    assert "[]" == completed.stdout.strip(), completed.stderr


# -- section 05: the learner's tests run in the judge's run server ----------------------------------------------------
def _late_fee_graded(tmp_path: Path, tests: str) -> float:
    """The §5 exercise notebook, released, with late_fee's answer cell holding `tests`; late_fee's score."""
    folder = "05_testing"
    release = REPO_ROOT / "exercises" / folder
    notebook = nbformat.read(str(release / f"{folder}.ipynb"), as_version=4)
    notebook.cells = [cell for cell in notebook.cells if kit_metadata(cell).get("exercise") in (None, "late_fee")]
    work = tmp_path / "work"
    work.mkdir(parents=True)
    for module in release.glob("*.py"):
        (work / module.name).write_text(module.read_text())
    nbformat.write(with_answers(notebook, {"late_fee": tests}), str(work / f"{folder}.ipynb"))
    return grade_notebook(work / f"{folder}.ipynb", timeout=60).exercises["late_fee"].score


def _late_fee_answer() -> Any:
    section = load_section(REPO_ROOT, load_catalogue().section("05_testing"))
    return next(exercise for exercise in section.exercises if exercise.id == "late_fee")


HOARDING_TEST = '''


def test_WHEN_tests_hoard_memory_THEN_the_run_is_capped() -> None:
    try:
        hoard = bytearray(3 * 1024 ** 3)
    except MemoryError:
        return
    assert 0 == len(hoard), "3 GiB fitted: the run had no memory cap"
'''


def test_WHEN_learner_test_allocates_gigabytes_THEN_capped_from_the_start(tmp_path: Path) -> None:
    """learner_test_memory_cap (the threat model, docs/instructors.md): full marks only where the allocation fails."""
    exercise = _late_fee_answer()

    assert exercise.points == _late_fee_graded(tmp_path, exercise.model_answer() + HOARDING_TEST)


PLANTED = '''
import tempfile
from pathlib import Path

import pytest

from fines import late_fee

PLANTED = Path(tempfile.gettempdir()).parent / "planted-pass"


def _first_run_only() -> None:
    """Passes in the first run to get here and fails in every later one, whatever the implementation."""
    if PLANTED.exists():
        pytest.fail("a later run")
    PLANTED.write_text("the first run was here")


def test_WHEN_on_time_THEN_free() -> None:
    _first_run_only()
    assert 0.0 == late_fee(0)


def test_WHEN_in_grace_THEN_free() -> None:
    assert 0.0 == late_fee(1)


def test_WHEN_late_THEN_charged() -> None:
    assert late_fee(5) > 0


def test_WHEN_very_late_THEN_charged() -> None:
    assert late_fee(40) > 0
'''


def test_WHEN_learner_tests_plant_a_pass_for_later_runs_THEN_no_more_than_the_same_tests_honestly(
        tmp_path: Path) -> None:
    """planted_run (the threat model, docs/instructors.md): a run leaves a mark to make every later run fail, as if
    each later implementation were broken; it earns no more than the same tests without the mark."""
    honest = PLANTED.replace("    _first_run_only()\n", "")

    planted_score = _late_fee_graded(tmp_path / "planted", PLANTED)
    honest_score = _late_fee_graded(tmp_path / "honest", honest)

    expected = (True, True)
    actual = (planted_score <= honest_score, honest_score > 0)
    assert expected == actual, (planted_score, honest_score)


@pytest.mark.parametrize("value, expected", [
    (json.dumps({"$": "list", "v": [1, {"$": "tuple", "v": [2, 3]}]}), [1, (2, 3)]),
    (json.dumps({"$": "dict", "v": [["a", {"$": "set", "v": [1]}]]}), {"a": {1}}),
    (json.dumps({"$": "f", "v": "nan"}), "nan"),
])
def test_WHEN_channel_data_decoded_THEN_builtins_only(value: str, expected: Any) -> None:
    from stylekit.grading import channel

    decoded = channel.decode(json.loads(value), lambda reference: None)

    actual = "nan" if isinstance(decoded, float) else decoded
    assert expected == actual


def test_WHEN_channel_meets_an_unknown_tag_THEN_refused() -> None:
    from stylekit.grading import channel

    with pytest.raises(channel.ChannelError):
        channel.decode({"$": "pickle", "v": "..."}, lambda reference: None)


JUDGED_CHECKS = '''
from stylekit.grading.checks import check


@check(points=1, expect="Every comment says why")
def test_WHEN_comments_read_THEN_each_says_why(exercise_source, judged):
    lines = [number for number, text in enumerate(exercise_source.splitlines(), 1) if "# multiply" in text]
    judged.lines(lines)
    assert not lines


@check(points=1, expect="The function is annotated")
def test_WHEN_signature_read_THEN_annotated(exercise_source, judged):
    judged.line(1)
    assert "->" in exercise_source
'''


def test_WHEN_judgement_check_fails_THEN_its_verdict_quotes_the_learners_lines_and_only_then(tmp_path: Path) -> None:
    from stylekit.grading.feedback import render

    checks = tmp_path / "checks" / SECTION
    checks.mkdir(parents=True)
    (checks / "test_area.py").write_text(JUDGED_CHECKS)
    path = tmp_path / f"{SECTION}.ipynb"
    answer = "def area(width: float, height: float) -> float:\n    return width * height  # multiply them\n"
    nbformat.write(with_answers(exercise_notebook(PILOT_SECTION, None, [PILOT_EXERCISE]), {"area": answer}), str(path))

    verdict = grade_notebook(path, checks_root=tmp_path / "checks", exercises=("area",)).exercises["area"]

    expected = ({"test_WHEN_comments_read_THEN_each_says_why": "line 2: return width * height  # multiply them",
                 "test_WHEN_signature_read_THEN_annotated": "line 1: def area(width: float, height: float) -> float:"},
                True, False)
    shown = render(verdict)
    actual = ({check.name: check.detail for check in verdict.checks}, "        line 2: return width * height" in shown,
              "line 1: def area" in shown)
    assert expected == actual, shown


def test_WHEN_hidden_checks_do_not_import_THEN_failed_with_reason_not_a_zero(tmp_path: Path) -> None:
    """A broken check module is the grader's fault: the notebook fails with a reason, no learner gets a silent 0."""
    checks = tmp_path / "checks" / SECTION
    checks.mkdir(parents=True)
    (checks / "test_area.py").write_text(f"import a_module_that_does_not_exist\n{PILOT_EXERCISE.checks}")
    path = tmp_path / "work" / f"{SECTION}.ipynb"
    path.parent.mkdir()
    nbformat.write(with_answers(exercise_notebook(PILOT_SECTION, None, [PILOT_EXERCISE]), {"area": ANSWER}), str(path))

    verdict = grade_notebook(path, checks_root=tmp_path / "checks", timeout=TIMEOUT)

    expected = (True, {})
    actual = ("hidden checks could not run" in str(verdict.failure), verdict.exercises)
    assert expected == actual
