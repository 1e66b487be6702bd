# Built by `stylekit build` from sections/01_code_organization/exercises/window_expert.md:
# edit that file, not this one.
"""Exercise window_expert: the delivery-window expert's package, one module per responsibility, read back from the
learner's working folder and judged here from its source (it is never imported)."""
from pathlib import Path
from typing import Dict, Set

import pytest

from stylekit.grading import proxies
from stylekit.grading.checks import check

SOURCE = "window_prototype"  # the prototype, read from the section's own copy
TOP = "assistants"
TASK = {"WindowTask"}
VALIDATION = {"MIN_WINDOW_MINUTES", "FIRST_HOUR", "LAST_HOUR", "WindowOutsideWorkingHours", "WindowTooNarrow",
              "minutes_of_day", "validate_window"}
TOOL = {"PROPOSE_WINDOW_TOOL", "propose_window"}
EXPERT = {"WindowExpert", "get_window_expert", "invoke_window_expert"}


@pytest.fixture
def root(subject, tmp_path: Path) -> Path:
    """A folder here holding what the learner's plan wrote under assistants/ in its working folder."""
    subject.copy_tree(TOP, tmp_path / TOP)
    return tmp_path


def _modules(root: Path) -> Dict[str, Set[str]]:
    """Each module written under assistants/ (dotted) -> its top-level names."""
    return {module: proxies.top_level_names(path.read_text(encoding="utf-8"))
            for module, path in proxies.module_files(root).items()
            if module.split(".")[0] == TOP and path.name != "__init__.py"}


def _module_of(root: Path, name: str) -> str:
    return next((module for module, names in _modules(root).items() if name in names), "")


def _alone(root: Path, group: Set[str], allowed: Set[str]) -> str:
    """The module holding all of `group` when it holds nothing outside `allowed`; "" otherwise."""
    homes = {_module_of(root, name) for name in group}
    home = homes.pop() if len(homes) == 1 else ""
    return home if home and _modules(root)[home] <= allowed else ""


def _the_code_moved(root: Path, reference: str, judged) -> bool:
    """True when assistants/ holds the prototype's code moved, each module importing what it uses: only then do its
    imports show the real dependencies between responsibilities. Otherwise the places that are not (a stand-in
    definition, a name used without its import) are named in the check's feedback."""
    problems = proxies.moved_code_problems(root, TOP, reference)
    for relative, source, line in problems:
        judged.file_line(relative, source, line)
    return not problems


def _imports(root: Path) -> Dict[str, Set[str]]:
    return {module: targets for module, targets in proxies.import_graph(root).items()
            if module.split(".")[0] == TOP}


@check(points=1, expect="Every name of window_prototype.py should sit in one package named after what it does "
                        "and ending in _expert (assistants/window_expert/)", pattern="organization.package-naming")
def test_WHEN_plan_laid_out_THEN_one_expert_package_holds_everything(reference_modules, root, judged):
    assert _the_code_moved(root, reference_modules[SOURCE], judged)
    defined = proxies.top_level_names(reference_modules[SOURCE])
    modules = _modules(root)
    packages = {module.rsplit(".", 1)[0] for module in modules}
    placed = set().union(set(), *modules.values())

    assert defined and defined <= placed
    assert len(packages) == 1 and packages.pop().split(".")[-1].endswith("_expert")


@check(points=1, expect="WindowTask, the task's data, should have a module of its own holding nothing else",
       pattern="organization.separation-of-concerns")
def test_WHEN_task_module_read_THEN_holds_only_the_task_data(reference_modules, root, judged):
    assert _the_code_moved(root, reference_modules[SOURCE], judged)
    assert _alone(root, TASK, TASK)


@check(points=1, expect="The validation (validate_window, its helper, its limits and its two exceptions) should "
                        "have a module of its own, holding nothing else and importing nothing of the expert",
       pattern="organization.separation-of-concerns")
def test_WHEN_validators_read_THEN_alone_and_independent(reference_modules, root, judged):
    assert _the_code_moved(root, reference_modules[SOURCE], judged)
    home = _alone(root, VALIDATION, VALIDATION)

    assert home and not _imports(root).get(home)


@check(points=1, expect="The tool (PROPOSE_WINDOW_TOOL and propose_window) should have a module of its own, "
                        "without validation or expert code", pattern="organization.separation-of-concerns")
def test_WHEN_tool_module_read_THEN_holds_only_the_tool(reference_modules, root, judged):
    assert _the_code_moved(root, reference_modules[SOURCE], judged)
    assert _alone(root, TOOL, TOOL)


@check(points=1, expect="The expert (WindowExpert, get_window_expert, invoke_window_expert) should have a module of "
                        "its own that uses the task and tool modules, and that no other module of the package "
                        "imports", pattern="organization.separation-of-concerns")
def test_WHEN_expert_module_read_THEN_on_top_of_the_others(reference_modules, root, judged):
    assert _the_code_moved(root, reference_modules[SOURCE], judged)
    home = _alone(root, EXPERT, EXPERT | {"WINDOW_PROMPT"})
    imports = _imports(root)

    assert home and {_module_of(root, "WindowTask"), _module_of(root, "propose_window")} <= imports.get(home, set())
    assert not any(home in targets for module, targets in imports.items() if module != home)
