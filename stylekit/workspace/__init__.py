"""A learner's workspace: the kit's lessons and released exercises, copied into a folder of the learner's own.

`make lab` runs `stylekit workspace` (which calls `update_workspace`) and opens JupyterLab on the workspace, so the
learner's answers never land in the kit's tracked files, the file browser shows no solutions and no hidden checks,
and pulling the kit's new sections never conflicts with a learner's work: the next `make lab` merges them in.

- `layout.py`: what the workspace holds (notebooks/, exercises/, guide/) and where it may be;
- `merge.py`: the manifest of what was copied, and the merge rules (nbgitpuller's, adapted: see its docstring).
"""
from stylekit.workspace.layout import NothingReleased, WorkspacePlacementError, check_placement, kit_files
from stylekit.workspace.merge import (MANIFEST, Action, Change, Manifest, ManifestEntry, WorkspaceUpdate,
                                      content_digest, load_manifest, update_workspace)

__all__ = ["MANIFEST", "Action", "Change", "Manifest", "ManifestEntry", "NothingReleased", "WorkspacePlacementError",
           "WorkspaceUpdate", "check_placement", "content_digest", "kit_files", "load_manifest", "update_workspace"]
