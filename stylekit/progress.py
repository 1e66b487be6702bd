"""A self-paced learner's progress: the latest self-check of every exercise (with its verdict per pattern), the first
answer and every retry of every lesson quiz, and the learner's own id, kept in a small JSON file.

The file lives at ~/.stylekit/progress.json unless STYLEKIT_PROGRESS names another; writing is atomic
(a temporary file renamed into place), so an interrupted write never loses earlier results. Files of every earlier
layout still load: results keyed by exercise folder, quiz answers kept as the latest answer only, no learner id.

The learner id is random and means nothing outside this file: it only gives each learner their own order of every
quiz's choices (stylekit/quizzes.py), the same each time they open a lesson.
"""
import json
import logging
import os
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Sequence, Type, TypeVar

from stylekit.errors import UnknownSection
from stylekit.files import write_atomically
from stylekit.verdicts import PatternVerdict
from stylekit.patterns import load_catalogue

logger = logging.getLogger(__name__)

PROGRESS_ENV = "STYLEKIT_PROGRESS"

T_ExerciseProgress = TypeVar("T_ExerciseProgress", bound="ExerciseProgress")


@dataclass
class ExerciseProgress:
    """The latest self-check of one exercise; `patterns` its verdict per pattern (empty in files from before the
    kit kept them), which the exercise's rubric shows."""

    score: float
    max_points: float
    style_findings: int
    checked_at: float
    patterns: List[PatternVerdict] = field(default_factory=list)

    @property
    def done(self) -> bool:
        return self.max_points > 0 and self.score >= self.max_points

    def to_dict(self) -> Dict[str, Any]:
        return {"score": self.score, "max_points": self.max_points, "style_findings": self.style_findings,
                "checked_at": self.checked_at, "patterns": [verdict.to_dict() for verdict in self.patterns]}

    @classmethod
    def from_dict(cls: Type[T_ExerciseProgress], raw: Dict[str, Any]) -> T_ExerciseProgress:
        return cls(score=float(raw["score"]), max_points=float(raw["max_points"]),
                   style_findings=int(raw.get("style_findings", 0)), checked_at=float(raw.get("checked_at", 0)),
                   patterns=[PatternVerdict.from_dict(item) for item in raw.get("patterns", [])])


T_QuizAttempt = TypeVar("T_QuizAttempt", bound="QuizAttempt")


@dataclass
class QuizAttempt:
    """One answer to a quiz: the chosen choice's text (None in files from before the kit kept it), and whether it
    was right."""

    chosen: Optional[str]
    correct: bool
    answered_at: float

    def to_dict(self) -> Dict[str, Any]:
        return {"chosen": self.chosen, "correct": self.correct, "answered_at": self.answered_at}

    @classmethod
    def from_dict(cls: Type[T_QuizAttempt], raw: Dict[str, Any]) -> T_QuizAttempt:
        # Older files kept an index into the choices as the source listed them then; the lessons have been rewritten
        # since, so the index names no choice any more: only whether it was right is kept.
        chosen = raw.get("chosen")
        return cls(chosen=chosen if isinstance(chosen, str) else None, correct=bool(raw["correct"]),
                   answered_at=float(raw.get("answered_at", 0)))


T_QuizAnswer = TypeVar("T_QuizAnswer", bound="QuizAnswer")


@dataclass
class QuizAnswer:
    """Every answer to one lesson quiz: the first, which says what the learner knew, and each retry after it."""

    first: QuizAttempt
    retries: List[QuizAttempt] = field(default_factory=list)

    @property
    def latest(self) -> QuizAttempt:
        return self.retries[-1] if self.retries else self.first

    def to_dict(self) -> Dict[str, Any]:
        return {"first": self.first.to_dict(), "retries": [attempt.to_dict() for attempt in self.retries]}

    @classmethod
    def from_dict(cls: Type[T_QuizAnswer], raw: Dict[str, Any]) -> T_QuizAnswer:
        if "first" not in raw:
            # Files from before retries were kept hold one answer, the latest: the only one there is to keep.
            return cls(first=QuizAttempt.from_dict(raw))
        return cls(first=QuizAttempt.from_dict(raw["first"]),
                   retries=[QuizAttempt.from_dict(item) for item in raw.get("retries", [])])


T_Progress = TypeVar("T_Progress", bound="Progress")


@dataclass
class Progress:
    """Per section id ('types'): the latest self-check of each exercise and the answers to each quiz; `learner_id`
    is empty until the first quiz asks for it (see learner_id())."""

    exercises: Dict[str, Dict[str, ExerciseProgress]] = field(default_factory=dict)
    quizzes: Dict[str, Dict[str, QuizAnswer]] = field(default_factory=dict)
    learner_id: str = ""

    def to_dict(self) -> Dict[str, Any]:
        return {"learner_id": self.learner_id,
                "exercises": {section: {name: item.to_dict() for name, item in results.items()}
                              for section, results in self.exercises.items()},
                "quizzes": {section: {name: item.to_dict() for name, item in answers.items()}
                            for section, answers in self.quizzes.items()}}

    @classmethod
    def from_dict(cls: Type[T_Progress], raw: Dict[str, Any]) -> T_Progress:
        return cls(exercises={section: {name: ExerciseProgress.from_dict(item) for name, item in results.items()}
                              for section, results in raw.get("exercises", {}).items()},
                   quizzes={section: {name: QuizAnswer.from_dict(item) for name, item in answers.items()}
                            for section, answers in raw.get("quizzes", {}).items()},
                   learner_id=str(raw.get("learner_id") or ""))


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
    is_current = not raw or bool({"exercises", "quizzes", "learner_id"} & set(raw))
    if is_current:
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


# Called after every recorded self-check with (section, exercise): an exercise's rubric follows the self-check this
# way, in the kernel that ran it, without the grading code knowing about widgets.
ExerciseListener = Callable[[str, str], None]
_exercise_listeners: List[ExerciseListener] = []


def on_exercise_recorded(listener: ExerciseListener) -> None:
    _exercise_listeners.append(listener)


def record(section: str, exercise: str, score: float, max_points: float, style_findings: int,
           patterns: Sequence[PatternVerdict] = ()) -> None:
    """Keep the latest self-check of one exercise of a section (by id, e.g. 'types'), with its verdict per pattern."""
    progress = load_progress()
    progress.exercises.setdefault(section, {})[exercise] = ExerciseProgress(score, max_points, style_findings,
                                                                            time.time(), list(patterns))
    _save(progress)
    for listener in list(_exercise_listeners):
        listener(section, exercise)


def learner_id() -> str:
    """This learner's id, made (random) and kept the first time it is asked for."""
    progress = load_progress()
    if not progress.learner_id:
        progress.learner_id = uuid.uuid4().hex
        _save(progress)
    return progress.learner_id


def record_quiz(section: str, question: str, chosen: str, correct: bool) -> QuizAnswer:
    """Keep an answer to one quiz question of a section's lesson: the first answer stays, later ones are retries
    (checking the same choice again is not a new answer). Returns every answer kept for the question."""
    progress = load_progress()
    answers = progress.quizzes.setdefault(section, {})
    attempt = QuizAttempt(chosen, correct, time.time())
    earlier = answers.get(question)
    if earlier is None:
        answers[question] = earlier = QuizAnswer(first=attempt)
    elif earlier.latest.chosen != chosen:
        earlier.retries.append(attempt)
    _save(progress)
    return earlier
