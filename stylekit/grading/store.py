"""What a run keeps between runs: one result per submission, each with a fingerprint of everything its grade
depends on, so a re-run grades again exactly what changed (and a killed run finishes where it stopped).

The fingerprint covers the submission's files, its assignment's source notebooks and modules, its hidden checks,
the run's limits and containment, and the grader: the whole `stylekit` package (the grading code, the engine, every
rule, patterns.yaml), the kit's nbgrader configuration, and the versions of nbgrader and pytest. A fix to a rule
therefore re-grades every submission on the next run.
"""
import functools
import json
from importlib.metadata import version
from pathlib import Path
from typing import List, Optional

from stylekit.digests import digest
from stylekit.files import write_atomically
from stylekit.grading.discovery import Submission
from stylekit.grading.model import STATUS_GRADED, GradeSettings, SubmissionResult
from stylekit.paths import REPO_ROOT

STATE_FOLDER = ".stylekit"  # in the output folder: results, logs and nbgrader's scratch folders
GRADING_LIBRARIES = ("nbgrader", "pytest")


def grader_roots() -> List[Path]:
    """Every file that can change a grade without the submission, its source or its checks changing."""
    import stylekit

    return [Path(stylekit.__file__).resolve().parent, REPO_ROOT / "autograder" / "nbgrader_config.py"]


@functools.lru_cache(maxsize=None)
def grader_digest(roots: Optional[tuple] = None) -> str:
    versions = "|".join(f"{name}=={version(name)}" for name in GRADING_LIBRARIES)
    return digest(list(roots) if roots is not None else grader_roots(), versions)


def fingerprint(submission: Submission, settings: GradeSettings, grader: str) -> str:
    """Changes when the submission, its assignment's source or hidden checks, the run's limits, the gradebook or the
    grader do."""
    # The gradebook too: a result stored for one gradebook is not in another (the default, SQLite in the output
    # folder, is named by an empty URL, so moving the folder does not re-grade the class).
    limits = "|".join([grader, f"{settings.timeout}", f"{settings.memory_mb}", settings.containment.value,
                       settings.gradebook_url, submission.key])
    return digest([submission.folder, settings.solutions / submission.assignment,
                   settings.checks_root / submission.assignment], limits)


class ResultStore:
    """One JSON file per submission under OUT/.stylekit/results, replaced atomically: never half written."""

    def __init__(self, out: Path) -> None:
        self.folder = out / STATE_FOLDER / "results"

    def path(self, learner: str, assignment: str) -> Path:
        return self.folder / learner / f"{assignment}.json"

    def load(self, submission: Submission) -> Optional[SubmissionResult]:
        path = self.path(submission.learner, submission.assignment)
        try:
            return SubmissionResult.from_dict(json.loads(path.read_text())) if path.is_file() else None
        except (ValueError, KeyError):
            return None  # a damaged record is graded again

    def history_path(self, learner: str, assignment: str) -> Path:
        return self.folder / learner / f"{assignment}.history.jsonl"

    def save(self, result: SubmissionResult) -> None:
        """Keep the result; a graded result of an earlier version of the submission goes to its history first,
        so the class report can tell which findings persist from one submission to the next."""
        path = self.path(result.learner, result.assignment)
        earlier = self.load(Submission(result.learner, result.assignment, Path()))
        if earlier is not None and earlier.fingerprint != result.fingerprint and earlier.status == STATUS_GRADED:
            with open(self.history_path(result.learner, result.assignment), "a", encoding="utf-8") as history:
                history.write(f"{json.dumps(earlier.to_dict())}\n")
        write_atomically(path, json.dumps(result.to_dict(), indent=1))

    def results(self) -> List[SubmissionResult]:
        """Every stored result, by learner and assignment."""
        found = []
        for path in sorted(self.folder.glob("*/*.json")):
            try:
                found.append(SubmissionResult.from_dict(json.loads(path.read_text())))
            except (ValueError, KeyError):
                continue  # damaged: the next run grades it again
        return found

    def history(self, learner: str, assignment: str) -> List[SubmissionResult]:
        """The graded results of the submission's earlier versions, oldest first."""
        path = self.history_path(learner, assignment)
        if not path.is_file():
            return []
        return [SubmissionResult.from_dict(json.loads(line)) for line in path.read_text().splitlines() if line.strip()]
