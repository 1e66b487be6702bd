"""Updating a learner's workspace merges the kit's changes in by nbgitpuller's rules and never overwrites the
learner's work: new files come in, files the learner never changed (or only ran) are replaced, a file both changed
keeps the learner's version with the kit's beside it, a deleted file comes back."""
from datetime import datetime
from pathlib import Path
from typing import Dict, List, Tuple

import pytest
from click.testing import CliRunner

from stylekit.cli import main
from stylekit.workspace import (MANIFEST, Action, Change, Manifest, ManifestEntry, WorkspaceUpdate, content_digest,
                                update_workspace)
from tests.workspace.kit_copy import (EDITED_LESSON, EXERCISE, NEW_EXERCISE, NEW_LESSON, RUN_ONLY_LESSON, add_section,
                                      copy_kit, edit_first_markdown, run_and_save, write_answers)

NOW = datetime(2025, 1, 2, 3, 4, 5)
STAMP = "20250102-030405"

Changed = List[Tuple[str, str, object]]


def _changes(update: WorkspaceUpdate) -> Changed:
    return sorted((change.path, change.action.value, change.beside) for change in update.changes)


def _files(folder: Path) -> Dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*"))
            if path.is_file() and path.name != MANIFEST}


@pytest.fixture
def kit(tmp_path: Path) -> Path:
    return copy_kit(tmp_path / "kit")


@pytest.fixture
def workspace(tmp_path: Path, kit: Path) -> Path:
    folder = tmp_path / "learner" / "workspace"
    update_workspace(folder, kit)
    return folder


def test_WHEN_kit_gains_a_section_and_changes_lessons_THEN_answers_survive_and_each_file_merges_by_its_rule(
        kit: Path, workspace: Path) -> None:
    write_answers(workspace / EXERCISE)
    run_and_save(workspace / RUN_ONLY_LESSON)
    edit_first_markdown(workspace / EDITED_LESSON, "My note: reread part 3.")
    learner = {name: (workspace / name).read_bytes() for name in (EXERCISE, EDITED_LESSON)}
    add_section(kit)
    edit_first_markdown(kit / RUN_ONLY_LESSON, "Corrected by the kit.")
    edit_first_markdown(kit / EDITED_LESSON, "Corrected by the kit.")

    update = update_workspace(workspace, kit, now=NOW)

    beside = f"03_documentation_lesson.kit-update-{STAMP}.ipynb"
    expected = (learner,
                {name: content_digest(kit / name) for name in (NEW_LESSON, NEW_EXERCISE, RUN_ONLY_LESSON)},
                content_digest(kit / EDITED_LESSON),
                sorted([(NEW_EXERCISE, "added", None), (NEW_LESSON, "added", None),
                        (RUN_ONLY_LESSON, "updated", None), (EDITED_LESSON, "kept", beside)]),
                True)
    actual = ({name: (workspace / name).read_bytes() for name in learner},
              {name: content_digest(workspace / name) for name in (NEW_LESSON, NEW_EXERCISE, RUN_ONLY_LESSON)},
              content_digest(workspace / "notebooks" / beside),
              _changes(update),
              any(EDITED_LESSON in line and beside in line for line in update.lines()))
    assert expected == actual


def test_WHEN_update_runs_again_with_no_news_THEN_nothing_changes_and_no_second_copy_is_put_beside(
        kit: Path, workspace: Path) -> None:
    edit_first_markdown(workspace / EDITED_LESSON, "My note.")
    edit_first_markdown(kit / EDITED_LESSON, "Corrected by the kit.")
    update_workspace(workspace, kit, now=NOW)
    before = _files(workspace)

    again = update_workspace(workspace, kit, now=datetime(2025, 1, 3))

    expected: Tuple[Changed, Dict[str, bytes]] = ([], before)
    actual = (_changes(again), _files(workspace))
    assert expected == actual


def test_WHEN_kit_changes_a_file_again_after_a_kept_one_THEN_its_newer_version_goes_beside_too(
        kit: Path, workspace: Path) -> None:
    edit_first_markdown(workspace / EDITED_LESSON, "My note.")
    edit_first_markdown(kit / EDITED_LESSON, "Corrected by the kit.")
    update_workspace(workspace, kit, now=NOW)
    edit_first_markdown(kit / EDITED_LESSON, "Corrected once more.")

    update = update_workspace(workspace, kit, now=datetime(2025, 2, 1))

    expected = [(EDITED_LESSON, "kept", "03_documentation_lesson.kit-update-20250201-000000.ipynb")]
    actual = _changes(update)
    assert expected == actual


def test_WHEN_learner_deleted_a_file_THEN_the_kit_brings_it_back_fresh(kit: Path, workspace: Path) -> None:
    write_answers(workspace / EXERCISE)
    (workspace / EXERCISE).unlink()  # starting the exercises over

    update = update_workspace(workspace, kit)

    expected = ([(EXERCISE, "restored", None)], (kit / EXERCISE).read_bytes())
    actual = (_changes(update), (workspace / EXERCISE).read_bytes())
    assert expected == actual


def test_WHEN_kit_brings_a_file_where_the_learner_made_one_THEN_theirs_stays_and_the_kits_goes_beside(
        kit: Path, workspace: Path) -> None:
    name = "exercises/05_testing/helpers.py"
    (workspace / name).write_text("def mine() -> int:\n    return 1\n")
    (kit / name).write_text("def given() -> int:\n    return 2\n")

    update = update_workspace(workspace, kit, now=NOW)

    expected = ([(name, "kept", f"helpers.kit-update-{STAMP}.py")], "def mine() -> int:\n    return 1\n",
                (kit / name).read_text())
    actual = (_changes(update), (workspace / name).read_text(),
              (workspace / "exercises" / "05_testing" / f"helpers.kit-update-{STAMP}.py").read_text())
    assert expected == actual


def test_WHEN_kit_drops_a_section_THEN_unchanged_files_go_and_the_learners_changed_ones_stay(
        kit: Path, workspace: Path) -> None:
    notebook = "exercises/06_code_style/06_code_style.ipynb"
    edit_first_markdown(workspace / notebook, "My plan for the deploy guard.")
    mine = (workspace / notebook).read_bytes()
    for path in sorted((kit / "exercises" / "06_code_style").iterdir()):
        path.unlink()

    update = update_workspace(workspace, kit)

    expected = ([("exercises/06_code_style/06_code_style.ipynb", "left", None),
                 ("exercises/06_code_style/releases.py", "removed", None)], ["06_code_style.ipynb"], mine)
    actual = (_changes(update), sorted(path.name for path in (workspace / "exercises" / "06_code_style").iterdir()),
              (workspace / notebook).read_bytes())
    assert expected == actual


def test_WHEN_a_whole_section_the_learner_never_touched_is_dropped_THEN_its_folder_goes_too(
        kit: Path, workspace: Path) -> None:
    for path in sorted((kit / "exercises" / "04_error_handling").iterdir()):
        path.unlink()

    update_workspace(workspace, kit)

    expected = False
    actual = (workspace / "exercises" / "04_error_handling").exists()
    assert expected == actual


def test_WHEN_manifest_unreadable_THEN_nothing_of_the_learners_is_overwritten_and_the_output_says_so(
        kit: Path, workspace: Path) -> None:
    write_answers(workspace / EXERCISE)
    mine = (workspace / EXERCISE).read_bytes()
    (workspace / MANIFEST).write_text("{not json")
    edit_first_markdown(kit / EXERCISE, "Corrected by the kit.")

    update = update_workspace(workspace, kit, now=NOW)

    expected = (mine, [(EXERCISE, "kept", f"02_type_system.kit-update-{STAMP}.ipynb")], True)
    actual = ((workspace / EXERCISE).read_bytes(), _changes(update), "unreadable" in update.lines()[0])
    assert expected == actual


def test_WHEN_notebook_only_run_THEN_it_still_counts_as_the_kits_but_a_written_cell_makes_it_the_learners(
        tmp_path: Path, kit: Path) -> None:
    ran, written = tmp_path / "ran.ipynb", tmp_path / "written.ipynb"
    for path in (ran, written):
        path.write_bytes((kit / EXERCISE).read_bytes())
    run_and_save(ran)
    write_answers(written)

    expected = (True, False, False)
    actual = (content_digest(ran) == content_digest(kit / EXERCISE),
              content_digest(written) == content_digest(kit / EXERCISE),
              ran.read_bytes() == (kit / EXERCISE).read_bytes())
    assert expected == actual


def test_WHEN_workspace_command_run_after_a_kit_change_THEN_it_names_the_kept_file_and_where_the_kits_went(
        tmp_path: Path, kit: Path) -> None:
    folder = tmp_path / "mine"
    runner = CliRunner()
    created = runner.invoke(main, ["workspace", str(folder), "--kit", str(kit)])
    edit_first_markdown(folder / EDITED_LESSON, "My note.")
    edit_first_markdown(kit / EDITED_LESSON, "Corrected by the kit.")

    updated = runner.invoke(main, ["workspace", str(folder), "--kit", str(kit)])

    kept = [line for line in updated.output.splitlines() if line.startswith("kept")]
    expected = (0, True, 0, 1, True)
    actual = (created.exit_code, created.output.startswith("Created your workspace"), updated.exit_code, len(kept),
              ".kit-update-" in kept[0] and EDITED_LESSON in kept[0])
    assert expected == actual, updated.output


def test_WHEN_update_and_manifest_round_trip_through_dicts_THEN_equal(tmp_path: Path) -> None:
    update = WorkspaceUpdate(tmp_path, created=False, changes=[Change("a.ipynb", Action.KEPT, beside="b.ipynb")],
                             unchanged=3, notes=["note"])
    manifest = Manifest(kit="/kit", files={"a.ipynb": ManifestEntry(copied=None, offered="bytes:1")})

    expected = (update, manifest)
    actual = (WorkspaceUpdate.from_dict(update.to_dict()), Manifest.from_dict(manifest.to_dict()))
    assert expected == actual
