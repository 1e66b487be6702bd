"""What a learner's workspace holds, and where it may be: the kit's files a learner works with, by workspace path.

The workspace mirrors the kit's layout for what it holds, so that every link between built notebooks works in both
(the welcome table's `../exercises/NN_slug/NN_slug.ipynb`, a lesson's `sys.path` entry `../exercises/NN_slug`):

    notebooks/00_welcome.ipynb, notebooks/NN_slug_lesson.ipynb   the lessons (the kit's notebooks/)
    exercises/NN_slug/NN_slug.ipynb and the modules beside it      the released exercises (the kit's exercises/)
    guide/STYLE_GUIDE.md, ERRATA.md, CALIBRATION.md, patterns.yaml the guide material the welcome links to

Nothing else of the kit: no solutions/, no autograder/ (the hidden checks), no sources, no package. The self-check
finds the hidden checks in the kit (stylekit/grading/runner.py), never in the workspace.
"""
import logging
from pathlib import Path
from typing import Dict, Tuple

from stylekit.errors import StylekitError

logger = logging.getLogger(__name__)

LESSONS = "notebooks"
EXERCISES = "exercises"
GUIDE = "guide"
KIT_GUIDE = ("stylekit", "guide")  # where the kit keeps the guide material, relative to the kit's root
GUIDE_FILES = ("STYLE_GUIDE.md", "ERRATA.md", "CALIBRATION.md", "patterns.yaml")
# What running and saving notebooks leaves in a folder: never a file of the kit's release.
SKIPPED_PARTS = ("__pycache__", ".ipynb_checkpoints")
# Top-level folders of the kit that hold what it tracks: a workspace inside one would put the learner's files among
# the kit's (and `stylekit build --check` would list them), or its solutions and checks in the file browser.
KIT_FOLDERS = ("notebooks", "exercises", "solutions", "autograder", "sections", "stylekit", "tests", "benchmarks")


class WorkspacePlacementError(StylekitError):
    """The workspace would sit among the kit's tracked files, or hold the kit (its solutions and hidden checks)."""

    def __init__(self, workspace: Path, kit: Path, why: str) -> None:
        super().__init__(f"Cannot use {workspace} as a learner workspace for the kit in {kit}: {why}; choose a folder "
                         f"outside the kit's own folders, e.g. {kit / 'workspace'} (`make lab WORKSPACE=...`)")
        self.workspace = workspace
        self.kit = kit


class NothingReleased(StylekitError):
    """The kit has no lessons and no released exercises to copy: not a built kit."""

    def __init__(self, kit: Path) -> None:
        super().__init__(f"{kit} has neither notebooks/ nor exercises/ to copy: is it the kit's folder (run "
                         f"`stylekit build` there first)?")
        self.kit = kit


def _kept(path: Path, top: Path) -> bool:
    return path.is_file() and not any(part in SKIPPED_PARTS for part in path.relative_to(top).parts)


def kit_files(kit: Path) -> Dict[str, Path]:
    """Every file of the kit that belongs in a learner's workspace: workspace path (POSIX) -> the kit's file."""
    found: Dict[str, Path] = {}
    lessons = kit / LESSONS
    for path in sorted(lessons.glob("*.ipynb")):
        found[f"{LESSONS}/{path.name}"] = path
    exercises = kit / EXERCISES
    for path in sorted(exercises.rglob("*")) if exercises.is_dir() else []:
        if _kept(path, exercises):
            found[f"{EXERCISES}/{path.relative_to(exercises).as_posix()}"] = path
    if not found:
        raise NothingReleased(kit)
    guide = kit.joinpath(*KIT_GUIDE)
    for name in GUIDE_FILES:
        if (guide / name).is_file():
            found[f"{GUIDE}/{name}"] = guide / name
    return found


def _within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def check_placement(workspace: Path, kit: Path) -> Tuple[Path, Path]:
    """The workspace's and the kit's resolved paths, once the workspace is known to be a place of its own: not the
    kit's root, not inside a folder the kit tracks, and not around the kit (whose solutions would then show)."""
    workspace, kit = workspace.expanduser().resolve(), kit.expanduser().resolve()
    if workspace == kit:
        raise WorkspacePlacementError(workspace, kit, "it is the kit's own folder")
    if _within(kit, workspace):
        raise WorkspacePlacementError(workspace, kit, "it holds the kit, whose solutions and checks would show in it")
    for name in KIT_FOLDERS:
        if _within(workspace, kit / name):
            raise WorkspacePlacementError(workspace, kit, f"it is inside the kit's {name}/")
    return workspace, kit
