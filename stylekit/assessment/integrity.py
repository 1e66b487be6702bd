"""Integrity evidence about one returned bundle, against the exam's own record of what was sent.

Evidence is a fact with its detail, for a reviewer to weigh; `flag` marks what a reviewer must look at. Nothing
here changes a score: the grader grades the candidate's answer cells with the exam's own copies of every other
file, so an edited module or check cell cannot earn marks, it can only be seen.
"""
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Dict, List, Type, TypeVar

from stylekit.assessment.exam import MANIFEST_FILE, BundleRecord, ExamRecord, sha256
from stylekit.notebooks.trust import DELETED, CellLock, broken_locks

logger = logging.getLogger(__name__)

GRACE = timedelta(minutes=5)  # saving and zipping after the last minute is not lateness
T_Evidence = TypeVar("T_Evidence", bound="Evidence")


@dataclass(frozen=True)
class Evidence:
    kind: str
    detail: str
    flag: bool = True

    def to_dict(self) -> Dict[str, Any]:
        return {"kind": self.kind, "detail": self.detail, "flag": self.flag}

    @classmethod
    def from_dict(cls: Type[T_Evidence], raw: Dict[str, Any]) -> T_Evidence:
        return cls(kind=raw["kind"], detail=raw["detail"], flag=bool(raw["flag"]))


def file_evidence(bundle: BundleRecord, folder: Path) -> List[Evidence]:
    """Released files changed, missing or added (notebooks are judged cell by cell instead)."""
    found = []
    for name, digest in sorted(bundle.files.items()):
        path = folder / name
        if name.endswith(".ipynb"):
            continue
        if not path.is_file():
            found.append(Evidence("file-missing", f"{name} was released and is not in the return"))
        elif sha256(path) != digest:
            found.append(Evidence("file-changed", f"{name} differs from the released file"))
    released = set(bundle.files) | {MANIFEST_FILE}
    for path in sorted(folder.rglob("*")):
        relative = str(path.relative_to(folder))
        is_noise = ".ipynb_checkpoints" in path.parts or "__pycache__" in path.parts
        if path.is_file() and relative not in released and not is_noise:
            found.append(Evidence("file-added", f"{relative} was not released", flag=False))
    return found


def cell_evidence(name: str, locks: List[CellLock], notebook: Any) -> List[Evidence]:
    """Locked cells (every cell but the answer cells) edited or deleted; matched by role and exercise, in order."""
    found = []
    for broken in broken_locks(locks, notebook):
        lock = broken.lock
        exercise = f", {lock.exercise}" if lock.exercise else ""
        where = f"{name}, cell {lock.index + 1} ({lock.role}{exercise})"
        if broken.kind == DELETED:
            found.append(Evidence("locked-cell-deleted", f"{where} was deleted"))
        else:
            found.append(Evidence("locked-cell-edited", f"{where} was edited"))
    return found


def window_evidence(record: ExamRecord, modified: Dict[str, datetime]) -> List[Evidence]:
    """Work saved after the time limit, where the files' times are evidence at all (after the exam's issue)."""
    issued = record.issued()
    deadline = issued + timedelta(minutes=record.minutes) + GRACE
    telling = {name: moment for name, moment in modified.items() if moment >= issued - GRACE}
    if not telling:
        return [Evidence("times-unknown", "the return's file times say nothing about when the work was done",
                         flag=False)] if modified else []
    latest_name, latest = max(telling.items(), key=lambda pair: pair[1])
    if latest > deadline:
        late_by = int((latest - deadline + GRACE).total_seconds() // 60)
        return [Evidence("late", f"{latest_name} was saved {late_by} min after the {record.minutes}-minute limit "
                                 f"({latest.isoformat(timespec='minutes')})")]
    return []

