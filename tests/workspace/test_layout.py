"""A learner's workspace holds the lessons, the released exercises (with the modules they give) and the guide, and
nothing else of the kit: no solutions, no hidden checks; it lives outside the kit's tracked files."""
import hashlib
import subprocess
from collections import Counter
from pathlib import Path
from typing import List

import pytest

from stylekit.workspace import MANIFEST, WorkspacePlacementError, update_workspace
from tests.conftest import REPO_ROOT

GUIDE = ["guide/CALIBRATION.md", "guide/ERRATA.md", "guide/STYLE_GUIDE.md", "guide/patterns.yaml"]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _released() -> List[str]:
    """What the kit releases to learners, as workspace paths: its lessons and its exercises/ folder."""
    lessons = [f"notebooks/{path.name}" for path in (REPO_ROOT / "notebooks").glob("*.ipynb")]
    exercises = [path.relative_to(REPO_ROOT).as_posix() for path in (REPO_ROOT / "exercises").rglob("*")
                 if path.is_file() and "__pycache__" not in path.parts]
    return sorted([*lessons, *exercises, *GUIDE])


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("learner") / "workspace"
    update_workspace(folder, REPO_ROOT)
    return folder


def test_WHEN_workspace_made_THEN_it_holds_the_lessons_released_exercises_and_guide_only(workspace: Path) -> None:
    expected = ([".stylekit-workspace.json", "exercises", "guide", "notebooks"], [MANIFEST, *_released()])
    actual = (sorted(path.name for path in workspace.iterdir()),
              sorted(path.relative_to(workspace).as_posix() for path in workspace.rglob("*") if path.is_file()))
    assert expected == actual


def test_WHEN_workspace_made_THEN_no_model_answer_and_no_hidden_check_is_in_it(workspace: Path) -> None:
    # The given modules sit in solutions/ too, byte for byte: what must stay out are the source notebooks (the
    # model answers) and everything under autograder/ (the hidden checks and the grader's configuration).
    hidden = {_digest(path): path.relative_to(REPO_ROOT).as_posix()
              for path in [*(REPO_ROOT / "solutions").rglob("*.ipynb"), *(REPO_ROOT / "autograder").rglob("*")]
              if path.is_file() and "__pycache__" not in path.parts}

    expected: List[str] = []
    actual = [f"{path.relative_to(workspace)} is {hidden[_digest(path)]}" for path in workspace.rglob("*")
              if path.is_file() and _digest(path) in hidden]
    assert expected == actual


def test_WHEN_workspace_notebooks_listed_THEN_no_two_share_a_name_so_no_two_tabs_do(workspace: Path) -> None:
    names = Counter(path.name for path in workspace.rglob("*.ipynb"))

    expected: List[str] = []
    actual = [name for name, count in names.items() if count > 1]
    assert expected == actual


@pytest.mark.parametrize("place", [".", "notebooks/mine", "exercises", "solutions/work", "autograder", ".."])
def test_WHEN_workspace_asked_for_among_the_kits_folders_or_around_the_kit_THEN_refused(place: str,
                                                                                       tmp_path: Path) -> None:
    kit = tmp_path / "kit"
    (kit / "notebooks").mkdir(parents=True)
    (kit / "notebooks" / "00_welcome.ipynb").write_text("{}")

    with pytest.raises(WorkspacePlacementError) as raised:
        update_workspace(kit / place, kit)

    expected = (True, False)
    actual = ("choose a folder outside the kit's own folders" in str(raised.value), (kit / place / MANIFEST).exists())
    assert expected == actual


def test_WHEN_default_workspace_checked_against_gitignore_THEN_git_ignores_it() -> None:
    # `make lab` puts the workspace in workspace/ at the kit's root: git must never see the learner's files there.
    result = subprocess.run(["git", "check-ignore", "--no-index", "-q", "workspace/exercises/02_type_system/x.ipynb"],
                            cwd=REPO_ROOT, capture_output=True, text=True)

    expected = 0
    actual = result.returncode
    assert expected == actual, result.stderr
