"""`stylekit course feedback FOLDER`: the kit's feedback pages laid out where `nbgrader release_feedback` looks.

`stylekit grade submitted --out graded` writes one page per learner and assignment (graded/feedback/<learner>/
<assignment>.html). nbgrader releases `feedback/<learner>/<assignment>/<notebook>.html` and files each page under
a hash of the submission's secret, which the learner's own copy of the submission also holds: so each page is
copied beside the `timestamp.txt` and `submission_secret.txt` that `nbgrader collect` put in the submission.
"""
import logging
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import List

from stylekit.errors import StylekitError
from stylekit.grading.discovery import discover
from stylekit.grading.report import feedback_path

logger = logging.getLogger(__name__)

NBGRADER_FEEDBACK = "feedback"
SUBMISSION_FILES = ("timestamp.txt", "submission_secret.txt")


class NothingGraded(StylekitError):
    def __init__(self, graded: Path) -> None:
        super().__init__(f"{graded} holds no feedback pages: run `stylekit grade submitted --out {graded.name}` in "
                         "the course folder first")


@dataclass(frozen=True)
class LaidOut:
    learner: str
    assignment: str
    page: Path


@dataclass(frozen=True)
class NotLaidOut:
    learner: str
    assignment: str
    reason: str


def lay_out_feedback(course: Path, graded: Path) -> List[LaidOut | NotLaidOut]:
    """Copy every graded submission's page into course/feedback/ in nbgrader's layout; say which could not be."""
    if not (graded / "feedback").is_dir():
        raise NothingGraded(graded)
    outcome: List[LaidOut | NotLaidOut] = []
    for submission in discover(course / "submitted"):
        page = feedback_path(graded, submission.learner, submission.assignment)
        notebooks = sorted(submission.folder.glob("*.ipynb"))
        missing = [name for name in SUBMISSION_FILES if not (submission.folder / name).is_file()]
        if not page.is_file():
            outcome.append(NotLaidOut(submission.learner, submission.assignment, "not graded yet"))
        elif len(notebooks) != 1:
            outcome.append(NotLaidOut(submission.learner, submission.assignment,
                                      f"{len(notebooks)} notebooks submitted where the kit grades one"))
        elif missing:
            outcome.append(NotLaidOut(submission.learner, submission.assignment,
                                      f"no {' or '.join(missing)}: not collected by `nbgrader collect`"))
        else:
            target = course / NBGRADER_FEEDBACK / submission.learner / submission.assignment
            target.mkdir(parents=True, exist_ok=True)
            for name in SUBMISSION_FILES:
                shutil.copyfile(submission.folder / name, target / name)
            shutil.copyfile(page, target / f"{notebooks[0].stem}.html")
            outcome.append(LaidOut(submission.learner, submission.assignment, target / f"{notebooks[0].stem}.html"))
    logger.info("feedback laid out for %d of %d submissions", sum(isinstance(item, LaidOut) for item in outcome),
                len(outcome))
    return outcome
