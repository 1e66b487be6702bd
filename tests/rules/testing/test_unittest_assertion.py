"""Targeted cases for SK0501 unittest-assertion (§5 Testing Approach),
beyond its documentation's examples."""
import pytest

from stylekit.notebook import check_cells
from tests.rules.checking import LIBRARY_SOURCE_PATH, LIBRARY_TEST_PATH, lines_in_test_module


def test_WHEN_unittest_assertions_in_test_case_THEN_each_flagged() -> None:
    source = """
        class LoanTestCase(TestCase):
            def test_WHEN_borrow_called_THEN_counts(self):
                self.assertEqual(1, borrow(0))
                self.assertIn("loan-7", loans())
    """

    expected = [4, 5]
    actual = lines_in_test_module("SK0501", source)

    assert expected == actual


def test_WHEN_assert_is_none_in_notebook_test_THEN_message_names_plain_assert() -> None:
    cells = [(0, "def find_loan(loan_id: str) -> None:\n    return None\n"),
             (1, "def test_WHEN_find_loan_called_THEN_none(self):\n    self.assertIsNone(find_loan('x'))\n")]

    expected = ["Write a plain 'assert actual is None' instead of self.assertIsNone(...)"]
    actual = [finding.message for finding in check_cells(cells).findings if finding.rule == "SK0501"]

    assert expected == actual


@pytest.mark.parametrize("source, path", [
    ("""
     class LoanTestCase(TestCase):
         def setUp(self):
             self.loans = ["loan-7"]

         def test_WHEN_loans_listed_THEN_one(self):
             assert 1 == len(self.loans)
     """, LIBRARY_TEST_PATH),
    ("""
     class PageTestCase(TestCase):
         def test_WHEN_page_shown_THEN_title(self):
             self.assertContains(self.client.get("/"), "Library")
     """, LIBRARY_TEST_PATH),
    ("""
     class Checker:
         def check(self) -> None:
             self.assertEqual(1, 1)
     """, LIBRARY_SOURCE_PATH),
], ids=["test-class-with-plain-asserts", "django-helper", "production-code"])
def test_WHEN_no_unittest_value_assertion_in_tests_THEN_not_flagged(source: str, path: str) -> None:
    assert [] == lines_in_test_module("SK0501", source, path)
