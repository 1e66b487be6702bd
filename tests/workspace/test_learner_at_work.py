"""A learner at work in their workspace: the self-check grades with the kit's hidden checks (which the workspace
does not hold) and records the progress, and the kit's tracked files stay what their sources build."""
import shutil
from pathlib import Path
from typing import List

import pytest

from stylekit.curriculum.build import differences
from stylekit.grading.runner import CHECKS_ENV
from stylekit.grading.selfcheck import check_exercise
from stylekit.progress import PROGRESS_ENV, load_progress
from stylekit.workspace import update_workspace
from tests.workspace.kit_copy import BUILT, EDITED_LESSON, EXERCISE, copy_kit, edit_first_markdown, run_and_save, \
    write_answers

CHECKED = "parcel_quote"  # one §2 exercise: each self-check grades one exercise in a judge of its own


def test_WHEN_learner_self_checks_in_the_workspace_THEN_the_kits_hidden_checks_grade_it_and_progress_records_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    workspace = tmp_path / "workspace"
    update_workspace(workspace)
    notebook = workspace / EXERCISE
    write_answers(notebook)
    monkeypatch.delenv(CHECKS_ENV, raising=False)  # the kit's own autograder/checks, as an editable install finds it
    monkeypatch.setenv("JPY_SESSION_NAME", str(notebook))  # how Jupyter Server tells a kernel its notebook
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    monkeypatch.setenv(PROGRESS_ENV, str(tmp_path / "progress.json"))

    check_exercise(CHECKED)  # shows the verdict; it returns nothing, so no bare number shows under it

    recorded = load_progress().exercises["types"][CHECKED]
    expected = ([], True, True)
    actual = (sorted(path.name for path in workspace.rglob("test_*.py")), recorded.score == recorded.max_points,
              recorded.done)
    assert expected == actual, capsys.readouterr().out


def test_WHEN_learner_works_in_the_default_workspace_THEN_build_check_finds_every_built_file_up_to_date(
        tmp_path: Path) -> None:
    kit = copy_kit(tmp_path / "kit", BUILT)
    workspace = kit / "workspace"  # where `make lab` puts it: inside the clone, ignored by git
    update_workspace(workspace, kit)
    write_answers(workspace / EXERCISE)
    run_and_save(workspace / "notebooks" / "00_welcome.ipynb")
    edit_first_markdown(workspace / EDITED_LESSON, "My note.")
    package = workspace / "exercises" / "01_code_organization" / "kestrel" / "core"  # what §1's exercises write
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("")
    shutil.copyfile(workspace / EXERCISE, workspace / "exercises" / "02_type_system" / "Untitled.ipynb")

    expected: List[str] = []
    actual = differences(kit)
    assert expected == actual
