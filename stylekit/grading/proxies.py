"""Source-reading proxies for judgement patterns: does the learner's answer contain the construct a pattern asks
for? A hidden check named after the pattern asserts one of these on the `exercise_source` fixture, so a test
suite that behaves right but skips the pattern (plain functions where a test class belongs, a side_effect lambda
where a Mock subclass belongs) loses that pattern's points. They read structure, not intent: a reviewer still
judges whether the construct was the right choice.
"""
import ast
import builtins
import io
import re
import tokenize
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Set, Tuple

SETUP_METHODS = {"setup_method", "setUp", "setup"}
MOCK_BASES = {"Mock", "MagicMock", "NonCallableMock"}
EXCEPTION_BASES = {"Exception", "BaseException"}
# Words that say what code does rather than why: the vocabulary of a comment that narrates the next line.
NARRATION_WORDS = {
    "the", "and", "for", "with", "from", "into", "this", "that", "then", "than", "each", "all", "its", "are", "was",
    "loop", "loops", "over", "iterate", "through", "check", "checks", "whether", "set", "sets", "add", "adds",
    "return", "returns", "call", "calls", "get", "gets", "compute", "computes", "calculate", "calculates", "make",
    "value", "values", "variable", "result", "increment", "create", "creates", "apply", "applies", "use", "uses",
    "multiply", "divide", "subtract", "round", "rounds", "up", "down", "by", "to", "of", "if", "is", "it", "a", "an",
}
STEM = 5  # words compared by their first letters, so 'expired' meets 'expires'
SHORTEST_STEM = 3  # an ending is cut only when this much is left: 'bus' and 'uses' keep their s
XML_SECTION = re.compile(r"<([A-Za-z_][\w-]*)>(.*?)</\1>", re.DOTALL)
FORMAT_FIELD = re.compile(r"(?<!\{)\{[A-Za-z_]\w*\}(?!\})")
# A comment explains *why* when it gives something its code cannot show: a unit, a source, a cause, a constraint, a
# trade-off, or a plain fact about the world outside the code. Counting new words cannot tell that from a long
# retelling (which has many), so a comment is read for those kinds of reason, each in words of its own: words that
# are neither the code's names nor the vocabulary of computation that narration is made of.
COMPUTATION_WORDS = {
    "number", "amount", "total", "sum", "difference", "count", "counter", "minimum", "maximum", "min", "max",
    "smaller", "smallest", "larger", "largest", "greater", "greatest", "lower", "higher", "less", "more", "bigger",
    "zero", "negative", "positive", "whole", "full", "partial", "next", "previous", "nearest", "first", "second",
    "last", "new", "old", "current", "remaining", "rest", "times", "plus", "minus", "half", "double", "twice",
    "integer", "int", "float", "string", "str", "list", "dict", "tuple", "bool", "boolean", "true", "false", "none",
    "flag", "variable", "function", "method", "argument", "parameter", "param", "line", "code", "step", "here", "now",
    "finally", "we", "our", "us", "you", "can", "will", "how", "many", "much", "what", "which", "when", "where",
    "while", "both", "either", "also", "just", "simply", "again", "there", "these", "those", "some", "any", "every",
    "not", "no", "one", "two", "three", "ten", "sixty", "hundred", "case", "condition", "clamp", "floor", "ceiling",
    "ceil", "exceed", "above", "below", "under", "between", "within", "out", "off", "onto", "via", "using", "based",
    "given", "work", "works", "equal", "same", "different", "per", "about", "after", "before", "less", "each",
    "thing", "stuff", "part", "following", "below", "above", "need", "want", "let", "lets", "way", "whose", "who",
    "they", "them", "their", "it", "its", "give", "gives", "length", "duration", "size", "four", "five", "six",
    "seven", "eight", "nine", "twenty", "thirty",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
}
# On a constant the code is a name and a value: a note made of these only says the name again ('the maximum number').
CONSTANT_FILLER = {"number", "amount", "maximum", "minimum", "max", "min", "value", "total", "count", "counts",
                   "constant", "limit", "factor", "rate", "default", "setting", "used", "use", "here"}
# Verbs a narrating comment opens with ("round up the hours", "take the smaller"): what the line does.
OPERATION_WORDS = {
    "compute", "computes", "calculate", "calculates", "divide", "divides", "multiply", "multiplies", "subtract",
    "subtracts", "add", "adds", "round", "rounds", "apply", "applies", "take", "takes", "get", "gets", "set", "sets",
    "loop", "loops", "iterate", "iterates", "check", "checks", "convert", "converts", "return", "returns", "call",
    "calls", "cap", "caps", "clamp", "clamps", "count", "counts", "store", "stores", "increment", "decrement",
    "assign", "update", "updates", "initialise", "initialize", "append", "appends", "build", "builds", "create",
    "creates", "make", "makes", "find", "finds", "filter", "sort", "parse", "format", "print", "raise", "handle",
    "work", "use", "uses", "if", "else", "this", "then", "first", "next", "now", "here", "we", "finally",
}
# The words that introduce a reason, by kind; a marker counts only with words of the comment's own beside it.
REASON_MARKERS = {
    "cause": re.compile(r"\b(because|since|so|thus|hence|therefore|otherwise|else|lest|why|anyway|due to|as a result|"
                        r"in order to|so that|which means|that way|exists? to|is there to|are there to|meant to|"
                        r"to avoid|to keep|to prevent|to stop|to make sure|to ensure)\b", re.IGNORECASE),
    "constraint": re.compile(r"\b(must|mustn't|never|cannot|can't|may not|should|shouldn't|required|requires|"
                             r"has to|have to|need to|needs to|not allowed|forbid\w*|no more than|no less than|"
                             r"at most|at least|only ever)\b", re.IGNORECASE),
    "trade-off": re.compile(r"\b(trade-?offs?|trade off|instead of|rather than|at the cost|cheaper|faster|slower|"
                            r"simpler|safer|would|could|worth|good enough)\b", re.IGNORECASE),
}
# Where a value or an approach comes from: an address, a document, a measurement, a deliberate choice.
SOURCE = re.compile(r"https?://|\bsee:|\baccording to\b|\bmeasured\b|\bmedian\b|\baverage\b|\brecommended\b|"
                    r"\barbitrar\w*|\bchosen\b|\bpicked\b|\bagreed\b|\bestimated?\b|\bdocs\b|\bdocumentation\b|"
                    r"\bcatalog(ue)?\b|\bhandbook\b|\bmanual\b|\bspecification\b|\brfc\s*\d+|\bsurvey\b|\blogs\b|"
                    r"\bcopied\b|\btaken from\b|\bderived from\b|\bpage \d+", re.IGNORECASE)
# The units a comment names to say what a number counts (SI, time, money, data): the kit's own list.
UNITS = {
    "eur", "euro", "euros", "usd", "dollar", "dollars", "cent", "cents", "percent", "cm", "mm", "km", "kg", "gram",
    "grams", "kilogram", "kilograms", "metre", "metres", "meter", "meters", "second", "seconds", "ms", "minute",
    "minutes", "hour", "hours", "day", "days", "week", "weeks", "month", "months", "year", "years", "byte", "bytes",
    "kb", "kib", "mb", "mib", "gb", "gib", "gbps", "mbps",
}
# Tool directives and nbgrader's markers: comments to a machine, not explanations to a reader.
DIRECTIVE = re.compile(r"^(noqa|type:|pragma|pylint:|mypy:|fmt:|isort:|nosec|stylekit:|#*\s*(BEGIN|END) (SOLUTION|"
                       r"HIDDEN TESTS))", re.IGNORECASE)
OWN_WORDS_FOR_A_REASON = 2  # a marker ('so', 'must') needs this many words of the comment's own beside it
OWN_WORDS_FOR_A_FACT = 3  # a plain statement without a marker needs this many, and must not narrate an operation
OWN_WORDS_ON_A_CONSTANT = 2  # where the code is only a name and a value, fewer say where the value comes from
CONSTANT_LINE = re.compile(r"^\s*[A-Z][A-Z0-9_]*\s*(?::[^=]+)?=\s*[-+]?[\d.]")
# Filler in a docstring's parameter line: a line made of the name, its type and these says nothing.
TYPE_WORDS = {
    "str", "string", "int", "integer", "float", "bool", "boolean", "true", "false", "none", "optional", "list",
    "dict", "tuple", "set", "any", "datetime", "date", "time", "path", "object", "value", "values", "parameter",
    "param", "argument", "arg", "input", "given", "variable", "number", "flag", "the", "a", "an", "of", "is", "for",
    "to", "whether", "or", "not", "was", "be", "this", "its", "it",
}
DOCSTRING_PARAMETER = [  # every convention the guide allows; the meaning may go on over more indented lines
    re.compile(r"^(?P<indent>[ \t]*)[:@]param(?:[ \t]+[^:\s]+)?[ \t]+\*{0,2}(?P<name>\w+)[ \t]*:(?P<meaning>.*)$"),
    re.compile(r"^(?P<indent>[ \t]*)\*{0,2}(?P<name>\w+)[ \t]+:(?P<meaning>.*)$"),  # NumPy: 'name : type'
    re.compile(r"^(?P<indent>[ \t]*)\*{0,2}(?P<name>\w+)[ \t]*(?:\([^)]*\))?:(?P<meaning>.*)$"),  # house, Google
]
SECTION_HEADINGS = {"args", "arguments", "parameters", "params", "returns", "return", "raises", "yields", "example",
                    "examples", "note", "notes", "attributes", "keyword", "see"}
# Words of a guidelines section that say nothing a model could act on: the section's own name, politeness, praise.
GUIDELINE_FILLER = {"guideline", "guidelines", "rule", "rules", "follow", "following", "always", "these", "below",
                    "above", "important", "please", "be", "good", "best", "general", "instruction", "instructions",
                    "helpful", "nice", "polite", "accurate", "correct", "assistant", "ai", "the", "you", "your"}
MIN_GUIDELINE_RULES = 3  # the support prompt's task asks for at least three rules
# Names Python gives every module: reading them needs no import.
MODULE_NAMES = {"__name__", "__file__", "__doc__", "__spec__", "__loader__", "__package__", "__builtins__",
                "__path__", "__annotations__", "__dict__"}


def _tree(source: str) -> Optional[ast.Module]:
    try:
        return ast.parse(source)
    except SyntaxError:
        return None


def _last_name(node: ast.expr) -> str:
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Call):
        return _last_name(node.func)
    return ""


def _test_functions(tree: ast.Module) -> List[ast.FunctionDef]:
    return [node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef) and node.name.startswith("test")]


def _names_used(node: ast.AST) -> Set[str]:
    return {child.id for child in ast.walk(node) if isinstance(child, ast.Name)}


def has_test_class(source: str) -> bool:
    """A Test* class holding at least two tests and their common set-up (testing.test-classes)."""
    tree = _tree(source)
    for node in tree.body if tree else []:
        if isinstance(node, ast.ClassDef) and node.name.startswith("Test"):
            methods = {item.name for item in node.body if isinstance(item, ast.FunctionDef)}
            if len([name for name in methods if name.startswith("test")]) >= 2 and methods & SETUP_METHODS:
                return True
    return False


def has_mock_subclass(source: str) -> bool:
    """A class deriving from unittest.mock's Mock or MagicMock: a stateful fake (testing.custom-mocks)."""
    tree = _tree(source)
    return any(isinstance(node, ast.ClassDef) and any(_last_name(base) in MOCK_BASES for base in node.bases)
               for node in (tree.body if tree else []))


def has_flow_exception(source: str) -> bool:
    """A module-level exception class of the tests' own that a fake raises or a side_effect holds, to stop the code
    under test at a chosen point (testing.flow-exceptions)."""
    tree = _tree(source)
    if tree is None:
        return False
    own = {node.name for node in tree.body if isinstance(node, ast.ClassDef)
           and any(_last_name(base) in EXCEPTION_BASES for base in node.bases)}
    raised = {_last_name(node.exc) for node in ast.walk(tree) if isinstance(node, ast.Raise) and node.exc}
    return bool(own & (raised | _side_effect_names(tree)))


def _side_effect_names(tree: ast.Module) -> Set[str]:
    """Names inside a value given to a side_effect: `x.side_effect = ...` or `Mock(side_effect=...)`."""
    values: List[ast.expr] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(_last_name(target) == "side_effect" for target in node.targets):
            values.append(node.value)
        if isinstance(node, ast.Call):
            values.extend(keyword.value for keyword in node.keywords if keyword.arg == "side_effect")
    return set().union(set(), *(_names_used(value) for value in values))


def has_shared_fixture(source: str) -> bool:
    """A @pytest.fixture that at least two tests ask for by name: set-up they share (testing.fixtures)."""
    tree = _tree(source)
    if tree is None:
        return False
    fixtures = {node.name for node in tree.body if isinstance(node, ast.FunctionDef)
                and any(_last_name(decorator) == "fixture" for decorator in node.decorator_list)}
    requests = [{argument.arg for argument in test.args.args} for test in _test_functions(tree)]
    return any(sum(1 for requested in requests if fixture in requested) >= 2 for fixture in fixtures)


def _module_constants(tree: ast.Module) -> List[ast.Assign]:
    return [node for node in tree.body if isinstance(node, ast.Assign)
            and any(isinstance(target, ast.Name) and target.id.startswith("TEST_") for target in node.targets)]


def has_shared_test_constant(source: str) -> bool:
    """A module-level TEST_* constant used by at least two tests (testing.module-constants)."""
    tree = _tree(source)
    if tree is None:
        return False
    names = {target.id for node in _module_constants(tree) for target in node.targets if isinstance(target, ast.Name)}
    return any(sum(1 for test in _test_functions(tree) if name in _names_used(test)) >= 2 for name in names)


def has_module_test_data(source: str) -> bool:
    """Test data kept as a module-level TEST_* collection (a list, dict or tuple of records), not rebuilt inside
    each test (testing.test-data)."""
    tree = _tree(source)
    return tree is not None and any(_size(node.value) >= 2 for node in _module_constants(tree))


def _size(value: ast.expr) -> int:
    if isinstance(value, ast.Dict):
        return len(value.keys)
    return len(value.elts) if isinstance(value, (ast.List, ast.Tuple, ast.Set)) else 0


# -- §3 Documentation Philosophy ------------------------------------------------------------------------------
def _stem(word: str) -> str:
    """A word's first letters after a plural or -ing ending: 'started' meets 'starts', 'days' meets 'day'."""
    for ending in ("ing", "s"):
        if word.endswith(ending) and len(word) - len(ending) >= SHORTEST_STEM and not word.endswith("ss"):
            word = word[:-len(ending)]
            break
    return word[:STEM]


def _words(text: str) -> List[str]:
    """The lower-case words of a text, identifiers split at underscores and at camelCase humps."""
    return re.findall(r"[a-z]+", re.sub(r"([a-z])([A-Z])", r"\1 \2", text).lower())


def _stems(text: str) -> Set[str]:
    return {_stem(word) for word in _words(text) if len(word) > 2 and word not in NARRATION_WORDS}


VOCABULARY = {_stem(word) for word in NARRATION_WORDS | COMPUTATION_WORDS | OPERATION_WORDS}
OPERATIONS = {_stem(word) for word in OPERATION_WORDS}
MARKER_WORDS = {_stem(word) for pattern in REASON_MARKERS.values()
                for word in re.findall(r"[a-z]+", pattern.pattern)}


def own_words(comment: str, code: str) -> Set[str]:
    """The comment's words that are neither the code's own names nor the vocabulary of computation and narration,
    nor the words that mark a reason: what it brings from outside the code."""
    return _stems(comment) - _stems(code) - VOCABULARY - MARKER_WORDS


def _new_unit(comment: str, code: str) -> bool:
    """The comment names a unit the code does not ('# EUR' on DAY_CAP = 24), a rate ('per started hour', 'rides/day')
    or a percentage."""
    code_stems = {_stem(word) for word in _words(code)}
    units = [word for word in _words(comment) if word in UNITS and _stem(word) not in code_stems]
    rates = re.findall(r"\bper\s+(?:\w+\s+)?([a-z]+)|\b[a-z]+/([a-z]+)\b", comment, re.IGNORECASE)
    new_rates = [part for pair in rates for part in pair if part and _stem(part.lower()) not in code_stems]
    return bool(units or new_rates or "%" in comment and "%" not in code)


def _narrates(comment: str) -> bool:
    """The comment opens the way narration does: with an operation ('round up ...', 'take the ...') or 'here we'."""
    words = _words(comment)
    return bool(words) and _stem(words[0]) in OPERATIONS


def code_words(source: str) -> str:
    """The names a source's code uses (identifiers and attributes, not its comments or strings), as one text: the
    words a comment on any of its lines only repeats."""
    tree = _tree(source)
    names = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)} if tree else set()
    names |= {node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)} if tree else set()
    names |= {node.name for node in ast.walk(tree) if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef,
                                                                         ast.ClassDef))} if tree else set()
    names |= {node.arg for node in ast.walk(tree) if isinstance(node, ast.arg)} if tree else set()
    return " ".join(sorted(names))


def reasons_given(comment: str, code: str, context: str = "") -> List[str]:
    """The kinds of reason a comment gives that its code cannot show: 'source' (an address, a document, a
    measurement, a deliberate choice), 'unit' (one the code does not name), 'cause', 'constraint', 'trade-off' (a
    marker such as 'because', 'must' or 'rather than', with words of the comment's own beside it), or 'fact' (a
    statement of its own about the world, which does not narrate an operation). [] for a comment that only retells
    its code, however long (docs.why-comments). `context` holds the other names of the program (code_words): on
    a line of code they are the code's own words too; a constant's note may name them to say where its value
    comes from. It reads words, not truth: whether the reason is true is a reviewer's call."""
    if DIRECTIVE.match(comment.strip()):
        return []
    constant = bool(CONSTANT_LINE.match(code))
    known = code if constant else f"{code} {context}"
    own = (_stems(comment) - _stems(code) - {_stem(word) for word in CONSTANT_FILLER} - MARKER_WORDS if constant
           else own_words(comment, known))
    kinds = ["source"] if SOURCE.search(comment) else []
    kinds += ["unit"] if _new_unit(comment, known) else []
    kinds += [kind for kind, marker in REASON_MARKERS.items()
              if marker.search(comment) and len(own) >= OWN_WORDS_FOR_A_REASON]
    needed = OWN_WORDS_ON_A_CONSTANT if constant else OWN_WORDS_FOR_A_FACT
    if not kinds and len(own) >= needed and not _narrates(comment):
        kinds.append("fact")
    return kinds


def restates_code(comment: str, code: str, context: str = "") -> bool:
    """True when a comment gives no reason its code cannot show (see reasons_given): it narrates what the code does
    rather than saying why (docs.why-comments)."""
    return not reasons_given(comment, code, context)


def _comments(source: str) -> List[Tuple[int, str, str]]:
    """(line, text without '#', the code before it on its line: "" for a comment on a line of its own) for every
    comment of the source."""
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    except (tokenize.TokenError, SyntaxError, IndentationError):
        return []
    return [(token.start[0], token.string.lstrip("#").strip(), token.line[:token.start[1]].strip())
            for token in tokens if token.type == tokenize.COMMENT]


def _explained_line(lines: List[str], line: int) -> str:
    """The code a full-line comment at `line` (1-based) explains: the next line that is neither blank nor a comment."""
    for text in lines[line:]:
        if text.strip() and not text.strip().startswith("#"):
            return text
    return ""


@dataclass
class CommentReading:
    """One comment as a reader meets it: a block of comment lines on lines of their own (read together, as one
    explanation), or the comment ending a line of code; the code it explains, and the reasons it gives."""

    lines: List[int]  # 1-based, in the source read
    text: str
    code: str
    reasons: List[str]

    @property
    def retells(self) -> bool:
        return not self.reasons


def read_comments(source: str) -> List[CommentReading]:
    """Every comment of the source that speaks to a reader (directives and nbgrader's markers left out), with the
    reasons each gives; consecutive comment lines on lines of their own are one block."""
    lines = source.splitlines()
    context = code_words(source)
    readings: List[CommentReading] = []
    block: List[Tuple[int, str]] = []

    def close_block() -> None:
        if block:
            text = " ".join(part for _, part in block)
            code = _explained_line(lines, block[-1][0])
            readings.append(CommentReading([line for line, _ in block], text, code, reasons_given(text, code, context)))
            block.clear()

    for line, text, code in _comments(source):
        if not text or DIRECTIVE.match(text):
            close_block()
            continue
        if code:
            close_block()
            readings.append(CommentReading([line], text, code, reasons_given(text, code, context)))
        elif block and block[-1][0] == line - 1:
            block.append((line, text))
        else:
            close_block()
            block.append((line, text))
    close_block()
    return readings


def restating_comments(source: str) -> List[str]:
    """Every comment that only restates the code it explains (docs.why-comments)."""
    return [reading.text for reading in read_comments(source) if reading.retells]


def _prose_lines(source: str) -> Set[int]:
    """Line numbers (1-based) of docstrings and other bare string statements: prose, not code."""
    tree = _tree(source)
    return {line for node in (ast.walk(tree) if tree else [])
            if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)
            for line in range(node.lineno, (node.end_lineno or node.lineno) + 1)}


def _line_holding(source: str, fragment: str) -> Optional[int]:
    """The index (0-based) of the first line of code holding `fragment` outside comments and docstrings."""
    prose = _prose_lines(source)
    return next((number for number, text in enumerate(source.splitlines())
                 if fragment in text.split("#", 1)[0] and number + 1 not in prose), None)


def code_line_of(source: str, fragment: str) -> Optional[int]:
    """The line (1-based) of the first line of code holding `fragment` outside comments and docstrings; None."""
    index = _line_holding(source, fragment)
    return None if index is None else index + 1


def comment_lines_for(source: str, fragment: str) -> List[int]:
    """The lines (1-based) of the comment explaining the first line of code holding `fragment`: the comment block
    directly above it and the comment ending it; [] when it has none (or no line holds the fragment)."""
    lines = source.splitlines()
    index = _line_holding(source, fragment)
    if index is None:
        return []
    found = [line for line, text, code in _comments(source) if code and line == index + 1 and text]
    above = index - 1
    while above >= 0 and lines[above].strip().startswith("#"):
        found.insert(0, above + 1)
        above -= 1
    return found


def comment_for(source: str, fragment: str) -> str:
    """The comment explaining the first line of code holding `fragment`: the block of comment lines directly above
    it and the comment ending it, joined; "" when the line has none (or no line holds the fragment)."""
    texts = {line: text for line, text, _ in _comments(source)}
    parts = [texts.get(line, "") for line in comment_lines_for(source, fragment)]
    return " ".join(part for part in parts if part and not DIRECTIVE.match(part))


def explains_why(source: str, fragment: str) -> bool:
    """The first line of code holding `fragment` carries a comment that gives a reason of its own rather than
    retelling the line (docs.why-comments)."""
    index = _line_holding(source, fragment)
    comment = comment_for(source, fragment)
    return index is not None and bool(comment) and not restates_code(
        comment, source.splitlines()[index].split("#")[0], code_words(source))


def parameter_descriptions(docstring: str) -> Dict[str, str]:
    """Parameter name -> the meaning a docstring gives it, in every convention the guide allows: the house's
    'name: meaning' lines, Google's 'Args:' block ('name (type): meaning' too), reST's ':param name: meaning' (and
    ':param type name:'), NumPy's 'name : type' with its meaning on the indented lines below. A meaning may go on
    over lines indented deeper than its name."""
    found: Dict[str, str] = {}
    current: Optional[Tuple[str, int]] = None
    for line in docstring.splitlines():
        indent = len(line) - len(line.lstrip())
        if current is not None and line.strip() and indent > current[1]:
            found[current[0]] = f"{found[current[0]]} {line.strip()}".strip()
            continue
        current = None
        for pattern in DOCSTRING_PARAMETER:
            match = pattern.match(line)
            if match and match.group("name").lower() not in SECTION_HEADINGS:
                current = (match.group("name"), len(match.group("indent")))
                found[current[0]] = match.group("meaning").strip()
                break
    return found


def says_something(meaning: str, *names: str) -> bool:
    """A docstring's text says something when it holds a word beyond the names it describes, their types and
    filler: 'e_bike: e bike' and 'unlocked_at: the unlocked_at datetime' say nothing."""
    said = _stems(meaning) - {_stem(word) for name in names for word in _words(name)}
    return bool(said - {_stem(word) for word in TYPE_WORDS} - VOCABULARY)


def silent_parameters(source: str, function: str) -> Tuple[List[str], List[str]]:
    """(the parameters of `function` its docstring gives no line, those whose line only repeats names or types),
    self and cls left out; every parameter is missing when the function or its docstring is."""
    tree = _tree(source)
    node = next((item for item in (ast.walk(tree) if tree else [])
                 if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)) and item.name == function), None)
    if node is None:
        return [], []
    arguments = [*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs]
    names = [argument.arg for argument in arguments if argument.arg not in ("self", "cls")]
    described = parameter_descriptions(ast.get_docstring(node) or "")
    missing = [name for name in names if name not in described]
    empty = [name for name in names if name in described and not says_something(described[name], name, function)]
    return missing, empty


def parameter_lines(source: str, function: str) -> Dict[str, int]:
    """Parameter name -> the line (1-based) of `function`'s docstring that describes it; the function's `def` line
    under the key "" (where a missing docstring would go)."""
    tree = _tree(source)
    node = next((item for item in (ast.walk(tree) if tree else [])
                 if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)) and item.name == function), None)
    if node is None:
        return {}
    found = {"": node.lineno}
    body = node.body[0] if node.body else None
    if isinstance(body, ast.Expr) and isinstance(body.value, ast.Constant) and isinstance(body.value.value, str):
        lines = source.splitlines()
        for line in range(body.lineno, (body.end_lineno or body.lineno) + 1):
            for name in parameter_descriptions(lines[line - 1].strip().removeprefix('"""').strip()):
                found.setdefault(name, line)
    return found


def has_param_docstring(source: str, function: str) -> bool:
    """`function` has a docstring giving each of its parameters a line, and more than half of those lines say more
    than names and types (docs.minimal-docstrings: the important function explains what it needs; self and cls
    need no line). Every convention the guide allows counts (parameter_descriptions)."""
    tree = _tree(source)
    node = next((item for item in (ast.walk(tree) if tree else [])
                 if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)) and item.name == function), None)
    if node is None or not ast.get_docstring(node):
        return False
    missing, empty = silent_parameters(source, function)
    return not missing and len(empty) * 2 < max(len(function_parameters(source, function)), 1)


def function_parameters(source: str, function: str) -> List[str]:
    """The parameters of the first function called `function`, self and cls left out."""
    tree = _tree(source)
    for node in ast.walk(tree) if tree else []:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == function:
            arguments = [*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs]
            return [argument.arg for argument in arguments if argument.arg not in ("self", "cls")]
    return []


def xml_sections(text: str) -> List[Tuple[str, bool]]:
    """(tag, whether the section holds a format field such as {message}) for each top-level <tag>...</tag>."""
    return [(match.group(1), bool(FORMAT_FIELD.search(match.group(2)))) for match in XML_SECTION.finditer(text)]


def guideline_rules(text: str) -> List[str]:
    """The rules a guidelines section states: its lines without their bullets, a line of several sentences split."""
    rules: List[str] = []
    for line in text.splitlines():
        line = re.sub(r"^\s*(?:[-*•]|\d+[.)])\s*", "", line).strip()
        rules += [sentence for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z])", line) if sentence.strip()]
    return rules


def rule_says_something(rule: str, tag: str) -> bool:
    """A rule a reader could act on: two words of its own beyond the section's name and filler ('Follow the
    guidelines.', 'Be helpful.' and '{guidelines}' say nothing)."""
    filler = {_stem(word) for word in GUIDELINE_FILLER} | {_stem(word) for word in _words(tag)}
    return not FORMAT_FIELD.search(rule) and len(_stems(rule) - filler - VOCABULARY) >= OWN_WORDS_FOR_A_REASON


@dataclass
class PromptReading:
    """A prompt template as the house judges it: its XML sections in order (tag, filled per call), whether no fixed
    section follows one filled per call, and the rules of its guidelines sections that say something and that
    do not. `line` is where the template starts in the source (1-based)."""

    line: int
    sections: List[Tuple[str, bool]]
    layered: bool
    rules_saying_something: List[str]
    rules_saying_nothing: List[str]
    has_guidelines: bool

    def judged(self, minimum: int = 3, rules: int = MIN_GUIDELINE_RULES) -> bool:
        return (len(self.sections) >= minimum and self.layered and self.has_guidelines
                and len(self.rules_saying_something) >= rules)


def read_prompts(source: str) -> List[PromptReading]:
    """Every string literal of the source holding XML-tagged sections, read as a prompt template."""
    tree = _tree(source)
    readings = []
    for node in ast.walk(tree) if tree else []:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            sections = xml_sections(node.value)
            if not sections:
                continue
            filled = [has_field for _, has_field in sections]
            guidelines = [(match.group(1), match.group(2)) for match in XML_SECTION.finditer(node.value)
                          if "guideline" in match.group(1).lower() or "rule" in match.group(1).lower()]
            rules = [(rule, tag) for tag, body in guidelines for rule in guideline_rules(body)]
            readings.append(PromptReading(
                line=node.lineno, sections=sections,
                layered=all(earlier <= later for earlier, later in zip(filled, filled[1:])),
                rules_saying_something=[rule for rule, tag in rules if rule_says_something(rule, tag)],
                rules_saying_nothing=[rule for rule, tag in rules if not rule_says_something(rule, tag)],
                has_guidelines=bool(guidelines)))
    return readings


def has_layered_prompt(source: str, minimum: int = 3) -> bool:
    """A string literal holding at least `minimum` XML-tagged sections, where no fixed section follows one filled
    per call: general guidance first, the parts that vary last, so calls share the longest prefix
    (docs.prompt-templates)."""
    return any(len(reading.sections) >= minimum and reading.layered for reading in read_prompts(source))


# -- §1 Code Organization & Architecture ---------------------------------------------------------------------
def module_files(root: Path) -> Dict[str, Path]:
    """Every module file under `root` by the dotted name it is imported by with `root` on the path:
    'kestrel/core/money.py' is 'kestrel.core.money', a package's __init__.py is the package ('kestrel.core')."""
    found: Dict[str, Path] = {}
    for path in sorted(root.rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        if parts:
            found[".".join(parts)] = path
    return found


def top_level_names(source: str) -> Set[str]:
    """The names a module defines at its top level: functions, classes and assigned constants (not its imports)."""
    tree = _tree(source)
    names: Set[str] = set()
    for node in tree.body if tree else []:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names.update(target.id for target in targets if isinstance(target, ast.Name))
    return names


def imported_modules(source: str, module: str, is_package: bool = False, known: Iterable[str] = ()) -> Set[str]:
    """The absolute dotted names `module`'s import statements name, anywhere in it: 'import a.b' gives a.b,
    'from a.b import c' gives a.b, and a.b.c too when that is one of the `known` modules; relative imports are
    resolved against the module's package (`is_package`: the source is a package's __init__.py)."""
    tree = _tree(source)
    known = set(known)
    package = module.split(".") if is_package else module.split(".")[:-1]
    named: Set[str] = set()
    for node in ast.walk(tree) if tree else []:
        if isinstance(node, ast.Import):
            named.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[:len(package) - node.level + 1] if node.level else []
            origin = ".".join(base + (node.module.split(".") if node.module else []))
            if origin:
                named.add(origin)
            named.update(f"{origin}.{alias.name}".lstrip(".") for alias in node.names
                         if f"{origin}.{alias.name}".lstrip(".") in known)
    return named


def import_graph(root: Path) -> Dict[str, Set[str]]:
    """Each module under `root` -> the modules of the same tree it imports (by dotted name, relative imports
    resolved): the dependencies between a project's own modules (organization.domain-packages)."""
    files = module_files(root)
    return {module: {name for name in imported_modules(path.read_text(encoding="utf-8"), module,
                                                      path.name == "__init__.py", files) if name in files}
            for module, path in files.items()}


def find_cycle(graph: Dict[str, Set[str]]) -> List[str]:
    """A cycle of the directed graph as its nodes in order (the first repeated at the end); [] when it has none.
    Self-loops do not count."""
    state: Dict[str, int] = {}  # 1: on the current path, 2: done
    path: List[str] = []

    def visit(node: str) -> List[str]:
        state[node] = 1
        path.append(node)
        for target in sorted(graph.get(node, set()) - {node}):
            if state.get(target) == 1:
                return path[path.index(target):] + [target]
            if target not in state:
                found = visit(target)
                if found:
                    return found
        state[node] = 2
        path.pop()
        return []

    for start in sorted(graph):
        if start not in state:
            found = visit(start)
            if found:
                return found
    return []




def unresolved_names(source: str) -> Dict[str, int]:
    """Names the module's code reads that nothing in it binds (no definition, assignment, parameter or import) and
    Python does not provide: name -> the first line that reads it. Code moved without the imports it needs, or a
    stand-in for code that is not there: either way the module's imports do not show what it depends on. Scopes are
    not told apart (a name bound anywhere counts as bound), and a star import hides everything: {} then."""
    tree = _tree(source)
    if tree is None:
        return {}
    bound: Set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            bound.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound.add(node.name)
        elif isinstance(node, ast.arg):
            bound.add(node.arg)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            if any(alias.name == "*" for alias in node.names):
                return {}
            bound.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
        elif isinstance(node, (ast.ExceptHandler, ast.MatchAs, ast.MatchStar)) and node.name:
            bound.add(node.name)
        elif isinstance(node, (ast.Global, ast.Nonlocal)):
            bound.update(node.names)
    known = bound | set(dir(builtins)) | MODULE_NAMES
    found: Dict[str, int] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and node.id not in known:
            found[node.id] = min(found.get(node.id, node.lineno), node.lineno)
    return found


def definitions(source: str) -> Dict[str, Tuple[str, int]]:
    """Each name the module defines at its top level -> (its defining statement, compared by structure: neither
    positions nor comments count; the line it starts on)."""
    tree = _tree(source)
    found: Dict[str, Tuple[str, int]] = {}
    for node in tree.body if tree else []:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            found[node.name] = (ast.dump(node), node.lineno)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            found.update({target.id: (ast.dump(node), node.lineno) for target in targets
                          if isinstance(target, ast.Name)})
    return found


def moved_code_problems(root: Path, top: str, reference: str) -> List[Tuple[str, str, int]]:
    """(file relative to `root`, its source, the line) of every place where the modules under `root`/`top` are not
    the `reference` module's code moved (organization.domain-packages): a name the reference defines, defined
    otherwise there (a stand-in such as `quote_fare = None`), or a name read that its module neither defines nor
    imports. A layout with none is its code, so its imports are its real dependencies and its boundaries can be
    judged from them; a layout of files alone shows no boundary at all."""
    expected = definitions(reference)
    found: List[Tuple[str, str, int]] = []
    for module, path in module_files(root).items():
        if module.split(".")[0] != top:
            continue
        source = path.read_text(encoding="utf-8")
        relative = path.relative_to(root).as_posix()
        found += [(relative, source, line) for name, (dump, line) in definitions(source).items()
                  if name in expected and dump != expected[name][0]]
        found += [(relative, source, line) for line in sorted(set(unresolved_names(source).values()))]
    return found
