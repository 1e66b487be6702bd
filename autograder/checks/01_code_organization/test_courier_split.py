# Built by `stylekit build` from sections/01_code_organization/exercises/courier_split.md:
# edit that file, not this one.
"""Exercise courier_split: the packages the learner's plan laid out from utils.py, read back from the learner's working
folder and judged here from their source (they are never imported)."""
from pathlib import Path
from typing import Dict, Set

import pytest

from stylekit.grading import proxies
from stylekit.grading.checks import check

TOP = "kestrel"
SOURCE = "utils"  # the grab-bag, read from the section's own copy
DOMAINS = {  # the names of one domain of utils.py, which belong together in a package of their own
    "fares": {"BASE_FARE_CENTS", "CENTS_PER_KM", "CARGO_BIKE_SURCHARGE_CENTS", "quote_fare", "fare_summary"},
    "dispatching": {"MAX_JOBS_PER_RIDER", "Rider", "nearest_free_rider", "job_offer", "rider_workloads"},
    "deliveries": {"record_delivery", "delivery_receipt"},
}
SHARED = {"euros", "km_between"}  # used by two domains or more
EXTERNAL = ("requests", "boto3")  # one external system each
VAGUE = {"utils", "util", "helpers", "helper", "misc", "common", "shared", "stuff", "lib", "tools", "general", "other",
         "things", "functions", "base", "main"}


@pytest.fixture
def root(subject, tmp_path: Path) -> Path:
    """A folder here holding what the learner's plan wrote under kestrel/ in its working folder."""
    subject.copy_tree(TOP, tmp_path / TOP)
    return tmp_path


def _homes(root: Path) -> Dict[str, str]:
    """Each top-level name laid out under kestrel/ -> the package (dotted) of the module holding it."""
    homes: Dict[str, str] = {}
    for module, path in proxies.module_files(root).items():
        if module.split(".")[0] == TOP and path.name != "__init__.py":
            for name in proxies.top_level_names(path.read_text(encoding="utf-8")):
                homes[name] = module.rsplit(".", 1)[0]
    return homes


def _packages_graph(root: Path) -> Dict[str, Set[str]]:
    """kestrel's packages -> the packages their modules import."""
    graph: Dict[str, Set[str]] = {}
    files = proxies.module_files(root)
    for module, imported in proxies.import_graph(root).items():
        if module.split(".")[0] != TOP:
            continue
        package = module if files[module].name == "__init__.py" else module.rsplit(".", 1)[0]
        targets = {name if files[name].name == "__init__.py" else name.rsplit(".", 1)[0] for name in imported}
        graph.setdefault(package, set()).update(targets)
    return graph


def _external_imports(root: Path) -> Dict[str, Set[str]]:
    """Each external system -> the packages whose modules import it."""
    found: Dict[str, Set[str]] = {system: set() for system in EXTERNAL}
    for module, path in proxies.module_files(root).items():
        if module.split(".")[0] == TOP:
            for name in proxies.imported_modules(path.read_text(encoding="utf-8"), module):
                if name.split(".")[0] in found:
                    found[name.split(".")[0]].add(module.rsplit(".", 1)[0])
    return found


def _interactions(package: str) -> bool:
    return package.split(".")[-1].endswith("_interactions")


def _core(package: str) -> bool:
    return "core" in package.split(".")


def _the_code_moved(root: Path, reference: str, judged) -> bool:
    """True when kestrel/ holds utils.py's code moved, each module importing what it uses: only then do its imports
    show its real dependencies, and its boundaries can be judged. Otherwise the places that are not (a stand-in
    definition, a name used without its import) are named in the check's feedback."""
    problems = proxies.moved_code_problems(root, TOP, reference)
    for relative, source, line in problems:
        judged.file_line(relative, source, line)
    return not problems


@check(points=1, expect="Your plan should lay out every function, class and constant of utils.py in modules under "
                        "one top-level package, kestrel/: the code itself, moved, each module importing what it uses "
                        "(files that only hold the names show no boundary)", pattern="organization.domain-packages")
def test_WHEN_plan_laid_out_THEN_every_name_under_kestrel(reference_modules, root, judged):
    defined = proxies.top_level_names(reference_modules[SOURCE])

    assert _the_code_moved(root, reference_modules[SOURCE], judged)
    assert defined and defined <= set(_homes(root))


@check(points=1, expect="Each domain should get a package of its own: the fares, the dispatching of riders and the "
                        "deliveries, each with all of its names together, none of them in core or an "
                        "*_interactions package", pattern="organization.domain-packages")
def test_WHEN_domains_read_THEN_each_in_its_own_package(reference_modules, root, judged):
    assert _the_code_moved(root, reference_modules[SOURCE], judged)
    homes = _homes(root)
    packages = [{homes.get(name) for name in names} for names in DOMAINS.values()]

    assert all(len(found) == 1 and None not in found for found in packages)
    chosen = [found.pop() for found in packages]
    assert len(set(chosen)) == len(chosen)
    assert not any(_core(package) or _interactions(package) for package in chosen)


@check(points=1, expect="The helpers several domains share (euros, km_between) should live in kestrel's core "
                        "package, which holds no domain's code and imports nothing of kestrel from outside core",
       pattern="organization.domain-packages")
def test_WHEN_shared_helpers_read_THEN_in_a_core_that_depends_on_nothing_else(reference_modules, root, judged):
    assert _the_code_moved(root, reference_modules[SOURCE], judged)
    homes = _homes(root)
    graph = _packages_graph(root)

    assert all(homes.get(name) and _core(homes[name]) for name in SHARED)
    assert not [name for names in DOMAINS.values() for name in names if _core(homes.get(name) or "")]
    assert all(_core(target) for package, targets in graph.items() if _core(package) for target in targets)


@check(points=1, expect="requests (the maps provider) and boto3 (the photo store) should each be imported only "
                        "inside a package of its own named <system>_interactions",
       pattern="organization.domain-packages")
def test_WHEN_external_imports_read_THEN_each_system_behind_its_own_interactions_package(reference_modules, root,
                                                                                        judged):
    assert _the_code_moved(root, reference_modules[SOURCE], judged)
    found = _external_imports(root)

    assert all(found[system] and all(_interactions(package) for package in found[system]) for system in EXTERNAL)
    assert not found["requests"] & found["boto3"]


@check(points=1, expect="Dependencies between kestrel's packages should run one way: no import cycle, and no "
                        "*_interactions package importing a domain package", pattern="organization.domain-packages")
def test_WHEN_package_imports_read_THEN_no_cycle_and_interactions_call_no_domain(reference_modules, root, judged):
    assert _the_code_moved(root, reference_modules[SOURCE], judged)
    graph = _packages_graph(root)

    assert graph and not proxies.find_cycle(graph)
    assert all(_core(target) or target == package or target == TOP
               for package, targets in graph.items() if _interactions(package) for target in targets)


@check(points=1, expect="Name kestrel's packages and modules specifically: no utils, helpers, common, misc or "
                        "another name that would fit any code", pattern="organization.package-naming")
def test_WHEN_names_read_THEN_specific(root):
    modules = [module for module in proxies.module_files(root) if module.split(".")[0] == TOP]

    assert len(modules) > 1
    assert not any(part.lower() in VAGUE for module in modules for part in module.split("."))
