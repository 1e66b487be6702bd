"""The cell schema: the kit's and nbgrader's metadata read together, and which code each exercise is loaded from."""
from typing import List, Tuple

import pytest
from nbformat.v4 import new_code_cell

from stylekit.notebooks.reader import read_notebook
from stylekit.notebooks.schema import (ROLE_SOLUTION, ExerciseSpec, cell_points, cell_source, exercise_answer,
                                       exercise_cells, grade_id, graded_exercises, is_graded_check, is_locked,
                                       is_protected, kit_metadata, kit_patterns, learner_cells, nbgrader_metadata,
                                       notebook_section, set_kit_metadata, setup_cells, solution_cell_indices,
                                       total_points, with_answers)
from tests.conftest import REPO_ROOT
from tests.notebooks.section import section_notebook

SECTION_NOTEBOOK = REPO_ROOT / "solutions" / "02_type_system" / "02_type_system.ipynb"


def _indices(cells: List[Tuple[int, str]]) -> List[int]:
    return [index for index, _ in cells]


def test_WHEN_graded_cell_read_THEN_both_namespaces_agree_on_what_it_is() -> None:
    graded = section_notebook().cells[6]

    expected = ("first_graded", 4.0, True, True, True, ["types.hints"])
    actual = (grade_id(graded), cell_points(graded), is_locked(graded), is_protected(graded),
              is_graded_check(graded), kit_patterns(graded))
    assert expected == actual


def test_WHEN_answer_cell_read_THEN_neither_locked_nor_protected_nor_worth_points() -> None:
    answer = section_notebook().cells[4]

    expected = ("first_solution", 0.0, False, False, False)
    actual = (grade_id(answer), cell_points(answer), is_locked(answer), is_protected(answer), is_graded_check(answer))
    assert expected == actual


def test_WHEN_cell_has_no_metadata_THEN_empty_namespaces_and_no_grade_id() -> None:
    cell = {"cell_type": "code", "source": ["x = ", "1"]}

    expected = ({}, {}, None, "x = 1")
    actual = (kit_metadata(cell), nbgrader_metadata(cell), grade_id(cell), cell_source(cell))
    assert expected == actual


def test_WHEN_notebook_read_THEN_section_points_and_graded_exercises_known() -> None:
    notebook = section_notebook()

    expected = ("types", 8.0, [(6, ExerciseSpec("first", 4.0, 1.0, ["types.hints"])),
                               (12, ExerciseSpec("second", 4.0, 1.0, ["types.hints"]))])
    actual = (notebook_section(notebook), total_points(notebook), graded_exercises(notebook))
    assert expected == actual


def test_WHEN_learner_code_listed_THEN_checks_and_widgets_left_out() -> None:
    expected = [1, 3, 4, 9, 10]

    actual = _indices(learner_cells(section_notebook()))

    assert expected == actual


def test_WHEN_setup_cells_listed_THEN_code_above_the_first_exercise() -> None:
    notebook = section_notebook()
    notebook.cells.insert(1, new_code_cell("RATE = 2  # a learner's own set-up"))

    expected = [(1, "RATE = 2  # a learner's own set-up"), (2, "import math")]
    actual = setup_cells(notebook)
    assert expected == actual


def test_WHEN_exercise_cells_listed_THEN_setup_and_its_own_given_and_answer_only() -> None:
    notebook = section_notebook()
    expected = ([1, 3, 4], [1, 9, 10])

    actual = (_indices(exercise_cells(notebook, "first")), _indices(exercise_cells(notebook, "second")))

    assert expected == actual


def test_WHEN_learner_adds_cells_THEN_each_belongs_to_the_exercise_whose_task_is_above_it() -> None:
    notebook = section_notebook()
    notebook.cells.insert(15, new_code_cell("after_everything = 1"))  # below the progress widget
    notebook.cells.insert(8, new_code_cell("helper_of_first = 1"))  # after first's rubric, before second's task
    notebook.cells.insert(5, new_code_cell("scratch_of_first = 1"))  # between first's answer and its check

    expected = ([1, 3, 4, 5, 9], [1, 11, 12, 17])
    actual = (_indices(exercise_cells(notebook, "first")), _indices(exercise_cells(notebook, "second")))
    assert expected == actual


def test_WHEN_task_cell_deleted_THEN_learner_cells_still_follow_the_nearest_exercise_above() -> None:
    notebook = section_notebook()
    del notebook.cells[8]  # second's task: Markdown the learner may delete
    notebook.cells.insert(9, new_code_cell("helper_of_second = 1"))  # right after second's given code

    expected = [1, 8, 9, 10]
    actual = _indices(exercise_cells(notebook, "second"))
    assert expected == actual


def test_WHEN_exercise_unknown_THEN_only_setup_cells() -> None:
    expected = [1]

    actual = _indices(exercise_cells(section_notebook(), "third"))

    assert expected == actual


def test_WHEN_answers_put_in_THEN_answer_cells_hold_them_and_nothing_else_changes() -> None:
    notebook = with_answers(section_notebook(), {"second": "def second() -> int:\n    return 2"})

    expected = ([10], "def second() -> int:\n    return 2", "def first(): ...")
    actual = (solution_cell_indices(notebook, "second"), exercise_answer(notebook, "second"),
              exercise_answer(notebook, "first"))
    assert expected == actual


def test_WHEN_metadata_written_THEN_the_callers_dict_is_not_shared() -> None:
    kit = {"exercise": "first", "role": ROLE_SOLUTION, "patterns": ["types.hints"]}
    cell = new_code_cell("x = 1")
    set_kit_metadata(cell, kit)
    kit["patterns"].append("docs.docstrings")

    expected = ["types.hints"]
    actual = kit_patterns(cell)
    assert expected == actual


@pytest.mark.skipif(not SECTION_NOTEBOOK.is_file(), reason="the built section notebook is not in this checkout")
def test_WHEN_built_section_split_by_exercise_THEN_every_learner_cell_is_setup_or_in_exactly_one_exercise() -> None:
    notebook = read_notebook(SECTION_NOTEBOOK)
    setup = set(_indices(setup_cells(notebook)))
    own = [set(_indices(exercise_cells(notebook, spec.exercise))) - setup for _, spec in graded_exercises(notebook)]

    expected = (sorted(_indices(learner_cells(notebook))), sum(len(cells) for cells in own))
    actual = (sorted(setup.union(*own)), len(set().union(*own)))
    assert expected == actual

