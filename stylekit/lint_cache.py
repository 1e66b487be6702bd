"""What `stylekit lint` remembers between runs: each file's findings, kept under a key that changes with everything
they depend on, so a warm run checks only what changed (as ruff's cache does).

The key covers the file's bytes and path, the settings that apply to it (its pyproject.toml's [tool.stylekit]), the
kit's own code (engine, rules, patterns.yaml), and the names of the modules around the file: the import-grouping
rule tells the project's own imports from third-party ones by what the file's folder and the project's root hold.
One entry per file (named by its path), so the cache never grows past the files it has seen. Anything wrong with
the cache (unwritable, damaged) only costs a check: the file is checked again.
"""
import functools
import hashlib
import json
import logging
import os
from pathlib import Path
from typing import Optional

from stylekit.digests import kit_digest
from stylekit.files import write_atomically
from stylekit.findings import StyleReport
from stylekit.settings import SOURCE_FOLDERS, Settings, project_root

logger = logging.getLogger(__name__)

CACHE_FOLDER = ".stylekit_cache"
# Marks the folder as a cache for backup tools (https://bford.info/cachedir/) and keeps it out of version control.
CACHEDIR_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# stylekit lint's cache: safe to delete.\n"


@functools.lru_cache(maxsize=1024)
def surroundings(folder: str) -> str:
    """What the import-grouping rule can read about a file's neighbours: the names in its folder and, when the
    folder is inside a project, in the project's root and the root's source folders."""
    listed = [_names(os.path.abspath(folder))]
    root = project_root(folder)
    if root is not None:
        listed += [_names(root)] + [_names(os.path.join(root, source)) for source in SOURCE_FOLDERS]
    return "\n".join(listed)


def _names(folder: str) -> str:
    try:
        return f"{folder}:{','.join(sorted(os.listdir(folder)))}"
    except OSError:
        return f"{folder}:-"


class LintCache:
    """The findings of files already checked, in `folder` (made on first use, with a CACHEDIR.TAG)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.usable = True

    def key(self, path: Path, data: bytes, settings: Settings) -> str:
        hashed = hashlib.sha256()
        # The path as given too: findings name the file as the command line did.
        for part in (kit_digest(), str(path), str(path.resolve()), json.dumps(settings.to_dict(), sort_keys=True),
                     surroundings(str(path.resolve().parent))):
            hashed.update(part.encode() + b"\0")
        hashed.update(data)
        return hashed.hexdigest()

    def _entry(self, path: Path) -> Path:
        name = hashlib.sha256(str(path.resolve()).encode()).hexdigest()
        return self.folder / name[:2] / f"{name}.json"

    def get(self, path: Path, key: str) -> Optional[StyleReport]:
        try:
            raw = json.loads(self._entry(path).read_text())
            return StyleReport.from_dict(raw["report"]) if raw.get("key") == key else None
        except (OSError, ValueError, KeyError, TypeError):
            return None  # not cached, or damaged: checked again

    def put(self, path: Path, key: str, report: StyleReport) -> None:
        if not self.usable:
            return
        try:
            if not (self.folder / "CACHEDIR.TAG").is_file():
                self.folder.mkdir(parents=True, exist_ok=True)
                (self.folder / "CACHEDIR.TAG").write_text(CACHEDIR_TAG)
                (self.folder / ".gitignore").write_text("*\n")
            write_atomically(self._entry(path), json.dumps({"key": key, "report": report.to_dict()}))
        except OSError as error:
            self.usable = False  # an unwritable cache is no reason to fail a lint run
            logger.debug(f"Not caching lint results in {self.folder}: {error}")
