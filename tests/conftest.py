"""Shared test helpers: running the installed `stylekit` command as a user would."""
import subprocess
import sys
from pathlib import Path
from typing import List

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
# The guide material the kit ships (stylekit/guide/README.md): what tests read, since a clone has no ../shared.
SHIPPED_GUIDE = REPO_ROOT / "stylekit" / "guide"
STYLEKIT = str(Path(sys.executable).parent / "stylekit")


def run_stylekit(arguments: List[str], cwd: Path = REPO_ROOT) -> "subprocess.CompletedProcess[str]":
    return subprocess.run([STYLEKIT, *arguments], cwd=cwd, capture_output=True, text=True, timeout=120)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """An empty project folder with a pyproject.toml of its own, so the kit's settings do not leak in."""
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'sample'\n")
    return tmp_path
