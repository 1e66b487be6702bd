"""Files that mirror each other stay in step: the packaged guide material and the conda environment."""
import re
import tomllib
from pathlib import Path
from typing import Set

import pytest
import yaml

from stylekit.patterns import patterns_yaml_text
from tests.conftest import REPO_ROOT, SHARED_GUIDE


def _requirement_names(requirements: Set[str]) -> Set[str]:
    return {re.split(r"[<>=\[ ]", requirement.strip('"'), maxsplit=1)[0].lower() for requirement in requirements}


def test_WHEN_packaged_patterns_compared_with_guide_THEN_identical() -> None:
    guide_copy = SHARED_GUIDE / "patterns.yaml"
    if not guide_copy.is_file():
        pytest.skip("../shared/guide is not beside this checkout")

    expected = guide_copy.read_text(encoding="utf-8")
    actual = patterns_yaml_text()
    assert expected == actual


@pytest.mark.parametrize("name", ["STYLE_GUIDE.md", "ERRATA.md", "CALIBRATION.md"])
def test_WHEN_guide_material_shipped_for_learners_compared_with_guide_THEN_identical(name: str) -> None:
    """Lessons link the guide, its errata and the house's strictness; a learner's clone has no ../shared."""
    guide_copy = SHARED_GUIDE / name
    if not guide_copy.is_file():
        pytest.skip("../shared/guide is not beside this checkout")

    expected = guide_copy.read_text(encoding="utf-8")
    actual = (REPO_ROOT / "stylekit" / "guide" / name).read_text(encoding="utf-8")
    assert expected == actual


def test_WHEN_environment_yml_compared_with_pyproject_THEN_same_dependencies() -> None:
    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())["project"]
    declared = set(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        declared |= {item for item in extra if not item.startswith("stylekit")}
    environment = yaml.safe_load((REPO_ROOT / "environment.yml").read_text())
    pip_section = next(item["pip"] for item in environment["dependencies"] if isinstance(item, dict))

    expected = _requirement_names(declared)
    actual = _requirement_names({item for item in pip_section if not item.startswith("-e")})
    assert expected == actual


def test_WHEN_readme_read_THEN_first_two_commands_are_make_lab_and_make_test() -> None:
    readme = (REPO_ROOT / "README.md").read_text()
    first_block = re.search(r"```bash\n(.*?)```", readme, flags=re.DOTALL)

    expected = ["make lab", "make test"]
    actual = [line.split("#")[0].strip() for line in first_block.group(1).splitlines()] if first_block else []
    assert expected == actual


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
