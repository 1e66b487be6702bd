import ast
from dataclasses import dataclass
from typing import TYPE_CHECKING, Dict, FrozenSet, List, Optional

from stylekit.findings import Severity
from stylekit.rules.astutil import dotted_name
from stylekit.rules.base import Rule
from stylekit.rules.design._shared import is_dataclass

if TYPE_CHECKING:
    from stylekit.rules.context import Context

# A class may sit two levels below another class of its module (A <- B <- C); a third level is deep.
MAX_CLASS_DEPTH = 2
# Dataclasses pile their fields up level by level: one dataclass extending another is shallow enough,
# a second level spreads the constructor's fields over three class bodies.
MAX_DATACLASS_DEPTH = 1
# Exception hierarchies are matched by `except`, which composition cannot do: deep ones are legitimate.
EXCEPTION_SUFFIXES = ("Exception", "Error", "Warning")


@dataclass
class _LocalClass:
    """A module-level class and the dotted names of its bases."""

    node: ast.ClassDef
    bases: List[str]
    is_dataclass: bool


class DeepInheritance(Rule):
    id = "SK0805"
    name = "deep-inheritance"
    pattern = "design.composition"
    # Info: depth is a judgement the kit can only approximate within one module, and the reference code gives
    # no count to calibrate against; the lesson (compose dataclasses, §8) matters more than the finding.
    severity = Severity.INFO
    summary = "Inheritance among a module's own classes stays shallow; bigger structures hold smaller ones as fields."
    node_types = (ast.ClassDef,)

    def __init__(self, ctx: "Context") -> None:
        super().__init__(ctx)
        self._classes: Dict[str, _LocalClass] = {}

    def visit(self, node: ast.AST) -> None:
        assert isinstance(node, ast.ClassDef)
        if self.ctx.scope is None:
            bases = [name for name in (dotted_name(base) for base in node.bases) if name is not None]
            self._classes[node.name] = _LocalClass(node=node, bases=bases, is_dataclass=is_dataclass(node))

    def finish(self) -> None:
        for name, local in self._classes.items():
            if not local.bases or self._is_exception(name, frozenset()):
                continue
            chain = self._deepest_chain(name, frozenset(), dataclasses_only=False)
            dataclass_chain = self._deepest_chain(name, frozenset(), dataclasses_only=True)
            if len(chain) - 1 > MAX_CLASS_DEPTH:
                self.report_at(local.node.lineno, local.node.col_offset,
                               f"'{name}' inherits through {len(chain) - 1} classes of this module "
                               f"({' <- '.join(reversed(chain))}); hold the shared parts as fields instead")
            elif len(dataclass_chain) - 1 > MAX_DATACLASS_DEPTH:
                self.report_at(local.node.lineno, local.node.col_offset,
                               f"Dataclass '{name}' collects its fields from {' <- '.join(reversed(dataclass_chain))}; "
                               f"give it the parent as a field instead of inheriting")

    def _deepest_chain(self, name: str, seen: FrozenSet[str], dataclasses_only: bool) -> List[str]:
        """[name, parent, grandparent, ...] along the deepest line of this module's own classes."""
        local = self._local(name, seen)
        if local is None:
            return []
        if dataclasses_only and not local.is_dataclass:
            return []
        deepest: List[str] = []
        for base in local.bases:
            candidate = self._deepest_chain(base, seen | {name}, dataclasses_only)
            if len(candidate) > len(deepest):
                deepest = candidate
        return [name, *deepest]

    def _is_exception(self, name: str, seen: FrozenSet[str]) -> bool:
        local = self._local(name, seen)
        return local is not None and any(
            base.endswith(EXCEPTION_SUFFIXES) or self._is_exception(base, seen | {name}) for base in local.bases)

    def _local(self, name: str, seen: FrozenSet[str]) -> Optional[_LocalClass]:
        """The module's own class of that name; None for imported ones and on a cycle (which Python rejects)."""
        return None if name in seen else self._classes.get(name)
