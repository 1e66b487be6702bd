"""Targeted cases for SK0505 assert-expected-first (§5 Testing Approach),
beyond its documentation's examples."""
import pytest

from tests.rules.checking import LIBRARY_SOURCE_PATH, lines_in_test_module, messages_in_test_module


@pytest.mark.parametrize("assertion", [
    "assert actual_value == 21.0",
    "assert len(readings) == 3",
    "assert result['status'] == 'paid'",
    "assert mock_send.call_args_list == [mock.call('loan-7')]",
    "assert actual_status == Status.PAID",
    "assert actual_total != expected_total",
], ids=["actual-name", "call", "subscript", "mock-attribute", "enum-member", "not-equal"])
def test_WHEN_actual_compared_before_expected_THEN_flagged(assertion: str) -> None:
    source = f"def test_WHEN_checked_THEN_ok():\n    {assertion}\n"

    expected = [2]
    actual = lines_in_test_module("SK0505", source)

    assert expected == actual


def test_WHEN_reversed_assert_flagged_THEN_message_shows_swapped_order() -> None:
    source = "def test_WHEN_checked_THEN_ok():\n    assert len(readings) == 3\n"

    expected = ["Put the expected value first: assert 3 == len(readings)"]
    actual = messages_in_test_module("SK0505", source)

    assert expected == actual


@pytest.mark.parametrize("assertion", [
    "assert expected_total == actual_total",
    "assert 3 == len(readings)",
    "assert total == subtotal",
    "assert actual_value == True",
    "assert result == None",
    "assert pytest.approx(21.0) == actual_value",
    "assert TEST_LOAN == actual_loan",
    "assert expected.total == 3",
], ids=["house-order", "literal-first", "unclear", "bool-is-sk0551", "none", "approx", "constant-first",
        "expected-attribute"])
def test_WHEN_expected_first_or_unclear_THEN_not_flagged(assertion: str) -> None:
    source = f"def test_WHEN_checked_THEN_ok():\n    {assertion}\n"

    assert [] == lines_in_test_module("SK0505", source)


def test_WHEN_reversed_assert_in_production_code_THEN_not_flagged() -> None:
    source = """
        def check_readings(readings: list) -> None:
            assert len(readings) == 3
    """

    assert [] == lines_in_test_module("SK0505", source, LIBRARY_SOURCE_PATH)
