"""Targeted cases for SK0751 unhandled-error-fallthrough (§7 Dependencies & Tooling),
beyond its documentation's examples."""
from typing import List

from tests.rules.checking import TEST_PATH, flagged_lines, flagged_messages


def test_WHEN_error_code_checked_by_one_if_without_else_THEN_error_fallthrough_flags_the_if():
    source = """
        from warehouse import StockClient, StockError


        class ShelfEmpty(Exception):
            def __init__(self, sku: str) -> None:
                super().__init__(f"No stock left for {sku}")


        def reserve(client: StockClient, sku: str) -> int:
            try:
                reservation = client.reserve(sku)
            except StockError as error:
                if error.response["Error"]["Code"] == "OutOfStock":
                    raise ShelfEmpty(sku)
            return reservation.number
        """

    expected = [14]
    actual = flagged_lines("SK0751", source)

    assert expected == actual


def test_WHEN_error_codes_mapped_by_if_elif_returning_results_THEN_error_fallthrough_flags_the_chain():
    source = """
        from warehouse import ShelfStatus, StockClient, StockError


        def shelf_status(client: StockClient, shelf: str) -> ShelfStatus:
            try:
                client.inspect(shelf)
                return ShelfStatus.IN_USE
            except StockError as error:
                if error.code == "NoAccess":
                    return ShelfStatus.LOCKED
                elif error.code == "NoSuchShelf":
                    return ShelfStatus.MISSING
        """

    expected = [10]
    actual = flagged_lines("SK0751", source)

    assert expected == actual


def test_WHEN_error_code_read_into_variable_before_chain_THEN_error_fallthrough_flags_the_chain():
    source = """
        from warehouse import ShelfStatus, StockClient, StockError


        def shelf_status(client: StockClient, shelf: str) -> ShelfStatus:
            try:
                client.inspect(shelf)
                return ShelfStatus.IN_USE
            except StockError as error:
                code = error.response["Error"]["Code"]
                if code == "NoSuchShelf":
                    return ShelfStatus.MISSING
        """

    expected = [11]
    actual = flagged_lines("SK0751", source)

    assert expected == actual


def test_WHEN_error_fallthrough_reported_THEN_message_teaches_else_raise():
    source = """
        def shelf_status(client, shelf):
            try:
                client.inspect(shelf)
            except StockError as error:
                if error.code == "NoSuchShelf":
                    return None
        """

    expected = ["End this if/elif chain with 'else: raise' so that an error it does not list is re-raised "
                "instead of silently swallowed"]
    actual = flagged_messages("SK0751", source)

    assert expected == actual


def test_WHEN_chain_ends_in_else_or_is_followed_by_a_statement_THEN_error_fallthrough_accepts_it():
    source = """
        import logging

        from warehouse import ShelfStatus, StockClient, StockError

        logger = logging.getLogger(__name__)


        def shelf_status(client: StockClient, shelf: str) -> ShelfStatus:
            try:
                client.inspect(shelf)
                return ShelfStatus.IN_USE
            except StockError as error:
                if error.code == "NoSuchShelf":
                    return ShelfStatus.MISSING
                else:
                    raise
            try:
                client.inspect(shelf)
            except StockError as error:
                if error.code == "NoSuchShelf":
                    return ShelfStatus.MISSING
                logger.error(f"Inspecting {shelf} failed: {error}")
                raise
        """

    expected: List[int] = []
    actual = flagged_lines("SK0751", source)

    assert expected == actual


def test_WHEN_branch_only_logs_or_chain_ignores_error_THEN_error_fallthrough_accepts_it():
    source = """
        import logging

        from warehouse import StockClient, StockError

        logger = logging.getLogger(__name__)


        def create_shelf(client: StockClient, shelf: str, dry_run: bool) -> None:
            try:
                client.create(shelf)
            except StockError as error:
                if error.code == "ShelfAlreadyYours":
                    logger.debug(f"Shelf {shelf} exists already")
                elif error.code == "ShelfTaken":
                    raise
            try:
                client.label(shelf)
            except StockError as error:
                if dry_run:
                    return
            try:
                client.light(shelf)
            except StockError:
                if dry_run:
                    return
        """

    expected: List[int] = []
    actual = flagged_lines("SK0751", source)

    assert expected == actual


def test_WHEN_open_dispatch_in_test_file_THEN_error_fallthrough_accepts_it():
    source = """
        def test_WHEN_shelf_missing_THEN_status_missing():
            try:
                inspect("B-12")
            except StockError as error:
                if error.code == "NoSuchShelf":
                    return
        """

    expected: List[int] = []
    actual = flagged_lines("SK0751", source, path=TEST_PATH)

    assert expected == actual
