"""Targeted cases for SK0503 mock-patch-style (§5 Testing Approach),
beyond its documentation's examples."""
import pytest

from stylekit.notebook import check_cells
from tests.rules.checking import lines_in, lines_in_test_module, messages_in_test_module


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
    actual = lines_in_test_module("SK0503", source)

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
    actual = messages_in_test_module("SK0503", source)

    assert expected == actual


def test_WHEN_import_and_assignment_in_separate_notebook_cells_THEN_flagged() -> None:
    cells = [(0, "import reminders\nfrom unittest.mock import MagicMock\n"),
             (1, "def test_WHEN_remind_called_THEN_mails():\n    reminders.send_mail = MagicMock()\n")]

    expected = [2]
    actual = lines_in("SK0503", check_cells(cells))

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
    assert [] == lines_in_test_module("SK0503", source)
