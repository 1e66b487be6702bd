"""Targeted cases for SK0251 missing-none-return (§2 Type System & Annotations),
beyond its documentation's examples."""
import textwrap

from stylekit import check_source
from tests.rules.checking import PRODUCTION_PATH


def test_WHEN_function_returns_nothing_without_annotation_THEN_only_none_return_rule_at_info():
    source = textwrap.dedent("""
        def archive(title: str):
            print(title)
            return
        """)

    report = check_source(source, path=PRODUCTION_PATH)

    expected = [("SK0251", "info")]
    actual = [(finding.rule, finding.severity.value) for finding in report.findings
              if finding.rule in ("SK0201", "SK0251")]
    assert expected == actual
