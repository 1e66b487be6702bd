"""Targeted cases for SK0601, SK0603-SK0607 (§6), SK0103 (§1) and SK0703 (§7), beyond their doc examples."""
import textwrap
from pathlib import Path
from typing import List, Optional, Tuple

from stylekit import Settings, check_source
from stylekit.notebook import check_cells

PRODUCTION_PATH = "invoices.py"
TEST_PATH = "tests/test_invoices.py"


def _flagged(rule_id: str, source: str, path: Optional[str] = PRODUCTION_PATH,
             settings: Optional[Settings] = None) -> List[int]:
    """Lines on which the rule reports, for sources written indented inside a test."""
    report = check_source(textwrap.dedent(source), path=path, settings=settings)
    return [finding.line for finding in report.findings if finding.rule == rule_id]


def _flagged_cells(rule_id: str, cells: List[Tuple[int, str]]) -> List[Tuple[Optional[int], int]]:
    report = check_cells([(index, textwrap.dedent(source)) for index, source in cells], path="lesson.ipynb")
    return [(finding.cell, finding.line) for finding in report.findings if finding.rule == rule_id]


# SK0601 naming-convention

def test_WHEN_function_class_and_variables_are_camel_case_THEN_naming_flags_each():
    source = """
        class invoice_line:
            pass

        def lineTotal(unitPrice, quantity):
            grossAmount = unitPrice * quantity
            return grossAmount
        """

    expected = [2, 5, 5, 6]
    actual = _flagged("SK0601", source)

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
    actual = _flagged("SK0601", source)

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
    actual = _flagged("SK0601", source)

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
    actual = _flagged("SK0601", source)

    assert expected == actual


def test_WHEN_test_names_use_when_and_then_THEN_naming_accepts_them():
    source = """
        def test_WHEN_invoice_totalled_AND_no_lines_THEN_zero():
            assert 0 == total([])
        """

    expected = []
    actual = _flagged("SK0601", source, path=TEST_PATH)

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
    actual = _flagged("SK0601", source)

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
    actual = _flagged("SK0601", source)

    assert expected == actual


# SK0603 import-grouping

def test_WHEN_stdlib_import_follows_third_party_THEN_import_grouping_flags_it():
    source = """
        import requests
        import json
        """

    expected = [3]
    actual = _flagged("SK0603", source)

    assert expected == actual


def test_WHEN_groups_touch_without_blank_line_THEN_import_grouping_flags_each_boundary():
    source = """
        from __future__ import annotations
        import json
        import requests
        from . import totals
        """

    expected = [3, 4, 5]
    actual = _flagged("SK0603", source)

    assert expected == actual


def test_WHEN_third_party_follows_relative_import_THEN_import_grouping_flags_it():
    source = """
        from .totals import invoice_total

        import requests
        """

    expected = [4]
    actual = _flagged("SK0603", source)

    assert expected == actual


def test_WHEN_groups_ordered_AND_known_local_configured_THEN_import_grouping_accepts_them():
    source = """
        import json
        from typing import List

        import requests

        from invoicing.totals import invoice_total
        from .rates import VAT_RATE
        """
    settings = Settings(known_local=("invoicing",))

    expected = []
    actual = _flagged("SK0603", source, settings=settings)

    assert expected == actual


def test_WHEN_project_package_imported_from_tests_folder_THEN_import_grouping_counts_it_local(tmp_path: Path):
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'billing'\n")
    (tmp_path / "billing").mkdir()
    (tmp_path / "billing" / "__init__.py").write_text("")
    (tmp_path / "tests").mkdir()
    path = str(tmp_path / "tests" / "test_billing.py")
    grouped = "import pytest\n\nfrom billing import invoice_total\n"
    reversed_order = "from billing import invoice_total\n\nimport pytest\n"

    expected = ([], [3])
    actual = (_flagged("SK0603", grouped, path=path), _flagged("SK0603", reversed_order, path=path))

    assert expected == actual


def test_WHEN_imports_separated_by_code_THEN_import_grouping_judges_each_block_alone():
    source = """
        import requests

        requests.packages.urllib3.disable_warnings()

        import json
        """

    expected = []
    actual = _flagged("SK0603", source)

    assert expected == actual


def test_WHEN_notebook_imports_spread_over_cells_THEN_import_grouping_accepts_them():
    cells = [
        (0, "import json"),
        (1, "import requests"),
        (2, "data = requests.get('https://example.com').json()"),
        (3, "import logging\nlogging.info(json.dumps(data))"),
        (4, "import pandas"),
        (5, "import csv"),
    ]

    expected = []
    actual = _flagged_cells("SK0603", cells)

    assert expected == actual


def test_WHEN_notebook_cell_mixes_groups_without_blank_line_THEN_import_grouping_flags_it():
    cells = [(0, "import requests\nimport json")]

    expected = [(0, 2)]
    actual = _flagged_cells("SK0603", cells)

    assert expected == actual


# SK0604 append-loop

def test_WHEN_loop_fills_dict_or_set_THEN_append_loop_flags_it():
    source = """
        def index(invoices):
            by_number = {}
            for invoice in invoices:
                by_number[invoice.number] = invoice
            customers = set()
            # every customer once
            for invoice in invoices:
                customers.add(invoice.customer)
            return by_number, customers
        """

    expected = [4, 8]
    actual = _flagged("SK0604", source)

    assert expected == actual


def test_WHEN_loop_appends_behind_one_if_THEN_append_loop_flags_it():
    source = """
        def unpaid(invoices):
            numbers = list()
            for invoice in invoices:
                if not invoice.paid:
                    numbers.append(invoice.number)
            return numbers
        """

    expected = [4]
    actual = _flagged("SK0604", source)

    assert expected == actual


def test_WHEN_loop_reads_the_list_it_fills_THEN_append_loop_accepts_it():
    source = """
        def distinct(skus):
            unique = []
            for sku in skus:
                if sku not in unique:
                    unique.append(sku)
            return unique
        """

    expected = []
    actual = _flagged("SK0604", source)

    assert expected == actual


def test_WHEN_loop_does_more_than_append_or_list_starts_filled_THEN_append_loop_accepts_it():
    source = """
        def totals(invoices, logger):
            amounts = []
            for invoice in invoices:
                logger.info(invoice.number)
                amounts.append(invoice.amount)
            header = ["total"]
            for invoice in invoices:
                header.append(invoice.amount)
            names = []
            count = len(invoices)
            for invoice in invoices:
                names.append(invoice.name)
            return amounts, header, names, count
        """

    expected = []
    actual = _flagged("SK0604", source)

    assert expected == actual


# SK0605 old-string-format

def test_WHEN_percent_format_or_literal_format_in_function_THEN_old_string_format_flags_them():
    source = """
        def describe(number, count):
            first = "Invoice %s" % number
            second = "{} items".format(count)
            return first, second
        """

    expected = [3, 4]
    actual = _flagged("SK0605", source)

    assert expected == actual


def test_WHEN_text_joined_with_str_calls_THEN_old_string_format_flags_the_whole_chain_once():
    source = """
        def describe(number, count):
            return "Invoice " + number + " has " + str(count) + " lines"
        """

    expected = [3]
    actual = _flagged("SK0605", source)

    assert expected == actual


def test_WHEN_template_constant_rendered_with_format_THEN_old_string_format_accepts_it():
    source = '''
        import json

        RECEIPT_TEMPLATE = """
        <receipt>
        {lines}
        </receipt>
        """.format(lines=json.dumps(["a", "b"], indent=4))
        GREETING = "Dear {name},"

        def greet(name):
            return GREETING.format(name=name)
        '''

    expected = []
    actual = _flagged("SK0605", source)

    assert expected == actual


def test_WHEN_logging_lazy_arguments_or_unformattable_joins_THEN_old_string_format_accepts_them():
    source = """
        import logging

        logger = logging.getLogger(__name__)

        def report(number, lines, width):
            logger.info("Sent invoice %s", number)
            body = "\\n".join(lines) + "\\n"
            rule = "=" * width + "\\n"
            return "Invoice " "total", body, rule
        """

    expected = []
    actual = _flagged("SK0605", source)

    assert expected == actual


def test_WHEN_chain_cannot_become_f_string_THEN_old_string_format_does_not_flag_its_start_either():
    source = """
        def render(title, lines):
            return "Title: " + title + "\\n".join(lines)
        """

    expected = []
    actual = _flagged("SK0605", source)

    assert expected == actual


# SK0606 unnamed-condition

def test_WHEN_condition_mixes_and_or_or_joins_four_tests_THEN_unnamed_condition_flags_it():
    source = """
        def check(a, b, c, d):
            if a and b or c:
                pass
            elif a and b and c and d:
                pass
            while a and not (b and c):
                pass
        """

    expected = [3, 5, 7]
    actual = _flagged("SK0606", source)

    assert expected == actual


def test_WHEN_condition_is_short_or_negated_once_THEN_unnamed_condition_accepts_it():
    source = """
        def check(paid, shipped, refunded):
            if paid and shipped and not refunded:
                pass
            if not (paid or shipped):
                pass
            return paid and shipped or refunded
        """

    expected = []
    actual = _flagged("SK0606", source)

    assert expected == actual


# SK0607 if-else-assignment

def test_WHEN_both_branches_assign_same_name_THEN_if_else_assignment_flags_it():
    source = """
        def fee(express):
            if express:
                amount = 9.5
            else:
                amount = 4.5
            return amount
        """

    expected = [3]
    actual = _flagged("SK0607", source)

    assert expected == actual


def test_WHEN_last_branch_of_if_chain_THEN_if_else_assignment_flags_only_plain_if_else():
    source = """
        def fee(express, overnight):
            if overnight:
                amount = 20
            elif express:
                amount = 9.5
            else:
                amount = 4.5
            if express:
                carrier = "fast"
            else:
                carrier = "slow"
            return amount, carrier
        """

    expected = [9]
    actual = _flagged("SK0607", source)

    assert expected == actual


def test_WHEN_branch_has_comment_or_ternary_too_long_THEN_if_else_assignment_accepts_it():
    source = """
        def fee(express, invoice):
            if express:
                # courier surcharge agreed with finance
                amount = 9.5
            else:
                amount = 4.5
            if express:
                label = invoice.customer.preferred_courier.format_label(invoice.number, invoice.weight_kg)
            else:
                label = invoice.customer.default_courier.format_label(invoice.number, invoice.weight_kg)
            return amount, label
        """

    expected = []
    actual = _flagged("SK0607", source)

    assert expected == actual


# SK0103 module-name

def test_WHEN_module_file_name_not_snake_case_THEN_module_name_flags_line_one():
    source = "TOTAL = 0  # running total of the demo\n"

    expected = ([1], [1])
    actual = (_flagged("SK0103", source, path="src/InvoiceTools.py"),
              _flagged("SK0103", source, path="src/invoice-tools.py"))

    assert expected == actual


def test_WHEN_package_folder_not_snake_case_THEN_module_name_flags_it(tmp_path: Path):
    package = tmp_path / "InvoiceTools"
    package.mkdir()
    (package / "__init__.py").write_text("")
    path = str(package / "totals.py")

    expected = [1]
    actual = _flagged("SK0103", "TOTAL = 0  # running total of the demo\n", path=path)

    assert expected == actual


def test_WHEN_plain_folder_or_fixed_names_THEN_module_name_accepts_them(tmp_path: Path):
    checkout = tmp_path / "invoice-service"
    checkout.mkdir()
    source = "TOTAL = 0  # running total of the demo\n"

    expected = [[], [], [], [], []]
    actual = [_flagged("SK0103", source, path=path) for path in (
        str(checkout / "manage_invoices.py"),
        "migrations/0001_initial.py",
        "tests/conftest.py",
        "notes.txt",
        None,
    )]

    assert expected == actual


def test_WHEN_notebook_checked_THEN_module_name_ignores_its_file_name():
    report = check_cells([(0, "TOTAL = 0  # running total of the demo")], path="Lesson-One.ipynb")

    expected = []
    actual = [finding.rule for finding in report.findings if finding.rule == "SK0103"]

    assert expected == actual


# SK0703 argparse-cli

def test_WHEN_stdlib_parser_imported_THEN_argparse_cli_flags_each_import():
    source = """
        from argparse import ArgumentParser
        import getopt
        """

    expected = [2, 3]
    actual = _flagged("SK0703", source)

    assert expected == actual


def test_WHEN_arguments_read_from_sys_argv_THEN_argparse_cli_flags_the_first_only():
    source = """
        import sys

        def main():
            number = sys.argv[1]
            copies = int(sys.argv[2])
            return number, copies
        """

    expected = [5]
    actual = _flagged("SK0703", source)

    assert expected == actual


def test_WHEN_program_name_or_argument_slice_used_THEN_argparse_cli_accepts_them():
    source = """
        import os
        import sys

        import click

        @click.command()
        def cli():
            click.echo(os.path.basename(sys.argv[0]))

        if __name__ == "__main__":
            cli.main(args=sys.argv[1:])
        """

    expected = []
    actual = _flagged("SK0703", source)

    assert expected == actual
