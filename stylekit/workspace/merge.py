"""Copying the kit's lessons and exercises into a learner's workspace, and merging the kit's updates in later without
touching the learner's work.

The rules are nbgitpuller's automatic merging ("Automatic Merging Behavior" in nbgitpuller's documentation, cases
1 to 6), applied to a folder of copied files that has no git history:

- Case 1, the kit changed (or added) a file the learner has not changed: the kit's version replaces it (or is
  brought in). A new section is new files, so it simply arrives.
- Cases 2 and 3, the kit and the learner both changed a file: the learner's file is always kept, as nbgitpuller
  always keeps the student's changes. Where nbgitpuller lets git merge changes on different lines (case 2), nothing
  is merged here: a notebook is JSON whose lines mean nothing on their own, and a half-merged notebook is worse than
  two whole ones. So the kit's new version is written beside the learner's, as `<name>.kit-update-<time><suffix>`
  (never over any file), and the command's output says so.
- Case 4, the learner deleted a file the kit still has: the kit's file comes back, so deleting a file is how a
  learner starts it over.
- Case 5, the learner made a file where the kit now brings one: nbgitpuller renames the student's file and takes the
  instructor's; here the learner's file keeps its name (an open tab and the learner's imports still find it) and the
  kit's file goes beside it, as in case 3.
- A file the kit no longer has is removed when the learner never changed it, and left in place when they did (as
  nbgitpuller's merge keeps a local change to a file deleted upstream, its modify/delete conflict).
- Case 6, a history that diverged, has no counterpart: there is no history, only the manifest.

"Changed" is decided by the manifest, `.stylekit-workspace.json` in the workspace (a dot-file: JupyterLab's file
browser hides it): for every file copied from the kit, the digest of the version copied (`copied`) and of the newest
kit version dealt with (`offered`: copied, or written beside). A notebook's digest covers what its authors write:
each cell's type and source, the kit's and nbgrader's cell metadata (an exercise's points among them) and the kit's
notebook metadata; not outputs, execution counts or widget state, which merely running a notebook leaves behind.
So a lesson the learner has only run is still the kit's, and an update replaces it; a cell they wrote makes it theirs.
"""
import hashlib
import json
import logging
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple, Type, TypeVar

from stylekit.files import write_atomically
from stylekit.notebooks import UnreadableNotebook, cell_fingerprint, kit_metadata, read_notebook
from stylekit.paths import REPO_ROOT
from stylekit.workspace.layout import check_placement, kit_files

logger = logging.getLogger(__name__)

MANIFEST = ".stylekit-workspace.json"
MANIFEST_FORMAT = 1
BESIDE_MARK = ".kit-update-"  # `<stem>.kit-update-<time><suffix>`: the kit's new version of a file the learner changed
STAMP_FORMAT = "%Y%m%d-%H%M%S"


class Action(str, Enum):
    ADDED = "added"
    UPDATED = "updated"
    RESTORED = "restored"
    KEPT = "kept"
    REMOVED = "removed"
    LEFT = "left"


WHY = {
    Action.ADDED: "new in the kit",
    Action.UPDATED: "the kit's new version; you had not changed it",
    Action.RESTORED: "you had deleted it, so it starts over",
    Action.KEPT: "yours: you changed it, and the kit changed it too",
    Action.REMOVED: "no longer in the kit; you had not changed it",
    Action.LEFT: "no longer in the kit; yours, since you changed it",
}

T_Entry = TypeVar("T_Entry", bound="ManifestEntry")
T_Manifest = TypeVar("T_Manifest", bound="Manifest")
T_Change = TypeVar("T_Change", bound="Change")
T_Update = TypeVar("T_Update", bound="WorkspaceUpdate")


@dataclass
class ManifestEntry:
    """One file copied from the kit: the digest of the version the learner's file started from (None: the file was
    the learner's before the kit brought one of that name), and of the newest kit version dealt with."""

    copied: Optional[str]
    offered: str

    def to_dict(self) -> Dict[str, Any]:
        return {"copied": self.copied, "offered": self.offered}

    @classmethod
    def from_dict(cls: Type[T_Entry], raw: Dict[str, Any]) -> T_Entry:
        copied = raw.get("copied")
        return cls(copied=None if copied is None else str(copied), offered=str(raw["offered"]))


@dataclass
class Manifest:
    kit: str = ""
    files: Dict[str, ManifestEntry] = field(default_factory=dict)

    def to_dict(self) -> Dict[str, Any]:
        return {"format": MANIFEST_FORMAT, "kit": self.kit,
                "files": {name: entry.to_dict() for name, entry in sorted(self.files.items())}}

    @classmethod
    def from_dict(cls: Type[T_Manifest], raw: Dict[str, Any]) -> T_Manifest:
        return cls(kit=str(raw.get("kit", "")),
                   files={str(name): ManifestEntry.from_dict(entry) for name, entry in raw["files"].items()})


@dataclass
class Change:
    """What an update did to one workspace path (`beside`: where the kit's new version went, for KEPT)."""

    path: str
    action: Action
    beside: Optional[str] = None

    def line(self) -> str:
        text = f"{self.action.value:<9} {self.path} ({WHY[self.action]})"
        return f"{text}: the kit's new version is beside it, as {self.beside}" if self.beside else text

    def to_dict(self) -> Dict[str, Any]:
        return {"path": self.path, "action": self.action.value, "beside": self.beside}

    @classmethod
    def from_dict(cls: Type[T_Change], raw: Dict[str, Any]) -> T_Change:
        return cls(path=str(raw["path"]), action=Action(raw["action"]), beside=raw.get("beside"))


@dataclass
class WorkspaceUpdate:
    """What `update_workspace` did: every path it added, replaced, restored, kept or removed, and how many it left
    as they were because they already were the kit's version (or the learner's, with no news from the kit)."""

    workspace: Path
    created: bool
    changes: List[Change] = field(default_factory=list)
    unchanged: int = 0
    notes: List[str] = field(default_factory=list)

    def of(self, action: Action) -> List[str]:
        return [change.path for change in self.changes if change.action == action]

    def lines(self) -> List[str]:
        """The command's report: on creation one line, on an update one line per change, every kept file first."""
        lines = list(self.notes)
        if self.created:
            return [*lines, f"Created your workspace in {self.workspace} with {len(self.changes)} files: lessons in "
                            f"notebooks/, exercises in exercises/, the guide in guide/."]
        order = [Action.KEPT, Action.LEFT, Action.ADDED, Action.UPDATED, Action.RESTORED, Action.REMOVED]
        lines += [change.line() for action in order for change in self.changes if change.action == action]
        if not self.changes:
            return [*lines, f"Your workspace {self.workspace} is up to date with the kit ({self.unchanged} files)."]
        lines.append(f"Your workspace {self.workspace}: {len(self.changes)} file(s) changed, {self.unchanged} "
                     f"already up to date.")
        if self.of(Action.KEPT):
            lines.append("Nothing of yours was overwritten: compare each file kept with the kit's version beside it, "
                         "and delete either when you are done with it.")
        return lines

    def to_dict(self) -> Dict[str, Any]:
        return {"workspace": str(self.workspace), "created": self.created,
                "changes": [change.to_dict() for change in self.changes], "unchanged": self.unchanged,
                "notes": list(self.notes)}

    @classmethod
    def from_dict(cls: Type[T_Update], raw: Dict[str, Any]) -> T_Update:
        return cls(workspace=Path(raw["workspace"]), created=bool(raw["created"]),
                   changes=[Change.from_dict(change) for change in raw.get("changes", [])],
                   unchanged=int(raw.get("unchanged", 0)), notes=[str(note) for note in raw.get("notes", [])])


def content_digest(path: Path) -> str:
    """What a file holds, as the merge compares it: a notebook by what its authors write (see the module's
    docstring), any other file (or a notebook that cannot be read) byte for byte."""
    if path.suffix == ".ipynb":
        try:
            notebook = read_notebook(path)
        except UnreadableNotebook:
            logger.debug(f"{path} is not a readable notebook: compared byte for byte")
        else:
            authored = {"kit": kit_metadata(notebook),
                        "cells": [[cell.cell_type, cell_fingerprint(cell)] for cell in notebook.cells]}
            return f"notebook:{hashlib.sha256(json.dumps(authored, sort_keys=True).encode()).hexdigest()}"
    return f"bytes:{hashlib.sha256(path.read_bytes()).hexdigest()}"


def _copy(source: Path, target: Path) -> None:
    """Copy through a temporary file renamed into place: a learner's JupyterLab never opens half a notebook."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(handle)
    try:
        shutil.copyfile(source, temporary)
        os.replace(temporary, target)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def _beside(target: Path, stamp: str) -> Path:
    """A free name beside `target` for the kit's new version: never the name of any existing file."""
    candidate = target.with_name(f"{target.stem}{BESIDE_MARK}{stamp}{target.suffix}")
    number = 2
    while candidate.exists():
        candidate = target.with_name(f"{target.stem}{BESIDE_MARK}{stamp}-{number}{target.suffix}")
        number += 1
    return candidate


def load_manifest(workspace: Path) -> Tuple[Manifest, List[str]]:
    """The workspace's manifest (empty for a new workspace) and any note for the learner about it."""
    path = workspace / MANIFEST
    if not path.is_file():
        return Manifest(), []
    try:
        return Manifest.from_dict(json.loads(path.read_text(encoding="utf-8"))), []
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        # Without a manifest no file counts as the kit's copy: each one that differs from the kit is kept as the
        # learner's, the kit's version beside it. Safe, if noisy; the damaged file is kept for whoever looks into it.
        kept = path.with_name(f"{MANIFEST}.unreadable")
        path.replace(kept)
        logger.warning(f"Unreadable workspace manifest {path} ({error}); kept as {kept}")
        return Manifest(), [f"The workspace's record of what it copied was unreadable (kept as {kept.name}): every "
                            f"file that differs from the kit is treated as yours."]


def _merge_file(name: str, source: Path, target: Path, entry: Optional[ManifestEntry],
                stamp: str) -> Tuple[Optional[Change], ManifestEntry]:
    """One file the kit offers: what happens to the workspace's copy, and its manifest entry afterwards."""
    offered = content_digest(source)
    if not target.exists():
        _copy(source, target)
        return Change(name, Action.ADDED if entry is None else Action.RESTORED), ManifestEntry(offered, offered)
    here = content_digest(target) if target.is_file() else None
    if here == offered:
        return None, ManifestEntry(offered, offered)
    if entry is not None and here is not None and here == entry.copied:
        _copy(source, target)
        return Change(name, Action.UPDATED), ManifestEntry(offered, offered)
    # The learner's file: changed since it was copied, or theirs before the kit brought one of that name.
    if entry is not None and entry.offered == offered:
        return None, entry  # no news from the kit since it last offered this version
    beside = _beside(target, stamp)
    _copy(source, beside)
    return (Change(name, Action.KEPT, beside=beside.relative_to(target.parent).as_posix()),
            ManifestEntry(entry.copied if entry else None, offered))


def _retire(workspace: Path, name: str, entry: ManifestEntry) -> Optional[Change]:
    """A file the kit no longer has: removed when the learner never changed it, left to them when they did."""
    target = workspace / name
    if not target.is_file():
        return None
    if content_digest(target) != entry.copied:
        return Change(name, Action.LEFT)
    target.unlink()
    for folder in target.parents:  # a section's folder goes with its last file, unless the learner keeps files there
        if folder == workspace or any(folder.iterdir()):
            break
        folder.rmdir()
    return Change(name, Action.REMOVED)


def update_workspace(workspace: Path, kit: Path = REPO_ROOT, now: Optional[datetime] = None) -> WorkspaceUpdate:
    """Create the learner's workspace from the kit's built lessons and released exercises, or bring the kit's
    changes into it by the rules of this module's docstring. Raises WorkspacePlacementError for a folder among the
    kit's own, NothingReleased for a kit with nothing built."""
    workspace, kit = check_placement(workspace, kit)
    offered = kit_files(kit)
    manifest, notes = load_manifest(workspace)
    created = not manifest.files and not (workspace.is_dir() and any(workspace.iterdir()))
    stamp = (now or datetime.now()).strftime(STAMP_FORMAT)
    update = WorkspaceUpdate(workspace=workspace, created=created, notes=notes)
    entries: Dict[str, ManifestEntry] = {}
    for name, source in offered.items():
        change, entries[name] = _merge_file(name, source, workspace / name, manifest.files.get(name), stamp)
        if change is None:
            update.unchanged += 1
        else:
            update.changes.append(change)
    for name in sorted(set(manifest.files) - set(offered)):
        retired = _retire(workspace, name, manifest.files[name])
        if retired is not None:
            update.changes.append(retired)
    write_atomically(workspace / MANIFEST, f"{json.dumps(Manifest(str(kit), entries).to_dict(), indent=2)}\n")
    logger.info(f"workspace {workspace}: {len(update.changes)} changed, {update.unchanged} up to date")
    return update
