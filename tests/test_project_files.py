"""Files that mirror each other stay in step: the packaged guide material and the conda environment."""
import ast
import os
import re
import tomllib
from pathlib import Path
from typing import List, Set

import pytest
import yaml

from stylekit.patterns import patterns_yaml_text
from tests.conftest import REPO_ROOT, SHIPPED_GUIDE

# The guide's originals, beside the checkout in CI and for the kit's developers, never in a learner's clone. Only the
# copies' own checks below read them: every other test reads the copies the kit ships (tests/conftest.py).
SHARED_GUIDE = REPO_ROOT.parent / "shared" / "guide"


def _requirement_names(requirements: Set[str]) -> Set[str]:
    return {re.split(r"[<>=\[ ]", requirement.strip('"'), maxsplit=1)[0].lower() for requirement in requirements}


def _original(name: str) -> Path:
    """The guide's own file that a shipped copy mirrors: skipped in a learner's clone, a failure in CI."""
    original = SHARED_GUIDE / name
    if not original.is_file():
        if os.environ.get("CI"):
            pytest.fail(f"CI lays ../shared beside the checkout, and {original} is missing: the shipped copy "
                        f"stylekit/guide/{name} cannot be compared with its original")
        pytest.skip(f"{original} is not beside this checkout (as in a learner's clone): the shipped copy "
                    f"stylekit/guide/{name} is not compared with its original here; CI compares it")
    return original


def test_WHEN_packaged_patterns_compared_with_guide_THEN_identical() -> None:
    expected = _original("patterns.yaml").read_text(encoding="utf-8")
    actual = patterns_yaml_text()
    assert expected == actual


@pytest.mark.parametrize("name", ["STYLE_GUIDE.md", "ERRATA.md", "CALIBRATION.md"])
def test_WHEN_guide_material_shipped_for_learners_compared_with_guide_THEN_identical(name: str) -> None:
    """Lessons link the guide, its errata and the house's strictness; a learner's clone has no ../shared."""
    expected = _original(name).read_text(encoding="utf-8")
    actual = (SHIPPED_GUIDE / name).read_text(encoding="utf-8")
    assert expected == actual


def _shared_readers(path: Path) -> List[str]:
    """Where a test module names the guide's originals: SHARED_GUIDE, a path joined with "shared", or a string with
    ../shared/ in it that is not a docstring."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                  and node.body and isinstance(node.body[0], ast.Expr)}
    readers = []
    for node in ast.walk(tree):
        named = isinstance(node, ast.Name) and node.id == "SHARED_GUIDE"
        joined = (isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div) and isinstance(node.right, ast.Constant)
                  and node.right.value == "shared")
        written = (isinstance(node, ast.Constant) and isinstance(node.value, str) and "../shared/" in node.value
                   and id(node) not in docstrings)
        if named or joined or written:
            readers.append(f"{path.relative_to(REPO_ROOT)}:{node.lineno}")
    return readers


def test_WHEN_tests_read_THEN_only_the_copies_own_checks_read_the_shared_guide() -> None:
    """A learner's clone has no ../shared, and `make test` must pass there: every other test reads the shipped copy."""
    readers = [reader for path in sorted((REPO_ROOT / "tests").rglob("*.py")) if path.name != Path(__file__).name
               for reader in _shared_readers(path)]

    assert [] == readers


def test_WHEN_environment_yml_compared_with_pyproject_THEN_same_dependencies() -> None:
    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())["project"]
    declared = set(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        declared |= {item for item in extra if not item.startswith("stylekit")}
    environment = yaml.safe_load((REPO_ROOT / "environment.yml").read_text())
    pip_section = next(item["pip"] for item in environment["dependencies"] if isinstance(item, dict))

    expected = _requirement_names(declared)
    actual = _requirement_names({item for item in pip_section if not item.startswith("-")})
    assert expected == actual


def test_WHEN_readme_read_THEN_first_two_commands_are_make_lab_and_make_test() -> None:
    readme = (REPO_ROOT / "README.md").read_text()
    first_block = re.search(r"```bash\n(.*?)```", readme, flags=re.DOTALL)

    expected = ["make lab", "make test"]
    actual = [line.split("#")[0].strip() for line in first_block.group(1).splitlines()] if first_block else []
    assert expected == actual


def test_WHEN_readme_and_guides_read_THEN_every_relative_link_leads_to_a_file() -> None:
    """The README points learners' readers elsewhere (docs/instructors.md, docs/hiring.md); the guides link back."""
    pages = [REPO_ROOT / "README.md", *sorted((REPO_ROOT / "docs").glob("*.md"))]
    links = [(page, target.split("#", 1)[0]) for page in pages
             for target in re.findall(r"\]\(([^)\s]+)\)", page.read_text(encoding="utf-8"))
             if not re.match(r"^[a-z][a-z0-9+.-]*:|#", target)]

    broken = [f"{page.relative_to(REPO_ROOT)} -> {target}" for page, target in links
              if not (page.parent / target).exists()]
    assert (True, []) == (len(links) >= 4, broken)


def test_WHEN_rules_listed_THEN_each_module_named_after_its_rule() -> None:
    import inspect

    from stylekit.rules import all_rules

    misnamed = [(rule.id, Path(inspect.getfile(rule)).name) for rule in all_rules()
                if Path(inspect.getfile(rule)).name != f"{rule.name.replace('-', '_')}.py"]

    assert [] == misnamed


def test_WHEN_rule_tests_listed_THEN_each_mirrors_a_rule_module() -> None:
    rules = REPO_ROOT / "stylekit" / "rules"
    tests = REPO_ROOT / "tests" / "rules"

    orphans = [path.relative_to(tests).as_posix() for path in sorted(tests.glob("*/test_*.py"))
               if not (rules / path.parent.name / f"{path.stem.removeprefix('test_')}.py").is_file()]
    loose = sorted(path.name for path in tests.glob("test_*.py"))

    assert ([], []) == (orphans, loose)
