"""Every section's exercises through `stylekit grade` (real nbgrader, real grading processes): solution full
marks, stub zero, each wrong answer loses exactly what it should, each correct but unstyled answer loses only
its style points.

Wrong and unstyled answers live in autograder/variants/<section>.yaml, per exercise:
    wrong: {source: "<solution cell>", score: <expected points>, why: "<what is wrong>"}
    unstyled: {source: "<solution cell>"}     # expected: the exercise's points minus its style points
"""
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict, List

import nbformat
import pytest
import yaml

from stylekit.course import sections
from stylekit.grading.authoring import validate, with_answers
from stylekit.grading.report import read_grades_csv
from stylekit.grading.cells import graded_exercises, kit_metadata
from stylekit.patterns import load_catalogue
from tests.conftest import REPO_ROOT

SECTIONS = sections()
SECTION_NUMBERS = {section.number: section.id for section in load_catalogue().sections.values()}


def _source_notebook(section: str) -> Path:
    return REPO_ROOT / "solutions" / section / f"{section}.ipynb"


def _variants(section: str) -> Dict[str, Any]:
    path = REPO_ROOT / "autograder" / "variants" / f"{section}.yaml"
    return yaml.safe_load(path.read_text()) if path.is_file() else {}


def _points(section: str) -> Dict[str, Any]:
    notebook = nbformat.read(str(_source_notebook(section)), as_version=4)
    return {spec.exercise: spec for _, spec in graded_exercises(notebook)}


def _scores_by_exercise(scores: Dict[str, float]) -> Dict[str, float]:
    return {name[:-len("_graded")]: score for name, score in scores.items() if name.endswith("_graded")}


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Dict[str, Any]:
    """Every section's solution, released stub, and wrong and unstyled variants, graded in one `stylekit grade`
    run, as an instructor grades a class: the learner is the kind of submission."""
    root = tmp_path_factory.mktemp("sections")
    for section in SECTIONS:
        name = f"{section}.ipynb"
        release = REPO_ROOT / "exercises" / section
        variants = _variants(section)
        submissions = {
            "solution": nbformat.read(str(_source_notebook(section)), as_version=4),
            "stub": nbformat.read(str(release / name), as_version=4),
            "wrong": with_answers(nbformat.read(str(release / name), as_version=4),
                                     {exercise: item["wrong"]["source"] for exercise, item in variants.items()}),
            "unstyled": with_answers(nbformat.read(str(release / name), as_version=4),
                                        {exercise: item["unstyled"]["source"] for exercise, item in variants.items()}),
        }
        for learner, notebook in submissions.items():
            folder = root / "submitted" / learner / section
            shutil.copytree(release, folder)  # the modules the release gives beside the notebook
            nbformat.write(notebook, str(folder / name))
    completed = subprocess.run([str(Path(sys.executable).parent / "stylekit"), "grade", str(root / "submitted"),
                                "--out", str(root / "out")], capture_output=True, text=True, timeout=1200)
    assert 0 == completed.returncode, completed.stderr[-3000:]
    return {"out": root / "out"}


@pytest.fixture(scope="module", params=SECTIONS)
def graded(request: pytest.FixtureRequest, batch: Dict[str, Any]) -> Dict[str, Any]:
    """One section's scores per exercise, for each kind of submission, as the batch's results recorded them."""
    section = request.param
    results = {}
    for learner in ("solution", "stub", "wrong", "unstyled"):
        record = json.loads((batch["out"] / ".stylekit" / "results" / learner / f"{section}.json").read_text())
        exercises = record["notebooks"][section]["exercises"]
        results[learner] = {exercise: verdict["score"] for exercise, verdict in exercises.items()}
    return {"section": section, "results": results, "variants": _variants(section), "points": _points(section)}


@pytest.mark.parametrize("section", SECTIONS)
def test_WHEN_solution_graded_THEN_no_cell_reported_as_raising(batch: Dict[str, Any], section: str) -> None:
    """Widget and visible-check cells are the course's, not the learner's code: they are not run as such."""
    record = json.loads((batch["out"] / ".stylekit" / "results" / "solution" / f"{section}.json").read_text())

    assert [] == record["notebooks"][section]["problems"]


def test_WHEN_batch_graded_THEN_csv_total_is_gradebook_total(batch: Dict[str, Any]) -> None:
    from nbgrader.api import Gradebook

    rows = {(row["learner"], row["assignment"]): float(row["score"])
            for row in read_grades_csv(batch["out"] / "grades.csv")}
    with Gradebook(f"sqlite:///{batch['out'] / 'gradebook.db'}") as gradebook:
        stored = {(learner, section): gradebook.find_submission(section, learner).score for learner, section in rows}
    assert stored == rows


def test_WHEN_solution_autograded_THEN_every_exercise_full_marks(graded: Dict[str, Any]) -> None:
    expected = {exercise: spec.points for exercise, spec in graded["points"].items()}
    actual = graded["results"]["solution"]
    assert expected == actual


def test_WHEN_released_stub_autograded_THEN_every_exercise_zero(graded: Dict[str, Any]) -> None:
    expected = {exercise: 0.0 for exercise in graded["points"]}
    actual = graded["results"]["stub"]
    assert expected == actual


def test_WHEN_wrong_answers_autograded_THEN_each_loses_what_it_should(graded: Dict[str, Any]) -> None:
    expected = {exercise: float(item["wrong"]["score"]) for exercise, item in graded["variants"].items()}
    actual = {exercise: graded["results"]["wrong"][exercise] for exercise in graded["variants"]}
    assert expected == actual
    assert all(score < graded["points"][exercise].points for exercise, score in expected.items())


def test_WHEN_unstyled_answers_autograded_THEN_each_loses_only_style_points(graded: Dict[str, Any]) -> None:
    expected = {exercise: spec.points - spec.style_points for exercise, spec in graded["points"].items()}
    actual = graded["results"]["unstyled"]
    assert expected == actual


def test_WHEN_variants_listed_THEN_every_exercise_has_both(graded: Dict[str, Any]) -> None:
    expected = sorted(graded["points"])
    actual = sorted(exercise for exercise, item in graded["variants"].items() if {"wrong", "unstyled"} <= set(item))
    assert expected == actual


@pytest.mark.parametrize("section", SECTIONS)
def test_WHEN_section_notebook_validated_THEN_sound_and_covers_every_pattern(section: str) -> None:
    notebook = nbformat.read(str(_source_notebook(section)), as_version=4)
    catalogue = load_catalogue()
    section_id = SECTION_NUMBERS[int(section.split("_")[0])]
    graded_patterns = {pattern for _, spec in graded_exercises(notebook) for pattern in spec.patterns}
    practised = {pattern for cell in notebook.cells for pattern in kit_metadata(cell).get("patterns", [])}
    uncovered: List[str] = [
        pattern.id for pattern in catalogue.patterns.values() if pattern.section == section_id
        and pattern.id not in (practised if pattern.check == "judgement" else graded_patterns)]

    expected = ([], [])
    actual = (validate(notebook), uncovered)
    assert expected == actual
