"""The operating system's layer around learner code (stylekit/grading/containment.py), proved with the two attacks
the audit policy alone cannot stop, graded in one `stylekit grade` run beside the answers they pretend to be:

- a frameless callable: `functools.partial(os.system, ...)` planted as a `__del__` in a reference cycle, so that
  the garbage collector runs the shell while only trusted code is on the stack;
- a compiled extension, built here with gcc, written to the working folder and imported: its C code runs a shell.

Each attack's shell tries to copy every hidden check it can find into the working folder (the answer then turns
right if it holds the checks' secret) and to leave marks outside the working folder. Contained, each earns exactly
what the same wrong answer earns without the attack, and leaves no mark. The notebook-only calls (`display`,
`get_ipython()`, magics) in a correct answer keep its full marks.
"""
import base64
import os
import shutil
import subprocess
import sys
import sysconfig
import textwrap
import uuid
from pathlib import Path
from typing import Any, Dict, List, Tuple

import nbformat
import pytest

from stylekit.grading.containment import ContainmentMode, probe, sandboxed
from stylekit.grading.report import read_grades_csv
from tests.grading.pilot import ANSWER, NOTEBOOK, SECRET, SECTION, pilot_notebook, with_answer, write_pilot

STYLEKIT = str(Path(sys.executable).parent / "stylekit")
WRONG = "def area(width: float, height: float) -> float:\n    return int(width) * height\n"
WRONG_SCORE = "1"  # the pilot's wrong answer passes one of its two checks, and earns no style point
RUN_ID = uuid.uuid4().hex[:12]
CONTAINED = probe()
NEEDS_NAMESPACES = pytest.mark.skipif(not CONTAINED.namespaces, reason=f"no OS containment here: {CONTAINED.reason}")
NEEDS_GCC = pytest.mark.skipif(shutil.which("gcc") is None, reason="gcc is not installed: no extension to build")
# Turns the wrong answer right once the attack has copied a hidden check into the working folder.
TURNS_RIGHT = textwrap.dedent(f"""
    import os


    def area(width: float, height: float) -> float:
        for name in os.listdir("."):
            if name.startswith("stolen") and "{SECRET}" in open(name, errors="replace").read():
                return width * height
        return int(width) * height
""")


def _shell(root: Path, mark: str) -> str:
    """The attack's shell command: steal the checks (from the host's checks folder, and wherever the grading
    process may have put them), then leave marks outside the working folder (on the host and in /tmp)."""
    return (f"cat {root / 'checks'}/*/*.py ../checks/*.py ../*/*.py /grading/*/*.py > stolen.txt 2>/dev/null; "
            f"echo escaped > {root / 'escapes' / mark}; echo escaped > {_temporary_mark(root, mark)}; true")


def _temporary_mark(root: Path, mark: str) -> Path:
    """A mark in the machine's /tmp, named for this test run (and its folder) so that no earlier run's mark counts."""
    return Path("/tmp") / f"stylekit-escape-{RUN_ID}-{root.name}-{mark}"


def _frameless(root: Path) -> str:
    command = _shell(root, "frameless")
    return textwrap.dedent(f"""
        import functools
        import gc


        class Planted:
            __del__ = functools.partial(os.system, {command!r})


        def plant() -> None:
            for _ in range(5):
                item = Planted()
                item.cycle = item


        plant()
        gc.set_threshold(10)
    """)


def _extension_bytes(root: Path) -> bytes:
    """A CPython extension module `escape` whose initialisation runs the attack's shell."""
    source = root / "escape.c"
    source.write_text(textwrap.dedent(f"""
        #include <Python.h>
        #include <stdlib.h>
        static struct PyModuleDef definition = {{PyModuleDef_HEAD_INIT, "escape", NULL, -1, NULL}};
        PyMODINIT_FUNC PyInit_escape(void) {{
            system({_c_string(_shell(root, "extension"))});
            return PyModule_Create(&definition);
        }}
    """))
    built = root / "escape.so"
    subprocess.run(["gcc", "-shared", "-fPIC", f"-I{sysconfig.get_paths()['include']}", str(source), "-o",
                    str(built)], check=True, capture_output=True)
    return built.read_bytes()


def _c_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _extension(root: Path) -> str:
    encoded = base64.b64encode(_extension_bytes(root)).decode()
    suffix = sysconfig.get_config_var("EXT_SUFFIX")
    return textwrap.dedent(f"""
        import base64
        import importlib

        with open("escape{suffix}", "wb") as handle:
            handle.write(base64.b64decode({encoded!r}))
        try:
            importlib.import_module("escape")
        except ImportError as error:
            print(f"the extension did not load: {{error}}")
    """)


# The notebook-only calls come first, as an exported notebook's magics do: without them working, area is never
# defined and the answer would earn nothing.
NOTEBOOK_ONLY = textwrap.dedent("""
    %matplotlib inline
    get_ipython().run_line_magic("load_ext", "stylekit")
    shell = get_ipython()
    shell.run_cell_magic("time", "", "print(1)")
""") + ANSWER + "\ndisplay(area(2, 3))\n"


def _submissions(root: Path) -> Dict[str, Tuple[str, str]]:
    """learner -> (answer, expected score)."""
    found = {"wrong": (WRONG, WRONG_SCORE), "notebook_only_calls": (NOTEBOOK_ONLY, "3")}
    if not CONTAINED.namespaces:
        return found  # uncontained, the attacks would really escape: they are not run (their tests skip)
    found["frameless_callable"] = (TURNS_RIGHT + _frameless(root), WRONG_SCORE)
    if shutil.which("gcc") is not None:
        found["compiled_extension"] = (TURNS_RIGHT + _extension(root), WRONG_SCORE)
    return found


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Dict[str, Any]:
    root = tmp_path_factory.mktemp("containment")
    checks = write_pilot(root)
    (root / "escapes").mkdir()
    submissions = _submissions(root)
    for learner, (answer, _) in submissions.items():
        folder = root / "submitted" / learner / SECTION
        folder.mkdir(parents=True)
        nbformat.write(with_answer(pilot_notebook(), answer), str(folder / NOTEBOOK))
    completed = subprocess.run([STYLEKIT, "grade", str(root / "submitted"), "--out", str(root / "out"), "--jobs", "2",
                                "--source", str(root / "solutions"), "--checks", str(checks)],
                               capture_output=True, text=True, timeout=600)
    rows = {row["learner"]: row for row in read_grades_csv(root / "out" / "grades.csv")}
    return {"root": root, "completed": completed, "rows": rows, "submissions": submissions}


def _score(batch: Dict[str, Any], learner: str) -> Tuple[str, str]:
    row = batch["rows"][learner]
    return row["status"], row["score"]


@pytest.mark.skipif(not os.environ.get("CI"), reason="only CI must have the sandbox; elsewhere its tests skip")
def test_WHEN_run_in_ci_THEN_the_sandbox_is_available() -> None:
    """CI runs `make test` as root with bubblewrap installed by the Makefile: the containment tests must run there."""
    assert (True, "") == (CONTAINED.namespaces, CONTAINED.reason)


def test_WHEN_wrong_answer_graded_THEN_earns_the_baseline_the_attacks_are_held_to(batch: Dict[str, Any]) -> None:
    assert ("graded", WRONG_SCORE) == _score(batch, "wrong"), batch["completed"].stderr[-2000:]


def test_WHEN_answer_uses_display_get_ipython_and_magics_THEN_full_marks(batch: Dict[str, Any]) -> None:
    assert ("graded", "3") == _score(batch, "notebook_only_calls"), batch["rows"]["notebook_only_calls"]["reason"]


@NEEDS_NAMESPACES
@pytest.mark.parametrize("learner", ["frameless_callable", pytest.param("compiled_extension", marks=NEEDS_GCC)])
def test_WHEN_attack_runs_a_shell_THEN_it_earns_no_more_than_the_same_wrong_answer(batch: Dict[str, Any],
                                                                                  learner: str) -> None:
    assert ("graded", WRONG_SCORE) == _score(batch, learner), batch["rows"][learner]["reason"]


@NEEDS_NAMESPACES
@pytest.mark.parametrize("learner", ["frameless_callable", pytest.param("compiled_extension", marks=NEEDS_GCC)])
def test_WHEN_attack_runs_a_shell_THEN_nothing_is_left_outside_the_working_folder(batch: Dict[str, Any],
                                                                                 learner: str) -> None:
    mark = learner.split("_")[0]
    left = [str(path) for path in [batch["root"] / "escapes" / mark, _temporary_mark(batch["root"], mark)]
            if path.exists()]

    assert [] == left


# -- the sandbox itself ------------------------------------------------------------------------------------------
def _inside(tmp_path: Path, script: str) -> subprocess.CompletedProcess:
    """`script` run by this Python in a sandbox of the kind each notebook gets."""
    mountpoint = tmp_path / f"sandbox-{uuid.uuid4().hex[:8]}"
    mountpoint.mkdir()
    return subprocess.run(sandboxed([sys.executable, "-I", "-c", script], mountpoint), capture_output=True,
                          text=True, timeout=60)


@NEEDS_NAMESPACES
def test_WHEN_sandbox_lists_the_repository_THEN_only_the_kit_package_and_venv_are_there(tmp_path: Path) -> None:
    import stylekit

    repository = Path(stylekit.__file__).resolve().parent.parent
    script = f"import os; print(sorted(os.listdir({str(repository)!r})))"

    completed = _inside(tmp_path, script)

    visible = eval(completed.stdout)  # a printed list of names
    expected: List[str] = []
    actual = [name for name in visible if name in ("autograder", "solutions", "exercises", "sections", "tests")]
    assert expected == actual, completed.stderr


@NEEDS_NAMESPACES
def test_WHEN_sandbox_checked_THEN_nobody_without_network_or_writable_exec(tmp_path: Path) -> None:
    script = textwrap.dedent("""
        import os, shutil, socket, subprocess
        uid = os.getuid()
        try:
            socket.create_connection(("127.0.0.1", 22), timeout=2)
            network = "reached"
        except OSError as error:
            network = type(error).__name__
        shutil.copy("/usr/bin/true", "/grading/true")
        os.chmod("/grading/true", 0o755)
        try:
            subprocess.run(["/grading/true"], check=True)
            runs = "ran"
        except PermissionError:
            runs = "refused"
        writable = [path for path in ("/", "/usr", "/dev", "/etc") if os.access(path, os.W_OK)]
        print(uid, network, runs, writable, os.getpid())
    """)

    completed = _inside(tmp_path, script)

    uid, network, runs, *rest = completed.stdout.split(" ", 3)
    expected = ("65534", True, "refused", "[]")
    actual = (uid, network != "reached", runs, rest[0].rsplit(" ", 1)[0])
    assert expected == actual, completed.stderr


def test_WHEN_containment_is_audit_only_THEN_reason_says_so() -> None:
    from stylekit.grading.containment import resolve

    expected = (False, "audit-only was asked for")
    actual = (resolve(ContainmentMode.AUDIT_ONLY).namespaces, resolve(ContainmentMode.AUDIT_ONLY).reason)
    assert expected == actual


def _threat_model_rows() -> List[List[str]]:
    guide = (Path(__file__).resolve().parents[2] / "docs" / "instructors.md").read_text()
    table = guide[guide.index("| Attack |"):].split("\n\n")[0]
    return [[cell.strip() for cell in line.strip("|").split("|")] for line in table.splitlines()[2:]]


def test_WHEN_threat_model_read_THEN_every_test_it_names_exists() -> None:
    import re

    tests = Path(__file__).resolve().parents[1]
    missing = []
    for attack, _, proof in _threat_model_rows():
        for module, names in re.findall(r"`?(?:tests/\w+/)?(test_\w+\.py)`? \(([^)]*)\)", proof):
            found = sorted(tests.rglob(module))
            source = found[0].read_text() if found else ""
            missing += [(attack[:40], module, name) for name in re.findall(r"`(\w+)`", names) if name not in source]
            missing += [(attack[:40], module, "the module")] if not source else []

    expected = (13, [])
    actual = (len(_threat_model_rows()), missing)
    assert expected == actual


def test_WHEN_namespaces_missing_and_auto_THEN_warned_once_and_audit_only(monkeypatch: pytest.MonkeyPatch,
                                                                        caplog: pytest.LogCaptureFixture) -> None:
    from stylekit.grading import containment

    monkeypatch.setattr(containment, "probe", lambda: containment.Containment(False, "bwrap not found"))
    containment._warn_once.cache_clear()

    chosen = [containment.resolve(ContainmentMode.AUTO) for _ in range(3)]

    warnings = [record.message for record in caplog.records if "WITHOUT OS CONTAINMENT" in record.message]
    expected = ([False, False, False], 1, True)
    actual = ([found.namespaces for found in chosen], len(warnings), "bwrap not found" in warnings[0])
    assert expected == actual


def test_WHEN_namespaces_missing_and_required_THEN_refused_with_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    from stylekit.grading import containment

    monkeypatch.setattr(containment, "probe", lambda: containment.Containment(False, "not root"))

    with pytest.raises(containment.ContainmentUnavailable, match="not root"):
        containment.resolve(ContainmentMode.NAMESPACES)
