"""The §5 Testing Approach rules: what each flags and, above all, what it must leave alone."""
import textwrap
from typing import List, Optional

import pytest

from stylekit import check_source
from stylekit.findings import StyleReport
from stylekit.notebook import check_cells

TEST_PATH = "tests/test_library.py"  # the rules judge test code; most cases pretend to be a test module
SOURCE_PATH = "library/loans.py"  # a production module, where the same code must not be judged


def _lines(rule_id: str, source: str, path: Optional[str] = TEST_PATH) -> List[int]:
    """Lines where `rule_id` reports in the dedented source checked as the file `path`."""
    return _lines_in(rule_id, check_source(textwrap.dedent(source), path=path))


def _lines_in(rule_id: str, report: StyleReport) -> List[int]:
    return [finding.line for finding in report.findings if finding.rule == rule_id]


def _messages(rule_id: str, source: str, path: Optional[str] = TEST_PATH) -> List[str]:
    report = check_source(textwrap.dedent(source), path=path)
    return [finding.message for finding in report.findings if finding.rule == rule_id]


# SK0501 unittest-assertion

def test_WHEN_unittest_assertions_in_test_case_THEN_each_flagged() -> None:
    source = """
        class LoanTestCase(TestCase):
            def test_WHEN_borrow_called_THEN_counts(self):
                self.assertEqual(1, borrow(0))
                self.assertIn("loan-7", loans())
    """

    expected = [4, 5]
    actual = _lines("SK0501", source)

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
     """, TEST_PATH),
    ("""
     class PageTestCase(TestCase):
         def test_WHEN_page_shown_THEN_title(self):
             self.assertContains(self.client.get("/"), "Library")
     """, TEST_PATH),
    ("""
     class Checker:
         def check(self) -> None:
             self.assertEqual(1, 1)
     """, SOURCE_PATH),
], ids=["test-class-with-plain-asserts", "django-helper", "production-code"])
def test_WHEN_no_unittest_value_assertion_in_tests_THEN_not_flagged(source: str, path: str) -> None:
    assert [] == _lines("SK0501", source, path)


# SK0503 mock-patch-style

def test_WHEN_patch_used_as_with_block_in_test_THEN_flagged() -> None:
    source = """
        from unittest import mock

        def test_WHEN_remind_called_THEN_mails():
            with mock.patch("library.reminders.send_mail") as mock_send_mail:
                remind()
            with mock.patch.object(Mailer, "send"):
                remind()
    """

    expected = [5, 7]
    actual = _lines("SK0503", source)

    assert expected == actual


def test_WHEN_mock_assigned_to_module_attribute_THEN_flagged_with_name() -> None:
    source = """
        from unittest import mock

        from library import reminders

        def test_WHEN_remind_called_THEN_mails():
            reminders.send_mail = mock.Mock()
            reminders.remind()
    """

    expected = ["Patch reminders.send_mail with a @mock.patch decorator instead of assigning a mock to it, "
                "which leaks into every later test"]
    actual = _messages("SK0503", source)

    assert expected == actual


def test_WHEN_import_and_assignment_in_separate_notebook_cells_THEN_flagged() -> None:
    cells = [(0, "import reminders\nfrom unittest.mock import MagicMock\n"),
             (1, "def test_WHEN_remind_called_THEN_mails():\n    reminders.send_mail = MagicMock()\n")]

    expected = [2]
    actual = _lines_in("SK0503", check_cells(cells))

    assert expected == actual


@pytest.mark.parametrize("source", [
    """
    @mock.patch("library.reminders.send_mail")
    def test_WHEN_remind_called_THEN_mails(mock_send_mail):
        remind()
    """,
    """
    @pytest.fixture
    def mock_mailer():
        with mock.patch("library.reminders.Mailer") as mock_mailer_cls:
            yield mock_mailer_cls
    """,
    """
    def test_WHEN_remind_called_THEN_reads_environment():
        with mock.patch.dict(os.environ, {"SMTP_HOST": "localhost"}):
            remind()
    """,
    """
    from unittest import mock

    import reminders

    def test_WHEN_remind_called_THEN_mails(reminders):
        mock_mailer = mock.Mock()
        mock_mailer.send = mock.Mock()
        reminders.send_mail = mock.Mock()
    """,
], ids=["decorator", "fixture-with-block", "patch-dict", "attributes-of-local-mocks-and-parameters"])
def test_WHEN_patching_the_house_way_THEN_not_flagged(source: str) -> None:
    assert [] == _lines("SK0503", source)


# SK0505 assert-expected-first

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
    actual = _lines("SK0505", source)

    assert expected == actual


def test_WHEN_reversed_assert_flagged_THEN_message_shows_swapped_order() -> None:
    source = "def test_WHEN_checked_THEN_ok():\n    assert len(readings) == 3\n"

    expected = ["Put the expected value first: assert 3 == len(readings)"]
    actual = _messages("SK0505", source)

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

    assert [] == _lines("SK0505", source)


def test_WHEN_reversed_assert_in_production_code_THEN_not_flagged() -> None:
    source = """
        def check_readings(readings: list) -> None:
            assert len(readings) == 3
    """

    assert [] == _lines("SK0505", source, SOURCE_PATH)


# SK0551 compare-to-bool

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
    actual = _messages("SK0551", source)

    assert expected == actual


@pytest.mark.parametrize("source, path", [
    ("def test_WHEN_checked_THEN_ok():\n    assert actual_value is True\n", TEST_PATH),
    ("def test_WHEN_checked_THEN_ok():\n    assert not actual_value\n", TEST_PATH),
    ("def test_WHEN_checked_THEN_ok():\n    assert None == actual_value\n", TEST_PATH),
    ("def check(flag: bool) -> None:\n    assert flag == True\n", SOURCE_PATH),
], ids=["is-true", "not", "none", "production-code"])
def test_WHEN_bool_asserted_soundly_or_outside_tests_THEN_not_flagged(source: str, path: str) -> None:
    assert [] == _lines("SK0551", source, path)


# SK0508 missing-test-comments

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
    actual = _lines("SK0508", source)

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
    actual = _lines("SK0508", source)

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
    assert [] == _lines("SK0508", source)


# SK0509 mock-assert-called

def test_WHEN_mock_argument_checks_used_THEN_each_flagged() -> None:
    source = """
        def test_WHEN_remind_called_THEN_mails():
            remind(mock_send_mail)
            mock_send_mail.assert_called_once_with("loan-7")
            mock_mailer.outbox.assert_has_calls([mock.call("loan-7")])
            assert mock.call("loan-7") == mock_send_mail.call_args
    """

    expected = [4, 5, 6]
    actual = _lines("SK0509", source)

    assert expected == actual


@pytest.mark.parametrize("source, path", [
    ("def test_WHEN_remind_called_THEN_mails():\n"
     "    assert [mock.call('loan-7')] == mock_send_mail.call_args_list\n", TEST_PATH),
    ("def test_WHEN_remind_called_AND_no_loans_THEN_silent():\n"
     "    mock_send_mail.assert_not_called()\n", TEST_PATH),
    ("def verify(sender: Mock) -> None:\n    sender.assert_called_once_with('loan-7')\n", SOURCE_PATH),
], ids=["call-args-list", "no-argument-check", "production-code"])
def test_WHEN_mock_checked_with_call_args_list_THEN_not_flagged(source: str, path: str) -> None:
    assert [] == _lines("SK0509", source, path)


# SK0510 exception-test-style

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
    actual = _lines("SK0510", source)

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
    actual = _lines("SK0510", source)

    assert expected == actual


@pytest.mark.parametrize("source, path", [
    ("def test_WHEN_borrow_called_THEN_raises():\n"
     "    with pytest.raises(LoanLimitReached):\n        borrow('member-12', 3)\n", TEST_PATH),
    ("def test_WHEN_borrow_called_THEN_raises():\n"
     "    with pytest.raises(Exception, match='limit'):\n        borrow('member-12', 3)\n", TEST_PATH),
    ("def test_WHEN_cleanup_called_THEN_ok():\n"
     "    try:\n        cleanup()\n    except FileNotFoundError:\n        pass\n", TEST_PATH),
    ("def must_raise(action: Callable[[], None]) -> None:\n"
     "    try:\n        action()\n        assert False\n    except ValueError:\n        pass\n", SOURCE_PATH),
], ids=["specific-error", "broad-with-match", "try-without-forced-failure", "production-code"])
def test_WHEN_exception_tested_the_house_way_THEN_not_flagged(source: str, path: str) -> None:
    assert [] == _lines("SK0510", source, path)


# SK0515 fixed-test-path

def test_WHEN_test_writes_to_fixed_paths_THEN_each_flagged() -> None:
    source = """
        import os
        import tempfile
        from pathlib import Path
        from tempfile import NamedTemporaryFile

        def test_WHEN_save_catalogue_called_THEN_written():
            with open("/tmp/catalogue.json", "w") as handle:
                handle.write("[]")
            open("catalogue.csv", mode="a")
            Path("/tmp/catalogue.txt").write_text("")
            os.makedirs("build/catalogue")
            folder = tempfile.mkdtemp()
            with NamedTemporaryFile() as handle:
                save_catalogue(handle.name)
    """

    expected = [8, 10, 11, 12, 13, 14]
    actual = _lines("SK0515", source)

    assert expected == actual


@pytest.mark.parametrize("source, path", [
    ("def test_WHEN_saved_THEN_written(tmp_path):\n"
     "    with open(tmp_path / 'catalogue.json', 'w') as handle:\n        handle.write('[]')\n", TEST_PATH),
    ("def test_WHEN_loaded_THEN_read():\n"
     "    with open('tests/data/catalogue.json') as handle:\n        load(handle)\n", TEST_PATH),
    ("def test_WHEN_uploaded_THEN_sent():\n"
     "    mock_file.local_path = '/tmp/catalogue.json'\n    upload(mock_file)\n", TEST_PATH),
    ("def test_WHEN_quiet_THEN_no_output():\n"
     "    with open('/dev/null', 'w') as sink:\n        report(sink)\n", TEST_PATH),
    ("def save_plans() -> None:\n"
     "    with open('/tmp/plans.json', 'w') as handle:\n        handle.write('[]')\n", SOURCE_PATH),
], ids=["tmp-path", "read-test-data", "path-for-mocked-code", "dev-null", "production-code"])
def test_WHEN_files_made_under_tmp_path_or_not_in_tests_THEN_not_flagged(source: str, path: str) -> None:
    assert [] == _lines("SK0515", source, path)
