"""What a `stylekit grade` run keeps between runs: a result per submission, fingerprinted with everything that can
change its grade. A change to the grader (a rule, the engine, patterns.yaml) re-grades on the next run."""
import shutil
from pathlib import Path
from typing import Dict, List

import nbformat
import pytest

import stylekit
from stylekit.digests import digest, files_under
from stylekit.grading import store
from stylekit.class_grading.batch import run
from stylekit.grading.discovery import Submission
from stylekit.grading.containment import ContainmentMode
from stylekit.grading.model import GradeSettings
from stylekit.paths import REPO_ROOT
from tests.grading.pilot import ANSWER, NOTEBOOK, SECTION, pilot_notebook, with_answer, write_pilot

PACKAGE = Path(stylekit.__file__).resolve().parent
RULE = "rules/api/mutable_default.py"  # any rule: each is a file of the package


def test_WHEN_grader_files_listed_THEN_engine_rules_patterns_and_nbgrader_config_are_among_them() -> None:
    files = set(files_under(store.grader_roots()))

    expected = [True, True, True, True]
    actual = [path in files for path in (PACKAGE / RULE, PACKAGE / "engine.py", PACKAGE / "guide" / "patterns.yaml",
                                         REPO_ROOT / "autograder" / "nbgrader_config.py")]
    assert expected == actual


def test_WHEN_one_file_of_the_grader_changes_THEN_its_digest_changes(tmp_path: Path) -> None:
    copy = tmp_path / "stylekit"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    before = digest([copy])
    with open(copy / RULE, "a") as rule:
        rule.write("# a fix\n")

    assert before != digest([copy])


@pytest.fixture
def graded_class(tmp_path: Path) -> GradeSettings:
    checks = write_pilot(tmp_path)
    for learner in ("ada", "bo"):
        folder = tmp_path / "submitted" / learner / SECTION
        folder.mkdir(parents=True)
        nbformat.write(with_answer(pilot_notebook(), ANSWER), str(folder / NOTEBOOK))
    return GradeSettings(submitted=tmp_path / "submitted", out=tmp_path / "out", checks_root=checks,
                         solutions=tmp_path / "solutions", containment=ContainmentMode.AUTO)


def _graded_now(settings: GradeSettings) -> int:
    store.grader_digest.cache_clear()  # one digest per process: the next run here is a new `stylekit grade`
    return run(settings, jobs=2).graded_now


def test_WHEN_a_rule_changes_between_runs_THEN_next_run_grades_again(graded_class: GradeSettings, tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    grader = tmp_path / "grader"
    shutil.copytree(PACKAGE, grader / "stylekit", ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(store, "grader_roots", lambda: [grader / "stylekit"])
    counts: List[int] = [_graded_now(graded_class), _graded_now(graded_class)]
    with open(grader / "stylekit" / RULE, "a") as rule:
        rule.write("# a fix to the rule\n")
    counts.append(_graded_now(graded_class))

    expected = [2, 0, 2]
    assert expected == counts


def test_WHEN_results_saved_and_loaded_THEN_same_result(graded_class: GradeSettings) -> None:
    summary = run(graded_class, jobs=1)
    saved: Dict[str, float] = {result.learner: result.score or 0.0 for result in summary.results}
    loaded = {result.learner: store.ResultStore(graded_class.out).load(
        Submission(result.learner, result.assignment, Path())) for result in summary.results}

    expected = saved
    actual = {learner: result.score if result else None for learner, result in loaded.items()}
    assert expected == actual
