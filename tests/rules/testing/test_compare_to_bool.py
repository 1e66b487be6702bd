"""Targeted cases for SK0551 compare-to-bool (§5 Testing Approach),
beyond its documentation's examples."""
import pytest

from tests.rules.checking import LIBRARY_SOURCE_PATH, LIBRARY_TEST_PATH, lines_in_test_module, messages_in_test_module


@pytest.mark.parametrize("assertion, message", [
    ("assert True == actual_value", "Write 'assert actual_value is True' (or 'assert actual_value') instead of "
                                    "comparing to True with =="),
    ("assert result == False", "Write 'assert result is False' (or 'assert not result') instead of comparing "
                               "to False with =="),
    ("assert flag != True", "Write 'assert flag is not True' (or 'assert not flag') instead of comparing to "
                            "True with !="),
], ids=["true-first", "false-last", "not-equal"])
def test_WHEN_assert_compares_to_bool_THEN_flagged_with_sound_form(assertion: str, message: str) -> None:
    source = f"def test_WHEN_checked_THEN_ok():\n    {assertion}\n"

    expected = [message]
    actual = messages_in_test_module("SK0551", source)

    assert expected == actual


@pytest.mark.parametrize("source, path", [
    ("def test_WHEN_checked_THEN_ok():\n    assert actual_value is True\n", LIBRARY_TEST_PATH),
    ("def test_WHEN_checked_THEN_ok():\n    assert not actual_value\n", LIBRARY_TEST_PATH),
    ("def test_WHEN_checked_THEN_ok():\n    assert None == actual_value\n", LIBRARY_TEST_PATH),
    ("def check(flag: bool) -> None:\n    assert flag == True\n", LIBRARY_SOURCE_PATH),
], ids=["is-true", "not", "none", "production-code"])
def test_WHEN_bool_asserted_soundly_or_outside_tests_THEN_not_flagged(source: str, path: str) -> None:
    assert [] == lines_in_test_module("SK0551", source, path)
