"""Targeted cases for SK1102 mutable-default (§11 API Design),
beyond its documentation's examples."""
import textwrap
from typing import List

from stylekit import check_source
from tests.rules.checking import PRODUCTION_PATH, flagged_lines


def test_WHEN_mutable_defaults_in_method_kwonly_and_lambda_THEN_parameter_defaults_flags_each():
    source = """
        from collections import defaultdict

        class Shelf:
            def stock(self, titles=list(), *, counts=defaultdict(int)) -> None:
                pass

        sort_titles = lambda titles, seen={}: sorted(titles)
        """

    expected = [5, 5, 8]
    actual = flagged_lines("SK1102", source)

    assert expected == actual


def test_WHEN_mutable_default_and_implicit_optional_THEN_each_has_its_own_rule_and_severity():
    source = textwrap.dedent("""
        def lend(title: "Book" = None, borrowers: set = set()) -> None:
            pass
        """)

    report = check_source(source, path=PRODUCTION_PATH)

    expected = [("SK1102", "error", 2), ("SK1152", "warning", 2)]
    actual = sorted((finding.rule, finding.severity.value, finding.line) for finding in report.findings
                    if finding.rule in ("SK1102", "SK1152"))
    assert expected == actual


def test_WHEN_defaults_are_none_with_optional_or_immutable_THEN_parameter_defaults_accepts_them():
    source = """
        from typing import Any, List, Optional, Tuple, Union

        def lend(title: Optional[str] = None, borrowers: Union[List[str], None] = None, note: "str | None" = None,
                 extra: Any = None, shelves: Tuple[str, ...] = (), loan_days: int = 14, reader=None) -> None:
            pass
        """

    expected: List[int] = []
    actual = flagged_lines("SK1102", source) + flagged_lines("SK1152", source)

    assert expected == actual
