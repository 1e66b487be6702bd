"""Targeted cases for SK0508 missing-test-comments (§5 Testing Approach),
beyond its documentation's examples."""
import pytest

from tests.rules.checking import lines_in_test_module


def test_WHEN_scenarios_not_labelled_THEN_second_scenario_flagged() -> None:
    source = """
        def test_WHEN_can_borrow_called_THEN_as_expected():
            # TEST: No books held
            actual_value = can_borrow(0)
            assert actual_value is True

            actual_value = can_borrow(3)
            assert actual_value is False
    """

    expected = [7]
    actual = lines_in_test_module("SK0508", source)

    assert expected == actual


def test_WHEN_no_scenario_labelled_THEN_test_flagged_once() -> None:
    source = """
        @mock.patch("library.loans.today")
        def test_WHEN_due_date_called_THEN_as_expected(mock_today):
            mock_today.return_value = MONDAY
            result = due_date("loan-7")
            assert FRIDAY == result

            mock_today.return_value = SATURDAY
            with mock.patch("library.loans.is_holiday", return_value=True):
                result = due_date("loan-7")
            assert TUESDAY == result
    """

    expected = [5]
    actual = lines_in_test_module("SK0508", source)

    assert expected == actual


@pytest.mark.parametrize("source", [
    """
    def test_WHEN_can_borrow_called_THEN_as_expected():
        # TEST 1: No books held
        actual_value = can_borrow(0)
        assert actual_value is True

        # Test: Limit reached
        actual_value = can_borrow(3)
        assert actual_value is False
    """,
    """
    def test_WHEN_can_borrow_called_THEN_true():
        actual_value = can_borrow(0)
        actual_value = bool(actual_value)
        assert actual_value is True
    """,
    """
    def test_WHEN_borrow_called_THEN_records_loan():
        actual_loan = borrow("member-12")
        assert "member-12" == actual_loan.member_id

        actual_calls = mock_store.save.call_args_list
        assert [mock.call(actual_loan)] == actual_calls
    """,
    """
    def test_WHEN_can_borrow_called_THEN_as_expected():
        for held, expected_value in [(0, True), (3, False)]:
            actual_value = can_borrow(held)
            assert expected_value == actual_value
    """,
], ids=["labelled", "one-scenario", "different-names", "loop"])
def test_WHEN_one_scenario_or_labelled_THEN_not_flagged(source: str) -> None:
    assert [] == lines_in_test_module("SK0508", source)
