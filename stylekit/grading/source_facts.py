"""Static facts of a learner's answer, read by the judge from the answer's source, never asked of the learner's
process: a function's or method's signature (parameter names, kinds, annotations, defaults), a docstring.

Annotations are compared as text normalised the way a reader would: `typing.List[str]`, `List[str]` and the string
annotation `"List[str]"` are one annotation, spaces do not matter. A check asks for the spellings the task allows:

    assert {"weight_kg": "float", "zones": "List[str]", "express": "bool", "return": "float"} == \\
        function_signature(exercise_source, "quote_parcel").annotations()
"""
import ast
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Type, TypeVar

NO_DEFAULT = "<no default>"  # a parameter without one, told apart from a default of None

T_Parameter = TypeVar("T_Parameter", bound="Parameter")
T_Signature = TypeVar("T_Signature", bound="Signature")


class FunctionNotFound(LookupError):
    def __init__(self, name: str) -> None:
        super().__init__(f"The answer defines no function or method called {name}")


@dataclass
class Parameter:
    name: str
    kind: str  # positional, keyword, *args, **kwargs (as Python's inspect names them: POSITIONAL_OR_KEYWORD ...)
    annotation: Optional[str]  # normalised text, None when absent
    default: Any = NO_DEFAULT  # the default as a Python literal where it is one, else its source text

    def to_dict(self) -> Dict[str, Any]:
        return {"name": self.name, "kind": self.kind, "annotation": self.annotation, "default": self.default}

    @classmethod
    def from_dict(cls: Type[T_Parameter], raw: Dict[str, Any]) -> T_Parameter:
        return cls(name=raw["name"], kind=raw["kind"], annotation=raw.get("annotation"),
                   default=raw.get("default", NO_DEFAULT))


@dataclass
class Signature:
    name: str
    parameters: List[Parameter] = field(default_factory=list)
    returns: Optional[str] = None

    def annotations(self, skip_self: bool = True) -> Dict[str, Optional[str]]:
        """Parameter name -> annotation text (None when missing), and "return"; `self` and `cls` left out."""
        found: Dict[str, Optional[str]] = {parameter.name: parameter.annotation for parameter in self.parameters
                                           if not (skip_self and parameter.name in ("self", "cls"))}
        found["return"] = self.returns
        return found

    def parameter(self, name: str) -> Parameter:
        return next(parameter for parameter in self.parameters if parameter.name == name)

    def names(self) -> List[str]:
        return [parameter.name for parameter in self.parameters if parameter.name not in ("self", "cls")]

    def to_dict(self) -> Dict[str, Any]:
        return {"name": self.name, "parameters": [item.to_dict() for item in self.parameters], "returns": self.returns}

    @classmethod
    def from_dict(cls: Type[T_Signature], raw: Dict[str, Any]) -> T_Signature:
        return cls(name=raw["name"], parameters=[Parameter.from_dict(item) for item in raw.get("parameters", [])],
                   returns=raw.get("returns"))


class _StripTyping(ast.NodeTransformer):
    """`typing.List` reads as `List`; a string annotation reads as the expression it holds."""

    def visit_Attribute(self, node: ast.Attribute) -> ast.AST:
        if isinstance(node.value, ast.Name) and node.value.id in ("typing", "t", "typing_extensions"):
            return ast.copy_location(ast.Name(id=node.attr, ctx=ast.Load()), node)
        return self.generic_visit(node)

    def visit_Constant(self, node: ast.Constant) -> ast.AST:
        if isinstance(node.value, str):
            try:
                return self.visit(ast.parse(node.value, mode="eval").body)
            except SyntaxError:
                return node
        return node


def annotation_text(node: Optional[ast.expr]) -> Optional[str]:
    if node is None:
        return None
    return ast.unparse(_StripTyping().visit(ast.parse(ast.unparse(node), mode="eval").body))


def normalise_annotation(text: str) -> str:
    """The same normal form for an annotation a check writes down: `annotation_text` of its parse."""
    return str(annotation_text(ast.parse(text, mode="eval").body))


def _default(node: Optional[ast.expr]) -> Any:
    if node is None:
        return NO_DEFAULT
    try:
        return ast.literal_eval(node)
    except (ValueError, SyntaxError, TypeError):
        return ast.unparse(node)


def _find(tree: ast.AST, dotted: str) -> Optional[ast.AST]:
    """A top-level definition, or `Class.method` (nested as deep as the dots say)."""
    scope: ast.AST = tree
    for part in dotted.split("."):
        found = None
        for node in ast.iter_child_nodes(scope):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.name == part:
                found = node
        if found is None:
            return None
        scope = found
    return scope


def function_signature(source: str, dotted: str) -> Signature:
    """The signature of the function or method `dotted` ('quote_parcel', 'Ledger.post') as the source writes it.
    The last definition wins, as it would when the code runs. Raises FunctionNotFound."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        raise FunctionNotFound(dotted) from None
    node = _find(tree, dotted)
    if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        raise FunctionNotFound(dotted)
    arguments = node.args
    positional = [*arguments.posonlyargs, *arguments.args]
    defaults: List[Optional[ast.expr]] = [None] * (len(positional) - len(arguments.defaults)) + list(arguments.defaults)
    parameters = [Parameter(name=argument.arg,
                            kind="POSITIONAL_ONLY" if argument in arguments.posonlyargs else "POSITIONAL_OR_KEYWORD",
                            annotation=annotation_text(argument.annotation), default=_default(default))
                  for argument, default in zip(positional, defaults)]
    if arguments.vararg:
        vararg = arguments.vararg
        parameters.append(Parameter(vararg.arg, "VAR_POSITIONAL", annotation_text(vararg.annotation)))
    parameters += [Parameter(argument.arg, "KEYWORD_ONLY", annotation_text(argument.annotation), _default(default))
                   for argument, default in zip(arguments.kwonlyargs, arguments.kw_defaults)]
    if arguments.kwarg:
        parameters.append(Parameter(arguments.kwarg.arg, "VAR_KEYWORD", annotation_text(arguments.kwarg.annotation)))
    return Signature(name=dotted, parameters=parameters, returns=annotation_text(node.returns))


def docstring_of(source: str, dotted: str) -> Optional[str]:
    """The docstring of the function, method or class `dotted` as written (None when it has none or is missing)."""
    try:
        node = _find(ast.parse(source), dotted)
    except SyntaxError:
        return None
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return ast.get_docstring(node)
    return None


def defines(source: str, dotted: str) -> bool:
    try:
        return _find(ast.parse(source), dotted) is not None
    except SyntaxError:
        return False
