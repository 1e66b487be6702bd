"""The kit as an nbgrader course: generate the learner versions of the exercises, and autograde.

Everything goes through nbgrader's own API with the configuration in autograder/nbgrader_config.py; the
kit adds its paths and a throwaway gradebook where one is only needed for the duration of a command.
"""
import logging
import shutil
import tempfile
from pathlib import Path
from typing import Any, List, Optional

from traitlets.config import Config
from traitlets.config.loader import PyFileConfigLoader

from stylekit.errors import StylekitError
from stylekit.paths import REPO_ROOT

logger = logging.getLogger(__name__)

CONFIG_FILE = "nbgrader_config.py"


class NbgraderFailed(StylekitError):
    def __init__(self, action: str, log: str) -> None:
        super().__init__(f"nbgrader could not {action}:\n{log}")


def load_config(root: Path = REPO_ROOT, db_url: Optional[str] = None, **course_directory: str) -> Config:
    """The kit's nbgrader configuration, rooted at `root`, with any CourseDirectory settings overridden."""
    config = PyFileConfigLoader(CONFIG_FILE, path=str(REPO_ROOT / "autograder")).load_config()
    config.CourseDirectory.root = str(root)
    if db_url is not None:
        config.CourseDirectory.db_url = db_url
    for key, value in course_directory.items():
        setattr(config.CourseDirectory, key, value)
    return config


def _alembic_head() -> str:
    """The gradebook schema's newest revision, read in this process with alembic's API.

    nbgrader asks for it whenever it creates a gradebook, by running `alembic heads` as a command: a second
    Python that imports nbgrader again (about 3 s here) and that needs the venv's bin folder on PATH.
    """
    import nbgrader
    from alembic.config import Config as AlembicConfig
    from alembic.script import ScriptDirectory

    config = AlembicConfig()
    config.set_main_option("script_location", str(Path(nbgrader.__file__).parent / "alembic"))
    head = ScriptDirectory.from_config(config).get_current_head()
    assert head is not None
    return head


def nbgrader_api(config: Config) -> Any:
    import nbgrader.api  # imported here: nbgrader is heavy, and only these commands need it
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory

    nbgrader.api.get_alembic_version = _alembic_head
    return NbGraderAPI(coursedir=CourseDirectory(config=config), config=config)


def generate_exercises(destination: Path, root: Path, only: List[str]) -> List[Path]:
    """Release these sections (by folder) from `root`/solutions/ into `destination`/<section>/ with nbgrader."""
    written = []
    with tempfile.TemporaryDirectory(prefix="stylekit-release-") as folder:
        config = load_config(root, db_url=f"sqlite:///{folder}/gradebook.db", release_directory=f"{folder}/release")
        # Releasing needs no exchange, but nbgrader complains unless it finds one it could write to.
        (Path(folder) / "exchange").mkdir()
        config.Exchange.root = f"{folder}/exchange"
        config.NbGraderAPI.log_level = logging.getLogger("traitlets").getEffectiveLevel()
        api = nbgrader_api(config)
        for section in only:
            result = api.generate_assignment(section, force=True)
            if not result["success"]:
                raise NbgraderFailed(f"generate the exercises of {section}", result.get("log") or result.get("error"))
            target = destination / section
            if target.exists():
                shutil.rmtree(target)
            shutil.copytree(Path(folder) / "release" / section, target)
            written.extend(sorted(target.rglob("*.ipynb")))
    return written
