"""Targeted cases for SK0509 mock-assert-called (§5 Testing Approach),
beyond its documentation's examples."""
import pytest

from tests.rules.checking import LIBRARY_SOURCE_PATH, LIBRARY_TEST_PATH, lines_in_test_module


def test_WHEN_mock_argument_checks_used_THEN_each_flagged() -> None:
    source = """
        def test_WHEN_remind_called_THEN_mails():
            remind(mock_send_mail)
            mock_send_mail.assert_called_once_with("loan-7")
            mock_mailer.outbox.assert_has_calls([mock.call("loan-7")])
            assert mock.call("loan-7") == mock_send_mail.call_args
    """

    expected = [4, 5, 6]
    actual = lines_in_test_module("SK0509", source)

    assert expected == actual


@pytest.mark.parametrize("source, path", [
    ("def test_WHEN_remind_called_THEN_mails():\n"
     "    assert [mock.call('loan-7')] == mock_send_mail.call_args_list\n", LIBRARY_TEST_PATH),
    ("def test_WHEN_remind_called_AND_no_loans_THEN_silent():\n"
     "    mock_send_mail.assert_not_called()\n", LIBRARY_TEST_PATH),
    ("def verify(sender: Mock) -> None:\n    sender.assert_called_once_with('loan-7')\n", LIBRARY_SOURCE_PATH),
], ids=["call-args-list", "no-argument-check", "production-code"])
def test_WHEN_mock_checked_with_call_args_list_THEN_not_flagged(source: str, path: str) -> None:
    assert [] == lines_in_test_module("SK0509", source, path)
