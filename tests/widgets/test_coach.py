"""The StyleCoach widget: re-checked on every change, explained findings, calm syntax errors."""
import ast
import re

from stylekit.findings import StyleReport
from stylekit.widgets import StyleCoach

UNANNOTATED = "def area(width, height):\n    return width * height"
ANNOTATED = "def area(width: float, height: float) -> float:\n    return width * height"


def _rules(coach: StyleCoach) -> list:
    return re.findall(r'class="stylekit-finding[^"]*" data-rule="(\w+)"', coach.panel.value)


def test_WHEN_coach_starts_with_unannotated_code_THEN_panel_lists_finding_with_explanation() -> None:
    coach = StyleCoach(UNANNOTATED)

    expected = (["SK0201"], True, True)
    actual = (_rules(coach), "Why, and what to write instead" in coach.panel.value, "▶  1" in coach.panel.value)
    assert expected == actual


def test_WHEN_learner_fixes_code_THEN_finding_goes_and_clean_state_shows() -> None:
    coach = StyleCoach(UNANNOTATED)

    coach.editor.value = ANNOTATED

    expected = ([], True, ANNOTATED)
    actual = (_rules(coach), "stylekit-clean" in coach.panel.value, coach.source)
    assert expected == actual


def test_WHEN_code_does_not_parse_while_typing_THEN_calm_message_without_traceback() -> None:
    coach = StyleCoach("def area(width, height")

    expected = (["SK0000"], True, False)
    actual = (_rules(coach), "does not parse yet" in coach.panel.value, "Traceback" in coach.panel.value)
    assert expected == actual


def test_WHEN_each_keystroke_changes_value_THEN_revision_counts_every_recheck() -> None:
    coach = StyleCoach("")
    for end in range(1, 6):
        coach.editor.value = UNANNOTATED[:end]

    expected = 'data-revision="6"'
    actual = re.search(r'data-revision="\d+"', coach.panel.value).group(0)
    assert expected == actual


def test_WHEN_custom_checker_given_THEN_it_replaces_the_rules() -> None:
    def parse_only(source: str) -> StyleReport:
        ast.parse(source)
        return StyleReport()

    coach = StyleCoach(UNANNOTATED, checker=parse_only)

    assert [] == _rules(coach)
