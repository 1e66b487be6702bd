"""`stylekit grade`: grade a whole class's submissions in parallel. Orchestration only: what to grade
(stylekit/grading/discovery.py), what is already graded (grading/store.py), nbgrader's part
(stylekit/nbgrader_interactions), and the outputs derived from each result (grading/report.py).

SUBMITTED is laid out as nbgrader's `submitted/<learner>/<assignment>/<notebook>.ipynb`. The output folder is an
nbgrader course root: it holds the gradebook (gradebook.db), nbgrader's autograded copies, `grades.csv`, the same
grades for Canvas and Moodle (`grades-canvas.csv`, `grades-moodle.csv`, lms_export.py) and
`feedback/<learner>/<assignment>.html`. A result is stored as soon as its submission is graded, so a run that was
killed half way finishes where it stopped, and a re-run grades only what changed.
"""
import dataclasses
import logging
import time
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context
from pathlib import Path
from typing import Callable, Dict, Iterator, List, Optional

from stylekit.grading.containment import ContainmentMode, resolve
from stylekit.grading.discovery import Submission, discover
from stylekit.grading.lms_export import LmsFormat, write_lms_csv
from stylekit.grading.model import STATUS_FAILED, STATUS_GRADED, GradeSettings, RunSummary, SubmissionResult
from stylekit.grading.report import feedback_path, write_feedback_page, write_grades_csv
from stylekit.grading.store import STATE_FOLDER, ResultStore, fingerprint, grader_digest
from stylekit.nbgrader_interactions.gradebook import AutogradeFailed, ClassGradebook
from stylekit.notebooks.reader import UnreadableNotebook, read_notebook
from stylekit.notebooks.schema import total_points
from stylekit.notebooks.trust import protected_cell_changes

logger = logging.getLogger(__name__)

# The pool's processes are forked from this one, which has imported nbgrader and the kit (seconds of work a spawned
# process would repeat) and decided the containment. This process is single-threaded when it forks them, and
# holds no open gradebook: prepare() opens and closes its own after the pool has started.
POOL_CONTEXT = get_context("fork")
Progress = Callable[[int, int, SubmissionResult, float], None]  # done, total, latest, seconds since start


# -- in each grading process of the pool ---------------------------------------------------------------------------
_gradebook: List[ClassGradebook] = []  # built once per process: nbgrader's API is slow to make


def _start_worker(settings: GradeSettings) -> None:
    _gradebook.append(ClassGradebook(settings))


def _unreadable_notebook(path: Path) -> Optional[str]:
    try:
        read_notebook(path)
    except UnreadableNotebook as error:
        return f"{path.name} is not a valid notebook: {error.reason}"
    return None


def max_points(source_folder: Path) -> float:
    """The points the assignment's source notebooks offer, for a submission that could not be graded."""
    return sum(total_points(read_notebook(path)) for path in sorted(source_folder.glob("*.ipynb")))


def restoration_notes(submitted: Path, source: Path) -> List[str]:
    """What the submission changed of the cells nbgrader restores before grading, for the feedback to say."""
    return [change.note(submitted.name)
            for change in protected_cell_changes(read_notebook(submitted), read_notebook(source))]


def grade_submission(submission: Submission, print_fingerprint: str) -> SubmissionResult:
    """Autograde one learner's assignment with nbgrader; the result is derived from the verdicts it returns."""
    gradebook = _gradebook[0]
    started = time.monotonic()
    source_folder = gradebook.settings.solutions / submission.assignment
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
    try:
        verdicts = gradebook.autograde(submission.learner, submission.assignment)
    except AutogradeFailed as error:
        _keep_log(gradebook.settings, submission, error.log)
        result.reason = "nbgrader could not autograde the submission (see the log in .stylekit/logs)"
        result.cacheable = False
        return _finish(result, started)
    failures = []
    for name in expected:
        stem = Path(name).stem
        verdict = verdicts.get(stem)
        if verdict is None:
            failures.append(f"{name}: the grader gave no verdict for this notebook")
            continue
        result.notebooks[stem] = verdict
        if verdict.failure:
            failures.append(verdict.failure)  # every exercise failed with it: said once
            continue
        failures += [f"exercise {exercise.exercise}: {exercise.error}" for exercise in verdict.exercises.values()
                     if exercise.error]
    if failures:
        result.reason = "; ".join(failures)
    else:
        result.status = STATUS_GRADED
        # Graded, but a cell raised or an exercise was stopped: the instructor's CSV says so, as the page does.
        result.reason = "; ".join(problem for verdict in result.notebooks.values() for problem in verdict.problems)
        result.score = round(sum(exercise.score for verdict in result.notebooks.values()
                                 for exercise in verdict.exercises.values()), 2)
    return _finish(result, started)


def _keep_log(settings: GradeSettings, submission: Submission, log: str) -> None:
    folder = settings.out / STATE_FOLDER / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{submission.learner}--{submission.assignment}.log").write_text(log)


def _finish(result: SubmissionResult, started: float) -> SubmissionResult:
    result.seconds = round(time.monotonic() - started, 3)
    return result


# -- the run -------------------------------------------------------------------------------------------------------
def _failed_outright(submission: Submission, reason: str, print_fingerprint: str) -> SubmissionResult:
    return SubmissionResult(submission.learner, submission.assignment, STATUS_FAILED, None, 0.0, reason=reason,
                            fingerprint=print_fingerprint)


def shard_of(submissions: List[Submission], shard: int, shards: int) -> List[Submission]:
    """Shard `shard` (1-based) of `shards`: every shards-th submission of the sorted class, from the shard-th on, so
    the parts are disjoint, cover the class, and differ in size by one at most."""
    return [submission for index, submission in enumerate(submissions) if index % shards == shard - 1]


def run(settings: GradeSettings, jobs: int, progress: Optional[Progress] = None, force: bool = False) -> RunSummary:
    """Grade every submission under settings.submitted (or this shard's part of them); write grades.csv, the LMS
    files and the feedback pages (a shard names its grades files after itself)."""
    submissions = shard_of(discover(settings.submitted), settings.shard, settings.shards)
    # Decided once, here (and said here, when namespaces are missing): the grading processes only obey.
    if not resolve(settings.containment).namespaces:
        settings = dataclasses.replace(settings, containment=ContainmentMode.AUDIT_ONLY)
    settings.out.mkdir(parents=True, exist_ok=True)
    known = {path.name for path in settings.solutions.iterdir() if path.is_dir()} \
        if settings.solutions.is_dir() else set()
    grader = grader_digest()
    store = ResultStore(settings.out)
    results: Dict[str, SubmissionResult] = {}
    pending: List[Submission] = []
    prints: Dict[str, str] = {}
    reused = 0
    for submission in submissions:
        prints[submission.key] = fingerprint(submission, settings, grader)
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

    def prepare() -> None:
        ClassGradebook(settings).prepare(assignments, learners)

    for result in _grade_in_parallel(pending, settings, jobs, prints, prepare):
        store.save(result)
        write_feedback_page(settings.out, result)
        results[f"{result.learner}/{result.assignment}"] = result
        if progress is not None:
            progress(len(results) - done_before, len(pending), result, time.monotonic() - started)
    ordered = [results[submission.key] for submission in submissions]
    for result in ordered:
        if not feedback_path(settings.out, result.learner, result.assignment).is_file():
            write_feedback_page(settings.out, result)
    suffix = f"-shard-{settings.shard}-of-{settings.shards}" if settings.is_sharded else ""
    write_grades_csv(settings.out / f"grades{suffix}.csv", ordered)
    for target in LmsFormat:
        write_lms_csv(settings.out / f"grades-{target.value}{suffix}.csv", ordered, target)
    return RunSummary(results=ordered, graded_now=len(pending), reused=reused)


def _ready() -> None:
    """Nothing: submitted once per process so that the pool starts its processes (each builds nbgrader's API)
    while the parent prepares the gradebook."""


def _grade_in_parallel(pending: List[Submission], settings: GradeSettings, jobs: int, prints: Dict[str, str],
                       prepare: Callable[[], None]) -> Iterator[SubmissionResult]:
    """Results as they finish. A grading process that dies takes only its own submission down: the pool is
    rebuilt and the rest go on."""
    queue = list(pending)
    while queue:
        workers = max(1, min(jobs, len(queue)))
        with ProcessPoolExecutor(max_workers=workers, mp_context=POOL_CONTEXT, initializer=_start_worker,
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
    with ProcessPoolExecutor(max_workers=1, mp_context=POOL_CONTEXT, initializer=_start_worker,
                             initargs=(settings,)) as pool:
        try:
            yield pool.submit(grade_submission, submission, prints[submission.key]).result()
        except BrokenProcessPool:
            crashed = _failed_outright(submission, "the grading process died", prints[submission.key])
            crashed.cacheable = False
            yield crashed
