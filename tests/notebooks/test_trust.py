"""What of a returned notebook is trusted: kit metadata restored from the source, changes to protected cells found,
the assessment's locked cells fingerprinted and compared."""
import copy
from typing import Any, List, Tuple

from nbformat.v4 import new_code_cell

from stylekit.notebooks.schema import (ROLE_GRADED, ROLE_SOLUTION, ROLE_VISIBLE_CHECK, kit_metadata, nbgrader_fields,
                                       set_kit_metadata, set_nbgrader_metadata)
from stylekit.notebooks.trust import (DELETED, EDITED, POINTS_CHANGED, CellLock, ProtectedCellChange, broken_locks,
                                      cell_fingerprint, cell_locks, protected_cell_changes, protected_cells,
                                      restore_kit_metadata)
from tests.notebooks.section import section_notebook


def _changes(changes: List[ProtectedCellChange]) -> List[Tuple[str, str]]:
    return [(change.grade_id, change.kind) for change in changes]


def _with_answer(notebook: Any, index: int, source: str) -> Any:
    notebook.cells[index].source = source
    return notebook


def _broken(locks: List[CellLock], notebook: Any) -> List[Tuple[int, str]]:
    return [(broken.lock.index, broken.kind) for broken in broken_locks(locks, notebook)]


def test_WHEN_learner_edits_kit_metadata_THEN_source_metadata_restored_by_grade_id_and_cell_id() -> None:
    source = section_notebook()
    submitted = copy.deepcopy(source)
    set_kit_metadata(submitted.cells[6], {"exercise": "first", "role": ROLE_GRADED, "style_points": 4})
    set_kit_metadata(submitted.cells[5], {"exercise": "first", "role": ROLE_SOLUTION})  # a visible check, no grade id
    set_kit_metadata(submitted, {"section": "docs"})

    trusted = restore_kit_metadata(submitted, source)

    expected = (kit_metadata(source.cells[6]), {"exercise": "first", "role": ROLE_VISIBLE_CHECK}, {"section": "types",
                                                                                                  "patterns":
                                                                                                  ["types.hints"]})
    actual = (kit_metadata(trusted.cells[6]), kit_metadata(trusted.cells[5]), kit_metadata(trusted))
    assert expected == actual


def test_WHEN_learner_adds_a_cell_claiming_a_role_THEN_the_claim_is_dropped_and_the_submission_untouched() -> None:
    source = section_notebook()
    submitted = copy.deepcopy(source)
    forged = new_code_cell("print(4)")
    set_kit_metadata(forged, {"exercise": "first", "role": ROLE_GRADED})
    submitted.cells.append(forged)

    trusted = restore_kit_metadata(submitted, source)

    expected = ({}, {"exercise": "first", "role": ROLE_GRADED})
    actual = (kit_metadata(trusted.cells[-1]), kit_metadata(submitted.cells[-1]))
    assert expected == actual


def test_WHEN_source_read_THEN_graded_and_locked_cells_protected_and_answers_not() -> None:
    expected = ["first_given", "first_graded", "second_given", "second_graded"]

    actual = sorted(protected_cells(section_notebook()))

    assert expected == actual


def test_WHEN_submission_untouched_but_its_answers_THEN_no_change_to_protected_cells() -> None:
    source = section_notebook()
    submitted = copy.deepcopy(source)
    submitted.cells[4].source = "def first() -> int:\n    return 1"

    expected: List[ProtectedCellChange] = []

    actual = protected_cell_changes(submitted, source)

    assert expected == actual


def test_WHEN_protected_cells_deleted_edited_and_repriced_THEN_each_change_found_and_said() -> None:
    source = section_notebook()
    submitted = copy.deepcopy(source)
    submitted.cells[3].source = "GIVEN_first = 2"
    graded = submitted.cells[12]
    set_nbgrader_metadata(graded, nbgrader_fields("second_graded", grade=True, solution=False, locked=True, points=40))
    del submitted.cells[9]  # second's given code

    changes = protected_cell_changes(submitted, source)

    expected = ([("first_given", EDITED), ("second_given", DELETED), ("second_graded", POINTS_CHANGED)],
                ["03.ipynb: the protected cell first_given was edited; the original was restored",
                 "03.ipynb: the protected cell second_given was deleted; it was restored and graded",
                 "03.ipynb: the points of second_graded were changed to 40; the course's 4 count"])
    actual = (_changes(changes), [change.note("03.ipynb") for change in changes])
    assert expected == actual


def test_WHEN_cells_fingerprinted_THEN_digests_are_those_exam_records_already_hold() -> None:
    """Exam records written before the floor existed keep these digests: the fingerprint may never drift."""
    graded = {"cell_type": "code", "source": ["check_exercise(", "\"first\")"],
              "metadata": {"nbgrader": {"grade": True, "points": 4}, "stylekit": {"exercise": "first",
                                                                                   "role": "graded"}}}
    markdown = {"cell_type": "markdown", "source": "# Types", "metadata": {}}

    expected = ["9825d528172543f0c9fbb2e207d09ea7fc3c576915d0ff2865bb8bf51a0cc2a6",
                "c65e4f23f1a006b76dec716d24e2ecf5e9f6b10e6638267d672a141c9e071625"]
    actual = [cell_fingerprint(graded), cell_fingerprint(markdown)]
    assert expected == actual


def test_WHEN_bundle_locked_THEN_every_cell_but_the_answers_locked_with_role_and_exercise() -> None:
    locks = cell_locks(section_notebook())

    expected = ([0, 1, 2, 3, 5, 6, 7, 8, 9, 11, 12, 13, 14], ("markdown", ""), ("visible-check", "first"))
    actual = ([lock.index for lock in locks], (locks[0].role, locks[0].exercise), (locks[4].role, locks[4].exercise))
    assert expected == actual


def test_WHEN_lock_serialised_THEN_same_lock_read_back() -> None:
    lock = cell_locks(section_notebook())[5]

    expected = lock
    actual = CellLock.from_dict(lock.to_dict())
    assert expected == actual


def test_WHEN_return_changes_only_answers_THEN_no_lock_broken() -> None:
    released = section_notebook()
    locks = cell_locks(released)
    returned = _with_answer(copy.deepcopy(released), 4, "def first() -> int:\n    return 1")

    expected: List[Tuple[int, str]] = []

    actual = _broken(locks, returned)

    assert expected == actual


def test_WHEN_return_edits_a_check_deletes_a_widget_and_raises_style_points_THEN_each_lock_broken() -> None:
    released = section_notebook()
    locks = cell_locks(released)
    returned = copy.deepcopy(released)
    returned.cells[5].source = "assert True"  # first's visible check
    set_kit_metadata(returned.cells[12], {**kit_metadata(returned.cells[12]), "style_points": 4})
    del returned.cells[13]  # second's rubric widget

    expected = [(5, EDITED), (12, EDITED), (13, DELETED)]
    actual = _broken(locks, returned)
    assert expected == actual

