"""Targeted cases for SK0601 naming-convention (§6 Code Style & Idioms),
beyond its documentation's examples."""
from typing import List

from tests.rules.checking import INVOICES_TEST_PATH, flagged_lines, lines_under


def test_WHEN_computed_camel_case_local_shares_a_field_name_THEN_naming_flags_it():
    source = """
        from dataclasses import dataclass


        @dataclass
        class PackingBox:
            boxType: str
            isFragile: bool


        def choose_box(item_kind: str) -> PackingBox:
            isFragile = not item_kind.startswith("book")
            return PackingBox(boxType="standard", isFragile=isFragile)
        """

    expected = [12]
    actual = flagged_lines("SK0601", source)

    assert expected == actual


def test_WHEN_free_function_parameter_shares_a_field_name_THEN_naming_flags_it():
    source = """
        from dataclasses import dataclass


        @dataclass
        class PackingBox:
            boxType: str


        def make_box(boxType: str) -> PackingBox:
            return PackingBox(boxType=boxType)
        """

    expected = [10]
    actual = flagged_lines("SK0601", source)

    assert expected == actual


def test_WHEN_fields_own_method_parameters_keywords_and_key_reads_THEN_naming_accepts_them():
    source = """
        from dataclasses import dataclass
        from typing import Any, Dict, Type, TypeVar

        T_PackingBox = TypeVar("T_PackingBox", bound="PackingBox")


        @dataclass
        class PackingBox:
            boxType: str
            isFragile: bool
            maxWeight: float

            def __init__(self, boxType: str, isFragile: bool, maxWeight: float) -> None:
                self.boxType = boxType
                self.isFragile = isFragile
                self.maxWeight = maxWeight

            @classmethod
            def from_dict(cls: Type[T_PackingBox], raw: Dict[str, Any]) -> T_PackingBox:
                boxType = raw["boxType"]
                isFragile = raw.get("isFragile")
                maxWeight = float(raw["maxWeight"])
                return cls(boxType, isFragile, maxWeight)


        def copy_box(box: PackingBox, item_kind: str) -> PackingBox:
            boxType = box.boxType
            is_fragile = not item_kind.startswith("book")
            return PackingBox(boxType=boxType, isFragile=is_fragile, maxWeight=box.maxWeight)
        """

    expected: List[int] = []
    actual = flagged_lines("SK0601", source)

    assert expected == actual


def test_WHEN_key_read_under_another_name_THEN_naming_flags_it():
    source = """
        from dataclasses import dataclass
        from typing import Any, Dict


        @dataclass
        class PackingBox:
            boxType: str


        def read_box(raw: Dict[str, Any]) -> PackingBox:
            boxType = raw["type"]
            return PackingBox(boxType=boxType)
        """

    expected = [12]
    actual = flagged_lines("SK0601", source)

    assert expected == actual


def test_WHEN_function_class_and_variables_are_camel_case_THEN_naming_flags_each():
    source = """
        class invoice_line:
            pass

        def lineTotal(unitPrice, quantity):
            grossAmount = unitPrice * quantity
            return grossAmount
        """

    expected = [2, 5, 5, 6]
    actual = lines_under("SK0601", source)

    assert expected == actual


def test_WHEN_class_name_spells_a_version_with_underscores_THEN_naming_accepts_it_but_not_other_underscores():
    source = """
        class OcsfV1_1_0TransformValidator:
            pass

        class SchemaV2_0:
            pass

        class Transform_Validator:
            pass

        class Release_2Notes:
            pass
        """

    expected = [8, 11]
    actual = lines_under("SK0601", source)

    assert expected == actual


def test_WHEN_module_name_given_literal_is_mixed_case_THEN_naming_flags_it():
    source = """
        import logging

        logger = logging.getLogger(__name__)
        receipt_template = "Invoice {number}"
        maxRetries = 3
        DefaultCurrency = "EUR"
        """

    expected = [6, 7]
    actual = lines_under("SK0601", source)

    assert expected == actual


def test_WHEN_camel_case_method_in_class_without_bases_THEN_naming_flags_it():
    source = """
        from abc import ABC

        class Printer:
            def printInvoice(self):
                pass

        class Exporter(ABC):
            def exportInvoice(self):
                pass
        """

    expected = [5, 9]
    actual = lines_under("SK0601", source)

    assert expected == actual


def test_WHEN_test_names_use_when_and_then_THEN_naming_accepts_them():
    source = """
        def test_WHEN_invoice_totalled_AND_no_lines_THEN_zero():
            assert 0 == total([])
        """

    expected = []
    actual = lines_under("SK0601", source, path=INVOICES_TEST_PATH)

    assert expected == actual


def test_WHEN_camel_case_fields_mirror_json_THEN_naming_accepts_fields_parameters_and_variables():
    source = """
        from dataclasses import dataclass
        from typing import Any, Dict, TypeVar

        T_InvoiceLine = TypeVar("T_InvoiceLine", bound="InvoiceLine")

        @dataclass
        class InvoiceLine:
            unitPrice: float
            taxCode: str

            @classmethod
            def make_line(cls, unitPrice: float, raw: Dict[str, Any]) -> "InvoiceLine":
                taxCode = raw["taxCode"]
                discountRate = raw.get("discountRate")
                return cls(unitPrice=unitPrice * discountRate, taxCode=taxCode)
        """

    expected = []
    actual = lines_under("SK0601", source)

    assert expected == actual


def test_WHEN_methods_override_library_apis_THEN_naming_accepts_them():
    source = """
        import ast
        import logging
        import unittest

        class UtcFormatter(logging.Formatter):
            def formatTime(self, record, datefmt=None):
                return "now"

        class NameCollector(ast.NodeVisitor):
            def visit_Name(self, node):
                pass

        class InvoiceTests(unittest.TestCase):
            def setUp(self):
                pass

        def setUpModule():
            pass
        """

    expected = []
    actual = lines_under("SK0601", source)

    assert expected == actual
