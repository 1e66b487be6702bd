"""Targeted cases for SK1103 untyped-return (§11 API Design),
beyond its documentation's examples."""
from typing import List

from tests.rules.checking import TEST_PATH, flagged_lines


def test_WHEN_factory_annotated_with_bound_typevar_returns_none_THEN_untyped_return_flags_it():
    source = """
        from typing import Any, Dict, Type, TypeVar

        T_Shipment = TypeVar("T_Shipment", bound="Shipment")


        class Shipment:
            def __init__(self, weight: float) -> None:
                self.weight = weight

            @classmethod
            def from_dict(cls: Type[T_Shipment], raw: Dict[str, Any]) -> T_Shipment:
                if not raw:
                    return None
                return cls(raw["weight"])
        """

    expected = [14]
    actual = flagged_lines("SK1103", source)

    assert expected == actual


def test_WHEN_unbounded_typevar_return_is_none_THEN_untyped_return_flags_it():
    source = """
        import typing
        from typing import List

        T = typing.TypeVar("T")


        def first(items: List[T]) -> T:
            if not items:
                return None
            return items[0]
        """

    expected = [10]
    actual = flagged_lines("SK1103", source)

    assert expected == actual


def test_WHEN_imported_typevar_return_is_none_THEN_untyped_return_flags_it():
    source = """
        from typing import Any, Dict, Type

        from shipping.types import T_Shipment


        def load(cls: Type[T_Shipment], raw: Dict[str, Any]) -> T_Shipment:
            if not raw:
                return None
            return cls(**raw)
        """

    expected = [9]
    actual = flagged_lines("SK1103", source)

    assert expected == actual


def test_WHEN_typevar_admits_none_or_return_is_optional_THEN_untyped_return_accepts_it():
    source = """
        from typing import List, Optional, TypeVar

        MaybeWeight = Optional[float]
        T_Label = TypeVar("T_Label", bound=Optional[str])
        T_Code = TypeVar("T_Code", str, None)
        T_Item = TypeVar("T_Item")


        def label(labels: List[T_Label]) -> T_Label:
            return None


        def code(codes: List[T_Code]) -> T_Code:
            return None


        def first(items: List[T_Item]) -> Optional[T_Item]:
            return None


        def weight() -> MaybeWeight:
            return None
        """

    expected: List[int] = []
    actual = flagged_lines("SK1103", source)

    assert expected == actual


def test_WHEN_method_annotated_list_has_bare_return_THEN_untyped_return_flags_it():
    source = """
        from typing import List

        class Catalogue:
            def titles(self, shelf: str) -> List[str]:
                if not shelf:
                    return
                return [shelf]
        """

    expected = [7]
    actual = flagged_lines("SK1103", source)

    assert expected == actual


def test_WHEN_public_function_returns_three_part_tuple_THEN_untyped_return_flags_it_once():
    source = """
        from typing import Tuple

        def invoice_totals(amounts: list) -> Tuple[float, float, float]:
            net = sum(amounts)
            return net, net * 0.2, net * 1.2

        def sensor_bounds(values: list):
            return min(values), max(values), len(values)
        """

    expected = [4, 9]
    actual = flagged_lines("SK1103", source)

    assert expected == actual


def test_WHEN_none_returned_from_optional_generator_or_nested_function_THEN_untyped_return_accepts_it():
    source = """
        from typing import Callable, Iterator, Optional

        def find(title: str) -> Optional[str]:
            return None

        def pages(count: int) -> Iterator[int]:
            if count == 0:
                return
            yield count

        def make_logger(prefix: str) -> Callable[[str], None]:
            def log(text: str):
                print(prefix, text)
                return
            return log
        """

    expected: List[int] = []
    actual = flagged_lines("SK1103", source)

    assert expected == actual


def test_WHEN_tuples_in_private_helper_pair_variadic_or_sort_key_THEN_untyped_return_accepts_them():
    source = """
        from typing import Tuple

        def _split(amount: float) -> Tuple[float, float, float]:
            return amount, amount, amount

        def divide(total: int, parts: int) -> Tuple[int, int]:
            return total // parts, total % parts

        def readings(count: int) -> Tuple[int, ...]:
            return tuple(range(count))

        def sort_key(book: dict) -> Tuple[str, str, int]:
            return book["author"], book["title"], book["year"]
        """

    expected: List[int] = []
    actual = flagged_lines("SK1103", source)

    assert expected == actual


def test_WHEN_unannotated_test_returns_tuple_THEN_untyped_return_accepts_it():
    source = """
        def make_order():
            return 1, 2, 3

        def test_WHEN_order_made_THEN_three_parts():
            assert (1, 2, 3) == make_order()
        """

    expected: List[int] = []
    actual = flagged_lines("SK1103", source, path=TEST_PATH)

    assert expected == actual
