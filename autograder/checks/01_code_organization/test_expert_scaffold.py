# Built by `stylekit build` from sections/01_code_organization/exercises/expert_scaffold.md:
# edit that file, not this one.
"""Exercise expert_scaffold: the learner's scaffold_expert, run in the working folder and read back from the disk."""
import ast
from pathlib import Path
from typing import List

from stylekit.grading import proxies
from stylekit.grading.checks import check

RESPONSIBILITIES = ["task_def", "tool_def", "validators", "expert_def"]
AWKWARD_TITLES = {"Rider-Payouts": "rider_payouts_expert", "  ETA estimates ": "eta_estimates_expert",
                  "Refund Expert": "refund_expert", "CO2 Savings": "co2_savings_expert",
                  "ReturnsDesk": "returns_desk_expert"}


def _files(root: str, package: str) -> List[str]:
    return sorted(str(Path(root, package, f"{name}.py")) for name in ["__init__", *RESPONSIBILITIES])


@check(points=1, expect="scaffold_expert('Delivery Windows') should write experts/delivery_windows_expert/ with "
                        "__init__.py and the four responsibility modules, and return their paths sorted",
       pattern="organization.package-naming")
def test_WHEN_title_plain_THEN_package_and_files_written(learner):
    expected = (_files("experts", "delivery_windows_expert"), True)
    actual = (learner.scaffold_expert("Delivery Windows"),
              all(Path(path).is_file() for path in _files("experts", "delivery_windows_expert")))
    assert expected == actual


@check(points=1, expect="Package names should be snake_case whatever the title: 'Rider-Payouts' gives "
                        "rider_payouts_expert, '  ETA estimates ' eta_estimates_expert, 'Refund Expert' refund_expert, "
                        "'CO2 Savings' co2_savings_expert, 'ReturnsDesk' returns_desk_expert",
       pattern="organization.package-naming")
def test_WHEN_titles_awkward_THEN_names_snake_case(learner):
    expected = list(AWKWARD_TITLES.values())
    actual = [sorted({Path(path).parent.name for path in learner.scaffold_expert(title, root="awkward")})[0]
              for title in AWKWARD_TITLES]
    assert expected == actual


@check(points=1, expect="Each responsibility's module (task_def, tool_def, validators, expert_def) should open with "
                        "a docstring saying what belongs in it", pattern="organization.separation-of-concerns")
def test_WHEN_modules_read_THEN_each_opens_with_its_docstring(learner):
    learner.scaffold_expert("Route Hints", root="docstrings")
    package = Path("docstrings", "route_hints_expert")

    assert all(ast.get_docstring(ast.parse((package / f"{name}.py").read_text())) for name in RESPONSIBILITIES)


@check(points=1, expect="expert_def.py should import task_def, tool_def and validators, and none of those should "
                        "import anything of the package", pattern="organization.separation-of-concerns")
def test_WHEN_imports_read_THEN_expert_def_on_top(learner):
    learner.scaffold_expert("Parcel Sizes", root="layering")
    graph = proxies.import_graph(Path("layering"))
    package = "parcel_sizes_expert"

    expected = ({f"{package}.{name}" for name in RESPONSIBILITIES[:3]}, [set(), set(), set()])
    actual = (graph.get(f"{package}.expert_def", set()) - {package},
              [graph.get(f"{package}.{name}") for name in RESPONSIBILITIES[:3]])
    assert expected == actual
