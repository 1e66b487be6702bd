"""Targeted cases for SK0606 unnamed-condition (§6 Code Style & Idioms),
beyond its documentation's examples."""
from tests.rules.checking import lines_under


def test_WHEN_condition_mixes_and_or_or_joins_four_tests_THEN_unnamed_condition_flags_it():
    source = """
        def check(a, b, c, d):
            if a and b or c:
                pass
            elif a and b and c and d:
                pass
            while a and not (b and c):
                pass
        """

    expected = [3, 5, 7]
    actual = lines_under("SK0606", source)

    assert expected == actual


def test_WHEN_condition_is_short_or_negated_once_THEN_unnamed_condition_accepts_it():
    source = """
        def check(paid, shipped, refunded):
            if paid and shipped and not refunded:
                pass
            if not (paid or shipped):
                pass
            return paid and shipped or refunded
        """

    expected = []
    actual = lines_under("SK0606", source)

    assert expected == actual
