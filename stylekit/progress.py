"""A self-paced learner's progress: the latest self-check of every exercise and the latest answer to every lesson
quiz, kept in a small JSON file.

The file lives at ~/.stylekit/progress.json unless STYLEKIT_PROGRESS names another; writing is atomic
(a temporary file renamed into place), so an interrupted write never loses earlier results.
"""
import json
import logging
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, Type, TypeVar

from stylekit.errors import UnknownSection
from stylekit.files import write_atomically
from stylekit.patterns import load_catalogue

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


T_QuizAnswer = TypeVar("T_QuizAnswer", bound="QuizAnswer")


@dataclass
class QuizAnswer:
    """The latest answer to one lesson quiz question."""

    chosen: int
    correct: bool
    answered_at: float

    def to_dict(self) -> Dict[str, Any]:
        return {"chosen": self.chosen, "correct": self.correct, "answered_at": self.answered_at}

    @classmethod
    def from_dict(cls: Type[T_QuizAnswer], raw: Dict[str, Any]) -> T_QuizAnswer:
        return cls(chosen=int(raw["chosen"]), correct=bool(raw["correct"]),
                   answered_at=float(raw.get("answered_at", 0)))


T_Progress = TypeVar("T_Progress", bound="Progress")


@dataclass
class Progress:
    """Per section id ('types'): the latest self-check of each exercise and the latest answer to each quiz."""

    exercises: Dict[str, Dict[str, ExerciseProgress]] = field(default_factory=dict)
    quizzes: Dict[str, Dict[str, QuizAnswer]] = field(default_factory=dict)

    def to_dict(self) -> Dict[str, Any]:
        return {"exercises": {section: {name: item.to_dict() for name, item in results.items()}
                              for section, results in self.exercises.items()},
                "quizzes": {section: {name: item.to_dict() for name, item in answers.items()}
                            for section, answers in self.quizzes.items()}}

    @classmethod
    def from_dict(cls: Type[T_Progress], raw: Dict[str, Any]) -> T_Progress:
        return cls(exercises={section: {name: ExerciseProgress.from_dict(item) for name, item in results.items()}
                              for section, results in raw.get("exercises", {}).items()},
                   quizzes={section: {name: QuizAnswer.from_dict(item) for name, item in answers.items()}
                            for section, answers in raw.get("quizzes", {}).items()})


def progress_path() -> Path:
    return Path(os.environ.get(PROGRESS_ENV) or Path.home() / ".stylekit" / "progress.json")


def load_progress() -> Progress:
    path = progress_path()
    if not path.is_file():
        return Progress()
    try:
        return Progress.from_dict(_current_format(json.loads(path.read_text())))
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        # A damaged file must not stop a lesson; it is kept aside, not overwritten, so nothing is lost for good.
        kept = path.with_suffix(".unreadable.json")
        logger.warning(f"Ignoring unreadable progress file {path} (kept as {kept}): {error}")
        path.replace(kept)
        return Progress()


def _current_format(raw: Dict[str, Any]) -> Dict[str, Any]:
    """Files written before quizzes were recorded map exercise folders ('02_type_system') straight to results."""
    if not raw or "exercises" in raw or "quizzes" in raw:
        return raw
    catalogue = load_catalogue()
    migrated: Dict[str, Any] = {}
    for folder, results in raw.items():
        try:
            migrated[catalogue.section(folder).id] = results
        except UnknownSection:
            migrated[folder] = results
    return {"exercises": migrated}


def _save(progress: Progress) -> None:
    write_atomically(progress_path(), json.dumps(progress.to_dict(), indent=2))


def record(section: str, exercise: str, score: float, max_points: float, style_findings: int) -> None:
    """Keep the latest self-check of one exercise of a section (by id, e.g. 'types')."""
    progress = load_progress()
    progress.exercises.setdefault(section, {})[exercise] = ExerciseProgress(score, max_points, style_findings,
                                                                            time.time())
    _save(progress)


def record_quiz(section: str, question: str, chosen: int, correct: bool) -> None:
    """Keep the latest answer to one quiz question of a section's lesson."""
    progress = load_progress()
    progress.quizzes.setdefault(section, {})[question] = QuizAnswer(chosen, correct, time.time())
    _save(progress)
