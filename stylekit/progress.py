"""A self-paced learner's progress: the latest self-check result of every exercise, kept in a small JSON file.

The file lives at ~/.stylekit/progress.json unless STYLEKIT_PROGRESS names another; writing is atomic
(a temporary file renamed into place), so an interrupted write never loses earlier results.
"""
import json
import logging
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, Type, TypeVar

from stylekit.files import write_atomically

logger = logging.getLogger(__name__)

PROGRESS_ENV = "STYLEKIT_PROGRESS"

T_ExerciseProgress = TypeVar("T_ExerciseProgress", bound="ExerciseProgress")


@dataclass
class ExerciseProgress:
    score: float
    max_points: float
    style_findings: int
    checked_at: float

    @property
    def done(self) -> bool:
        return self.max_points > 0 and self.score >= self.max_points

    def to_dict(self) -> Dict[str, Any]:
        return {"score": self.score, "max_points": self.max_points, "style_findings": self.style_findings,
                "checked_at": self.checked_at}

    @classmethod
    def from_dict(cls: Type[T_ExerciseProgress], raw: Dict[str, Any]) -> T_ExerciseProgress:
        return cls(score=float(raw["score"]), max_points=float(raw["max_points"]),
                   style_findings=int(raw.get("style_findings", 0)), checked_at=float(raw.get("checked_at", 0)))


Progress = Dict[str, Dict[str, ExerciseProgress]]  # section -> exercise -> latest result


def progress_path() -> Path:
    return Path(os.environ.get(PROGRESS_ENV) or Path.home() / ".stylekit" / "progress.json")


def load_progress() -> Progress:
    path = progress_path()
    if not path.is_file():
        return {}
    try:
        raw = json.loads(path.read_text())
    except (OSError, json.JSONDecodeError) as error:
        logger.warning(f"Ignoring unreadable progress file {path}: {error}")
        return {}
    return {section: {exercise: ExerciseProgress.from_dict(item) for exercise, item in exercises.items()}
            for section, exercises in raw.items()}


def record(section: str, exercise: str, score: float, max_points: float, style_findings: int) -> None:
    progress = load_progress()
    progress.setdefault(section, {})[exercise] = ExerciseProgress(score, max_points, style_findings, time.time())
    payload = {name: {key: item.to_dict() for key, item in exercises.items()} for name, exercises in progress.items()}
    write_atomically(progress_path(), json.dumps(payload, indent=2))
