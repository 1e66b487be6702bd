"""What a rule may read about the source under check, and where its findings go: the rules' side of the engine.

It lives beside `Rule` (stylekit/rules/base.py) rather than in the engine so that the rules depend only on
their own package: the engine imports the rules, never the other way round (tests/test_imports.py keeps it so).
It names a rule only through `RuleIdentity`, the fields a finding copies, so it need not import `Rule` either.
"""
import ast
import logging
import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Dict, FrozenSet, List, Optional, Protocol, Set

from stylekit.findings import Finding, Severity
from stylekit.settings import Settings

logger = logging.getLogger(__name__)

Scope = Optional[ast.AST]


class RuleIdentity(Protocol):
    """What a finding records of the rule that reported it; every `Rule` is one."""

    @property
    def id(self) -> str: ...

    @property
    def name(self) -> str: ...

    @property
    def pattern(self) -> Optional[str]: ...

    @property
    def severity(self) -> Severity: ...


@dataclass
class Context:
    """Everything a rule may read about the source under check, and the sink for its findings."""

    source: str
    lines: List[str]
    tree: ast.Module
    path: Optional[str]
    settings: Settings
    is_notebook: bool = False
    findings: List[Finding] = field(default_factory=list)
    shown: Set[str] = field(default_factory=set)  # patterns the code shows evidence of (see Rule.saw)
    visited_types: Set[type] = field(default_factory=set)  # node types some rule was handed
    scope: Scope = None
    scope_parents: Dict[ast.AST, Scope] = field(default_factory=dict)
    _local_modules: Optional[FrozenSet[str]] = None

    @cached_property
    def is_test_file(self) -> bool:
        return self.path is not None and is_test_path(self.path)

    def enclosing_scopes(self, scope: Scope) -> List[ast.AST]:
        """`scope` and the defs and classes around it, innermost first."""
        chain: List[ast.AST] = []
        while scope is not None:
            chain.append(scope)
            scope = self.scope_parents.get(scope)
        return chain

    def line_text(self, line: int) -> str:
        return self.lines[line - 1] if 0 < line <= len(self.lines) else ""

    def comment_on_line(self, line: int, after_column: int = 0) -> Optional[str]:
        """The comment at the end of a line, if any, looking only right of `after_column` (0-based)."""
        text = self.line_text(line)[after_column:]
        position = _comment_start(text)
        return None if position is None else text[position:]

    def comment_above(self, line: int) -> Optional[str]:
        """The comment line(s) directly above `line`, joined, or None."""
        collected: List[str] = []
        number = line - 1
        while number >= 1 and self.line_text(number).lstrip().startswith("#"):
            collected.insert(0, self.line_text(number).strip())
            number -= 1
        return "\n".join(collected) if collected else None

    def local_modules(self) -> FrozenSet[str]:
        """Top-level names importable from beside the checked file, plus configured ones: the project's own."""
        if self._local_modules is None:
            names = set(self.settings.known_local)
            if self.path is not None:
                names |= _sibling_modules(str(Path(self.path).resolve().parent))
            self._local_modules = frozenset(names)
        return self._local_modules

    def report(self, rule: RuleIdentity, node: ast.AST, message: str) -> None:
        line = getattr(node, "lineno", 1)
        column = getattr(node, "col_offset", 0)
        end_line = getattr(node, "end_lineno", None) or line
        end_column = getattr(node, "end_col_offset", None)
        self._add(rule.id, rule.name, rule.pattern, rule.severity, message, line,
                  self._char_column(line, column), end_line,
                  None if end_column is None else self._char_column(end_line, end_column))

    def report_position(self, rule: RuleIdentity, line: int, column: int, message: str,
                        end_line: Optional[int] = None, end_column: Optional[int] = None) -> None:
        self._add(rule.id, rule.name, rule.pattern, rule.severity, message, line, column, end_line, end_column)

    def _add(self, rule_id: str, name: str, pattern: Optional[str], severity: Severity, message: str,
             line: int, column: int, end_line: Optional[int], end_column: Optional[int]) -> None:
        override = self.settings.severity_for(rule_id, name)
        end_line = end_line or line
        if end_column is None:
            end_column = len(self.line_text(end_line))
        self.findings.append(Finding(
            rule=rule_id, name=name, pattern=pattern, severity=override or severity, message=message,
            line=line, column=column + 1, end_line=end_line, end_column=end_column + 1, path=self.path,
        ))

    def _char_column(self, line: int, byte_offset: int) -> int:
        """ast gives UTF-8 byte offsets; editors and our reports count characters."""
        text = self.line_text(line)
        if text.isascii():
            return byte_offset
        return len(text.encode("utf-8")[:byte_offset].decode("utf-8", errors="replace"))


def is_test_path(path: str) -> bool:
    name = os.path.basename(path)
    return name.startswith("test_") or name.endswith("_test.py") or name == "conftest.py"


def _comment_start(text: str) -> Optional[int]:
    """Index of a '#' that starts a comment (not inside a string literal) in one line, or None."""
    if "#" not in text:
        return None
    quote: Optional[str] = None
    index = 0
    while index < len(text):
        char = text[index]
        if quote is None:
            if char == "#":
                return index
            if char in "'\"":
                quote = text[index:index + 3] if text[index:index + 3] in ("'''", '"""') else char
                index += len(quote)
                continue
        elif char == "\\":
            index += 2
            continue
        elif text.startswith(quote, index):
            index += len(quote)
            quote = None
            continue
        index += 1
    return None


_sibling_cache: Dict[str, FrozenSet[str]] = {}


def _sibling_modules(folder: str) -> FrozenSet[str]:
    if folder not in _sibling_cache:
        _sibling_cache[folder] = importable_names(folder)
    return _sibling_cache[folder]


def importable_names(folder: str) -> FrozenSet[str]:
    """The top-level names `folder` offers to `import`: its modules and its packages (none if unreadable)."""
    names = set()
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.endswith(".py"):
                    names.add(entry.name[:-3])
                elif entry.is_dir() and os.path.isfile(os.path.join(entry.path, "__init__.py")):
                    names.add(entry.name)
    except OSError as error:
        logger.debug(f"Cannot list {folder} for importable modules: {error}")
    return frozenset(names)
