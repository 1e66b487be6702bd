"""`stylekit course init`: a course nbgrader's own commands can release and autograde, whose hidden checks never
reach a learner, and clear refusals for a folder in use, an unknown section or one the kit has not built."""
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Dict, List

import pytest

from stylekit.paths import REPO_ROOT

BIN = Path(sys.executable).parent
SECTIONS = ("02_type_system", "05_testing")


def _run(command: List[str], cwd: Path, home: Path) -> subprocess.CompletedProcess:
    """A command with Jupyter's folders inside the test's own, never the user's."""
    environment = {**os.environ, "JUPYTER_CONFIG_DIR": str(home / "config"), "JUPYTER_DATA_DIR": str(home / "data"),
                   "JUPYTER_RUNTIME_DIR": str(home / "runtime"), "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    return subprocess.run(command, cwd=cwd, env=environment, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> Dict[str, Path]:
    root = tmp_path_factory.mktemp("course")
    folder, home, exchange = root / "course", root / "jupyter", root / "exchange"
    exchange.mkdir()
    made = _run([str(BIN / "stylekit"), "course", "init", str(folder), "--sections", ",".join(SECTIONS)], root, home)
    assert 0 == made.returncode, made.stderr
    for section in SECTIONS:
        released = _run([str(BIN / "nbgrader"), "release_assignment", section, f"--Exchange.root={exchange}"], folder,
                        home)
        assert 0 == released.returncode, released.stderr[-3000:]
    return {"folder": folder, "home": home, "exchange": exchange}


def _check_secrets() -> List[str]:
    """Lines only a hidden check holds: its assertions and its test names."""
    lines = []
    for section in SECTIONS:
        for check in (REPO_ROOT / "autograder" / "checks" / section).glob("test_*.py"):
            lines += [line.strip() for line in check.read_text().splitlines()
                      if line.strip().startswith(("assert ", "def test_"))]
    return lines


def test_WHEN_course_released_THEN_every_section_reaches_the_exchange(course: Dict[str, Path]) -> None:
    released = sorted(path.name for path in course["exchange"].glob("stylekit/outbound/*"))

    assert sorted(SECTIONS) == released


def test_WHEN_course_released_THEN_no_hidden_check_and_no_answer_reaches_learners(course: Dict[str, Path]) -> None:
    secrets = _check_secrets()
    leaks = []
    for path in [*course["exchange"].rglob("*"), *(course["folder"] / "release").rglob("*")]:
        if path.is_file():
            text = path.read_text(errors="replace")
            leaks += [(path.name, secret) for secret in secrets if secret in text]
            leaks += [(path.name, "answer") for marker in ("### BEGIN SOLUTION",) if marker in text]

    expected = (True, [])
    actual = (len(secrets) > 20, leaks)
    assert expected == actual


def test_WHEN_model_answers_submitted_THEN_nbgrader_autograde_gives_full_marks(course: Dict[str, Path]) -> None:
    folder = course["folder"]
    submitted = folder / "submitted" / "ada" / "02_type_system"
    shutil.copytree(folder / "source" / "02_type_system", submitted)

    graded = _run([str(BIN / "nbgrader"), "autograde", "02_type_system", "--student", "ada"], folder, course["home"])

    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{folder / 'gradebook.db'}") as gradebook:
        stored = gradebook.find_submission("02_type_system", "ada")
        expected = (0, stored.max_score)
        actual = (graded.returncode, stored.score)
    assert expected == actual, graded.stderr[-3000:]


@pytest.mark.parametrize("arguments, message", [
    (["--sections", "nope"], "No section of the guide is called 'nope'"),
    (["--sections", "10_async"], "Section 10_async has no built solutions/10_async"),
])
def test_WHEN_section_unknown_or_unbuilt_THEN_usage_error_says_which(tmp_path: Path, arguments: List[str],
                                                                     message: str) -> None:
    completed = _run([str(BIN / "stylekit"), "course", "init", str(tmp_path / "course"), *arguments], tmp_path,
                     tmp_path / "jupyter")

    expected = (2, True, False)
    actual = (completed.returncode, message in completed.stderr, (tmp_path / "course").exists())
    assert expected == actual, completed.stderr


def test_WHEN_folder_holds_files_THEN_refused_and_nothing_touched(tmp_path: Path) -> None:
    folder = tmp_path / "course"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")

    completed = _run([str(BIN / "stylekit"), "course", "init", str(folder)], tmp_path, tmp_path / "jupyter")

    expected = (2, True, ["notes.txt"])
    actual = (completed.returncode, "already holds files" in completed.stderr,
              sorted(path.name for path in folder.iterdir()))
    assert expected == actual


def test_WHEN_class_graded_THEN_dashboard_notebook_shows_the_report_as_tabs(course: Dict[str, Path]) -> None:
    import nbformat
    from nbclient import NotebookClient

    folder = course["folder"]
    submitted = folder / "submitted" / "bo" / "05_testing"
    shutil.copytree(folder / "release" / "05_testing", submitted)  # bo hands in the untouched release: 0 points
    graded = _run([str(BIN / "stylekit"), "grade", "submitted", "--out", "graded", "--source", "source", "--checks",
                   "autograder/checks"], folder, course["home"])
    dashboard = nbformat.read(str(folder / "class_dashboard.ipynb"), as_version=4)

    client = NotebookClient(dashboard, timeout=120, kernel_name="python3",
                            resources={"metadata": {"path": str(folder)}})
    client.execute()

    outputs = [output for cell in dashboard.cells if cell.cell_type == "code" for output in cell.outputs]
    expected = (0, ["execute_result"], True)  # the tabs, as the cell's value
    actual = (graded.returncode, [output.output_type for output in outputs],
              "application/vnd.jupyter.widget-view+json" in outputs[0].get("data", {}))
    assert expected == actual, graded.stderr[-2000:]
