"""Running the tests a learner wrote (section 05) against a chosen implementation of the code under test.

Hidden checks use it to prove that the learner's tests pass on the reference implementation and fail on
deliberately broken versions of it. Each run is a separate pytest process in a scratch folder holding the
implementation's modules and the learner's tests, so a mutant never leaks into the next run.
"""
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Optional, Tuple

import click
import pytest

from stylekit.grading import policy

# One run of a learner's test module: a correct one takes well under a second, and a loop in a learner's test
# must cost far less than the notebook's whole grading budget (runner.DEFAULT_TIMEOUT_SECONDS).
RUN_TIMEOUT_SECONDS = 10.0
# Third-party pytest plugins (hypothesis above all) add about a second to every run; learners' tests need none.
PLUGIN_AUTOLOAD_ENV = "PYTEST_DISABLE_PLUGIN_AUTOLOAD"
TEST_PREAMBLE = "import pytest\nfrom unittest import mock\n\n"  # what a test module of the house always imports


@dataclass
class LearnerTestRun:
    """Outcome per learner test function (True: passed), or why nothing could run."""

    outcomes: Dict[str, bool] = field(default_factory=dict)
    error: Optional[str] = None

    @property
    def collected(self) -> int:
        return len(self.outcomes)

    @property
    def all_passed(self) -> bool:
        return self.error is None and bool(self.outcomes) and all(self.outcomes.values())

    @property
    def any_failed(self) -> bool:
        """The tests caught something: at least one ran and failed."""
        return self.error is None and not all(self.outcomes.values())


def run_learner_tests(test_source: str, modules: Dict[str, str],
                      timeout: float = RUN_TIMEOUT_SECONDS) -> LearnerTestRun:
    """Run `test_source` (the learner's tests) with `modules` (name -> source) importable beside it.

    The run is a pytest process under the grading policy (policy.py), with the scratch folder as the learner's
    folder: the learner's tests can read and write only there, and pytest writes its report outside it.
    """
    with tempfile.TemporaryDirectory(prefix="stylekit-learner-tests-") as folder:
        root = Path(folder) / "work"
        root.mkdir()
        for name, source in modules.items():
            (root / f"{name}.py").write_text(source)
        (root / "test_learner.py").write_text(TEST_PREAMBLE + test_source)
        report = Path(folder) / "report.xml"
        command = [sys.executable, "-I", "-m", "stylekit.grading.learner_tests", str(root), "-q", "-p",
                   "no:cacheprovider", "-o", "addopts=", f"--rootdir={root}", f"--junitxml={report}",
                   f"--basetemp={root / '.pytest'}", "test_learner.py"]
        environment = {**os.environ, PLUGIN_AUTOLOAD_ENV: "1"}
        try:
            subprocess.run(command, cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=timeout,
                           env=environment)
        except subprocess.TimeoutExpired:
            return LearnerTestRun(error=f"the tests ran longer than {timeout:g} s")
        if not report.is_file():
            return LearnerTestRun(error="the tests could not be collected")
        return _parse_junit(report)


def _parse_junit(report: Path) -> LearnerTestRun:
    tree = ElementTree.parse(report)
    outcomes = {}
    for case in tree.iter("testcase"):
        problems = [child for child in case if child.tag in ("failure", "error")]
        # pytest reports a module that cannot be imported as a pseudo-test with a "collection failure".
        if any(child.get("message") == "collection failure" for child in problems):
            return LearnerTestRun(error="the tests could not be collected (does the code parse and import?)")
        outcomes[case.get("name", "?")] = not problems
    return LearnerTestRun(outcomes=outcomes)


@click.command(context_settings={"ignore_unknown_options": True})
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.argument("pytest_arguments", nargs=-1, type=click.UNPROCESSED)
def main(folder: Path, pytest_arguments: Tuple[str, ...]) -> None:
    """Run pytest with PYTEST_ARGUMENTS under the grading policy, FOLDER being the learner's code."""
    policy.install(learner_folders=[folder], write_roots=[folder])
    sys.exit(pytest.main(list(pytest_arguments)))


if __name__ == "__main__":
    main()
