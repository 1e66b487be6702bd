"""The grading model: what a run is asked to do (GradeSettings), what the judge is sent (JudgeRequest) and
answers (the verdicts: what each check and each exercise earned, and why), and what a run keeps per submission
(SubmissionResult). Everything a run writes (gradebook rows, grades.csv, feedback pages) is derived from these.

Verdicts and results arrive as data (the grading process's answer, a stored result), so their `from_dict` is where
text a learner's code produced (what it printed or raised, a check message quoting its values, a finding's line)
becomes printable (stylekit/text.py): whatever a submission prints, every file derived from it can be written.
"""
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional, Type, TypeVar

from stylekit.grading.containment import ContainmentMode
from stylekit.paths import REPO_ROOT
from stylekit.text import printable, printable_data

DEFAULT_TIMEOUT_SECONDS = 60.0  # per notebook, for everything; nbgrader's own limit is 30 s per cell
DEFAULT_MEMORY_MB = 2048  # address space of one grading process (Python, pytest and pydantic take ~400 MB)
STATUS_GRADED = "graded"
ANSWER_FD_ENV = "STYLEKIT_JUDGE_ANSWER_FD"  # the descriptor the judge writes its verdict on
DEBUG_ENV = "STYLEKIT_JUDGE_DEBUG"  # set to 1: the judge shows why each check failed, in the log the runner prints
STATUS_FAILED = "failed"
DETAIL_CAP_CHARS = 2_000  # a check's detail: the few lines of the learner's it judged

T_CheckResult = TypeVar("T_CheckResult", bound="CheckResult")
T_StyleResult = TypeVar("T_StyleResult", bound="StyleResult")
T_ExerciseVerdict = TypeVar("T_ExerciseVerdict", bound="ExerciseVerdict")


def _optional_text(value: Any) -> Optional[str]:
    return None if value is None else printable(str(value))


@dataclass
class CheckResult:
    """One hidden check: its teaching message, never its code. `detail` is what a judgement check looked at (the
    learner's lines and where they are: checks.Judged), shown under the message when the check failed."""

    name: str
    expect: str
    pattern: Optional[str]
    points: float
    passed: bool
    detail: str = ""

    @property
    def earned(self) -> float:
        return self.points if self.passed else 0.0

    def to_dict(self) -> Dict[str, Any]:
        return {"name": self.name, "expect": self.expect, "pattern": self.pattern, "points": self.points,
                "passed": self.passed, "detail": self.detail}

    @classmethod
    def from_dict(cls: Type[T_CheckResult], raw: Dict[str, Any]) -> T_CheckResult:
        return cls(name=printable(str(raw["name"])), expect=printable(str(raw["expect"])),
                   pattern=_optional_text(raw.get("pattern")), points=float(raw["points"]), passed=bool(raw["passed"]),
                   detail=printable(str(raw.get("detail") or ""))[:DETAIL_CAP_CHARS])


@dataclass
class StyleResult:
    """Style points: each practised pattern earns its share when the learner's code has no finding for it."""

    points: float
    earned: float
    findings: List[Dict[str, Any]] = field(default_factory=list)
    withheld_reason: Optional[str] = None
    note: Optional[str] = None  # e.g. that waiver comments were not applied

    def to_dict(self) -> Dict[str, Any]:
        return {"points": self.points, "earned": self.earned, "findings": self.findings,
                "withheld_reason": self.withheld_reason, "note": self.note}

    @classmethod
    def from_dict(cls: Type[T_StyleResult], raw: Dict[str, Any]) -> T_StyleResult:
        return cls(points=float(raw["points"]), earned=float(raw["earned"]),
                   findings=printable_data(list(raw.get("findings", []))),
                   withheld_reason=_optional_text(raw.get("withheld_reason")), note=_optional_text(raw.get("note")))


@dataclass
class ExerciseVerdict:
    """Everything one graded cell shows: the score out of its points, each check, the style findings.

    `error` is set when the exercise could not be graded at all (no checks are installed for it): such a verdict
    scores 0 and says why, rather than looking like a plain zero. `problems` are what went wrong while the exercise's
    own code ran (a cell that raised: its exception's type and message, the cell and line; a stop at the exercise's
    time budget), named first wherever the verdict is shown; `output` the start of what the code printed as it loaded.
    """

    exercise: str
    max_points: float
    checks: List[CheckResult] = field(default_factory=list)
    style: Optional[StyleResult] = None
    error: Optional[str] = None
    problems: List[Dict[str, Any]] = field(default_factory=list)
    output: str = ""

    @property
    def score(self) -> float:
        if self.error is not None:
            return 0.0
        earned = sum(check.earned for check in self.checks) + (self.style.earned if self.style else 0.0)
        return round(min(earned, self.max_points), 2)

    def to_dict(self) -> Dict[str, Any]:
        return {"exercise": self.exercise, "max_points": self.max_points, "score": self.score,
                "checks": [check.to_dict() for check in self.checks],
                "style": self.style.to_dict() if self.style else None, "error": self.error,
                "problems": self.problems, "output": self.output}

    @classmethod
    def from_dict(cls: Type[T_ExerciseVerdict], raw: Dict[str, Any]) -> T_ExerciseVerdict:
        return cls(exercise=printable(str(raw["exercise"])), max_points=float(raw["max_points"]),
                   checks=[CheckResult.from_dict(item) for item in raw.get("checks", [])],
                   style=StyleResult.from_dict(raw["style"]) if raw.get("style") else None,
                   error=_optional_text(raw.get("error")),
                   problems=[printable_data(dict(item)) for item in raw.get("problems", [])],
                   output=printable(str(raw.get("output", ""))))


T_NotebookVerdict = TypeVar("T_NotebookVerdict", bound="NotebookVerdict")


@dataclass
class NotebookVerdict:
    """The verdicts of one notebook's exercises, or why the notebook could not be graded at all.

    `failure` is set when no verdict can be trusted (the grading process timed out, died, or found the grader
    tampered with): the notebook then earns nothing and its status is `failed`, never a silent zero.
    `problems` are the learner's own cells that raised while loading, and `output` the start of what the code
    printed then (capped in lines and characters): the feedback shows both, to teach.
    """

    exercises: Dict[str, ExerciseVerdict] = field(default_factory=dict)
    failure: Optional[str] = None
    problems: List[str] = field(default_factory=list)
    output: str = ""

    def to_dict(self) -> Dict[str, Any]:
        return {"exercises": {name: verdict.to_dict() for name, verdict in self.exercises.items()},
                "failure": self.failure, "problems": self.problems, "output": self.output}

    @classmethod
    def from_dict(cls: Type[T_NotebookVerdict], raw: Dict[str, Any]) -> T_NotebookVerdict:
        return cls(exercises={printable(str(name)): ExerciseVerdict.from_dict(item)
                              for name, item in raw.get("exercises", {}).items()},
                   failure=_optional_text(raw.get("failure")),
                   problems=[printable(str(problem)) for problem in raw.get("problems", [])],
                   output=printable(str(raw.get("output", ""))))


T_JudgeRequest = TypeVar("T_JudgeRequest", bound="JudgeRequest")


@dataclass
class JudgeRequest:
    """What the judge is asked: the submission (`notebook`, the `files` beside it, name -> base64), the hidden
    `checks` per exercise, the section's `references` (module name -> source, for learner-written tests), limits,
    whether subjects run in namespaces, and `exercises` (empty: all; a self-check names one)."""

    notebook: Dict[str, Any]
    files: Dict[str, str]
    checks: Dict[str, str]
    references: Dict[str, str]
    timeout: float
    memory_mb: int
    namespaces: bool
    exercises: List[str] = field(default_factory=list)

    def to_dict(self) -> Dict[str, Any]:
        return {"notebook": self.notebook, "files": self.files, "checks": self.checks, "references": self.references,
                "timeout": self.timeout, "memory_mb": self.memory_mb, "namespaces": self.namespaces,
                "exercises": self.exercises}

    @classmethod
    def from_dict(cls: Type[T_JudgeRequest], raw: Dict[str, Any]) -> T_JudgeRequest:
        return cls(notebook=dict(raw["notebook"]), files=dict(raw["files"]), checks=dict(raw["checks"]),
                   references=dict(raw["references"]), timeout=float(raw["timeout"]),
                   memory_mb=int(raw["memory_mb"]), namespaces=bool(raw["namespaces"]),
                   exercises=[str(name) for name in raw.get("exercises", [])])


T_SubmissionResult = TypeVar("T_SubmissionResult", bound="SubmissionResult")


@dataclass
class SubmissionResult:
    """The outcome for one learner and assignment: the score (None when it could not be graded) and why.

    The score is the sum of what the notebooks' graded cells earned, as their verdicts say: nbgrader's gradebook
    stores the same numbers, written from the same verdicts, and is never read back.
    """

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
        return cls(learner=printable(str(raw["learner"])), assignment=printable(str(raw["assignment"])),
                   status=raw["status"], score=raw["score"], max_score=float(raw["max_score"]),
                   reason=printable(str(raw.get("reason", ""))), fingerprint=raw.get("fingerprint", ""),
                   notebooks={printable(str(name)): NotebookVerdict.from_dict(item)
                              for name, item in raw.get("notebooks", {}).items()},
                   notes=[printable(str(note)) for note in raw.get("notes", [])],
                   seconds=float(raw.get("seconds", 0.0)), cacheable=bool(raw.get("cacheable", True)))

    def printable_copy(self: T_SubmissionResult) -> T_SubmissionResult:
        """A copy whose every text is printable, for a result made in this process rather than read as data (its
        reason may quote an exception's message, its verdicts what the learner's code printed)."""
        return type(self).from_dict(self.to_dict())


@dataclass
class RunSummary:
    results: List[SubmissionResult]
    graded_now: int
    reused: int

    @property
    def failed(self) -> int:
        return sum(1 for result in self.results if result.status == STATUS_FAILED)


@dataclass(frozen=True)
class GradeSettings:
    """What one `stylekit grade` run is asked to do; the grading pool gets it once, and it must pickle."""

    submitted: Path
    out: Path
    timeout: float = DEFAULT_TIMEOUT_SECONDS
    memory_mb: int = DEFAULT_MEMORY_MB
    checks_root: Path = REPO_ROOT / "autograder" / "checks"
    solutions: Path = REPO_ROOT / "solutions"
    containment: ContainmentMode = ContainmentMode.AUTO
    gradebook_url: str = ""  # any SQLAlchemy URL (postgresql://...); empty: SQLite in the output folder
    shard: int = 1  # this run grades shard `shard` of `shards`: every shards-th submission, from the shard-th on
    shards: int = 1

    @property
    def db_url(self) -> str:
        return self.gradebook_url or f"sqlite:///{self.out / 'gradebook.db'}"

    @property
    def is_sharded(self) -> bool:
        return self.shards > 1
