"""Targeted cases for SK0203 typing-generics (§2 Type System & Annotations),
beyond its documentation's examples."""
from typing import List

from tests.rules.checking import flagged_lines, flagged_messages


def test_WHEN_builtin_generics_in_field_and_string_annotation_THEN_typing_generics_flags_each():
    source = """
        from dataclasses import dataclass

        @dataclass
        class Library:
            shelves: tuple[str, ...]

            def lend(self, titles: "set[str]") -> None:
                pass
        """

    expected = [6, 8]
    actual = flagged_lines("SK0203", source)

    assert expected == actual


def test_WHEN_lowercase_any_and_builtin_generic_used_THEN_typing_generics_gives_two_distinct_messages():
    source = """
        from typing import Dict

        def index(books: Dict[str, any]) -> type[int]:
            return int
        """

    expected = 2
    actual = len(set(flagged_messages("SK0203", source)))

    assert expected == actual


def test_WHEN_lowercase_any_is_whole_annotation_or_inside_optional_THEN_typing_generics_flags_each():
    source = """
        from typing import Optional

        def describe(value: any, unit: Optional[any] = None) -> any:
            return value
        """

    expected = [4, 4, 4]
    actual = flagged_lines("SK0203", source)

    assert expected == actual


def test_WHEN_typing_generics_bare_builtins_and_literal_any_used_THEN_typing_generics_accepts_them():
    source = """
        from typing import Any, Dict, List, Literal

        def shelve(books: List[Dict[str, Any]], mode: Literal["any", "all"], raw: dict) -> list:
            matches = any(book for book in books)
            return [matches, mode, raw]
        """

    expected: List[int] = []
    actual = flagged_lines("SK0203", source)

    assert expected == actual


def test_WHEN_builtin_generic_used_outside_annotations_THEN_typing_generics_accepts_it():
    source = """
        Shelf = list[str]

        def is_shelf(value: object) -> bool:
            return isinstance(value, list)
        """

    expected: List[int] = []
    actual = flagged_lines("SK0203", source)

    assert expected == actual
