"""Every rule's documentation is executable: its example is flagged and its 'instead' is accepted."""
from typing import List, Type

import pytest

from stylekit import check_source
from stylekit.patterns import load_catalogue
from stylekit.rules import all_rules
from stylekit.rules.base import Rule

RULES: List[Type[Rule]] = list(all_rules())


def _rule_ids(rule: Type[Rule], source: str, path: str) -> List[str]:
    return [finding.rule for finding in check_source(source, path=path).findings if finding.rule == rule.id]


@pytest.mark.parametrize("rule", RULES, ids=[rule.id for rule in RULES])
def test_WHEN_rule_documentation_example_checked_THEN_rule_flags_it(rule: Type[Rule]) -> None:
    example = rule.documentation().example()

    actual = _rule_ids(rule, example.code, example.path or "example.py")

    assert [] != actual, f"{rule.id} does not flag its own documented example"


@pytest.mark.parametrize("rule", RULES, ids=[rule.id for rule in RULES])
def test_WHEN_rule_documentation_read_THEN_title_names_rule_and_pattern(rule: Type[Rule]) -> None:
    text = rule.documentation().text
    catalogue = load_catalogue()

    expected = (f"# {rule.id} {rule.name}", True, True)
    actual = (text.splitlines()[0], f"`{rule.pattern}`" in text, catalogue.citation(rule.pattern) in text)

    assert expected == actual


def test_WHEN_catalogue_loaded_THEN_every_static_pattern_has_a_rule() -> None:
    static = {pattern.id for pattern in load_catalogue().static_patterns()}

    expected: List[str] = []
    actual = sorted(static - {rule.pattern for rule in RULES})

    assert expected == actual


def test_WHEN_rule_ids_listed_THEN_each_encodes_its_section_number() -> None:
    catalogue = load_catalogue()

    expected: List[str] = []
    actual = [rule.id for rule in RULES if rule.id[2:4] != f"{catalogue.section_of(rule.pattern).number:02d}"]

    assert expected == actual


@pytest.mark.parametrize("rule", RULES, ids=[rule.id for rule in RULES])
def test_WHEN_rule_documentation_instead_checked_THEN_no_rule_at_all_flags_it(rule: Type[Rule]) -> None:
    # Learners copy the "instead" snippets, so they must be clean under the whole catalogue, not just their rule.
    instead = rule.documentation().instead()

    actual = [f"{finding.rule} {finding.message}"
              for finding in check_source(instead.code, path=instead.path or "example.py").findings]

    assert [] == actual
