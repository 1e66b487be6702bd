"""What a class's grading says, as data: the figures of the class report are drawn from this and nothing else, so
tests check the numbers, not pixels.

Read from a `stylekit grade` output folder's stored results (and their histories): per section the learners'
scores as a fraction of the points; per learner and rule the style findings; the checks most often missed, with
the teaching message their authors wrote; the rules whose findings a learner still had after resubmitting; and
each learner's progress through the sections.
"""
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional, Set, Type, TypeVar

from stylekit.grading.model import STATUS_GRADED, SubmissionResult
from stylekit.grading.store import ResultStore

T_MissedCheck = TypeVar("T_MissedCheck", bound="MissedCheck")
T_ClassData = TypeVar("T_ClassData", bound="ClassData")
MOST_MISSED = 10  # checks listed in the report: enough to plan the next session's first half hour


class EmptyClass(Exception):
    def __init__(self, folder: Path) -> None:
        super().__init__(f"{folder} holds no graded results: run `stylekit grade SUBMITTED --out {folder}` first")


@dataclass
class MissedCheck:
    """A hidden check and how many of the submissions it ran on failed it."""

    assignment: str
    exercise: str
    name: str
    expect: str
    pattern: Optional[str]
    missed: int
    ran: int

    @property
    def rate(self) -> float:
        return self.missed / self.ran if self.ran else 0.0

    def to_dict(self) -> Dict[str, Any]:
        return {"assignment": self.assignment, "exercise": self.exercise, "name": self.name, "expect": self.expect,
                "pattern": self.pattern, "missed": self.missed, "ran": self.ran}

    @classmethod
    def from_dict(cls: Type[T_MissedCheck], raw: Dict[str, Any]) -> T_MissedCheck:
        return cls(assignment=raw["assignment"], exercise=raw["exercise"], name=raw["name"], expect=raw["expect"],
                   pattern=raw.get("pattern"), missed=int(raw["missed"]), ran=int(raw["ran"]))


@dataclass
class ClassData:
    scores: Dict[str, List[float]] = field(default_factory=dict)  # assignment -> graded learners' score fractions
    findings: Dict[str, Dict[str, int]] = field(default_factory=dict)  # learner -> rule -> style findings
    missed_checks: List[MissedCheck] = field(default_factory=list)  # most missed first
    persistent: Dict[str, int] = field(default_factory=dict)  # rule -> learners who resubmitted and still had it
    progress: Dict[str, Dict[str, Optional[float]]] = field(default_factory=dict)  # learner -> assignment -> fraction
    # (learner, assignment, what raised or was stopped): code that did not run as written, named before any score
    load_problems: List[List[str]] = field(default_factory=list)

    @property
    def learners(self) -> List[str]:
        return sorted(self.progress)

    @property
    def assignments(self) -> List[str]:
        return sorted({assignment for row in self.progress.values() for assignment in row})

    @property
    def rules(self) -> List[str]:
        return sorted({rule for row in self.findings.values() for rule in row})

    def to_dict(self) -> Dict[str, Any]:
        return {"scores": self.scores, "findings": self.findings,
                "missed_checks": [check.to_dict() for check in self.missed_checks], "persistent": self.persistent,
                "progress": self.progress, "load_problems": self.load_problems}

    @classmethod
    def from_dict(cls: Type[T_ClassData], raw: Dict[str, Any]) -> T_ClassData:
        return cls(scores=dict(raw["scores"]), findings=dict(raw["findings"]),
                   missed_checks=[MissedCheck.from_dict(item) for item in raw["missed_checks"]],
                   persistent=dict(raw["persistent"]), progress=dict(raw["progress"]),
                   load_problems=[list(row) for row in raw.get("load_problems", [])])


def _rules_found(result: SubmissionResult) -> Set[str]:
    return {finding["rule"] for verdict in result.notebooks.values() for exercise in verdict.exercises.values()
            if exercise.style is not None for finding in exercise.style.findings}


def class_data(out: Path) -> ClassData:
    store = ResultStore(out)
    results = store.results()
    if not results:
        raise EmptyClass(out)
    data = ClassData()
    checks: Dict[tuple, MissedCheck] = {}
    for result in results:
        fraction = result.score / result.max_score if result.score is not None and result.max_score else None
        data.progress.setdefault(result.learner, {})[result.assignment] = None if fraction is None else round(
            fraction, 4)
        data.findings.setdefault(result.learner, {})
        data.load_problems += [[result.learner, result.assignment, problem] for verdict in result.notebooks.values()
                               for problem in verdict.problems]
        if result.status != STATUS_GRADED:
            continue
        data.scores.setdefault(result.assignment, []).append(round(fraction or 0.0, 4))
        for verdict in result.notebooks.values():
            for exercise in verdict.exercises.values():
                for finding in exercise.style.findings if exercise.style else []:
                    row = data.findings[result.learner]
                    row[finding["rule"]] = row.get(finding["rule"], 0) + 1
                for check in exercise.checks:
                    key = (result.assignment, exercise.exercise, check.name)
                    entry = checks.setdefault(key, MissedCheck(result.assignment, exercise.exercise, check.name,
                                                               check.expect, check.pattern, 0, 0))
                    entry.ran += 1
                    entry.missed += 0 if check.passed else 1
        earlier = store.history(result.learner, result.assignment)
        if earlier:
            for rule in _rules_found(earlier[-1]) & _rules_found(result):
                data.persistent[rule] = data.persistent.get(rule, 0) + 1
    missed = [check for check in checks.values() if check.missed]
    data.missed_checks = sorted(missed, key=lambda check: (-check.rate, -check.missed, check.name))[:MOST_MISSED]
    return data
