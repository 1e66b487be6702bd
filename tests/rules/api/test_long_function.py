"""Targeted cases for SK1107 long-function (§11 API Design),
beyond its documentation's examples."""
from typing import List

from tests.rules.checking import TEST_PATH, flagged_lines


def _long_function(name: str, statements: int) -> str:
    body = "\n".join(f"    step_{index} = {index}  # step" for index in range(statements))
    return f"def {name}() -> None:\n    \"\"\"Run the import.\"\"\"\n{body}\n"


def test_WHEN_function_has_51_code_lines_THEN_long_function_flags_its_def_line():
    source = _long_function("import_orders", 51)

    expected = [1]
    actual = flagged_lines("SK1107", source)

    assert expected == actual


def test_WHEN_function_has_50_code_lines_plus_blanks_and_comments_THEN_long_function_accepts_it():
    padding = "\n\n    # a comment line\n"
    source = _long_function("import_orders", 50).replace("step_10 = 10  # step", f"step_10 = 10{padding}")

    expected: List[int] = []
    actual = flagged_lines("SK1107", source)

    assert expected == actual


def test_WHEN_long_test_function_THEN_long_function_accepts_it():
    source = _long_function("test_WHEN_import_called_THEN_rows_saved", 80)

    expected: List[int] = []
    actual = flagged_lines("SK1107", source) + flagged_lines("SK1107", _long_function("helper", 80), path=TEST_PATH)

    assert expected == actual


def test_WHEN_nested_helper_uses_only_its_parameters_THEN_long_function_flags_it():
    source = """
        def print_invoices(invoices: list) -> None:
            def _line(number: str, amount: float) -> str:
                label = number.upper()
                return f"{label}: {amount}"

            for invoice in invoices:
                print(_line(invoice.number, invoice.amount))
        """

    expected = [3]
    actual = flagged_lines("SK1107", source)

    assert expected == actual


def test_WHEN_nested_def_is_closure_callback_or_uses_outer_locals_THEN_long_function_accepts_them():
    source = """
        import threading
        from typing import Callable

        def get_formatter(currency: str) -> Callable[[float], str]:
            def format_amount(amount: float) -> str:
                return f"{amount} {currency}"
            return format_amount

        def start_worker(queue: list) -> None:
            def work() -> None:
                print("working")
            threading.Thread(target=work).start()

        def total(invoices: list, rate: float) -> float:
            def taxed(amount: float) -> float:
                return amount * rate
            return sum(taxed(invoice) for invoice in invoices)
        """

    expected: List[int] = []
    actual = flagged_lines("SK1107", source)

    assert expected == actual
