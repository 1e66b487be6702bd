"""A throwaway nbgrader course for tests: release a section, submit notebooks as learners, autograde them."""
import shutil
from pathlib import Path
from typing import Any, Dict

import nbformat

from stylekit.nbgrader_interactions.course import load_config, nbgrader_api


class Course:
    """A course folder under `root` whose sources are copied from `solutions` (a folder of sections)."""

    def __init__(self, root: Path, solutions: Path) -> None:
        self.root = root
        shutil.copytree(solutions, root / "solutions", dirs_exist_ok=True)
        config = load_config(root, db_url=f"sqlite:///{root}/gradebook.db", release_directory="release")
        self.api = nbgrader_api(config)

    def release(self, section: str) -> Path:
        result = self.api.generate_assignment(section, force=True)
        assert result["success"], result.get("log")
        return self.root / "release" / section

    def submit(self, learner: str, section: str, name: str, notebook: Any) -> None:
        folder = self.root / "submitted" / learner / section
        folder.mkdir(parents=True, exist_ok=True)
        nbformat.write(notebook, str(folder / name))

    def autograde(self, learner: str, section: str) -> Dict[str, float]:
        """Score per graded cell (grade_id) as nbgrader's gradebook stored it."""
        result = self.api.autograde(section, learner, force=True, create=True)
        assert result["success"], result.get("log")
        from nbgrader.api import Gradebook

        with Gradebook(f"sqlite:///{self.root}/gradebook.db") as gradebook:
            submission = gradebook.find_submission(section, learner)
            return {grade.name: grade.score for notebook in submission.notebooks for grade in notebook.grades}
