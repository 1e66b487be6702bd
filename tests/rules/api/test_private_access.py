"""Targeted cases for SK1101 private-access (§11 API Design),
beyond its documentation's examples."""
from typing import List

from tests.rules.checking import TEST_PATH, flagged_lines


def test_WHEN_private_attribute_of_other_object_read_and_called_THEN_private_access_flags_both():
    source = """
        class Ledger:
            def __init__(self, entries: list) -> None:
                self._entries = entries

        def audit(ledger: Ledger, service: object) -> int:
            service._reconnect()
            return len(ledger._entries)
        """

    expected = [7, 8]
    actual = flagged_lines("SK1101", source)

    assert expected == actual


def test_WHEN_function_public_but_not_in_dunder_all_THEN_private_access_flags_it():
    source = """
        __all__ = ["total"]

        def total(amounts: list) -> float:
            return sum(amounts)

        def rounding(amount: float) -> float:
            return round(amount, 2)
        """

    expected = [7]
    actual = flagged_lines("SK1101", source)

    assert expected == actual


def test_WHEN_own_privates_read_through_self_super_or_same_class_THEN_private_access_accepts_them():
    source = """
        from collections import namedtuple

        Point = namedtuple("Point", "x y")

        class Ledger:
            _registry: dict = {}

            def __init__(self, total: float) -> None:
                super().__init__()
                self._total = total
                type(self)._registry[id(self)] = self

            def __eq__(self, other: object) -> bool:
                if not isinstance(other, Ledger):
                    return NotImplemented
                return self._total == other._total

            def moved(self, point: Point) -> Point:
                return point._replace(x=self._total)
        """

    expected: List[int] = []
    actual = flagged_lines("SK1101", source)

    assert expected == actual


def test_WHEN_test_pokes_private_helper_THEN_private_access_accepts_it():
    source = """
        import orders

        def test_WHEN_rounding_called_THEN_two_decimals():
            actual = orders._round_total(1.005)
            assert 1.0 == actual
        """

    expected: List[int] = []
    actual = flagged_lines("SK1101", source, path=TEST_PATH) + flagged_lines("SK1101", source)

    assert expected == actual


def test_WHEN_dunder_all_computed_THEN_private_access_accepts_unlisted_function():
    source = """
        __all__ = ["total"]
        __all__.extend(["rounding"])

        def total(amounts: list) -> float:
            return sum(amounts)

        def rounding(amount: float) -> float:
            return round(amount, 2)
        """

    expected: List[int] = []
    actual = flagged_lines("SK1101", source)

    assert expected == actual


def test_WHEN_unlisted_function_is_decorated_or_private_THEN_private_access_accepts_it():
    source = """
        import click

        __all__ = ("total",)

        def total(amounts: list) -> float:
            return sum(amounts)

        @click.command()
        def main() -> None:
            click.echo(total([1.0]))

        def _rounding(amount: float) -> float:
            return round(amount, 2)
        """

    expected: List[int] = []
    actual = flagged_lines("SK1101", source)

    assert expected == actual
