import ast
import re
from dataclasses import dataclass, field
from typing import Dict, Iterator, List, Optional

from stylekit.findings import Severity
from stylekit.rules.astutil import FunctionNode, is_test_function
from stylekit.rules.base import Rule
from stylekit.rules.testing._shared import is_actual_name

# A scenario label: "# TEST: ...", also "# TEST 2: ..." and "# Test: ..." as the reference tests write it.
SCENARIO_LABEL = re.compile(r"#\s*TEST\b", re.IGNORECASE)
# A test needs this many act-then-assert rounds on the same actual_* name to count as several scenarios.
MIN_SCENARIOS = 2


@dataclass
class Rounds:
    """The act-then-assert rounds of one actual_* name inside one test."""

    starts: List[ast.stmt] = field(default_factory=list)  # the assignment that opens each round
    regions: List[int] = field(default_factory=list)  # first line where each round's label may stand
    asserted: bool = False  # an assert came after the latest assignment


class MissingScenarioComments(Rule):
    id = "SK0508"
    name = "missing-test-comments"
    pattern = "testing.scenario-comments"
    # Info: only 35 of aws-aio's 315 tests use '# TEST:' labels (CALIBRATION.md); the rule nudges only tests
    # that visibly run several scenarios and leave at least one unlabelled.
    severity = Severity.INFO
    summary = "A test that runs several scenarios introduces each with a '# TEST: <scenario>' comment."
    node_types = (ast.FunctionDef, ast.AsyncFunctionDef)
    reports_evidence = True

    def visit(self, node: ast.AST) -> None:
        assert isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        if not is_test_function(node):
            return
        for rounds in _rounds_by_name(node).values():
            if len(rounds.starts) < MIN_SCENARIOS or not rounds.asserted:
                continue
            self.saw()  # one test holding several scenarios: whether each is labelled can be judged
            unlabelled = self._first_unlabelled(rounds)
            if unlabelled is not None:
                self.report(unlabelled, "Start each scenario of this test with a '# TEST: <scenario>' comment line")
                return

    def _first_unlabelled(self, rounds: Rounds) -> Optional[ast.stmt]:
        for start, first_line in zip(rounds.starts, rounds.regions):
            if not any(SCENARIO_LABEL.search(self.ctx.line_text(line)) for line in range(first_line, start.lineno + 1)):
                return start
        return None


def _rounds_by_name(node: FunctionNode) -> Dict[str, Rounds]:
    """Each actual_* name's rounds: an assignment after an assert on it opens a new scenario."""
    rounds: Dict[str, Rounds] = {}
    region_start = node.lineno
    for statement in _flat_statements(node.body):
        if isinstance(statement, ast.Assert):
            for named in rounds.values():
                named.asserted = True
            region_start = (statement.end_lineno or statement.lineno) + 1
            continue
        name = _assigned_actual_name(statement)
        if name is None:
            continue
        named = rounds.setdefault(name, Rounds())
        if not named.starts or named.asserted:
            named.starts.append(statement)
            named.regions.append(region_start)
        named.asserted = False
    return rounds


def _flat_statements(body: List[ast.stmt]) -> Iterator[ast.stmt]:
    """The test's statements in order, looking inside with-blocks but not into loops, branches or defs."""
    for statement in body:
        if isinstance(statement, (ast.With, ast.AsyncWith)):
            yield from _flat_statements(statement.body)
        else:
            yield statement


def _assigned_actual_name(statement: ast.stmt) -> Optional[str]:
    if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
        target: ast.expr = statement.targets[0]
    elif isinstance(statement, ast.AnnAssign) and statement.value is not None:
        target = statement.target
    else:
        return None
    return target.id if isinstance(target, ast.Name) and is_actual_name(target.id) else None
