"""What the engine reports: findings and the report that gathers them.

Both are plain dataclasses with to_dict/from_dict (guide section 8) so that the widgets, the grader,
the CLI's JSON output and the tests all exchange the same shape.
"""
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Dict, List, Optional, Type, TypeVar

T_Finding = TypeVar("T_Finding", bound="Finding")
T_StyleReport = TypeVar("T_StyleReport", bound="StyleReport")


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Higher is more severe; used to sort and to decide exit codes."""
        return {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}[self]


@dataclass
class Finding:
    """One place where the code departs from the guide.

    Lines are 1-based and columns 1-based, as editors show them. For a notebook, `line` counts
    within the cell; `cell` is the 0-based index of the cell among all the notebook's cells.
    """

    rule: str
    name: str
    pattern: Optional[str]
    severity: Severity
    message: str
    line: int
    column: int
    end_line: int
    end_column: int
    path: Optional[str] = None
    cell: Optional[int] = None

    def to_dict(self) -> Dict[str, Any]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "rule": self.rule,
            "name": self.name,
            "pattern": self.pattern,
            "severity": self.severity.value,
            "message": self.message,
            **({"cell": self.cell} if self.cell is not None else {}),
        }

    @classmethod
    def from_dict(cls: Type[T_Finding], raw: Dict[str, Any]) -> T_Finding:
        return cls(
            rule=raw["rule"],
            name=raw.get("name", ""),
            pattern=raw.get("pattern"),
            severity=Severity(raw["severity"]),
            message=raw["message"],
            line=raw["line"],
            column=raw["column"],
            end_line=raw.get("end_line", raw["line"]),
            end_column=raw.get("end_column", raw["column"]),
            path=raw.get("path"),
            cell=raw.get("cell"),
        )

    def sort_key(self) -> tuple:
        cell = -1 if self.cell is None else self.cell
        return (self.path or "", cell, self.line, self.column, self.rule)


@dataclass
class StyleReport:
    """Every finding for one source (a file, a notebook or a snippet typed into a widget)."""

    findings: List[Finding] = field(default_factory=list)
    path: Optional[str] = None
    shown: List[str] = field(default_factory=list)  # patterns the code shows evidence of, with or without findings

    @property
    def clean(self) -> bool:
        return not self.findings

    @property
    def has_syntax_error(self) -> bool:
        return any(finding.rule == "SK0000" for finding in self.findings)

    def rules(self) -> List[str]:
        """The distinct rule ids found, in order of first appearance."""
        return list(dict.fromkeys(finding.rule for finding in self.findings))

    def patterns(self) -> List[str]:
        return list(dict.fromkeys(finding.pattern for finding in self.findings if finding.pattern))

    def count(self, severity: Severity) -> int:
        return sum(1 for finding in self.findings if finding.severity == severity)

    def to_dict(self) -> Dict[str, Any]:
        return {"path": self.path, "findings": [finding.to_dict() for finding in self.findings], "shown": self.shown}

    @classmethod
    def from_dict(cls: Type[T_StyleReport], raw: Dict[str, Any]) -> T_StyleReport:
        return cls(findings=[Finding.from_dict(item) for item in raw.get("findings", [])], path=raw.get("path"),
                   shown=list(raw.get("shown", [])))
