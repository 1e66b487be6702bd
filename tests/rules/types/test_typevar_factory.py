"""Targeted cases for SK0202 typevar-factory (§2 Type System & Annotations),
beyond its documentation's examples."""
from typing import List

from tests.rules.checking import flagged_lines


def test_WHEN_from_json_returns_concrete_class_name_THEN_typevar_factory_flags_it():
    source = """
        from typing import Any, Dict, Optional

        class Sensor:
            @classmethod
            def from_json(cls, raw: Dict[str, Any]) -> Optional[Sensor]:
                return cls()
        """

    expected = [6]
    actual = flagged_lines("SK0202", source)

    assert expected == actual


def test_WHEN_from_dict_has_no_annotations_on_cls_or_return_THEN_typevar_factory_flags_it():
    source = """
        class Sensor:
            @classmethod
            def from_dict(cls, raw):
                return cls()
        """

    expected = [4]
    actual = flagged_lines("SK0202", source)

    assert expected == actual


def test_WHEN_from_dict_uses_bound_typevar_or_self_THEN_typevar_factory_accepts_it():
    source = """
        from typing import Any, Dict, Self, Type, TypeVar

        T_Sensor = TypeVar("T_Sensor", bound="Sensor")

        class Sensor:
            @classmethod
            def from_dict(cls: Type[T_Sensor], raw: Dict[str, Any]) -> T_Sensor:
                return cls()

            @classmethod
            def from_json(cls, text: str) -> Self:
                return cls()
        """

    expected: List[int] = []
    actual = flagged_lines("SK0202", source)

    assert expected == actual


def test_WHEN_enum_factory_returns_enum_name_AND_plain_method_is_not_from_THEN_typevar_factory_accepts_them():
    source = """
        from enum import Enum

        class Unit(Enum):
            CELSIUS = "C"

            @classmethod
            def from_label(cls, label: str) -> "Unit":
                return cls(label)

        class Sensor:
            @classmethod
            def parse(cls, raw: str) -> "Sensor":
                return cls()
        """

    expected: List[int] = []
    actual = flagged_lines("SK0202", source)

    assert expected == actual
