"""Targeted cases for SK1152 implicit-optional (§11 API Design),
beyond its documentation's examples."""
from typing import List

from tests.rules.checking import flagged_lines


def test_WHEN_annotation_is_local_alias_or_typevar_THEN_parameter_defaults_gives_benefit_of_doubt():
    source = """
        from typing import Optional, TypeVar

        MaybeTitle = Optional[str]
        T = TypeVar("T")

        def lend(title: MaybeTitle = None, item: T = None) -> None:
            pass
        """

    expected: List[int] = []
    actual = flagged_lines("SK1152", source)

    assert expected == actual
