# Built by `stylekit build` from sections/06_code_style/exercises/release_notice.md:
# edit that file, not this one.
"""Hidden checks of exercise release_notice (§6, idioms.import-order and idioms.line-length): the cell imports from
the standard library, yaml and the team's releases module, explicitly; the manifest is read into releases.Manifest
by a call that names every field; and the wrapped notice is exactly the one-line text. How the imports are grouped
and how long the lines are is the style points' business (SK0603, SK0602)."""
import ast
from datetime import date

from stylekit.grading.checks import check

CHECKOUT = """name: checkout
new_version: "4.2.0"
date: 2024-06-11
signed_off_by: Priya Raman
previous: "4.1.3"
changelog: docs/changes/4.2.0.md
"""
SEARCH = """date: 2024-12-02
previous: "12.0.9"
name: search-api
signed_off_by: Tomasz Nowak
new_version: "12.1.0"
"""


def _imports(source):
    """(module, name) of every import in the answer cell; name is None for `import module`."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.extend((alias.name.split(".")[0], None) for alias in node.names)
        if isinstance(node, ast.ImportFrom):
            found.extend(((node.module or "").split(".")[0], alias.name) for alias in node.names)
    return found


@check(points=1, expect="Import Manifest from the team's releases module (the local group) and return that class "
                        "from load_manifest, rather than a class or dictionary of your own",
       pattern="idioms.import-order")
def test_WHEN_manifest_loaded_THEN_releases_manifest_returned(learner, subject):
    expected = ("Manifest", True)

    loaded = learner.load_manifest(CHECKOUT)
    actual = (getattr(loaded, "class_name", type(loaded).__name__),
              isinstance(loaded, subject.module("releases").Manifest))

    assert expected == actual


@check(points=1, expect="Your cell should import what it uses itself, from all three groups, and name each import: "
                        "the standard library's datetime, the third-party yaml, and Manifest from releases; never "
                        "import *", pattern="idioms.import-order")
def test_WHEN_answer_read_THEN_three_groups_imported_explicitly(exercise_source):
    expected = ({"datetime", "yaml", "releases"}, [])

    imports = _imports(exercise_source)
    actual = ({"datetime", "yaml", "releases"} & {module for module, _ in imports},
              [module for module, name in imports if name == "*"])

    assert expected == actual


@check(points=1, expect="Your load_manifest should fill every field of Manifest from its key (service from name, "
                        "version from new_version, ships_on from date, approver from signed_off_by, rollback_to "
                        "from previous), whatever order the keys come in, ignoring the others",
       pattern="idioms.line-length")
def test_WHEN_manifests_loaded_THEN_every_field_from_its_key(learner):
    expected = [("checkout", "4.2.0", date(2024, 6, 11), "Priya Raman", "4.1.3"),
                ("search-api", "12.1.0", date(2024, 12, 2), "Tomasz Nowak", "12.0.9")]

    loaded = [learner.load_manifest(text) for text in (CHECKOUT, SEARCH)]
    actual = [(item.service, item.version, item.ships_on, item.approver, item.rollback_to) for item in loaded]

    assert expected == actual


@check(points=1, expect="Your release_notice should give exactly the notice's text, one line with single spaces at "
                        "every join of your wrapped f-strings, e.g. 'checkout 4.2.0 ships to production on Tuesday "
                        "11 June 2024 (days left: 3). Signed off by Priya Raman; if it goes wrong, we roll back to "
                        "4.1.3. Questions go to #release-desk.'", pattern="idioms.line-length")
def test_WHEN_notice_written_THEN_exact_text(learner):
    expected = ["checkout 4.2.0 ships to production on Tuesday 11 June 2024 (days left: 3). Signed off by Priya "
                "Raman; if it goes wrong, we roll back to 4.1.3. Questions go to #release-desk.",
                "search-api 12.1.0 ships to production on Monday 02 December 2024 (days left: 0). Signed off by "
                "Tomasz Nowak; if it goes wrong, we roll back to 12.0.9. Questions go to #release-desk."]

    actual = [learner.release_notice(learner.load_manifest(CHECKOUT), date(2024, 6, 8)),
              learner.release_notice(learner.load_manifest(SEARCH), date(2024, 12, 2))]

    assert expected == actual
