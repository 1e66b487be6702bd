"""The equivalent implementations of the exercises whose learners write the tests (`{equivalent}` blocks): every
answer that must earn full marks passes on each of them, as it does on the reference, and each is code the house
would accept. Runs the tests directly (no nbgrader), so a broken equivalent shows here by name, before
test_sections.py grades whole notebooks."""
from typing import Dict, List, Tuple

import pytest

from stylekit.curriculum.source import ExerciseSource, load_section, taught_sections
from stylekit.engine import check_source
from stylekit.grading.learner_tests import run_many
from tests.conftest import REPO_ROOT

SECTIONS = [load_section(REPO_ROOT, section) for section in taught_sections(REPO_ROOT)]
EXERCISES: List[Tuple[Dict[str, str], ExerciseSource]] = [
    ({name.removesuffix(".py"): text for name, text in source.given_modules.items()}, exercise)
    for source in SECTIONS for exercise in source.exercises if exercise.equivalents]


@pytest.mark.parametrize("modules, exercise", EXERCISES, ids=[exercise.id for _, exercise in EXERCISES])
def test_WHEN_full_marks_answers_run_on_each_equivalent_THEN_all_pass(modules: Dict[str, str],
                                                                       exercise: ExerciseSource) -> None:
    answers = {"model answer": exercise.model_answer(),
               **{name: variant.source for name, variant in exercise.variants.items()
                  if variant.score == exercise.points}}
    pairs = [(answer, equivalent) for answer in answers for equivalent in exercise.equivalents.values()]
    runs = run_many([(answers[answer], {**modules, equivalent.module: equivalent.source})
                     for answer, equivalent in pairs])

    expected = {f"{answer} on {equivalent.name}": True for answer, equivalent in pairs}
    actual = {f"{answer} on {equivalent.name}": run.all_passed for (answer, equivalent), run in zip(pairs, runs)}
    assert expected == actual


@pytest.mark.parametrize("modules, exercise", EXERCISES, ids=[exercise.id for _, exercise in EXERCISES])
def test_WHEN_equivalents_checked_THEN_clean(modules: Dict[str, str], exercise: ExerciseSource) -> None:
    expected: Dict[str, List[str]] = {name: [] for name in exercise.equivalents}
    actual = {name: [f"{finding.line}: {finding.rule} {finding.message}"
                     for finding in check_source(equivalent.source, path=f"{equivalent.module}.py").findings]
              for name, equivalent in exercise.equivalents.items()}
    assert expected == actual

