"""The kit follows the guide it teaches: its own code lints clean and type-checks."""
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO_ROOT, run_stylekit


def test_WHEN_kit_lints_its_own_code_THEN_no_findings() -> None:
    # Built notebooks are held to stricter promises block by block (tests/curriculum/test_lessons.py: good code
    # clean, bad code triggering its rules); a demonstration of feedback is unstyled on purpose.
    result = run_stylekit(["lint", "stylekit", "tests", "benchmarks", "autograder"])

    expected = (0, "")
    actual = (result.returncode, result.stdout)
    assert expected == actual


def test_WHEN_pyflakes_rules_check_the_kit_THEN_no_unused_or_undefined_names() -> None:
    # The guide has no pattern for unused imports or undefined names; ruff's pyflakes rules cover them.
    ruff = str(Path(sys.executable).parent / "ruff")
    files = ["stylekit", "tests", "autograder", *map(str, REPO_ROOT.glob("benchmarks/*.py"))]

    result = subprocess.run([ruff, "check", "--isolated", "--select", "F", *files], cwd=REPO_ROOT,
                            capture_output=True, text=True, timeout=120)

    expected = 0
    actual = result.returncode
    assert expected == actual, result.stdout


def test_WHEN_mypy_checks_the_package_THEN_it_passes() -> None:
    result = subprocess.run([sys.executable, "-m", "mypy"], cwd=REPO_ROOT, capture_output=True, text=True,
                            timeout=600)

    expected = 0
    actual = result.returncode
    assert expected == actual, result.stdout
