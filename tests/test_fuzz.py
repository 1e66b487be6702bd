"""Bad input never crashes: thousands of generated and mutated sources, none may raise or crash a rule.

A rule that crashes is contained by the engine as an SK0001 finding, so the assertion is on both: no
exception escapes, and no SK0001 appears.
"""
import re
from typing import List

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stylekit import check_source
from stylekit.notebook import check_cells
from stylekit.rules import all_rules
from tests.conftest import REPO_ROOT, SHIPPED_GUIDE

TOKENS = ["def ", "class ", "async ", "await ", "return ", "yield ", "lambda ", "if ", "elif ", "else:", "for ",
          "while ", "with ", "try:", "except ", "finally:", "raise ", "import ", "from ", " as ", "assert ", "global ",
          "not ", " and ", " or ", " in ", " is ", "None", "True", "self", "cls", "test_WHEN_x_THEN_y", "mock",
          "pytest.raises", "logger", "logging", "__eq__", "__init__", "to_dict", "from_dict", "@dataclass",
          "@classmethod", "open(", "print(", ".format(", "%", "f'{x}'", "'''", '"""', "#", "# stylekit: ignore",
          "(", ")", "[", "]", "{", "}", ":", ",", ".", "=", "==", "+", "-", "*", "**", "/", "->", "\n", "    ",
          "\t", "0", "1", "3.5", "x", "Dict[str, Any]", "List[int]", "Optional[", "*", "\\", "%time ", "!ls"]


def _corpus() -> List[str]:
    """Real code to mutate: the kit's own modules, the rules' documented snippets and the guide's examples."""
    texts = [path.read_text() for path in sorted((REPO_ROOT / "stylekit").rglob("*.py"))]
    for rule in all_rules():
        documentation = rule.documentation()
        texts += [documentation.example().code, documentation.instead().code]
    guide = (SHIPPED_GUIDE / "STYLE_GUIDE.md").read_text()
    texts += re.findall(r"```python\n(.*?)```", guide, flags=re.DOTALL)
    return texts


CORPUS = _corpus()


def _assert_no_crash(source: str) -> None:
    report = check_source(source, path="test_fuzzed.py" if len(source) % 2 else "fuzzed.py")
    crashed = [finding.message for finding in report.findings if finding.rule == "SK0001"]
    assert [] == crashed


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(TOKENS) | st.text(max_size=3), max_size=80))
def test_WHEN_token_soup_checked_THEN_nothing_raises(tokens: List[str]) -> None:
    _assert_no_crash("".join(tokens))


@st.composite
def mutated_sources(draw: st.DrawFn) -> str:
    source = draw(st.sampled_from(CORPUS))
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        start = draw(st.integers(min_value=0, max_value=len(source)))
        end = draw(st.integers(min_value=start, max_value=min(len(source), start + 40)))
        operation = draw(st.sampled_from(["delete", "insert", "replace", "truncate", "duplicate"]))
        if operation == "delete":
            source = source[:start] + source[end:]
        elif operation == "insert":
            source = source[:start] + draw(st.sampled_from(TOKENS)) + source[start:]
        elif operation == "replace":
            source = source[:start] + draw(st.text(max_size=8)) + source[end:]
        elif operation == "truncate":
            source = source[:start]
        else:
            source = source[:end] + source[start:end] + source[end:]
    return source


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(mutated_sources())
def test_WHEN_mutated_real_code_checked_THEN_nothing_raises(source: str) -> None:
    _assert_no_crash(source)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(mutated_sources(), min_size=1, max_size=4))
def test_WHEN_mutated_cells_checked_as_notebook_THEN_nothing_raises(cells: List[str]) -> None:
    report = check_cells(list(enumerate(cells)))

    crashed = [finding.message for finding in report.findings if finding.rule == "SK0001"]
    assert [] == crashed


def test_WHEN_corpus_built_THEN_it_holds_real_code_to_mutate() -> None:
    rule_snippets = 2 * len(all_rules())

    assert len(CORPUS) > rule_snippets
