"""Every section's exercises through `stylekit grade` (real nbgrader, real grading processes): the model answer
earns full marks, the released stub zero, and each variant of an exercise (wrong, unstyled, shortcut, ...) exactly
the score its source declares (sections/NN_slug/exercises/<exercise>.md, `{variant} NAME` with `:score:`).

One learner per kind of submission: "solution", "stub", and one per variant name, whose notebook holds that
variant where an exercise has one and the released stub elsewhere (which must earn 0). Two more are derived from
every exercise: "notebook_calls", the model answer using `display()`, `get_ipython()` and a magic as a notebook
would (full marks: the subject makes them inert), and "waived", each unstyled variant under a
`# stylekit: ignore-file` waiver (exactly the unstyled score: waivers do not apply in graded answers).
"""
import ast
import html
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Dict, List, Tuple

import nbformat
import pytest

from stylekit.notebooks import read_notebook
from stylekit.notebooks.schema import graded_exercises, with_answers
from stylekit.curriculum.source import SectionSource, load_section, taught_sections
from stylekit.grading.model import ExerciseVerdict
from stylekit.grading.pattern_verdicts import exercise_pattern_verdicts
from stylekit.grading.report import read_grades_csv
from stylekit.widgets.rubric import exercise_rubric_html
from stylekit.patterns import load_catalogue
from tests.conftest import REPO_ROOT

SOURCES = [source for source in (load_section(REPO_ROOT, section) for section in taught_sections(REPO_ROOT))
           if source.exercises]
FOLDERS = [source.section.folder for source in SOURCES]


def _variant_names(source: SectionSource) -> List[str]:
    return sorted({name for exercise in source.exercises for name in exercise.variants})


def _checks(source: str) -> List[Tuple[float, str]]:
    """(points, pattern) of every @check(...) in a hidden check module."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "check":
            keywords = {keyword.arg: ast.literal_eval(keyword.value) for keyword in node.keywords}
            found.append((float(keywords["points"]), str(keywords.get("pattern") or "")))
    return found


# What a learner's notebook answer may add around correct code without changing what it earns.
NOTEBOOK_CALLS = ('%load_ext autoreload\nget_ipython().run_line_magic("autoreload", "2")\n\n', '\n\ndisplay("ready")\n')
WAIVER = "# stylekit: ignore-file\n"


def _derived(source: SectionSource) -> Dict[str, Dict[str, Tuple[str, float]]]:
    """learner -> exercise -> (answer, the score it must earn), for the variants every exercise has by derivation."""
    before, after = NOTEBOOK_CALLS
    return {"notebook_calls": {exercise.id: (f"{before}{exercise.model_answer()}{after}", exercise.points)
                               for exercise in source.exercises},
            "waived": {exercise.id: (WAIVER + exercise.variants["unstyled"].source, exercise.variants["unstyled"].score)
                       for exercise in source.exercises if "unstyled" in exercise.variants}}


def _release(folder: str) -> Path:
    return REPO_ROOT / "exercises" / folder


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every section's solution, released stub and variants, graded in one `stylekit grade` run, as an instructor
    grades a class: the learner is the kind of submission."""
    root = tmp_path_factory.mktemp("sections")
    for source in SOURCES:
        folder = source.section.folder
        name = f"{folder}.ipynb"
        release = _release(folder)
        answers = {exercise.id: exercise.model_answer() for exercise in source.exercises}
        submissions = {"solution": with_answers(nbformat.read(str(release / name), as_version=4), answers),
                       "stub": nbformat.read(str(release / name), as_version=4)}
        for variant in _variant_names(source):
            answers = {exercise.id: exercise.variants[variant].source for exercise in source.exercises
                       if variant in exercise.variants}
            submissions[variant] = with_answers(nbformat.read(str(release / name), as_version=4), answers)
        for learner, derived in _derived(source).items():
            answers = {exercise: answer for exercise, (answer, _) in derived.items()}
            submissions[learner] = with_answers(nbformat.read(str(release / name), as_version=4), answers)
        for learner, notebook in submissions.items():
            target = root / "submitted" / learner / folder
            shutil.copytree(release, target)  # the modules the release gives beside the notebook
            nbformat.write(notebook, str(target / name))
    completed = subprocess.run([str(Path(sys.executable).parent / "stylekit"), "grade", str(root / "submitted"),
                                "--out", str(root / "out")], capture_output=True, text=True, timeout=1500)
    assert 0 == completed.returncode, completed.stderr[-3000:]
    return root / "out"


def _scores(out: Path, learner: str, folder: str) -> Dict[str, float]:
    record = json.loads((out / ".stylekit" / "results" / learner / f"{folder}.json").read_text())
    return {exercise: verdict["score"] for exercise, verdict in record["notebooks"][folder]["exercises"].items()}


@pytest.mark.parametrize("source", SOURCES, ids=FOLDERS)
def test_WHEN_model_answers_graded_THEN_every_exercise_full_marks(batch: Path, source: SectionSource) -> None:
    expected = {exercise.id: exercise.points for exercise in source.exercises}
    actual = _scores(batch, "solution", source.section.folder)
    assert expected == actual


@pytest.mark.parametrize("source", SOURCES, ids=FOLDERS)
def test_WHEN_released_stub_graded_THEN_every_exercise_zero(batch: Path, source: SectionSource) -> None:
    expected = {exercise.id: 0.0 for exercise in source.exercises}
    actual = _scores(batch, "stub", source.section.folder)
    assert expected == actual


@pytest.mark.parametrize("source", SOURCES, ids=FOLDERS)
def test_WHEN_variants_graded_THEN_each_earns_exactly_its_declared_score(batch: Path, source: SectionSource) -> None:
    expected = {variant: {exercise.id: exercise.variants[variant].score if variant in exercise.variants else 0.0
                          for exercise in source.exercises} for variant in _variant_names(source)}
    actual = {variant: _scores(batch, variant, source.section.folder) for variant in _variant_names(source)}
    assert expected == actual


@pytest.mark.parametrize("source", SOURCES, ids=FOLDERS)
def test_WHEN_derived_variants_graded_THEN_notebook_calls_keep_marks_and_waivers_change_nothing(
        batch: Path, source: SectionSource) -> None:
    expected = {learner: {exercise.id: derived[exercise.id][1] if exercise.id in derived else 0.0
                          for exercise in source.exercises} for learner, derived in _derived(source).items()}
    actual = {learner: _scores(batch, learner, source.section.folder) for learner in _derived(source)}
    assert expected == actual


@pytest.mark.parametrize("source", SOURCES, ids=FOLDERS)
def test_WHEN_model_answers_graded_THEN_no_cell_reported_as_raising(batch: Path, source: SectionSource) -> None:
    """Widget and visible-check cells are the course's, not the learner's code: they are not run as such."""
    folder = source.section.folder
    record = json.loads((batch / ".stylekit" / "results" / "solution" / f"{folder}.json").read_text())

    assert [] == record["notebooks"][folder]["problems"]


def test_WHEN_batch_graded_THEN_csv_total_is_gradebook_total(batch: Path) -> None:
    from nbgrader.api import Gradebook

    rows = {(row["learner"], row["assignment"]): float(row["score"]) for row in read_grades_csv(batch / "grades.csv")}
    with Gradebook(f"sqlite:///{batch / 'gradebook.db'}") as gradebook:
        stored = {(learner, folder): gradebook.find_submission(folder, learner).score for learner, folder in rows}
    assert stored == rows


@pytest.mark.parametrize("source", SOURCES, ids=FOLDERS)
def test_WHEN_source_notebook_read_THEN_points_and_patterns_are_the_sources(source: SectionSource) -> None:
    folder = source.section.folder
    notebook = nbformat.read(str(REPO_ROOT / "solutions" / folder / f"{folder}.ipynb"), as_version=4)

    expected = {exercise.id: (exercise.points, exercise.style_points, exercise.patterns)
                for exercise in source.exercises}
    actual = {spec.exercise: (spec.points, spec.style_points, spec.patterns) for _, spec in graded_exercises(notebook)}
    assert expected == actual


@pytest.mark.parametrize("source", SOURCES, ids=FOLDERS)
def test_WHEN_exercises_read_THEN_every_pattern_of_the_section_graded_or_practised(source: SectionSource) -> None:
    catalogue = load_catalogue()
    graded = {pattern for exercise in source.exercises for pattern in exercise.patterns}
    tagged = {pattern for exercise in source.exercises for _, pattern in _checks(exercise.checks)}

    expected: List[str] = []
    actual = [pattern.id for pattern in catalogue.patterns_of(source.section.id)
              if pattern.id not in graded or pattern.check != "static" and pattern.id not in tagged]
    assert expected == actual


@pytest.mark.parametrize("source", SOURCES, ids=FOLDERS)
def test_WHEN_checks_read_THEN_behaviour_points_add_up_and_every_check_names_a_known_pattern(
        source: SectionSource) -> None:
    catalogue = load_catalogue()
    expected = {exercise.id: (exercise.points - exercise.style_points, []) for exercise in source.exercises}
    actual = {exercise.id: (sum(points for points, _ in _checks(exercise.checks)),
                            [pattern for _, pattern in _checks(exercise.checks) if pattern not in catalogue.patterns])
              for exercise in source.exercises}
    assert expected == actual


def _learners(source: SectionSource) -> List[str]:
    return ["solution", "stub", *_variant_names(source), *_derived(source)]


def _rubric_disagreements(out: Path, learner: str, folder: str) -> Tuple[List[str], int, int]:
    """Where the rubric a learner would see (the self-check's verdict per pattern, as the exercise's rubric renders
    it) disagrees with the grading verdict of that submission; and how many exercises it showed fully met and not."""
    notebook = read_notebook(out.parent / "submitted" / learner / folder / f"{folder}.ipynb")
    record = json.loads((out / ".stylekit" / "results" / learner / f"{folder}.json").read_text())
    disagreements: List[str] = []
    met = not_met = 0
    for name, raw in record["notebooks"][folder]["exercises"].items():
        verdict = ExerciseVerdict.from_dict(raw)
        shown = exercise_rubric_html(exercise_pattern_verdicts(notebook, verdict))
        states = dict(re.findall(r'data-pattern="([\w.-]+)" data-state="([\w-]+)"', shown))
        failed = [check for check in verdict.checks if not check.passed]
        findings = verdict.style.findings if verdict.style else []
        lost = {check.pattern for check in failed} | {finding.get("pattern") for finding in findings}
        unnamed: List[str] = []
        if "not-attempted" in states.values():  # the released stub: nothing to name, and nothing is met
            expected = {pattern: "not-attempted" for pattern in states}
        else:
            expected = {pattern: "not-met" if pattern in lost or None in lost else "met" for pattern in states}
            unnamed += [check.expect for check in failed if html.escape(check.expect) not in shown]
            unnamed += [f"{finding.get('rule')} line {finding.get('line')}" for finding in findings
                        if f"line {finding.get('line')}: {finding.get('rule')}" not in shown]
        full_marks = verdict.score == verdict.max_points
        all_met = set(states.values()) == {"met"}
        if states != expected or all_met != full_marks or unnamed:
            disagreements.append(f"{learner}/{name} ({verdict.score:g}/{verdict.max_points:g}): rubric {states}, "
                                 f"unnamed {unnamed}")
        met, not_met = met + all_met, not_met + (not all_met)
    return disagreements, met, not_met


@pytest.mark.parametrize("source", SOURCES, ids=FOLDERS)
def test_WHEN_rubric_read_off_every_graded_answer_THEN_it_agrees_with_the_score(batch: Path,
                                                                                 source: SectionSource) -> None:
    """The model answer, the stub, every declared variant and the derived ones, all graded in the batch above: every
    pattern of an exercise is met exactly when it earned full marks; a pattern is not met yet exactly when a check
    tagged with it failed or a finding of it remains, and the rubric names each such check and finding."""
    found = [_rubric_disagreements(batch, learner, source.section.folder) for learner in _learners(source)]

    expected = ([], True, True)
    actual = ([item for disagreements, _, _ in found for item in disagreements],
              sum(met for _, met, _ in found) > 0, sum(not_met for _, _, not_met in found) > 0)
    assert expected == actual

