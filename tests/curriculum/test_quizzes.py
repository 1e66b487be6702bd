"""Every quiz of every lesson, as a learner meets it: its answer cannot be guessed from where it stands or from its
length, cannot be read off the built notebook, and every choice, right or wrong, explains itself when picked."""
import ast
import json
from collections import Counter
from typing import Dict, List, Tuple

import nbformat
import pytest

from stylekit.curriculum.source import Quiz, load_section, quiz_of, taught_sections
from stylekit.notebooks.schema import kit_metadata
from stylekit.quizzes import display_order, open_seal
from tests.conftest import REPO_ROOT

SOURCES = [load_section(REPO_ROOT, section) for section in taught_sections(REPO_ROOT)]
QUIZZES: List[Tuple[str, Quiz]] = [(source.section.folder, quiz_of(source.lesson, block)) for source in SOURCES
                                   if source.lesson is not None for block in source.lesson.blocks("quiz")]
# A quiz's right answer may be the longest (or the shortest) of its choices in its fair share of the quizzes, 1/n for
# n choices, and a little more: an author cannot balance lengths exactly, but a learner must gain nothing by them.
LENGTH_MARGIN = 0.12
LEARNERS = [f"learner-{number}" for number in range(120)]  # fixed ids: the spread is checked, never left to chance
POSITION_TOLERANCE = 0.15  # how far the count of answers shown at a position may stray from its fair count


def _fair_share() -> float:
    return sum(1 / len(quiz.choices) for _, quiz in QUIZZES) / len(QUIZZES)


def _built_quizzes() -> Dict[str, List[Tuple[str, str]]]:
    """quiz id -> the (text, seal) pairs its cell in the built lesson passes to the widget, in the listed order."""
    found: Dict[str, List[Tuple[str, str]]] = {}
    for path in sorted((REPO_ROOT / "notebooks").glob("*.ipynb")):
        for cell in nbformat.read(str(path), as_version=4).cells:
            if kit_metadata(cell).get("role") != "lesson-quiz":
                continue
            call = ast.parse(cell.source).body[0]
            assert isinstance(call, ast.Expr) and isinstance(call.value, ast.Call)
            keywords = {keyword.arg: ast.literal_eval(keyword.value) for keyword in call.value.keywords}
            found[ast.literal_eval(call.value.args[0])] = [tuple(pair) for pair in keywords["choices"]]
    return found


def test_WHEN_lessons_read_THEN_quizzes_found_in_every_lesson() -> None:
    expected = sorted(source.section.folder for source in SOURCES if source.lesson is not None)
    actual = sorted({folder for folder, _ in QUIZZES})
    assert expected == actual


def test_WHEN_every_quiz_read_THEN_each_wrong_choice_explains_itself_in_its_own_words() -> None:
    """Each wrong choice has a why of its own: not empty, not the right answer's why, not another choice's."""
    expected: List[str] = []
    actual = [f"{quiz.id}: choice {number}" for _, quiz in QUIZZES for number, choice in enumerate(quiz.choices)
              if number != quiz.answer and (not choice.why.strip() or choice.why == quiz.why
                                            or [other.why for other in quiz.choices].count(choice.why) > 1)]
    assert expected == actual


@pytest.mark.parametrize("extreme", [max, min], ids=["longest", "shortest"])
def test_WHEN_choice_lengths_compared_THEN_right_answer_stands_out_no_more_than_its_fair_share(extreme: object
                                                                                                ) -> None:
    """Strictly the longest (or shortest): a tie tells nothing."""
    standing_out = []
    for _, quiz in QUIZZES:
        lengths = [len(choice.text) for choice in quiz.choices]
        others = lengths[:quiz.answer] + lengths[quiz.answer + 1:]
        if extreme(others + [lengths[quiz.answer]]) == lengths[quiz.answer] and lengths[quiz.answer] not in others:
            standing_out.append(quiz.id)

    expected = True
    actual = len(standing_out) / len(QUIZZES) <= _fair_share() + LENGTH_MARGIN
    assert expected == actual, f"{len(standing_out)} of {len(QUIZZES)}: {standing_out}"


def test_WHEN_many_learners_open_a_quiz_THEN_orders_differ_and_the_answer_takes_every_position_evenly() -> None:
    shown: Counter = Counter()
    fair: Counter = Counter()
    never: List[str] = []
    same_for_all: List[str] = []
    for _, quiz in QUIZZES:
        texts = [choice.text for choice in quiz.choices]
        orders = {learner: display_order(learner, quiz.id, texts) for learner in LEARNERS}
        places = [order.index(quiz.answer) for order in orders.values()]
        shown.update(places)
        fair.update({place: len(LEARNERS) / len(texts) for place in range(len(texts))})
        never += [f"{quiz.id}: position {place + 1}" for place in range(len(texts)) if place not in places]
        if len({tuple(order) for order in orders.values()}) == 1:
            same_for_all.append(quiz.id)

    expected = ([], [], {place: True for place in fair})
    actual = (never, same_for_all, {place: abs(shown[place] - fair[place]) <= POSITION_TOLERANCE * fair[place]
                                    for place in fair})
    assert expected == actual, (dict(shown), dict(fair))


def test_WHEN_built_lessons_read_THEN_no_quiz_gives_its_answer_or_explanations_away() -> None:
    """No `answer` or `why` argument and no explanation in the clear anywhere in the notebooks (cells or metadata);
    where the right choice is listed varies from quiz to quiz."""
    built = _built_quizzes()
    notebooks = {path.name: json.dumps(nbformat.read(str(path), as_version=4), ensure_ascii=False)
                 for path in sorted((REPO_ROOT / "notebooks").glob("*.ipynb"))}
    readable = {name: json.loads(text) for name, text in notebooks.items()}
    cells = {name: "\n".join(cell["source"] for cell in notebook["cells"]) for name, notebook in readable.items()}
    leaked = [f"{quiz.id}: {choice.why[:40]}" for folder, quiz in QUIZZES for choice in quiz.choices
              if choice.why[:40] in cells[f"{folder}.ipynb"] or choice.why[:40] in notebooks[f"{folder}.ipynb"]]
    marked = [name for name, text in cells.items() if "answer=" in text or "why=" in text]
    listed_at = Counter(next(index for index, (text, _) in enumerate(built[quiz.id])
                             if text == quiz.choices[quiz.answer].text) for _, quiz in QUIZZES)

    expected = (sorted(quiz.id for _, quiz in QUIZZES), [], [], True)
    actual = (sorted(built), leaked, marked, len(listed_at) > 1)
    assert expected == actual


def test_WHEN_built_seals_opened_THEN_exactly_the_sources_answer_is_right_and_each_choice_has_its_why() -> None:
    built = _built_quizzes()

    expected = {quiz.id: {choice.text: (index == quiz.answer, choice.why) for index, choice in enumerate(quiz.choices)}
                for _, quiz in QUIZZES}
    actual = {quiz.id: {text: (verdict.right, verdict.why) for text, seal in built[quiz.id]
                        for verdict in [open_seal(quiz.id, text, seal)]} for _, quiz in QUIZZES}
    assert expected == actual


def test_WHEN_seals_of_one_quiz_compared_THEN_all_the_same_length() -> None:
    expected: List[str] = []
    actual = [quiz_id for quiz_id, pairs in _built_quizzes().items() if len({len(seal) for _, seal in pairs}) != 1]
    assert expected == actual
