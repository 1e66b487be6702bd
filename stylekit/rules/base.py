"""What every rule is: a small class with its metadata, its node handlers and its documentation beside it.

A rule lives in `stylekit/rules/<section>/<slug>.py` with `<slug>.md` next to it. The engine makes one
instance of each enabled rule per check, walks the syntax tree once, and calls `visit(node)` for every
node whose type the rule lists in `node_types`; `finish()` runs after the walk for module-wide and
line-based checks. Visiting order is unspecified: rules that relate nodes collect in `visit` and decide
in `finish`.
"""
import ast
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Dict, List, Optional, Tuple, Type

from stylekit.errors import MalformedRuleDocumentation
from stylekit.findings import Severity

if TYPE_CHECKING:
    from stylekit.rules.context import Context

DOC_SECTIONS = ("What it checks", "Why", "Example", "Instead", "House practice", "Known limits")
FENCE = re.compile(r"^```python(?P<info>[^\n]*)\n(?P<code>.*?)^```", re.MULTILINE | re.DOTALL)
PATH_INFO = re.compile(r"path=(?P<path>\S+)")


@dataclass
class DocExample:
    """A runnable snippet from a rule's documentation, and the file name it pretends to live in."""

    code: str
    path: Optional[str]


@dataclass
class RuleDocumentation:
    rule_id: str
    text: str
    sections: Dict[str, str]

    def example(self) -> DocExample:
        return self._snippet("Example")

    def instead(self) -> DocExample:
        return self._snippet("Instead")

    def _snippet(self, heading: str) -> DocExample:
        match = FENCE.search(self.sections[heading])
        if match is None:
            raise MalformedRuleDocumentation(self.rule_id, f"'## {heading}' has no ```python block")
        path_match = PATH_INFO.search(match.group("info"))
        return DocExample(code=match.group("code"), path=path_match.group("path") if path_match else None)


class Rule:
    """Base of every rule. Subclasses set the class attributes and override visit and/or finish."""

    id: ClassVar[str]
    name: ClassVar[str]
    pattern: ClassVar[str]
    severity: ClassVar[Severity]
    summary: ClassVar[str]
    node_types: ClassVar[Tuple[Type[ast.AST], ...]] = ()
    # Whether the rule says itself when the code shows its pattern (by calling `saw()` on a subject it judged:
    # an annotated def, a pytest.raises block). Other rules count as having seen their pattern whenever a node
    # of their `node_types` occurs. The rubric's "met" needs this evidence: no finding alone is not "met".
    reports_evidence: ClassVar[bool] = False

    registry: ClassVar[List[Type["Rule"]]] = []

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        if "id" in cls.__dict__:
            Rule.registry.append(cls)

    def __init__(self, ctx: "Context") -> None:
        self.ctx = ctx

    def visit(self, node: ast.AST) -> None:
        """Called for each node of one of `node_types`; `self.ctx.scope` is its enclosing def/class."""

    def finish(self) -> None:
        """Called once after the walk."""

    def saw(self) -> None:
        """The code shows this rule's pattern at the node being visited (a subject the rule judged)."""
        self.ctx.shown.add(self.pattern)

    def report(self, node: ast.AST, message: str) -> None:
        self.ctx.report(self, node, message)

    def report_at(self, line: int, column: int, message: str, end_line: Optional[int] = None,
                  end_column: Optional[int] = None) -> None:
        """Report a position given as a 1-based line and a 0-based character column."""
        self.ctx.report_position(self, line, column, message, end_line, end_column)

    @classmethod
    def documentation_path(cls) -> Path:
        module = __import__(cls.__module__, fromlist=["__file__"])
        return Path(module.__file__ or "").with_suffix(".md")

    @classmethod
    def documentation(cls) -> RuleDocumentation:
        text = cls.documentation_path().read_text(encoding="utf-8")
        sections: Dict[str, str] = {}
        current: Optional[str] = None
        for line in text.splitlines(keepends=True):
            if line.startswith("## "):
                current = line[3:].strip()
                sections[current] = ""
            elif current is not None:
                sections[current] += line
        missing = [heading for heading in DOC_SECTIONS if heading not in sections]
        if missing:
            raise MalformedRuleDocumentation(cls.id, f"missing section(s) {missing}")
        return RuleDocumentation(rule_id=cls.id, text=text, sections=sections)
