"""What the rule test modules ask of a check: the lines, messages or cells one rule reports."""
import textwrap
from typing import List, Optional, Tuple

from stylekit import Settings, check_source
from stylekit.findings import StyleReport
from stylekit.notebook import check_cells

PRODUCTION_PATH = "orders.py"
TEST_PATH = "tests/test_orders.py"
INVOICES_PATH = "invoices.py"  # the §6 idioms cases' production module
INVOICES_TEST_PATH = "tests/test_invoices.py"
LIBRARY_TEST_PATH = "tests/test_library.py"  # the §5 rules judge test code: most cases pretend to be one
LIBRARY_SOURCE_PATH = "library/loans.py"  # a production module, where the same code must not be judged


def flagged_lines(rule_id: str, source: str, path: str = PRODUCTION_PATH) -> List[int]:
    """Lines on which the rule reports, for sources written indented inside a test."""
    report = check_source(textwrap.dedent(source), path=path)
    return [finding.line for finding in report.findings if finding.rule == rule_id]


def flagged_messages(rule_id: str, source: str, path: str = PRODUCTION_PATH) -> List[str]:
    report = check_source(textwrap.dedent(source), path=path)
    return [finding.message for finding in report.findings if finding.rule == rule_id]


def flagged_cells(rule_id: str, cells: List[Tuple[int, str]]) -> List[Tuple[Optional[int], int]]:
    report = check_cells([(index, textwrap.dedent(source)) for index, source in cells])
    return [(finding.cell, finding.line) for finding in report.findings if finding.rule == rule_id]


def flagged_rules(rule_id: str, source: str, path: str = "inventory.py") -> List[str]:
    """The ids of the rule's findings on the (dedented) source, checked as if it were the file at `path`."""
    report = check_source(textwrap.dedent(source), path=path)
    return [finding.rule for finding in report.findings if finding.rule == rule_id]


def lines_under(rule_id: str, source: str, path: Optional[str] = INVOICES_PATH,
                        settings: Optional[Settings] = None) -> List[int]:
    """Lines on which the rule reports under the given settings (the defaults when None)."""
    report = check_source(textwrap.dedent(source), path=path, settings=settings)
    return [finding.line for finding in report.findings if finding.rule == rule_id]


def lesson_cells_flagged(rule_id: str, cells: List[Tuple[int, str]]) -> List[Tuple[Optional[int], int]]:
    """(cell, line) of the rule's findings in a lesson notebook's cells."""
    report = check_cells([(index, textwrap.dedent(source)) for index, source in cells], path="lesson.ipynb")
    return [(finding.cell, finding.line) for finding in report.findings if finding.rule == rule_id]


def lines_in_test_module(rule_id: str, source: str, path: Optional[str] = LIBRARY_TEST_PATH) -> List[int]:
    """Lines where the rule reports in the dedented source checked as a test module (or the file `path`)."""
    return lines_in(rule_id, check_source(textwrap.dedent(source), path=path))


def lines_in(rule_id: str, report: StyleReport) -> List[int]:
    return [finding.line for finding in report.findings if finding.rule == rule_id]


def messages_in_test_module(rule_id: str, source: str, path: Optional[str] = LIBRARY_TEST_PATH) -> List[str]:
    report = check_source(textwrap.dedent(source), path=path)
    return [finding.message for finding in report.findings if finding.rule == rule_id]
