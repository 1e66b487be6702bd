"""Finding the submissions of a class: nbgrader's `submitted/<learner>/<assignment>/<notebook>.ipynb` layout."""
from dataclasses import dataclass
from pathlib import Path
from typing import List

from stylekit.errors import StylekitError


class BadSubmittedFolder(StylekitError):
    def __init__(self, path: Path, problem: str) -> None:
        super().__init__(f"{path} is not a folder of submissions ({problem}); expected "
                         "<learner>/<assignment>/<notebook>.ipynb inside it, as nbgrader's submitted/ folder")


@dataclass(frozen=True)
class Submission:
    learner: str
    assignment: str
    folder: Path

    @property
    def key(self) -> str:
        return f"{self.learner}/{self.assignment}"


def discover(submitted: Path) -> List[Submission]:
    """Every learner's every assignment folder, in name order; hidden folders (.ipynb_checkpoints) are skipped."""
    if not submitted.is_dir():
        raise BadSubmittedFolder(submitted, "it does not exist" if not submitted.exists() else "it is a file")
    found = [Submission(learner.name, assignment.name, assignment)
             for learner in sorted(submitted.iterdir()) if learner.is_dir() and not learner.name.startswith(".")
             for assignment in sorted(learner.iterdir()) if assignment.is_dir() and not assignment.name.startswith(".")]
    if not found and any(path.suffix == ".ipynb" for path in submitted.rglob("*.ipynb")):
        raise BadSubmittedFolder(submitted, "its notebooks are not two folders deep")
    return found
