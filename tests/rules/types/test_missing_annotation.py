"""Targeted cases for SK0201 missing-annotation (§2 Type System & Annotations),
beyond its documentation's examples."""
import textwrap

from stylekit import check_source
from tests.rules.checking import PRODUCTION_PATH, flagged_lines


def test_WHEN_function_returns_value_or_yields_without_annotation_THEN_missing_annotation_warns():
    source = textwrap.dedent("""
        def count(titles: list):
            def inner():
                return None
            return len(titles)

        def each(titles: list):
            yield from titles
        """)

    report = check_source(source, path=PRODUCTION_PATH)

    expected = [("SK0201", 2), ("SK0201", 7)]
    actual = [(finding.rule, finding.line) for finding in report.findings if finding.rule in ("SK0201", "SK0251")
              and finding.line != 3]
    assert expected == actual


def test_WHEN_eq_lacks_type_check_and_annotation_THEN_each_rule_says_its_own_part():
    source = textwrap.dedent("""
        class Book:
            def __init__(self, isbn: str) -> None:
                self.isbn = isbn

            def __eq__(self, other) -> bool:
                return self.isbn == other.isbn
        """)

    messages = {finding.rule: finding.message for finding in check_source(source, path=PRODUCTION_PATH).findings}

    expected = (True, False)
    actual = ("other" in messages["SK0201"], "annotate" in messages["SK1204"])
    assert expected == actual


def test_WHEN_test_class_methods_unannotated_outside_test_file_THEN_annotation_rules_accept_them():
    source = """
        from unittest import TestCase

        class TestLoanLedger(TestCase):
            def setUp(self):
                self.ledger = []

            def test_WHEN_empty_THEN_no_loans(self):
                assert [] == self.ledger
        """

    expected = []
    actual = flagged_lines("SK0201", source) + flagged_lines("SK0251", source)
    assert expected == actual
