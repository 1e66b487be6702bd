"""Targeted cases for SK0403 module-logger (§4 Error Handling & Robustness),
beyond its documentation's examples."""
from typing import List

from tests.rules.checking import TEST_PATH, flagged_cells, flagged_lines


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
