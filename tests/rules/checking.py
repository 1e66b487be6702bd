"""What the rule test modules ask of a check: the lines, messages or cells one rule reports."""
import textwrap
from typing import List, Optional, Tuple

from stylekit import check_source
from stylekit.notebook import check_cells

PRODUCTION_PATH = "orders.py"
TEST_PATH = "tests/test_orders.py"


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
