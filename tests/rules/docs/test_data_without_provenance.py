"""Targeted cases for SK0306 data-without-provenance (§3 Documentation Philosophy),
beyond its documentation's examples."""
from typing import List

from tests.rules.checking import TEST_PATH, flagged_lines


def test_WHEN_long_literal_table_has_no_comment_THEN_data_without_provenance_flags_it():
    codes = ["FR", "DE", "IT", "ES", "PT", "NL", "BE", "AT", "PL", "SE"]
    rows = "\n".join(f'    "{code}": {index},' for index, code in enumerate(codes))
    source = f"COUNTRY_ZONES = {{\n{rows}\n}}\n"

    expected = [1]
    actual = flagged_lines("SK0306", source)

    assert expected == actual


def test_WHEN_one_line_tuple_has_many_items_THEN_data_without_provenance_flags_it():
    source = f"SIZES = {tuple(range(25))}\n"

    expected = [1]
    actual = flagged_lines("SK0306", source)

    assert expected == actual


def test_WHEN_table_has_source_comment_or_inner_comment_THEN_data_without_provenance_accepts_it():
    items = "\n".join(f"    {number}," for number in range(12))
    source = (f"# Source: the carrier's 2024 price sheet\nPRICES = [\n{items}\n]\n\n"
              f"WEIGHTS = [\n    # From the scale calibration report, see docs/scales.md\n{items}\n]\n")

    expected: List[int] = []
    actual = flagged_lines("SK0306", source)

    assert expected == actual


def test_WHEN_large_structure_holds_code_names_or_test_data_THEN_data_without_provenance_accepts_it():
    handlers = "\n".join(f'    "event_{number}": handle_{number},' for number in range(12))
    numbers = "\n".join(f"    {number}," for number in range(12))
    names = "\n".join(f'    "handle_{number}",' for number in range(12))
    dispatch = f"HANDLERS = {{\n{handlers}\n}}\n"
    test_data = f"EXPECTED_TOTALS = [\n{numbers}\n]\n"
    exported = f"__all__ = [\n{names}\n]\n"

    expected = ([], [], [])
    actual = (flagged_lines("SK0306", dispatch), flagged_lines("SK0306", test_data, path=TEST_PATH),
              flagged_lines("SK0306", exported))

    assert expected == actual
