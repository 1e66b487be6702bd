"""Targeted cases for SK0405 log-level-misuse (§4 Error Handling & Robustness),
beyond its documentation's examples."""
from typing import List

from tests.rules.checking import flagged_lines


def test_WHEN_broad_catch_logs_error_without_traceback_THEN_log_level_misuse_flags_it():
    source = """
        import logging

        logger = logging.getLogger(__name__)


        def refund(order_id: str) -> bool:
            try:
                send_refund(order_id)
            except Exception as error:
                logger.error(f"Refund of {order_id} failed: {error}")
                return False
            return True
        """

    expected = [11]
    actual = flagged_lines("SK0405", source)

    assert expected == actual


def test_WHEN_failure_logged_twice_with_str_THEN_log_level_misuse_flags_both_problems():
    source = """
        import logging

        logger = logging.getLogger(__name__)


        def refund(order_id: str) -> None:
            try:
                send_refund(order_id)
            except ValueError as error:
                logger.error(f"Refund failed: {str(error)}")
                logger.exception(error)
        """

    expected = [11, 12]
    actual = flagged_lines("SK0405", source)

    assert expected == actual


def test_WHEN_exception_logged_outside_except_THEN_log_level_misuse_flags_it():
    source = """
        import logging

        logger = logging.getLogger(__name__)
        logger.exception("Module loaded without a config")


        def refund(amount: float) -> None:
            if amount < 0:
                logger.exception("Negative refund")
                raise ValueError(amount)
        """

    expected = [5, 10]
    actual = flagged_lines("SK0405", source)

    assert expected == actual


def test_WHEN_failures_logged_once_or_reraised_THEN_log_level_misuse_accepts_them():
    source = """
        import logging

        logger = logging.getLogger(__name__)


        def refund(order_id: str) -> None:
            try:
                send_refund(order_id)
            except Exception:
                logger.exception(f"Refund of {order_id} failed")
            try:
                send_refund(order_id)
            except Exception as error:
                logger.error(f"Refund of {order_id} failed: {error}")
                raise
            try:
                send_refund(order_id)
            except KeyError as error:
                logger.error(f"Unknown order {order_id}: {error}")
            try:
                send_refund(order_id)
            except Exception as error:
                logger.error(f"Refund of {order_id} failed: {error}", exc_info=True)
            try:
                send_refund(order_id)
            except PermissionError as error:
                logger.error(f"Refund of {order_id} refused: {error}")
                logger.error("Check that the payments token has the refund scope")


        def log_failure(message: str) -> None:
            logger.exception(message)
        """

    expected: List[int] = []
    actual = flagged_lines("SK0405", source)

    assert expected == actual
