"""Kit widgets carry a static view and a note for a stopped kernel (stylekit/widgets/survival.py)."""
import re
from typing import Any, Dict, List, Tuple

import ipywidgets
import pytest

from stylekit.notebooks.widget_outputs import STATIC_VIEW_KEY, WIDGET_VIEW
from stylekit.widgets import ExerciseRubric, ProgressView, StyleCoach
from stylekit.widgets.quiz import Quiz
from stylekit.widgets.rubric import Rubric, YourTurn
from stylekit.widgets.survival import KIT_CLASS, LIVE_CLASS, NOTE_CLASS

UNANNOTATED = "def area(width, height):\n    return width * height"


@pytest.fixture(autouse=True)
def _progress_file(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STYLEKIT_PROGRESS", str(tmp_path / "progress.json"))


def _bundle(widget: Any) -> Tuple[Dict[str, Any], Dict[str, Any]]:
    data, metadata = widget._repr_mimebundle_()
    return data, metadata


def _kit_widgets() -> List[Any]:
    return [StyleCoach(UNANNOTATED), YourTurn(["types.annotations"], UNANNOTATED),
            Quiz.from_plain("q", "types", "Which one?", [("This one", "Because."), ("That one", "No.")], 0),
            ProgressView(), ExerciseRubric("parcel_quote", section="types", patterns=["types.annotations"]),
            Rubric(["types.annotations"], source=UNANNOTATED)]


def test_WHEN_kit_widget_displayed_THEN_bundle_holds_live_view_static_view_and_the_mark() -> None:
    expected = [(True, True, True, True) for _ in range(6)]

    actual = []
    for widget in _kit_widgets():
        data, metadata = _bundle(widget)
        actual.append((WIDGET_VIEW in data, "stylekit-static" in data["text/html"],
                       "run this cell" in data["text/plain"], metadata[STATIC_VIEW_KEY]["static_view"] == "text/html"))
    assert expected == actual


def test_WHEN_coach_with_a_finding_displayed_THEN_static_view_shows_no_finding_nor_code() -> None:
    coach = StyleCoach(UNANNOTATED)

    data, _ = _bundle(coach)

    expected = (True, [], False)
    actual = ("SK0201" in coach.panel.value, re.findall(r"SK\d{4}", data["text/html"]), "area" in data["text/html"])
    assert expected == actual


def test_WHEN_quiz_displayed_THEN_static_view_shows_question_and_choices_not_the_answer() -> None:
    quiz = Quiz.from_plain("q", "types", "Which one?", [("This one", "Because of the reason."), ("That one", "No.")], 0)

    html = _bundle(quiz)[0]["text/html"]

    expected = (True, True, True, False)
    actual = ("Which one?" in html, "This one" in html, "That one" in html, "Because of the reason" in html)
    assert expected == actual


def test_WHEN_kit_widget_built_THEN_note_first_and_stale_parts_marked_live() -> None:
    coach = StyleCoach(UNANNOTATED)

    expected = (True, True, True, False)
    actual = (KIT_CLASS in coach._dom_classes, NOTE_CLASS in coach.children[0]._dom_classes,
              LIVE_CLASS in coach.panel._dom_classes, LIVE_CLASS in coach.editor._dom_classes)
    assert expected == actual


def test_WHEN_quiz_built_THEN_its_choices_carry_a_group_label() -> None:
    quiz = Quiz.from_plain("q", "types", "Which one?", [("This one", "Because."), ("That one", "No.")], 0)

    expected = "Your answer"
    actual = quiz.choices.description
    assert expected == actual


@pytest.mark.parametrize("source, said", [
    (UNANNOTATED, "1 style finding: SK0201 on line 1."),
    ("def area(width: float, height: float) -> float:\n    return width * height\n", "No style findings."),
    ("def area(", "The code does not parse yet."),
])
def test_WHEN_coach_checks_code_THEN_live_region_says_it_in_one_sentence(source: str, said: str) -> None:
    coach = StyleCoach(source)

    expected = said
    actual = coach.panel.announcement
    assert expected == actual


def test_WHEN_coach_has_several_findings_THEN_live_region_names_each_rule_and_line() -> None:
    coach = StyleCoach("def area(width, height):\n    return width * height\n\n\n"
                       "def volume(depth, width, height):\n    return depth * width * height\n")

    expected = "2 style findings: SK0201 on line 1; SK0201 on line 5."
    actual = coach.panel.announcement
    assert expected == actual


def test_WHEN_plain_ipywidget_displayed_THEN_no_static_view_added() -> None:
    data = ipywidgets.Button(description="Go")._repr_mimebundle_()

    expected = False
    actual = "text/html" in data
    assert expected == actual
