"""A lesson quiz teaches: each choice says why it is right or wrong when picked, the choices come in the learner's
own order, and the first answer and every retry are kept (the progress view counts first tries apart from retries)."""
import json
import re
from pathlib import Path
from typing import List, Tuple

import pytest

from stylekit.progress import PROGRESS_ENV, learner_id, load_progress, record_quiz
from stylekit.quizzes import ChoiceVerdict, QuizSealBroken, display_order, open_seal, seal_choices
from stylekit.widgets import ProgressView
from stylekit.widgets.quiz import Quiz
from tests.conftest import REPO_ROOT

QUESTION = "Which is the type of any value?"
CHOICES: List[Tuple[str, str]] = [
    ("any", "any is the builtin function that tests an iterable, not a type."),
    ("Any", "typing.Any is the type every value has."),
    ("object", "object is the base class: every value is one, but it accepts only what object offers."),
]
RIGHT = 1


@pytest.fixture
def progress_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "progress.json"
    monkeypatch.setenv(PROGRESS_ENV, str(path))
    return path


def _quiz() -> Quiz:
    return Quiz.from_plain("types-any", "types", QUESTION, CHOICES, answer=RIGHT)


def _verdict_text(quiz: Quiz) -> str:
    return re.sub(r"<[^>]+>", "", quiz.feedback.value)


def test_WHEN_each_choice_checked_THEN_it_says_why_it_is_right_or_wrong(progress_file: Path) -> None:
    quiz = _quiz()

    said = {text: (quiz.check(text), _verdict_text(quiz)) for text, _ in CHOICES}

    expected = {text: (index == RIGHT, True) for index, (text, _) in enumerate(CHOICES)}
    actual = {text: (right, why in verdict) for (text, why), (right, verdict) in zip(CHOICES, said.values())}
    assert expected == actual


def test_WHEN_wrong_answer_checked_THEN_right_answer_not_revealed(progress_file: Path) -> None:
    quiz = _quiz()

    quiz.check("any")

    expected = (False, False)
    actual = (CHOICES[RIGHT][1] in _verdict_text(quiz), "Any" in re.findall(r"\b\w+\b", _verdict_text(quiz)))
    assert expected == actual


def test_WHEN_wrong_then_right_THEN_first_answer_and_retry_both_kept(progress_file: Path) -> None:
    quiz = _quiz()

    quiz.check("any")
    quiz.check("object")
    quiz.check("Any")

    kept = load_progress().quizzes["types"]["types-any"]
    expected = (("any", False), [("object", False), ("Any", True)])
    actual = ((kept.first.chosen, kept.first.correct), [(retry.chosen, retry.correct) for retry in kept.retries])
    assert expected == actual


def test_WHEN_same_choice_checked_again_THEN_no_retry_recorded(progress_file: Path) -> None:
    quiz = _quiz()

    quiz.check("Any")
    quiz.check("Any")

    expected: List[str] = []
    actual = [str(retry.chosen) for retry in load_progress().quizzes["types"]["types-any"].retries]
    assert expected == actual


def test_WHEN_first_answer_wrong_and_retry_right_THEN_progress_view_counts_first_try_and_retries_apart(
        progress_file: Path) -> None:
    record_quiz("types", "types-any", "any", False)
    record_quiz("types", "types-any", "Any", True)
    record_quiz("types", "types-factory", "A PaidInvoice", True)

    table = ProgressView(REPO_ROOT).table.value

    cell = re.search(r'data-quiz-first-right="(\d+)" data-quiz-answered="(\d+)" data-quiz-retries="(\d+)"', table)
    expected = (("1", "2", "1"), True)
    actual = (cell.groups() if cell else None, "1 / 2 quizzes right at the first try, 1 retry" in table)
    assert expected == actual


def test_WHEN_quiz_shown_again_THEN_last_answer_selected_and_first_try_stated(progress_file: Path) -> None:
    quiz = _quiz()
    quiz.check("any")
    quiz.check("Any")

    again = _quiz()

    expected = ("Any", True, True)
    actual = (again.choices.value, "first answer was not right" in _verdict_text(again),
              "1 retry since" in _verdict_text(again))
    assert expected == actual


def test_WHEN_quiz_shown_THEN_choices_in_the_learners_own_stable_order(progress_file: Path) -> None:
    texts = [text for text, _ in CHOICES]

    shown = _quiz().order
    again = _quiz().order

    expected = ([texts[index] for index in display_order(learner_id(), "types-any", texts)], shown)
    actual = (shown, again)
    assert expected == actual


def test_WHEN_progress_file_of_the_old_layout_read_THEN_quiz_answers_kept_and_learner_id_added(
        progress_file: Path) -> None:
    old = {"exercises": {"types": {"parcel_quote": {"score": 5.0, "max_points": 5.0, "style_findings": 0,
                                                    "checked_at": 1.0}}},
           "quizzes": {"types": {"types-any": {"chosen": 0, "correct": False, "answered_at": 2.0}}}}
    progress_file.write_text(json.dumps(old))

    quiz = _quiz()
    kept = load_progress()

    answer = kept.quizzes["types"]["types-any"]
    said = "You answered this quiz before; your first answer was not right."
    expected = ((None, False, 2.0), [], 5.0, True, None, said)
    actual = ((answer.first.chosen, answer.first.correct, answer.first.answered_at), answer.retries,
              kept.exercises["types"]["parcel_quote"].score, bool(kept.learner_id), quiz.choices.value,
              _verdict_text(quiz))
    assert expected == actual


def test_WHEN_learner_id_asked_again_THEN_the_same_one(progress_file: Path) -> None:
    first = learner_id()

    expected = (first, first, 32)
    actual = (learner_id(), json.loads(progress_file.read_text())["learner_id"], len(first))
    assert expected == actual


def test_WHEN_choice_text_edited_THEN_its_seal_does_not_open(progress_file: Path) -> None:
    sealed = dict(seal_choices("q", [("kept", ChoiceVerdict(True, "why")), ("other", ChoiceVerdict(False, "no"))]))

    with pytest.raises(QuizSealBroken):
        open_seal("q", "kept, edited", sealed["kept"])


def test_WHEN_quiz_cell_edited_THEN_widget_says_so_and_records_nothing(progress_file: Path) -> None:
    seals = dict(seal_choices("q", [("kept", ChoiceVerdict(True, "why")), ("other", ChoiceVerdict(False, "no"))]))
    quiz = Quiz("q", "types", "Which?", [("kept", seals["kept"]), ("other", seals["kept"])])  # a seal copied by hand

    right = quiz.check("other")

    expected = (False, True, {})
    actual = (right, "no longer matches its seal" in quiz.feedback.value, load_progress().quizzes)
    assert expected == actual
