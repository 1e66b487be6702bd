"""`stylekit grade`: grade a whole class's submissions in parallel, with nbgrader's gradebook and autograding.

SUBMITTED is laid out as nbgrader's `submitted/<learner>/<assignment>/<notebook>.ipynb`. The output folder is
an nbgrader course root: it holds the gradebook (gradebook.db), nbgrader's autograded copies, `grades.csv`,
and `feedback/<learner>/<assignment>.html`. Its `.stylekit/` folder keeps one result per submission, written as
soon as the submission is graded, with a fingerprint of everything the grade depends on; a re-run skips every
submission whose fingerprint is unchanged, so a run that was killed half way finishes where it stopped.
"""
import dataclasses
import hashlib
import json
import logging
import os
import shutil
import time
import warnings
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List, Optional, Tuple, Type, TypeVar

import nbformat

from stylekit.course import REPO_ROOT, load_config, nbgrader_api
from stylekit.errors import StylekitError
from stylekit.files import write_atomically
from stylekit.grading.containment import ContainmentMode, resolve
from stylekit.grading.model import NotebookVerdict
from stylekit.grading.preprocessor import verdict_path, verdicts_folder
from stylekit.grading.report import feedback_path, write_feedback_page, write_grades_csv
from stylekit.grading.restore import restoration_notes
from stylekit.grading.runner import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT_SECONDS, default_checks_root

logger = logging.getLogger(__name__)

STATUS_GRADED = "graded"
STATUS_FAILED = "failed"
STATE_FOLDER = ".stylekit"
LOCKED_RETRIES = 3  # SQLite may refuse a write while another grader holds the lock; nbgrader does not retry
GRADING_CODE = (REPO_ROOT / "stylekit" / "grading", REPO_ROOT / "autograder" / "nbgrader_config.py")

T_SubmissionResult = TypeVar("T_SubmissionResult", bound="SubmissionResult")


class BadSubmittedFolder(StylekitError):
    def __init__(self, path: Path, problem: str) -> None:
        super().__init__(f"{path} is not a folder of submissions ({problem}); expected "
                         "<learner>/<assignment>/<notebook>.ipynb inside it, as nbgrader's submitted/ folder")


@dataclass
class Submission:
    learner: str
    assignment: str
    folder: Path

    @property
    def key(self) -> str:
        return f"{self.learner}/{self.assignment}"


@dataclass
class SubmissionResult:
    """The outcome for one learner and assignment: the score (None when it could not be graded) and why."""

    learner: str
    assignment: str
    status: str
    score: Optional[float]
    max_score: float
    reason: str = ""
    fingerprint: str = ""
    notebooks: Dict[str, NotebookVerdict] = field(default_factory=dict)
    notes: List[str] = field(default_factory=list)
    seconds: float = 0.0
    cacheable: bool = True  # False when the grader itself broke: a re-run tries again

    def to_dict(self) -> Dict[str, Any]:
        return {"learner": self.learner, "assignment": self.assignment, "status": self.status, "score": self.score,
                "max_score": self.max_score, "reason": self.reason, "fingerprint": self.fingerprint,
                "notebooks": {name: verdict.to_dict() for name, verdict in self.notebooks.items()},
                "notes": self.notes, "seconds": self.seconds, "cacheable": self.cacheable}

    @classmethod
    def from_dict(cls: Type[T_SubmissionResult], raw: Dict[str, Any]) -> T_SubmissionResult:
        return cls(learner=raw["learner"], assignment=raw["assignment"], status=raw["status"], score=raw["score"],
                   max_score=float(raw["max_score"]), reason=raw.get("reason", ""),
                   fingerprint=raw.get("fingerprint", ""),
                   notebooks={name: NotebookVerdict.from_dict(item) for name, item in raw.get("notebooks", {}).items()},
                   notes=list(raw.get("notes", [])), seconds=float(raw.get("seconds", 0.0)),
                   cacheable=bool(raw.get("cacheable", True)))


@dataclass
class GradeSettings:
    """Everything a grading process needs to rebuild the course configuration (it must pickle)."""

    submitted: Path
    out: Path
    timeout: float = DEFAULT_TIMEOUT_SECONDS
    memory_mb: int = DEFAULT_MEMORY_MB
    checks_root: Path = field(default_factory=default_checks_root)
    solutions: Path = REPO_ROOT / "solutions"
    containment: ContainmentMode = ContainmentMode.AUTO

    @property
    def db_url(self) -> str:
        return f"sqlite:///{self.out / 'gradebook.db'}"


def discover(submitted: Path) -> List[Submission]:
    if not submitted.is_dir():
        raise BadSubmittedFolder(submitted, "it does not exist" if not submitted.exists() else "it is a file")
    found = [Submission(learner.name, assignment.name, assignment)
             for learner in sorted(submitted.iterdir()) if learner.is_dir() and not learner.name.startswith(".")
             for assignment in sorted(learner.iterdir()) if assignment.is_dir() and not assignment.name.startswith(".")]
    if not found and any(path.suffix == ".ipynb" for path in submitted.rglob("*.ipynb")):
        raise BadSubmittedFolder(submitted, "its notebooks are not two folders deep")
    return found


def _digest(paths: List[Path], extra: str = "") -> str:
    digest = hashlib.sha256(extra.encode())
    for path in paths:
        for file in sorted(path.rglob("*")) if path.is_dir() else [path]:
            if file.is_file() and "__pycache__" not in file.parts:
                digest.update(str(file.name).encode() + b"\0" + file.read_bytes() + b"\0")
    return digest.hexdigest()


def fingerprint(submission: Submission, settings: GradeSettings, code_digest: str) -> str:
    """Changes when the submission, its assignment's source or hidden checks, or the grader change."""
    return _digest([submission.folder, settings.solutions / submission.assignment,
                    settings.checks_root / submission.assignment],
                   "|".join([code_digest, f"{settings.timeout}", f"{settings.memory_mb}", settings.containment.value,
                             submission.key]))


def course_config(settings: GradeSettings) -> Any:
    config = load_config(settings.out, db_url=settings.db_url, source_directory=str(settings.solutions),
                         submitted_directory=str(settings.submitted.resolve()), autograded_directory="autograded",
                         release_directory=str(settings.out / STATE_FOLDER / "release"))
    (settings.out / STATE_FOLDER / "exchange").mkdir(parents=True, exist_ok=True)
    config.Exchange.root = str(settings.out / STATE_FOLDER / "exchange")
    config.HiddenChecks.timeout = settings.timeout
    config.HiddenChecks.memory_mb = settings.memory_mb
    config.HiddenChecks.containment = settings.containment.value
    config.HiddenChecks.verdicts_directory = str(settings.out / STATE_FOLDER / "verdicts")  # read by grade_submission
    config.NbGraderAPI.log_level = logging.WARNING
    return config


# -- the grading processes ---------------------------------------------------------------------------------------
@dataclass
class WorkerState:
    """What each process of the pool builds once (nbgrader's API is slow to make) and reuses per submission."""

    api: Any = None
    settings: Optional[GradeSettings] = None


_worker = WorkerState()


def _start_worker(settings: GradeSettings) -> None:
    # nbgrader's SQLAlchemy use warns on every autograde about its own session handling: noise, not news.
    warnings.filterwarnings("ignore", module="nbgrader")
    os.environ["STYLEKIT_CHECKS"] = str(settings.checks_root)
    _worker.settings = settings
    _worker.api = nbgrader_api(course_config(settings))


def _unreadable_notebook(path: Path) -> Optional[str]:
    try:
        notebook = nbformat.read(str(path), as_version=4)
        nbformat.validate(notebook)
    except (ValueError, nbformat.ValidationError, UnicodeDecodeError, OSError) as error:
        return f"{path.name} is not a valid notebook ({str(error).split(':')[0][:200]})"
    return None


def grade_submission(submission: Submission, print_fingerprint: str) -> SubmissionResult:
    """Autograde one learner's assignment with nbgrader (in a grading process of the pool)."""
    settings = _worker.settings
    assert settings is not None and _worker.api is not None
    started = time.monotonic()
    source_folder = settings.solutions / submission.assignment
    result = SubmissionResult(submission.learner, submission.assignment, STATUS_FAILED, None,
                              max_points(source_folder), fingerprint=print_fingerprint)
    expected = sorted(path.name for path in source_folder.glob("*.ipynb"))
    problems = [f"the submission has no notebook named {name}" for name in expected
                if not (submission.folder / name).is_file()]
    problems += [problem for name in expected if (submission.folder / name).is_file()
                 for problem in [_unreadable_notebook(submission.folder / name)] if problem]
    if problems:
        result.reason = "; ".join(problems)
        return _finish(result, started)
    for name in expected:
        result.notes += restoration_notes(submission.folder / name, source_folder / name)
    verdicts = settings.out / STATE_FOLDER / "verdicts"
    # An earlier run's verdicts must never pass for this run's.
    shutil.rmtree(verdicts_folder(verdicts, submission.learner, submission.assignment), ignore_errors=True)
    outcome = _autograde(submission)
    if not outcome["success"]:
        _keep_log(settings, submission, outcome)
        result.reason = "nbgrader could not autograde the submission (see the log in .stylekit/logs)"
        result.cacheable = False
        return _finish(result, started)
    failures = []
    for name in expected:
        path = verdict_path(verdicts, submission.learner, submission.assignment, Path(name).stem)
        verdict = NotebookVerdict.from_dict(json.loads(path.read_text())) if path.is_file() else \
            NotebookVerdict(failure="the grader gave no verdict for this notebook")
        result.notebooks[Path(name).stem] = verdict
        failures += [verdict.failure] if verdict.failure else []
        failures += [f"exercise {exercise.exercise}: {exercise.error}" for exercise in verdict.exercises.values()
                     if exercise.error]
    score, result.max_score = _gradebook_score(settings, submission)
    if failures:
        result.reason = "; ".join(failures)
    else:
        result.status, result.score = STATUS_GRADED, score
    return _finish(result, started)


def _autograde(submission: Submission) -> Dict[str, Any]:
    outcome: Dict[str, Any] = {}
    for _ in range(LOCKED_RETRIES):
        outcome = _worker.api.autograde(submission.assignment, submission.learner, force=True, create=True)
        log = f"{outcome.get('log', '')}{outcome.get('error', '')}"
        if outcome["success"] or "database is locked" not in log:
            break
        time.sleep(0.5)
    return outcome


def _keep_log(settings: GradeSettings, submission: Submission, outcome: Dict[str, Any]) -> None:
    folder = settings.out / STATE_FOLDER / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{submission.learner}--{submission.assignment}.log").write_text(
        f"{outcome.get('log') or ''}\n{outcome.get('error') or ''}")


def _gradebook_score(settings: GradeSettings, submission: Submission) -> Tuple[float, float]:
    from nbgrader.api import Gradebook

    with Gradebook(settings.db_url) as gradebook:
        stored = gradebook.find_submission(submission.assignment, submission.learner)
        return round(float(stored.score), 2), float(stored.max_score)


def _finish(result: SubmissionResult, started: float) -> SubmissionResult:
    result.seconds = round(time.monotonic() - started, 3)
    return result


# -- the run -----------------------------------------------------------------------------------------------------
class ResultStore:
    """One JSON file per submission under OUT/.stylekit/results, replaced atomically: never half written."""

    def __init__(self, out: Path) -> None:
        self.folder = out / STATE_FOLDER / "results"

    def path(self, submission: Submission) -> Path:
        return self.folder / submission.learner / f"{submission.assignment}.json"

    def load(self, submission: Submission) -> Optional[SubmissionResult]:
        path = self.path(submission)
        try:
            return SubmissionResult.from_dict(json.loads(path.read_text())) if path.is_file() else None
        except (ValueError, KeyError):
            return None  # a damaged record is graded again

    def save(self, result: SubmissionResult) -> None:
        write_atomically(self.path(Submission(result.learner, result.assignment, Path())),
                         json.dumps(result.to_dict(), indent=1))


@dataclass
class RunSummary:
    results: List[SubmissionResult]
    graded_now: int
    reused: int

    @property
    def failed(self) -> int:
        return sum(1 for result in self.results if result.status == STATUS_FAILED)


Progress = Callable[[int, int, SubmissionResult, float], None]  # done, total, latest, seconds since start


def _prepare_course(settings: GradeSettings, assignments: List[str], learners: List[str]) -> None:
    """Put each assignment and its graded cells in the gradebook (nbgrader's generate_assignment), once per
    version of its source, and every learner: two processes autograding one learner's two assignments at once
    would otherwise both insert the learner, and one would fail on the unique key."""
    if not assignments:
        return
    had_gradebook = (settings.out / "gradebook.db").is_file()
    api = nbgrader_api(course_config(settings))  # first: it also makes nbgrader create gradebooks in-process
    _add_learners(settings, learners)
    marks = settings.out / STATE_FOLDER / "assignments"
    marks.mkdir(parents=True, exist_ok=True)
    for assignment in assignments:
        digest = _digest([settings.solutions / assignment])
        mark = marks / f"{assignment}.sha256"
        if had_gradebook and mark.is_file() and mark.read_text() == digest:
            continue
        outcome = api.generate_assignment(assignment, force=True)
        if not outcome["success"]:
            raise StylekitError(f"nbgrader could not prepare assignment {assignment}:\n{outcome.get('log')}")
        mark.write_text(digest)


def max_points(source_folder: Path) -> float:
    """The points the assignment's source notebooks offer, for a submission that could not be graded."""
    total = 0.0
    for path in sorted(source_folder.glob("*.ipynb")):
        notebook = nbformat.read(str(path), as_version=4)
        total += sum(float(cell.metadata.get("nbgrader", {}).get("points", 0)) for cell in notebook.cells
                     if cell.metadata.get("nbgrader", {}).get("grade"))
    return total


def _add_learners(settings: GradeSettings, learners: List[str]) -> None:
    from nbgrader.api import Gradebook

    with Gradebook(settings.db_url) as gradebook:
        for learner in learners:
            gradebook.update_or_create_student(learner)


def _failed_outright(submission: Submission, reason: str, print_fingerprint: str) -> SubmissionResult:
    return SubmissionResult(submission.learner, submission.assignment, STATUS_FAILED, None, 0.0, reason=reason,
                            fingerprint=print_fingerprint)


def run(settings: GradeSettings, jobs: int, progress: Optional[Progress] = None, force: bool = False) -> RunSummary:
    """Grade every submission under settings.submitted; write grades.csv and the feedback pages."""
    submissions = discover(settings.submitted)
    # Decided once, here (and said here, when namespaces are missing): the grading processes only obey.
    if not resolve(settings.containment).namespaces:
        settings = dataclasses.replace(settings, containment=ContainmentMode.AUDIT_ONLY)
    settings.out.mkdir(parents=True, exist_ok=True)
    known = {path.name for path in settings.solutions.iterdir() if path.is_dir()} \
        if settings.solutions.is_dir() else set()
    code_digest = _digest(list(GRADING_CODE))
    store = ResultStore(settings.out)
    results: Dict[str, SubmissionResult] = {}
    pending: List[Submission] = []
    prints: Dict[str, str] = {}
    reused = 0
    for submission in submissions:
        prints[submission.key] = fingerprint(submission, settings, code_digest)
        stored = None if force else store.load(submission)
        if stored is not None and stored.cacheable and stored.fingerprint == prints[submission.key]:
            results[submission.key] = stored
            reused += 1
        elif submission.assignment not in known:
            results[submission.key] = _failed_outright(
                submission, f"the course has no assignment called {submission.assignment}", prints[submission.key])
            store.save(results[submission.key])
        else:
            pending.append(submission)
    done_before = len(results)
    started = time.monotonic()
    assignments = sorted({submission.assignment for submission in pending})
    learners = sorted({submission.learner for submission in pending})
    for result in _grade_in_parallel(pending, settings, jobs, prints,
                                     lambda: _prepare_course(settings, assignments, learners)):
        store.save(result)
        write_feedback_page(settings.out, result)
        results[f"{result.learner}/{result.assignment}"] = result
        if progress is not None:
            progress(len(results) - done_before, len(pending), result, time.monotonic() - started)
    ordered = [results[submission.key] for submission in submissions]
    for result in ordered:
        if not feedback_path(settings.out, result.learner, result.assignment).is_file():
            write_feedback_page(settings.out, result)
    write_grades_csv(settings.out / "grades.csv", ordered)
    return RunSummary(results=ordered, graded_now=len(pending), reused=reused)


def _ready() -> None:
    """Nothing: submitted once per process so that the pool starts its processes (each imports nbgrader, which
    takes seconds) while the parent prepares the gradebook."""


def _grade_in_parallel(pending: List[Submission], settings: GradeSettings, jobs: int, prints: Dict[str, str],
                       prepare: Callable[[], None]) -> Iterator[SubmissionResult]:
    """Results as they finish. A grading process that dies takes only its own submission down: the pool is
    rebuilt and the rest go on."""
    queue = list(pending)
    if not queue:
        return
    while queue:
        workers = max(1, min(jobs, len(queue)))
        with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn"), initializer=_start_worker,
                                 initargs=(settings,)) as pool:
            for _ in range(workers):
                pool.submit(_ready)
            prepare()
            prepare = _ready  # once: a rebuilt pool finds the gradebook ready
            futures: Dict[Future, Submission] = {
                pool.submit(grade_submission, submission, prints[submission.key]): submission for submission in queue}
            queue = []
            broken = False
            for future in as_completed(futures):
                submission = futures[future]
                try:
                    yield future.result()
                except BrokenProcessPool:
                    broken = True
                    queue.append(submission)
                except Exception as error:  # stylekit: ignore[SK0402] one submission's crash must not end the batch
                    logger.exception(f"Grading {submission.key} crashed")
                    crashed = _failed_outright(submission, f"the grader crashed: {type(error).__name__}: {error}",
                                               prints[submission.key])
                    crashed.cacheable = False
                    yield crashed
            if broken and len(queue) == len(futures):
                # Nothing finished in a whole pool: grade one at a time so the culprit fails alone.
                for submission in queue:
                    yield from _grade_alone(submission, settings, prints)
                queue = []


def _grade_alone(submission: Submission, settings: GradeSettings, prints: Dict[str, str]) -> Iterator[SubmissionResult]:
    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn"), initializer=_start_worker,
                             initargs=(settings,)) as pool:
        try:
            yield pool.submit(grade_submission, submission, prints[submission.key]).result()
        except BrokenProcessPool:
            crashed = _failed_outright(submission, "the grading process died", prints[submission.key])
            crashed.cacheable = False
            yield crashed
