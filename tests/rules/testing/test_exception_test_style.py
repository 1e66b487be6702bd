"""Targeted cases for SK0510 exception-test-style (§5 Testing Approach),
beyond its documentation's examples."""
import pytest

from tests.rules.checking import LIBRARY_SOURCE_PATH, LIBRARY_TEST_PATH, lines_in_test_module


def test_WHEN_exception_tested_without_pytest_raises_THEN_each_flagged() -> None:
    source = """
        def test_WHEN_borrow_called_AND_limit_reached_THEN_raises(self):
            try:
                borrow("member-12", 3)
                assert False
            except LoanLimitReached:
                pass
            try:
                borrow("member-12", 3)
            except LoanLimitReached:
                pass
            else:
                pytest.fail("no error")
            self.assertRaises(LoanLimitReached, borrow, "member-12", 3)
    """

    expected = [3, 8, 14]
    actual = lines_in_test_module("SK0510", source)

    assert expected == actual


def test_WHEN_pytest_raises_too_broad_THEN_flagged() -> None:
    source = """
        def test_WHEN_borrow_called_AND_limit_reached_THEN_raises():
            with pytest.raises(Exception):
                borrow("member-12", 3)
            with raises((LoanLimitReached, BaseException)):
                borrow("member-12", 3)
    """

    expected = [3, 5]
    actual = lines_in_test_module("SK0510", source)

    assert expected == actual


@pytest.mark.parametrize("source, path", [
    ("def test_WHEN_borrow_called_THEN_raises():\n"
     "    with pytest.raises(LoanLimitReached):\n        borrow('member-12', 3)\n", LIBRARY_TEST_PATH),
    ("def test_WHEN_borrow_called_THEN_raises():\n"
     "    with pytest.raises(Exception, match='limit'):\n        borrow('member-12', 3)\n", LIBRARY_TEST_PATH),
    ("def test_WHEN_cleanup_called_THEN_ok():\n"
     "    try:\n        cleanup()\n    except FileNotFoundError:\n        pass\n", LIBRARY_TEST_PATH),
    ("def must_raise(action: Callable[[], None]) -> None:\n"
     "    try:\n        action()\n        assert False\n    except ValueError:\n        pass\n", LIBRARY_SOURCE_PATH),
], ids=["specific-error", "broad-with-match", "try-without-forced-failure", "production-code"])
def test_WHEN_exception_tested_the_house_way_THEN_not_flagged(source: str, path: str) -> None:
    assert [] == lines_in_test_module("SK0510", source, path)
