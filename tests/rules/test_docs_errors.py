"""Targeted cases for SK0303, SK0305, SK0306 (§3) and SK0401-SK0405 (§4), beyond their doc examples."""
from typing import List, Tuple

from tests.rules.checking import TEST_PATH, flagged_cells, flagged_lines, flagged_messages



# SK0303 undocumented-constant

def test_WHEN_numeric_constants_lack_comments_THEN_undocumented_constant_flags_each():
    source = """
        BATCH_SIZE = 250
        MIN_TEMPERATURE: float = -40.5
        SENSOR_NAME = "probe"
        """

    expected = [2, 3]
    actual = flagged_lines("SK0303", source)

    assert expected == actual


def test_WHEN_constants_commented_inline_or_above_THEN_undocumented_constant_accepts_them():
    source = """
        BATCH_SIZE = 250  # rows; the warehouse API rejects larger pages
        # degrees Celsius; the coldest our probes are rated for
        MIN_TEMPERATURE = -40.5
        FIRST_PAGE = 1
        NO_OFFSET = 0
        DEBUG = True
        """

    expected: List[int] = []
    actual = flagged_lines("SK0303", source)

    assert expected == actual


def test_WHEN_constant_has_only_a_noqa_comment_THEN_undocumented_constant_flags_it():
    source = """
        BATCH_SIZE = 250  # noqa: E501
        """

    expected = [2]
    actual = flagged_lines("SK0303", source)

    assert expected == actual


def test_WHEN_constants_in_test_file_THEN_undocumented_constant_accepts_them():
    source = """
        TEST_BATCH_SIZE = 250

        def test_WHEN_batch_sent_THEN_size_kept():
            assert 250 == len(send_batch(TEST_BATCH_SIZE))
        """

    expected: List[int] = []
    actual = flagged_lines("SK0303", source, path=TEST_PATH)

    assert expected == actual


def test_WHEN_unexplained_number_compared_in_function_THEN_undocumented_constant_flags_it():
    source = """
        def is_overweight(weight: float) -> bool:
            return weight > 30
        """

    expected = [3]
    actual = flagged_lines("SK0303", source)

    assert expected == actual


def test_WHEN_plain_numbers_compared_in_function_THEN_undocumented_constant_accepts_them():
    source = """
        import sys


        def describe(items: list, response: object) -> str:
            if len(items) == 0 or len(items) > 100:
                return "none or many"
            if sys.version_info[0] >= 3 and response.status_code == 404:
                return "missing"
            if response.code == 401 or len(items) > 0xFFFF:
                return "refused"
            # the scanner sends 7 digits for a legacy label
            if len(items) == 7:
                return "legacy"
            return "some"
        """

    expected: List[int] = []
    actual = flagged_lines("SK0303", source)

    assert expected == actual


def test_WHEN_literals_compared_in_notebook_test_and_top_level_cell_THEN_undocumented_constant_accepts_them():
    cells = [
        (0, "def test_WHEN_weight_checked_THEN_limit_applies():\n    assert 42 == compute_weight()\n"),
        (1, "if compute_weight() > 30:\n    print('heavy')\n"),
    ]

    expected: List[Tuple[int, int]] = []
    actual = flagged_cells("SK0303", cells)

    assert expected == actual


# SK0305 template-rendered-per-call

def test_WHEN_template_filled_with_module_constants_inside_function_THEN_template_rendered_per_call_flags_it():
    source = '''
        import json

        CARRIERS = ["post", "courier"]
        LIMIT = 30  # kg


        def prompt() -> str:
            text = """
        <carriers>{carriers}</carriers> <limit>{limit}</limit>
        """.format(carriers=json.dumps(CARRIERS), limit=LIMIT)
            return text


        def footer() -> str:
            return """Total lines: {count}""".format(count=len(CARRIERS))
        '''

    expected = [9, 16]
    actual = flagged_lines("SK0305", source)

    assert expected == actual


def test_WHEN_template_uses_a_parameter_or_local_THEN_template_rendered_per_call_accepts_it():
    source = '''
        from datetime import datetime

        GREETING = "Dear customer"  # the legal team's approved salutation


        def letter(order_id: str) -> str:
            return """{greeting}, order {order_id} has shipped""".format(greeting=GREETING, order_id=order_id)


        def stamp() -> str:
            return """Printed at {now}""".format(now=datetime.now())


        def shadowed() -> str:
            GREETING = "Hello"
            return """{greeting}""".format(greeting=GREETING)
        '''

    expected: List[int] = []
    actual = flagged_lines("SK0305", source)

    assert expected == actual


def test_WHEN_template_rendered_at_module_level_or_single_quoted_THEN_template_rendered_per_call_accepts_it():
    source = '''
        LIMIT = 30  # kg

        BANNER = """Parcels up to {limit} kg""".format(limit=LIMIT)


        def short_banner() -> str:
            return "Up to {limit} kg".format(limit=LIMIT)
        '''

    expected: List[int] = []
    actual = flagged_lines("SK0305", source)

    assert expected == actual


# SK0306 data-without-provenance

def test_WHEN_long_literal_table_has_no_comment_THEN_data_without_provenance_flags_it():
    codes = ["FR", "DE", "IT", "ES", "PT", "NL", "BE", "AT", "PL", "SE"]
    rows = "\n".join(f'    "{code}": {index},' for index, code in enumerate(codes))
    source = f"COUNTRY_ZONES = {{\n{rows}\n}}\n"

    expected = [1]
    actual = flagged_lines("SK0306", source)

    assert expected == actual


def test_WHEN_one_line_tuple_has_many_items_THEN_data_without_provenance_flags_it():
    source = f"SIZES = {tuple(range(25))}\n"

    expected = [1]
    actual = flagged_lines("SK0306", source)

    assert expected == actual


def test_WHEN_table_has_source_comment_or_inner_comment_THEN_data_without_provenance_accepts_it():
    items = "\n".join(f"    {number}," for number in range(12))
    source = (f"# Source: the carrier's 2024 price sheet\nPRICES = [\n{items}\n]\n\n"
              f"WEIGHTS = [\n    # From the scale calibration report, see docs/scales.md\n{items}\n]\n")

    expected: List[int] = []
    actual = flagged_lines("SK0306", source)

    assert expected == actual


def test_WHEN_large_structure_holds_code_names_or_test_data_THEN_data_without_provenance_accepts_it():
    handlers = "\n".join(f'    "event_{number}": handle_{number},' for number in range(12))
    numbers = "\n".join(f"    {number}," for number in range(12))
    names = "\n".join(f'    "handle_{number}",' for number in range(12))
    dispatch = f"HANDLERS = {{\n{handlers}\n}}\n"
    test_data = f"EXPECTED_TOTALS = [\n{numbers}\n]\n"
    exported = f"__all__ = [\n{names}\n]\n"

    expected = ([], [], [])
    actual = (flagged_lines("SK0306", dispatch), flagged_lines("SK0306", test_data, path=TEST_PATH),
              flagged_lines("SK0306", exported))

    assert expected == actual


# SK0401 exception-base

def test_WHEN_exception_derives_from_base_exception_THEN_exception_base_flags_it():
    source = """
        class StockExhausted(BaseException):
            pass
        """

    expected = [2]
    actual = flagged_lines("SK0401", source)

    assert expected == actual


def test_WHEN_init_skips_super_or_passes_nothing_THEN_exception_base_flags_it():
    source = """
        class InventoryError(Exception):
            pass


        class StockExhausted(InventoryError):
            def __init__(self, sku: str) -> None:
                self.sku = sku


        class ShelfMissing(InventoryError):
            def __init__(self, shelf: str) -> None:
                super().__init__()
                self.shelf = shelf
        """

    expected = [7, 12]
    actual = flagged_lines("SK0401", source)

    assert expected == actual


def test_WHEN_exceptions_pass_message_or_have_no_init_THEN_exception_base_accepts_them():
    source = """
        class InventoryError(Exception):
            pass


        class StockExhausted(InventoryError):
            def __init__(self, sku: str) -> None:
                super().__init__(f"No stock left for {sku}")


        class LegacyShelfError(ValueError):
            def __init__(self, shelf: str) -> None:
                ValueError.__init__(self, f"Unknown shelf {shelf}")


        class ScannerError(InventoryError):
            def __init__(self, code: int, reason: str) -> None:
                self.code = code
                self.args = (code, reason)


        class StopScanning(InventoryError):
            def __init__(self) -> None:
                self.stopped = True


        class Pallet:
            def __init__(self, size: int) -> None:
                self.size = size
        """

    expected: List[int] = []
    actual = flagged_lines("SK0401", source)

    assert expected == actual


def test_WHEN_exception_defines_its_own_str_THEN_exception_base_accepts_its_init():
    source = """
        class StockExhausted(Exception):
            def __init__(self, sku: str) -> None:
                self.sku = sku

            def __str__(self) -> str:
                return f"No stock left for {self.sku}"
        """

    expected: List[int] = []
    actual = flagged_lines("SK0401", source)

    assert expected == actual


# SK0402 generic-exception

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


# SK0403 module-logger

def test_WHEN_root_logger_called_THEN_module_logger_flags_it():
    source = """
        import logging

        logging.warning("Starting without a config file")


        def ship(order_id: str) -> None:
            logging.info(f"Shipping {order_id}")
        """

    expected = [4, 8]
    actual = flagged_lines("SK0403", source)

    assert expected == actual


def test_WHEN_logger_created_inside_function_to_log_THEN_module_logger_flags_it():
    source = """
        import logging


        def ship(order_id: str) -> None:
            logger = logging.getLogger(__name__)
            logger.info(f"Shipping {order_id}")


        def bill(order_id: str) -> None:
            audit = logging.getLogger("billing")
            audit.info(f"Billing {order_id}")
            logging.getLogger("billing").debug("done")
        """

    expected = [6, 11, 13]
    actual = flagged_lines("SK0403", source)

    assert expected == actual


def test_WHEN_module_loggers_and_configuration_in_functions_THEN_module_logger_accepts_them():
    source = """
        import logging

        logger = logging.getLogger(__name__)
        billing_logger = logging.getLogger("billing")


        def configure_logging() -> None:
            logging.basicConfig(level=logging.INFO)
            logging.getLogger("urllib3").setLevel(logging.WARNING)
            root = logging.getLogger()
            root.addHandler(logging.NullHandler())
        """

    expected: List[int] = []
    actual = flagged_lines("SK0403", source)

    assert expected == actual


def test_WHEN_caught_error_printed_in_module_THEN_module_logger_flags_it():
    source = """
        import traceback


        def load(path: str) -> str:
            try:
                return read(path)
            except OSError as error:
                print(f"Cannot read {path}: {error}")
                traceback.print_exc()
                return ""
        """

    expected = [9, 10]
    actual = flagged_lines("SK0403", source)

    assert expected == actual


def test_WHEN_caught_error_printed_in_notebook_or_test_THEN_module_logger_accepts_it():
    notebook_cells = [
        (0, "try:\n    value = int('x')\nexcept ValueError as error:\n    print(error)\n"),
    ]
    test_source = """
        def test_WHEN_bad_number_parsed_THEN_error_raised():
            try:
                int("x")
            except ValueError as error:
                print(error)
        """

    expected = ([], [])
    actual = (flagged_cells("SK0403", notebook_cells), flagged_lines("SK0403", test_source, path=TEST_PATH))

    assert expected == actual


# SK0404 utcnow

def test_WHEN_naive_utc_calls_used_THEN_utcnow_flags_them():
    source = """
        import datetime as dt
        from datetime import datetime as Clock


        def stamps(seconds: float) -> list:
            return [dt.datetime.utcnow(), Clock.utcfromtimestamp(seconds)]
        """

    expected = [7, 7]
    actual = flagged_lines("SK0404", source)

    assert expected == actual


def test_WHEN_formatter_stamps_current_time_THEN_utcnow_points_to_record_created():
    source = """
        import logging
        from datetime import datetime, timezone


        class UtcFormatter(logging.Formatter):
            def formatTime(self, record, datefmt=None):
                return datetime.now(timezone.utc).isoformat()
        """

    actual = flagged_messages("SK0404", source)

    assert 1 == len(actual)
    assert "record.created" in actual[0]


def test_WHEN_aware_times_used_THEN_utcnow_accepts_them():
    source = """
        import logging
        from datetime import datetime, timezone

        import arrow


        def now_utc() -> datetime:
            return datetime.now(timezone.utc)


        def arrow_now() -> object:
            return arrow.utcnow()


        class UtcFormatter(logging.Formatter):
            def formatTime(self, record, datefmt=None):
                return datetime.fromtimestamp(record.created, tz=timezone.utc).isoformat()
        """

    expected: List[int] = []
    actual = flagged_lines("SK0404", source)

    assert expected == actual


# SK0405 log-level-misuse

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
