"""Submissions that try to game the grader, all graded in ONE `stylekit grade` run with honest ones: each is
graded as it deserves, the rest of the batch is unaffected, the gradebook stays intact, no page leaks a check.

The pilot exercise is `area(width, height)`: two hidden checks of 1 point each and 1 style point (pilot.py).
A wrong answer `int(width) * height` passes the first check only: 1 point. Each attack comes with that wrong
answer, so an attack that worked would show as more than 1 point.

The attacks of the judge's threat model (docs/instructors.md) are graded a second time with the checks run in the
learner's own process (the judge's tests-only switch), as graders that share one process do: there they win, which
shows that these tests would fail if the judge moved back into the learner's process.
"""
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Tuple

import nbformat
import pytest

from stylekit.grading.judge import UNSAFE_IN_PROCESS_ENV
from stylekit.grading.report import feedback_path, read_grades_csv
from tests.grading.pilot import ANSWER, NOTEBOOK, SECRET, SECTION, pilot_notebook, with_answer, write_pilot

WRONG = "def area(width: float, height: float) -> float:\n    return int(width) * height\n"
TIMEOUT = 8  # seconds per notebook for this run: the endless loops cost this once each
STYLEKIT = str(Path(sys.executable).parent / "stylekit")


def _released() -> Any:
    """The learner's version: what nbgrader's release would hand out (solution replaced by the stub)."""
    return with_answer(pilot_notebook(), "# YOUR CODE HERE\nraise NotImplementedError()")


def _answer(source: str) -> Callable[[Path], Any]:
    return lambda context: with_answer(_released(), source)


def _graded_cell(notebook: Any) -> Any:
    return next(cell for cell in notebook.cells if cell.metadata.get("stylekit", {}).get("role") == "graded")


def _deleted_graded_cell(context: Path) -> Any:
    notebook = with_answer(_released(), ANSWER)
    notebook.cells = [cell for cell in notebook.cells if cell is not _graded_cell(notebook)]
    return notebook


def _edited_graded_cell(context: Path) -> Any:
    notebook = with_answer(_released(), WRONG)
    cell = _graded_cell(notebook)
    cell.source = "print(3)\n3"
    cell.metadata["nbgrader"]["points"] = 100
    return notebook


def _repointed_solution(context: Path) -> Any:
    """The solution cell claims to be another exercise's and the graded cell's kit metadata is stripped."""
    notebook = with_answer(_released(), WRONG)
    for cell in notebook.cells:
        cell.metadata.get("stylekit", {}).update({"exercise": "nothing", "style_points": 0})
    return notebook


def _attack(code: str) -> Callable[[Path], Any]:
    """The wrong answer, then a cell of attack code (given the checks' and the gradebook's paths)."""
    def build(context: Path) -> Any:
        notebook = with_answer(_released(), WRONG)
        attack = code.replace("CHECKS_DIR", str(context / "checks")).replace("OUT_DIR", str(context / "out"))
        notebook.cells.append(nbformat.v4.new_code_cell(attack, id="attack"))
        return notebook
    return build


REACH_THE_RECORDER = """
import sys


class AlwaysPassed(dict):
    def __setitem__(self, key, value):
        dict.__setitem__(self, key, True)


class NeverPassed(dict):
    def __setitem__(self, key, value):
        dict.__setitem__(self, key, False)


def forge():
    configs = []
    for module_name, attribute in (("pytest", "mark"), ("_pytest.debugging", "pytestPDB"),
                                   ("_pytest.assertion.util", None)):
        module = sys.modules.get(module_name)
        holder = getattr(module, attribute) if module is not None and attribute else module
        configs.append(getattr(holder, "_config", None))
    for config in [config for config in configs if config is not None]:
        for plugin in config.pluginmanager.get_plugins():
            if hasattr(plugin, "outcomes"):
                plugin.outcomes = AlwaysPassed(plugin.outcomes)
                plugin.canaries = NeverPassed(plugin.canaries)
    stolen = [module for name, module in sys.modules.items() if "test_area" in name]
    return bool(stolen)


def area(width: float, height: float) -> float:
    if forge():
        return width * height
    return int(width) * height
"""


# Values equal to everything: a float subclass, and a module __getattr__ whose every name is a callable that
# returns an object equal to everything (a skeleton answer earned 56 points against 29 that way in one process).
EQUAL_TO_EVERYTHING = """
class Anything(float):
    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False

    __hash__ = float.__hash__


def area(width: float, height: float) -> float:
    return Anything(0.0)
"""
MODULE_GETATTR = """
class Whatever:
    def __eq__(self, other):
        return True

    def __call__(self, *args, **kwargs):
        return self

    __hash__ = object.__hash__


def __getattr__(name):
    return Whatever()
"""
# A frame reached without asking for one: logging hands its caller's frame to whoever calls currentframe(); from
# there the caller's constants (the check's expected values, where the check runs beside the learner) are read.
FRAMES_THROUGH_TRUSTED_CODE = """
import logging


def _constants_of_callers():
    found = []
    frame = logging.currentframe()
    for _ in range(12):
        if frame is None:
            break
        found += [value for value in frame.f_code.co_consts if type(value) in (int, float)]
        frame = frame.f_back
    return found


def area(width: float, height: float) -> float:
    for value in _constants_of_callers():
        if value in (6, 2.0):
            return value
    return int(width) * height
"""
# A forged verdict: every descriptor the process holds is sent what a passing answer would look like.
FORGED_ANSWERS = """
import json
import os


def area(width: float, height: float) -> float:
    for descriptor in range(3, 40):
        for number in range(1, 12):
            try:
                os.write(descriptor, (json.dumps({"id": number, "value": width * height, "passed": True,
                                                  "score": 3.0, "outcomes": "all"}) + "\\n").encode())
            except OSError:
                pass
    return int(width) * height
"""
# A process started with no audit event of its own: the hidden checks read with cat, then the answer chosen.
LOW_LEVEL_PROCESS = """
import glob
import os


def _read_checks():
    try:
        import _posixsubprocess
    except (ImportError, PermissionError):
        return ""
    reader, writer = os.pipe()
    paths = glob.glob('CHECKS_DIR/**/*.py', recursive=True) or ['CHECKS_DIR']
    try:
        _posixsubprocess.fork_exec(['/bin/cat', *paths], [b'/bin/cat'], True, (writer,), None, None, -1, -1, -1,
                                   writer, -1, -1, reader, writer, False, False, -1, None, None, None, -1, None,
                                   False)
    except Exception:
        return ""
    os.close(writer)
    return os.read(reader, 1 << 20).decode(errors='replace')


STOLEN = _read_checks()


def area(width: float, height: float) -> float:
    if 'hidden-check-marker' in STOLEN:
        print(STOLEN)
        return width * height
    return int(width) * height
"""


# learner: (build the submitted notebook, expected status, expected score or None when failed)
SUBMISSIONS: Dict[str, Tuple[Callable[[Path], Any], str, Any]] = {
    "correct": (_answer(ANSWER), "graded", 3.0),
    "wrong": (_answer(WRONG), "graded", 1.0),
    "unanswered": (lambda context: _released(), "graded", 0.0),
    "syntax_error": (_answer("def area(width, height)\n    return width * height\n"), "graded", 0.0),
    # A loop costs the exercise it is in: its code is stopped at the exercise's time budget, nothing earned.
    "endless_loop": (_answer(ANSWER + "\nwhile True:\n    pass\n"), "graded", 0.0),
    "swallows_interrupts": (_answer(ANSWER + "\nimport time\n\nwhile True:\n    try:\n        time.sleep(0.1)\n"
                                              "    except BaseException:\n        pass\n"), "graded", 0.0),
    "deleted_graded_cell": (_deleted_graded_cell, "graded", 3.0),
    "edited_graded_cell_and_points": (_edited_graded_cell, "graded", 1.0),
    "repointed_cells": (_repointed_solution, "graded", 1.0),
    "sys_exit": (_answer(ANSWER + "\nimport sys\n\nsys.exit(0)\n"), "graded", 3.0),
    "os_exit": (_answer(ANSWER + "\nimport os\n\nos._exit(0)\n"), "graded", 0.0),
    "floods_output": (_answer(ANSWER + "\nfor number in range(200_000):\n    print(number)\n"
                                       "print('x' * 20_000_000)\n"), "graded", 3.0),
    # 3 GiB would fit in this machine's memory; under the 2 GiB cap the allocation fails, and only then is the
    # answer right: so full marks prove the cap.
    "memory_hog": (_answer("try:\n    hoard = bytearray(3 * 1024 ** 3)\n    CAPPED = False\nexcept MemoryError:\n"
                           "    CAPPED = True\n\n\ndef area(width: float, height: float) -> float:\n"
                           "    return width * height if CAPPED else 0.0\n"), "graded", 3.0),
    "stderr_noise": (_answer("import sys\n\nsys.stderr.write('debug noise\\n')\n\n\n" + ANSWER), "graded", 3.0),
    "hard_coded_visible_check": (_answer("def area(width: float, height: float) -> float:\n    return 6.0\n"),
                                 "graded", 1.0),
    "prints_fake_score": (_attack("print(3.0)\nprint('Score: 3 / 3')\n3.0"), "graded", 1.0),
    "ast_transformer": (_attack(
        "import ast\n\n\nclass NoAsserts(ast.NodeTransformer):\n    def visit_Assert(self, node):\n"
        "        return ast.Pass()\n\n\nget_ipython().ast_transformers.append(NoAsserts())\n"), "graded", 1.0),
    "custom_exc": (_attack("get_ipython().set_custom_exc((AssertionError,), lambda *args, **kwargs: None)\n"),
                   "graded", 1.0),
    # Patching pytest or the kit changes only the learner's own process: the checks and the verdict are elsewhere.
    "patches_pytest": (_attack(
        "import _pytest.runner\nimport pytest\n\noriginal = _pytest.runner.call_and_report\n\n\n"
        "def always_passed(item, when, log=True, **kwargs):\n    report = original(item, when, log=False, **kwargs)\n"
        "    report.outcome = 'passed'\n    report.longrepr = None\n"
        "    item.ihook.pytest_runtest_logreport(report=report)\n    return report\n\n\n"
        "_pytest.runner.call_and_report = always_passed\npytest.main = lambda *args, **kwargs: 0\n"), "graded", 1.0),
    "patches_ipytest": (_attack("import ipytest\n\nipytest.run = lambda *args, **kwargs: 0\n"
                                "ipytest.autoconfig = lambda *args, **kwargs: None\n"), "graded", 1.0),
    "patches_kit": (_attack(
        "import stylekit.grading.model as model\n\nmodel.CheckResult.earned = property(lambda self: self.points)\n"),
        "graded", 1.0),
    "reads_checks_from_disk": (_attack(
        "import glob\n\nstolen = []\nfor path in glob.glob('CHECKS_DIR/**/*.py', recursive=True):\n"
        "    stolen.append(open(path).read())\nif stolen:\n    def area(width, height):\n"
        "        return width * height\n"), "graded", 1.0),
    "reads_checks_from_memory": (_attack(
        "import gc\nimport inspect\n\ntry:\n    frames = inspect.stack()\nexcept PermissionError:\n    frames = []\n"
        "try:\n    found = [thing for thing in gc.get_objects() if 'hidden-check' in repr(thing)[:200]]\n"
        "except PermissionError:\n    found = []\nif frames or found:\n    def area(width, height):\n"
        "        return width * height\n"), "graded", 1.0),
    "reaches_pytest_config": (_answer(REACH_THE_RECORDER), "graded", 1.0),
    "equal_to_everything": (_answer(EQUAL_TO_EVERYTHING), "graded", 0.0),
    "module_getattr": (_answer(MODULE_GETATTR), "graded", 0.0),
    "frames_through_trusted_code": (_answer(FRAMES_THROUGH_TRUSTED_CODE), "graded", 1.0),
    "forged_answers": (_answer(FORGED_ANSWERS), "graded", 0.0),  # answers out of turn stop the exercise
    "low_level_process": (_attack(LOW_LEVEL_PROCESS), "graded", 1.0),
    "writes_gradebook": (_attack(
        "import sqlite3\n\ntry:\n    connection = sqlite3.connect('OUT_DIR/gradebook.db')\n"
        "    connection.execute('update grade set auto_score = 100')\n    connection.commit()\nexcept Exception:\n"
        "    pass\nwith open('OUT_DIR/gradebook.db', 'r+b') as handle:\n    handle.write(b'garbage')\n"),
        "graded", 1.0),
    "kills_grader": (_attack("import os\nimport signal\n\nos.kill(os.getppid(), signal.SIGKILL)\n"), "graded", 1.0),
}
# The attacks that win where the checks share the learner's process: each earns full marks there (3 points).
WIN_IN_ONE_PROCESS = ("equal_to_everything", "module_getattr", "frames_through_trusted_code",
                      "reaches_pytest_config")


def _grade(root: Path, learners: Dict[str, Tuple[Callable[[Path], Any], str, Any]], out: str,
           environment: Optional[Dict[str, str]] = None, containment: str = "auto") -> Dict[str, Any]:
    for learner, (build, _, _) in learners.items():
        folder = root / "submitted" / learner / SECTION
        folder.mkdir(parents=True, exist_ok=True)
        nbformat.write(build(root), str(folder / NOTEBOOK))
    completed = subprocess.run([STYLEKIT, "grade", str(root / "submitted"), "--out", str(root / out), "--jobs", "2",
                                "--timeout", str(TIMEOUT), "--source", str(root / "solutions"), "--checks",
                                str(root / "checks"), "--containment", containment],
                               capture_output=True, text=True, timeout=600, env={**os.environ, **(environment or {})})
    rows = {row["learner"]: row for row in read_grades_csv(root / out / "grades.csv")}
    return {"root": root, "completed": completed, "rows": rows, "out": root / out}


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Dict[str, Any]:
    root = tmp_path_factory.mktemp("adversarial")
    write_pilot(root)
    truncated = root / "submitted" / "truncated_json" / SECTION
    truncated.mkdir(parents=True)
    (truncated / NOTEBOOK).write_text(nbformat.writes(_released())[:400])
    return _grade(root, SUBMISSIONS, "out")


@pytest.fixture(scope="module")
def in_one_process(tmp_path_factory: pytest.TempPathFactory) -> Dict[str, Any]:
    """The same attacks, with the checks run in the learner's process (the judge's tests-only switch)."""
    root = tmp_path_factory.mktemp("one-process")
    write_pilot(root)
    chosen = {learner: SUBMISSIONS[learner] for learner in ("wrong", *WIN_IN_ONE_PROCESS)}
    return _grade(root, chosen, "out", environment={UNSAFE_IN_PROCESS_ENV: "1"}, containment="audit-only")


@pytest.fixture(scope="module")
def audit_only(tmp_path_factory: pytest.TempPathFactory) -> Dict[str, Any]:
    """The disk and process attacks where the machine offers no namespaces: the audit policy is the inner layer."""
    root = tmp_path_factory.mktemp("audit-only")
    write_pilot(root)
    chosen = {learner: SUBMISSIONS[learner] for learner in ("wrong", "low_level_process", "reads_checks_from_disk",
                                                              "forged_answers", "frames_through_trusted_code")}
    return _grade(root, chosen, "out", containment="audit-only")


def _page(batch: Dict[str, Any], learner: str) -> str:
    return feedback_path(batch["root"] / "out", learner, SECTION).read_text()


@pytest.mark.parametrize("learner", sorted(SUBMISSIONS))
def test_WHEN_submission_graded_in_batch_THEN_graded_as_it_deserves(batch: Dict[str, Any], learner: str) -> None:
    _, status, score = SUBMISSIONS[learner]
    row = batch["rows"][learner]

    expected = (status, "" if score is None else f"{score:g}", "3")
    actual = (row["status"], row["score"], row["max_score"])
    assert expected == actual, row["reason"]


def test_WHEN_notebook_truncated_THEN_failed_with_reason(batch: Dict[str, Any]) -> None:
    row = batch["rows"]["truncated_json"]

    expected = ("failed", "", True)
    actual = (row["status"], row["score"], "not a valid notebook" in row["reason"])
    assert expected == actual


@pytest.mark.parametrize("learner", ["endless_loop", "swallows_interrupts"])
def test_WHEN_code_loops_forever_THEN_reason_names_the_time_budget(batch: Dict[str, Any], learner: str) -> None:
    assert "ran past its time budget" in batch["rows"][learner]["reason"]


@pytest.mark.parametrize("learner", WIN_IN_ONE_PROCESS)
def test_WHEN_checks_share_the_learners_process_THEN_the_attack_wins_there(in_one_process: Dict[str, Any],
                                                                          learner: str) -> None:
    """The proof that each attack test can fail: where the checks run beside the learner's code, the attack passes
    both hidden checks (2 points; style is judged from the source, where the attack shows) against the wrong
    answer's 1."""
    row = in_one_process["rows"][learner]

    expected = ("graded", True)
    actual = (row["status"], float(row["score"]) >= 2 > float(in_one_process["rows"]["wrong"]["score"]))
    assert expected == actual, row["reason"]


@pytest.mark.parametrize("learner", ["low_level_process", "reads_checks_from_disk", "forged_answers",
                                     "frames_through_trusted_code"])
def test_WHEN_no_namespaces_THEN_attack_earns_no_more_than_the_wrong_answer(audit_only: Dict[str, Any],
                                                                            learner: str) -> None:
    pages = sorted((audit_only["out"] / "feedback").rglob("*.html"))
    leaked = [page.parent.name for page in pages if SECRET in page.read_text()]

    row = audit_only["rows"][learner]

    expected = ("graded", True, [])
    actual = (row["status"], float(row["score"]) <= float(audit_only["rows"]["wrong"]["score"]), leaked)
    assert expected == actual, row["reason"]


def test_WHEN_batch_has_failures_THEN_exit_code_one_and_every_submission_in_csv(batch: Dict[str, Any]) -> None:
    expected = (1, sorted([*SUBMISSIONS, "truncated_json"]))
    actual = (batch["completed"].returncode, sorted(batch["rows"]))
    assert expected == actual, batch["completed"].stderr[-3000:]


def test_WHEN_one_notebook_attacks_THEN_the_rest_of_the_batch_is_graded(batch: Dict[str, Any]) -> None:
    failed = sorted(learner for learner, row in batch["rows"].items() if row["status"] != "graded")

    assert ["truncated_json"] == failed


def test_WHEN_attacks_graded_THEN_gradebook_intact(batch: Dict[str, Any]) -> None:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{batch['root'] / 'out' / 'gradebook.db'}") as gradebook:
        scores = {learner: gradebook.find_submission(SECTION, learner).score
                  for learner, (_, status, _) in SUBMISSIONS.items() if status == "graded"}
    expected = {learner: score for learner, (_, status, score) in SUBMISSIONS.items() if status == "graded"}
    assert expected == scores


def test_WHEN_output_floods_THEN_feedback_keeps_only_a_capped_excerpt(batch: Dict[str, Any]) -> None:
    result = json.loads((batch["root"] / "out" / ".stylekit" / "results" / "floods_output" /
                         f"{SECTION}.json").read_text())
    output = result["notebooks"][SECTION]["output"]

    expected = (True, True)
    actual = (len(output) < 5_000, output.count("\n") <= 42)
    assert expected == actual


def _pages(batch: Dict[str, Any]) -> List[Path]:
    return sorted((batch["root"] / "out" / "feedback").rglob("*.html"))


def test_WHEN_feedback_written_THEN_one_page_per_learner(batch: Dict[str, Any]) -> None:
    expected = sorted([*SUBMISSIONS, "truncated_json"])
    actual = sorted(page.parent.name for page in _pages(batch))
    assert expected == actual


def test_WHEN_feedback_written_THEN_no_hidden_source_path_or_traceback(batch: Dict[str, Any]) -> None:
    leaks = [(page.parent.name, marker) for page in _pages(batch) for marker in
             (SECRET, "learner.area(0.5, 4)", str(batch["root"] / "checks"), "test_area.py", "Traceback", "assert 2.0")
             if marker in page.read_text()]

    assert [] == leaks


def test_WHEN_wrong_answer_feedback_THEN_names_failed_check_and_its_message(batch: Dict[str, Any]) -> None:
    page = _page(batch, "wrong")

    expected = (True, True)
    actual = ("test_WHEN_fractional_side_THEN_area" in page, "area(0.5, 4) is 2.0" in page)
    assert expected == actual


def test_WHEN_graded_cell_deleted_or_edited_THEN_feedback_says_it_was_restored(batch: Dict[str, Any]) -> None:
    deleted = _page(batch, "deleted_graded_cell")
    edited = _page(batch, "edited_graded_cell_and_points")

    expected = (True, True, True)
    actual = ("was deleted; it was restored" in deleted, "was edited; the original was restored" in edited,
              "points of area_graded were changed to 100" in edited)
    assert expected == actual


def test_WHEN_grading_process_environment_read_THEN_no_checks_path(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from stylekit.grading.runner import _environment

    monkeypatch.setenv("STYLEKIT_CHECKS", str(tmp_path))

    actual = [value for value in _environment().values() if str(tmp_path) in value]

    assert [] == actual
