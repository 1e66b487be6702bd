"""Targeted cases for SK0402 generic-exception (§4 Error Handling & Robustness),
beyond its documentation's examples."""
from typing import List

from tests.rules.checking import TEST_PATH, flagged_lines


def test_WHEN_generic_exceptions_raised_THEN_generic_exception_flags_them():
    source = """
        def reserve(sku: str, count: int) -> None:
            if count < 0:
                raise Exception(f"Negative count for {sku}")
            if not sku:
                raise BaseException
        """

    expected = [4, 6]
    actual = flagged_lines("SK0402", source)

    assert expected == actual


def test_WHEN_errors_swallowed_or_caught_bare_THEN_generic_exception_flags_them():
    source = """
        def sync() -> None:
            try:
                push()
            except Exception:
                pass
            try:
                pull()
            except:
                retry()
        """

    expected = [5, 9]
    actual = flagged_lines("SK0402", source)

    assert expected == actual


def test_WHEN_broad_catch_is_logged_or_bare_except_reraises_THEN_generic_exception_accepts_them():
    source = """
        import logging

        logger = logging.getLogger(__name__)


        def sync() -> None:
            try:
                push()
            except Exception:
                logger.exception("Sync failed; will retry on the next tick")
            try:
                pull()
            except:
                rollback()
                raise
            try:
                pull()
            except KeyError:
                pass
        """

    expected: List[int] = []
    actual = flagged_lines("SK0402", source)

    assert expected == actual


def test_WHEN_test_raises_generic_exception_THEN_generic_exception_accepts_it():
    source = """
        def test_WHEN_push_fails_THEN_error_logged(mock_push):
            mock_push.side_effect = Exception("boom")
            try:
                sync()
            except Exception:
                pass
            raise Exception("unreachable")
        """

    expected = ([], [])
    actual = (flagged_lines("SK0402", source, path=TEST_PATH), flagged_lines("SK0402", source))

    assert expected == actual
