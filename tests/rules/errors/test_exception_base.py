"""Targeted cases for SK0401 exception-base (§4 Error Handling & Robustness),
beyond its documentation's examples."""
from typing import List

from tests.rules.checking import flagged_lines


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
