# Built by `stylekit build` from sections/01_code_organization/exercises/expert_scaffold.md:
# edit that file, not this one.
"""Exercise expert_scaffold: the learner's scaffold_expert, run in the learner's process; the files it wrote are read
back and judged here from their source (never imported)."""
import ast
from pathlib import Path, PurePosixPath
from typing import Dict, List

from stylekit.grading import proxies
from stylekit.grading.checks import check

RESPONSIBILITIES = ["task_def", "tool_def", "validators", "expert_def"]
NAME_FILLER = "module file package code expert definition definitions python"  # words that fit any module's docstring
OWN_WORDS = 2  # 'The data of one task' has them; 'Task def module' has none
AWKWARD_TITLES = {"Rider-Payouts": "rider_payouts_expert", "  ETA estimates ": "eta_estimates_expert",
                  "Refund Expert": "refund_expert", "CO2 Savings": "co2_savings_expert",
                  "ReturnsDesk": "returns_desk_expert"}


def _files(root: str, package: str) -> List[str]:
    return sorted(str(Path(root, package, f"{name}.py")) for name in ["__init__", *RESPONSIBILITIES])


def _says_what_belongs(docstring: str, name: str) -> bool:
    """A module's docstring says what belongs in it when it has words of its own beyond the module's name and words
    that fit any module ('module', 'file', 'expert'): 'Task def.' says nothing."""
    return len(proxies.own_words(docstring, f"{name} {NAME_FILLER}")) >= OWN_WORDS


def _docstring(files: Dict[str, bytes], name: str) -> str:
    """The docstring the module `name`.py opens with, "" when it has none or was not written."""
    content = files.get(f"{name}.py")
    if not isinstance(content, bytes):
        return ""
    try:
        return ast.get_docstring(ast.parse(content.decode("utf-8"))) or ""
    except (SyntaxError, UnicodeDecodeError, ValueError):
        return ""


@check(points=1, expect="scaffold_expert('Delivery Windows') should write experts/delivery_windows_expert/ with "
                        "__init__.py and the four responsibility modules, and return their paths sorted",
       pattern="organization.package-naming")
def test_WHEN_title_plain_THEN_package_and_files_written(learner, subject):
    expected = (_files("experts", "delivery_windows_expert"), True)

    # A path is judged by its last three parts (root, package, file): relative or absolute, str or Path.
    returned = ["/".join(PurePosixPath(str(path)).parts[-3:]) for path in learner.scaffold_expert("Delivery Windows")]
    written = set(subject.files("experts/delivery_windows_expert"))
    actual = (returned, {f"{name}.py" for name in ["__init__", *RESPONSIBILITIES]} <= written)

    assert expected == actual


@check(points=1, expect="Package names should be snake_case whatever the title: 'Rider-Payouts' gives "
                        "rider_payouts_expert, '  ETA estimates ' eta_estimates_expert, 'Refund Expert' refund_expert, "
                        "'CO2 Savings' co2_savings_expert, 'ReturnsDesk' returns_desk_expert",
       pattern="organization.package-naming")
def test_WHEN_titles_awkward_THEN_names_snake_case(learner, subject):
    root = subject.folder()
    expected = list(AWKWARD_TITLES.values())

    actual = [sorted({PurePosixPath(str(path)).parent.name for path in learner.scaffold_expert(title, root=root)})[0]
              for title in AWKWARD_TITLES]

    assert expected == actual


@check(points=1, expect="Each responsibility's module (task_def, tool_def, validators, expert_def) should open with "
                        "a docstring saying what belongs in it, in words of its own: not the module's name again "
                        "('Task def.', 'The validators module.')", pattern="organization.separation-of-concerns")
def test_WHEN_modules_read_THEN_each_opens_with_its_docstring(learner, subject, judged):
    root = subject.folder()
    learner.scaffold_expert("Route Hints", root=root)
    files = subject.files(f"{root}/route_hints_expert")

    silent = [name for name in RESPONSIBILITIES if not _says_what_belongs(_docstring(files, name), name)]
    for name in silent:
        content = files.get(f"{name}.py")
        judged.file_line(f"route_hints_expert/{name}.py", content.decode("utf-8", "replace")
                         if isinstance(content, bytes) else "", 1)
    assert [] == silent


@check(points=1, expect="expert_def.py should import task_def, tool_def and validators, and none of those should "
                        "import anything of the package", pattern="organization.separation-of-concerns")
def test_WHEN_imports_read_THEN_expert_def_on_top(learner, subject, tmp_path):
    root = subject.folder()
    learner.scaffold_expert("Parcel Sizes", root=root)
    subject.copy_tree(root, tmp_path)
    graph = proxies.import_graph(tmp_path)
    package = "parcel_sizes_expert"

    expected = ({f"{package}.{name}" for name in RESPONSIBILITIES[:3]}, [set(), set(), set()])
    actual = (graph.get(f"{package}.expert_def", set()) - {package},
              [graph.get(f"{package}.{name}") for name in RESPONSIBILITIES[:3]])
    assert expected == actual
