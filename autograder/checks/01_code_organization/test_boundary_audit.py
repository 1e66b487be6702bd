# Built by `stylekit build` from sections/01_code_organization/exercises/boundary_audit.md:
# edit that file, not this one.
"""Exercise boundary_audit: the learner's wrong_way_imports on trees the checks write in a fresh folder of the
learner's process."""
from typing import Dict, List, Tuple

from stylekit.grading.checks import check

CLEAN_TREE = {  # every import here runs the right way
    "__init__.py": "",
    "core/__init__.py": "",
    "core/money.py": "import math\n\nfrom kestrel.core.geometry import km_between\n",
    "core/geometry.py": "import math\n",
    "fares/__init__.py": "",
    "fares/quotes.py": ("from kestrel.core.money import euros\nfrom kestrel.maps_interactions.routes import geocode\n"
                        "from ..core import geometry\n"),
    "dispatching/__init__.py": "",
    "dispatching/riders.py": "from dataclasses import dataclass\n\nfrom kestrel.fares.quotes import quote_fare\n",
    "maps_interactions/__init__.py": "import requests\n",
    "maps_interactions/routes.py": "import requests\n\nfrom kestrel.core.geometry import km_between\n",
    "aws_interactions/__init__.py": "",
    "aws_interactions/photos.py": ("import boto3\nfrom botocore.exceptions import ClientError\n\n"
                                   "from .session import s3\n"),
    "aws_interactions/session.py": "import boto3\n",
    "deliveries/__init__.py": "",
    "deliveries/receipts.py": ("from kestrel.aws_interactions.photos import upload\n"
                               "from kestrel.fares.quotes import quote_fare\n"),
}


# Scaffolding run beside the learner's code: writes the tree a check gives it (its input, never an answer).
TREE_WRITER = """
from pathlib import Path as _Path


def write_tree(root, files):
    for relative_path, text in files.items():
        target = _Path(root, relative_path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
"""


def _audit(learner, subject, name: str, additions: Dict[str, str]) -> List[Tuple[str, str]]:
    """Writes the clean tree with `additions` appended to its files under <a fresh folder>/<name>/kestrel in the
    learner's process, and audits it there."""
    root = f"{subject.folder()}/{name}/kestrel"
    files = {relative_path: text + additions.get(relative_path, "") for relative_path, text in CLEAN_TREE.items()}
    subject.define(TREE_WRITER).write_tree(root, files)
    return [tuple(pair) for pair in learner.wrong_way_imports(root)]


@check(points=1, expect="wrong_way_imports should report a core module that imports a domain package's module",
       pattern="organization.domain-packages")
def test_WHEN_core_imports_a_domain_THEN_reported(learner, subject):
    expected = [("kestrel.core.money", "kestrel.fares.quotes")]
    actual = _audit(learner, subject, "audit_core", {"core/money.py": "from kestrel.fares.quotes import quote_fare\n"})
    assert expected == actual


@check(points=1, expect="wrong_way_imports should report boto3 or requests imported outside the *_interactions "
                        "packages, with 'from requests.adapters import ...' naming requests.adapters",
       pattern="organization.domain-packages")
def test_WHEN_external_system_imported_by_a_domain_THEN_reported(learner, subject):
    expected = [("kestrel.deliveries.receipts", "boto3"), ("kestrel.fares.quotes", "requests.adapters")]
    actual = _audit(learner, subject, "audit_external", {"deliveries/receipts.py": "import boto3\n",
                                                "fares/quotes.py": "from requests.adapters import HTTPAdapter\n"})
    assert expected == actual


@check(points=1, expect="wrong_way_imports should report an *_interactions module that imports a domain's module",
       pattern="organization.domain-packages")
def test_WHEN_interactions_import_a_domain_THEN_reported(learner, subject):
    expected = [("kestrel.maps_interactions.routes", "kestrel.dispatching.riders")]
    actual = _audit(learner, subject, "audit_interactions",
                    {"maps_interactions/routes.py": "from kestrel.dispatching.riders import Rider\n"})
    assert expected == actual


@check(points=1, expect="wrong_way_imports should resolve relative imports (from ..deliveries.receipts import x in "
                        "kestrel/core/geometry.py names kestrel.deliveries.receipts) and find imports inside "
                        "functions", pattern="organization.domain-packages")
def test_WHEN_relative_or_nested_imports_cross_THEN_reported(learner, subject):
    expected = [("kestrel.core.geometry", "kestrel.deliveries.receipts"), ("kestrel.core.money", "requests")]
    actual = _audit(learner, subject, "audit_relative", {
        "core/geometry.py": "from ..deliveries.receipts import delivery_receipt\n",
        "core/money.py": "\n\ndef fetch_rates():\n    import requests\n    return requests\n",
    })
    assert expected == actual


@check(points=1, expect="wrong_way_imports should report nothing on a tree whose imports all run the right way "
                        "(domains to core and interactions, interactions to core, boto3 inside aws_interactions)",
       pattern="organization.domain-packages")
def test_WHEN_imports_all_run_the_right_way_THEN_nothing_reported(learner, subject):
    expected = []
    actual = _audit(learner, subject, "audit_clean", {})
    assert expected == actual
