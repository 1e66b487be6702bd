"""The engine: one parse, one walk, every enabled rule.

Speed matters because the live coach re-checks on every keystroke, so the engine never tokenizes
(tokenize alone costs twice as much as ast.parse) and never walks the tree more than once: rules
register the node types they care about and one iterative walk dispatches to them. Comments, which
the syntax tree drops, are read from the source lines by the few rules that need them.
"""
import ast
import logging
import re
import sys
import warnings
from typing import Callable, Dict, FrozenSet, List, Optional, Set, Tuple

from stylekit.findings import Finding, Severity, StyleReport
from stylekit.rules import enabled_rules
from stylekit.rules.base import Rule
from stylekit.rules.context import Context, Scope
from stylekit.settings import Settings

logger = logging.getLogger(__name__)

SYNTAX_RULE = ("SK0000", "syntax-error")  # not a guide pattern: code that does not parse cannot be judged
INTERNAL_RULE = ("SK0001", "internal-error")  # a rule crashed; reported instead of raised so feedback goes on
MAX_SOURCE_CHARS = 2_000_000  # about 50,000 lines: far beyond any notebook cell or module worth checking live
SUPPRESSION = re.compile(r"#\s*stylekit:\s*ignore(?P<file>-file)?(?:\[(?P<rules>[^\]]*)\])?")
WHOLE_FILE = 0  # the key under which a file-wide waiver is recorded: no real line has number 0
SCOPE_TYPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)
DEFAULT_SETTINGS = Settings()

# Fields that never hold child nodes worth visiting: names and numbers, and `ctx`, whose Load/Store/Del
# singletons would double the nodes walked. Rules that care about a Store read `node.ctx` directly.
LEAF_FIELDS = frozenset({"ctx", "id", "name", "arg", "attr", "module", "level", "kind", "type_comment",
                         "conversion", "is_async", "asname", "simple", "tag", "lineno", "rest"})
LEAF_CLASSES = (ast.Constant, ast.MatchSingleton)


def check_source(source: str, path: Optional[str] = None, settings: Optional[Settings] = None, *,
                 is_notebook: bool = False, honour_waivers: bool = True) -> StyleReport:
    """Check Python source text with every enabled rule and return the findings, sorted by position.

    `path` is only a hint (test-file conventions, package naming, local imports); nothing is read from it.
    Never raises for any input: unparsable, empty, binary-looking or huge sources become findings.
    """
    settings = settings or DEFAULT_SETTINGS
    findings, shown = _check(source, path, settings, is_notebook)
    if honour_waivers:
        findings = _apply_suppressions(source, findings)
    findings.sort(key=Finding.sort_key)
    return StyleReport(findings=findings, path=path, shown=sorted(shown))


def _check(source: str, path: Optional[str], settings: Settings, is_notebook: bool
           ) -> Tuple[List[Finding], Set[str]]:
    """The findings, and the patterns the code shows evidence of."""
    if len(source) > MAX_SOURCE_CHARS:
        return [special_finding(SYNTAX_RULE, f"Source too large to check ({len(source):,} characters; the limit is "
                                      f"{MAX_SOURCE_CHARS:,})", 1, 1, path)], set()
    try:
        # The parser warns on stderr (invalid escapes, `is` with a literal); in a graded notebook cell any
        # stderr output costs the learner the cell's points, so the warnings are silenced here.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tree = ast.parse(source, filename=path or "<source>")
    except SyntaxError as error:
        return [_syntax_finding(error, source, path)], set()
    except (ValueError, RecursionError, MemoryError) as error:
        # null bytes (ValueError before 3.12) and pathological nesting that the parser cannot hold
        return [special_finding(SYNTAX_RULE, f"Cannot parse this source: {error}", 1, 1, path)], set()
    ctx = Context(source=source, lines=source.splitlines(), tree=tree, path=path, settings=settings,
                  is_notebook=is_notebook)
    rules = [rule_class(ctx) for rule_class in enabled_rules(settings)]
    _walk(ctx, _dispatch_table(rules))
    for rule in rules:
        try:
            rule.finish()
        except Exception as error:  # stylekit: ignore[SK0402] contain any rule's bug, see _contain
            _contain(ctx, rule, error, None)
    return ctx.findings, ctx.shown | _shown_by_dispatch(ctx, rules)


def _shown_by_dispatch(ctx: Context, rules: List[Rule]) -> Set[str]:
    """Patterns of the rules that do not report evidence themselves: seen when a node of their types occurred
    (a line-based rule with no node types, whenever there is code at all)."""
    shown = set()
    for rule in rules:
        if rule.reports_evidence or rule.pattern is None:
            continue
        if set(rule.node_types) & ctx.visited_types or not rule.node_types and ctx.tree.body:
            shown.add(rule.pattern)
    return shown


def _dispatch_table(rules: List[Rule]) -> Dict[type, List[Tuple[Rule, Callable[[ast.AST], None]]]]:
    table: Dict[type, List[Tuple[Rule, Callable[[ast.AST], None]]]] = {}
    for rule in rules:
        for node_type in rule.node_types:
            table.setdefault(node_type, []).append((rule, rule.visit))
    return table


_child_fields_cache: Dict[type, Tuple[str, ...]] = {}


def _child_fields(node_class: type) -> Tuple[str, ...]:
    fields = _child_fields_cache.get(node_class)
    if fields is None:
        fields = () if issubclass(node_class, LEAF_CLASSES) else tuple(
            name for name in node_class._fields if name not in LEAF_FIELDS)  # type: ignore[attr-defined]
        _child_fields_cache[node_class] = fields
    return fields


def _walk(ctx: Context, table: Dict[type, List[Tuple[Rule, Callable[[ast.AST], None]]]]) -> None:
    """Depth-first over the whole tree, calling each interested rule once per node.

    The stack holds (node, enclosing scope) pairs so that rules know their scope without a second
    pass to build parent links. The crash guard is inlined: a `try` costs nothing in Python 3.11, a call does.
    """
    stack: List[Tuple[ast.AST, Scope]] = [(ctx.tree, None)]
    pop, push = stack.pop, stack.append
    node_class = ast.AST
    scope_types = SCOPE_TYPES
    fields_cache = _child_fields_cache
    while stack:
        node, scope = pop()
        kind = node.__class__
        handlers = table.get(kind)
        if handlers is not None:
            ctx.visited_types.add(kind)
            ctx.scope = scope
            for rule, handler in handlers:
                try:
                    handler(node)
                except Exception as error:  # stylekit: ignore[SK0402] contain any rule's bug, see _contain
                    _contain(ctx, rule, error, node)
        if isinstance(node, scope_types):
            ctx.scope_parents[node] = scope
            scope = node
        fields = fields_cache.get(kind)
        if fields is None:
            fields = _child_fields(kind)
        for name in fields:
            value = getattr(node, name, None)
            if value is None:
                continue
            if value.__class__ is list:
                for item in value:
                    if isinstance(item, node_class):
                        push((item, scope))
            else:
                push((value, scope))


def _contain(ctx: Context, rule: Rule, error: Exception, node: Optional[ast.AST]) -> None:
    """A crashing rule must not take the learner's feedback down with it; it is reported, and logged."""
    logger.error(f"Rule {rule.id} crashed", exc_info=error)
    line = getattr(node, "lineno", 1) if node is not None else 1
    ctx.findings.append(special_finding(INTERNAL_RULE, f"Rule {rule.id} failed here ({type(error).__name__}: {error}); "
                                                f"please report it", line, 1, ctx.path))


NEWEST_SYNTAX_KNOWN = (3, 12)  # the first Python whose syntax (PEP 701, PEP 695) 3.11 cannot parse


def special_finding(rule: Tuple[str, str], message: str, line: int, column: int, path: Optional[str]) -> Finding:
    return Finding(rule=rule[0], name=rule[1], pattern=None, severity=Severity.ERROR, message=message,
                   line=line, column=column, end_line=line, end_column=column, path=path)


def _syntax_finding(error: SyntaxError, source: str, path: Optional[str]) -> Finding:
    line_count = max(1, source.count("\n") + 1)
    line = min(max(error.lineno or 1, 1), line_count)
    column = max(error.offset or 1, 1)
    return special_finding(SYNTAX_RULE, f"Syntax error: {error.msg}{_newer_syntax_hint(error)}", line, column, path)


def _newer_syntax_hint(error: SyntaxError) -> str:
    """The checker parses with the Python that runs it: code that only a newer Python reads (3.12's f-strings that
    reuse their quotes or nest, `type` aliases, generic `def f[T]`) is a syntax error here, not in the project.
    Say so, rather than call valid code broken; nothing else of the file is checked."""
    if sys.version_info >= NEWEST_SYNTAX_KNOWN:
        return ""
    text = error.text or ""
    is_generic_def = "def " in text and "[" in text
    looks_newer = error.msg.startswith("f-string") or text.lstrip().startswith("type ") or is_generic_def
    if not looks_newer:
        return ""
    running = f"{sys.version_info.major}.{sys.version_info.minor}"
    return (f" (Python {running}, which runs stylekit, cannot read this; if the project uses Python 3.12 or newer "
            f"it may be valid there: run stylekit with the project's Python to check this file)")


def suppressed_rules(source: str) -> Dict[int, Optional[FrozenSet[str]]]:
    """Line number -> rule ids/names waived on that line (None: every rule); WHOLE_FILE for the whole file.

    `# stylekit: ignore-file` waives everything in the file, `# stylekit: ignore-file[SK0303]` one rule.
    """
    waivers: Dict[int, Optional[FrozenSet[str]]] = {}
    if "stylekit:" not in source:
        return waivers
    for number, text in enumerate(source.splitlines(), start=1):
        if "stylekit:" not in text:
            continue
        match = SUPPRESSION.search(text)
        if match is not None:
            listed = match.group("rules")
            waivers[WHOLE_FILE if match.group("file") else number] = None if listed is None else frozenset(
                part.strip() for part in listed.split(",") if part.strip())
    return waivers


def _apply_suppressions(source: str, findings: List[Finding]) -> List[Finding]:
    waivers = suppressed_rules(source)
    if not waivers:
        return findings
    kept = []
    whole_file = waivers.get(WHOLE_FILE, frozenset())
    for finding in findings:
        if whole_file is None or finding.rule in whole_file or finding.name in whole_file:
            continue
        waived = waivers.get(finding.line, frozenset())
        if waived is None or finding.rule in waived or finding.name in waived:
            continue
        kept.append(finding)
    return kept

