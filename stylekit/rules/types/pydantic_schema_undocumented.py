import ast
from typing import TYPE_CHECKING, Dict, List, Optional, Set

from stylekit.findings import Severity
from stylekit.rules.astutil import dotted_name, is_docstring, last_name
from stylekit.rules.base import Rule

if TYPE_CHECKING:
    from stylekit.rules.context import Context

# Modules that provide pydantic's BaseModel: pydantic itself and the v1 shims LangChain re-exports.
PYDANTIC_ROOT = "pydantic"
PYDANTIC_SHIM_SUFFIX = "pydantic_v1"
# Class-level names that configure the model rather than declare a field of the schema.
CONFIG_NAMES = {"model_config", "Config"}


class PydanticSchemaUndocumented(Rule):
    id = "SK0205"
    name = "pydantic-schema-undocumented"
    pattern = "types.pydantic-schemas"
    # Warning: the house uses BaseModel only for schemas a language model reads, where descriptions are
    # the model's only documentation; the reference counts give no figure, so not an error.
    severity = Severity.WARNING
    summary = "Pydantic models have a class docstring and a Field(description=...) on every field."
    node_types = (ast.ClassDef,)
    reports_evidence = True

    def __init__(self, ctx: "Context") -> None:
        super().__init__(ctx)
        self.classes: Dict[str, List[ast.ClassDef]] = {}
        self.base_names: Optional[Set[str]] = None

    def visit(self, node: ast.AST) -> None:
        assert isinstance(node, ast.ClassDef)
        if self.ctx.is_test_file or not node.bases:
            return
        if self.base_names is None:
            self.base_names = _base_model_spellings(self.ctx.tree)
        if self.base_names:
            self.classes.setdefault(node.name, []).append(node)

    def finish(self) -> None:
        if not self.base_names:
            return
        models = set(self.base_names)
        grown = True
        while grown:  # subclasses of a model defined in this module are models too
            found = {name for name, nodes in self.classes.items()
                     if name not in models and any(_derives_from(node, models) for node in nodes)}
            models |= found
            grown = bool(found)
        for nodes in self.classes.values():
            for node in nodes:
                if _derives_from(node, models):
                    self._check_model(node)

    def _check_model(self, node: ast.ClassDef) -> None:
        self.saw()
        if not node.body or not is_docstring(node.body[0]):
            self.report_at(node.lineno, node.col_offset,
                           f"Give '{node.name}' a class docstring: it becomes the description the model reads",
                           node.lineno)
        for field in _schema_fields(node):
            if not _is_described(field):
                assert isinstance(field.target, ast.Name)
                self.report(field.target, f"Describe '{field.target.id}' with Field(description=...) "
                                          f"so that the schema explains it")


def _base_model_spellings(tree: ast.Module) -> Set[str]:
    """How this module spells pydantic's BaseModel: 'BaseModel', 'pydantic.BaseModel', 'pd.BaseModel'..."""
    spellings: Set[str] = set()
    for statement in tree.body:
        if isinstance(statement, ast.ImportFrom) and statement.module and _is_pydantic(statement.module):
            spellings |= {alias.asname or alias.name for alias in statement.names if alias.name == "BaseModel"}
        elif isinstance(statement, ast.Import):
            spellings |= {f"{alias.asname or alias.name}.BaseModel" for alias in statement.names
                          if _is_pydantic(alias.name)}
    return spellings


def _is_pydantic(module: str) -> bool:
    return module.split(".")[0] == PYDANTIC_ROOT or module.endswith(f".{PYDANTIC_SHIM_SUFFIX}")


def _derives_from(node: ast.ClassDef, models: Set[str]) -> bool:
    return any(dotted_name(base) in models for base in node.bases)


def _schema_fields(node: ast.ClassDef) -> List[ast.AnnAssign]:
    """The annotated names of the class body that are fields of the schema."""
    fields = []
    for statement in node.body:
        if not isinstance(statement, ast.AnnAssign) or not isinstance(statement.target, ast.Name):
            continue
        name = statement.target.id
        is_setting = name.startswith("_") or name in CONFIG_NAMES
        if not is_setting and last_name(_outer(statement.annotation)) != "ClassVar":
            fields.append(statement)
    return fields


def _is_described(statement: ast.AnnAssign) -> bool:
    """Field(description=...) as the default, or inside Annotated[type, Field(description=...)]."""
    candidates: List[ast.expr] = [] if statement.value is None else [statement.value]
    annotation = statement.annotation
    if isinstance(annotation, ast.Subscript) and last_name(annotation.value) == "Annotated" \
            and isinstance(annotation.slice, ast.Tuple):
        candidates.extend(annotation.slice.elts[1:])
    return any(_is_described_field(candidate) for candidate in candidates)


def _is_described_field(node: ast.expr) -> bool:
    if not isinstance(node, ast.Call) or last_name(node.func) != "Field":
        return False
    # **options may carry the description; the rule cannot see inside them and gives the benefit of the doubt
    return any(keyword.arg in ("description", None) for keyword in node.keywords)


def _outer(annotation: ast.expr) -> ast.expr:
    """ClassVar[int] -> ClassVar: the outermost name of a subscripted annotation."""
    return annotation.value if isinstance(annotation, ast.Subscript) else annotation
