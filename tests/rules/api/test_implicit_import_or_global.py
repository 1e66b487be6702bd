"""Targeted cases for SK1104 implicit-import-or-global (§11 API Design),
beyond its documentation's examples."""
from typing import List

from tests.rules.checking import flagged_cells, flagged_lines


def test_WHEN_relative_star_import_and_global_THEN_explicit_flags_both():
    source = """
        from .models import *

        def bump() -> None:
            global counter, total
            counter += 1
        """

    expected = [2, 5]
    actual = flagged_lines("SK1104", source)

    assert expected == actual


def test_WHEN_star_import_in_later_notebook_cell_THEN_explicit_flags_that_cell():
    cells = [(0, "import json\n"), (1, "from inventory import *\n")]

    expected = [(1, 1)]
    actual = flagged_cells("SK1104", cells)

    assert expected == actual


def test_WHEN_explicit_imports_and_nonlocal_THEN_explicit_accepts_them():
    source = """
        from inventory import reserve, release

        def counter() -> object:
            count = 0

            def bump() -> int:
                nonlocal count
                count += 1
                return count
            return bump
        """

    expected: List[int] = []
    actual = flagged_lines("SK1104", source)

    assert expected == actual


def test_WHEN_module_name_star_in_text_but_not_import_THEN_explicit_accepts_it():
    source = """
        import math

        PATTERN = "from x import *"

        def area(radius: float) -> float:
            return math.pi * radius ** 2
        """

    expected: List[int] = []
    actual = flagged_lines("SK1104", source)

    assert expected == actual
