"""The trusted caller's side of grading one notebook: gather what the judge needs into one request, start the judge
(judge.py) in a process of its own, wait at most the notebook's time limit, and read its verdict.

The judge is trusted (it runs outside the sandbox, holds the hidden checks, and decides); it starts each exercise's
learner code in a sandboxed subject process of its own (subject.py, containment.py). The judge runs in its own
process group with a clean environment, so killing the group at the deadline ends it, and its subjects die with it
(bubblewrap's --die-with-parent, and the parent-death signal each subject is started with).
"""
import base64
import json
import logging
import os
import selectors
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence

from stylekit.paths import REPO_ROOT
from stylekit.errors import UnknownSection
from stylekit.grading.containment import ContainmentMode, resolve
from stylekit.grading.model import (ANSWER_FD_ENV, DEBUG_ENV, DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT_SECONDS, JudgeRequest,
                                    NotebookVerdict)
from stylekit.notebooks import UnreadableNotebook, graded_exercises, notebook_section, read_notebook
from stylekit.patterns import load_catalogue

logger = logging.getLogger(__name__)

CHECKS_ENV = "STYLEKIT_CHECKS"  # where a self-check finds the hidden checks, when not in the kit's autograder/checks
ANSWER_CAP_BYTES = 32 * 1024 * 1024  # a verdict is a few kilobytes; more than this is not an answer
# The judge sees no more of the caller's environment; the last is the adversarial tests' switch (judge.py).
KEPT_ENVIRONMENT = ("PATH", "HOME", "LANG", "LC_ALL", "TZ", "SYSTEMROOT", DEBUG_ENV,
                    "STYLEKIT_TESTS_ONLY_UNSAFE_IN_PROCESS")
JUDGE_MARGIN_SECONDS = 5.0  # the judge's own start and finish, beyond the time its exercises may take


def default_checks_root() -> Path:
    configured = os.environ.get(CHECKS_ENV)
    if configured:
        return Path(configured)
    return REPO_ROOT / "autograder" / "checks"


def default_references_root() -> Path:
    return REPO_ROOT / "solutions"


def _working_files(source_folder: Path) -> Dict[str, str]:
    """The files beside the notebook (not other notebooks, not folders, not links): the learner's working folder."""
    paths = sorted(source_folder.iterdir()) if source_folder.is_dir() else []
    return {path.name: base64.b64encode(path.read_bytes()).decode() for path in paths
            if path.is_file() and path.suffix != ".ipynb" and not path.is_symlink()}


def _section_folder(notebook: Dict[str, Any]) -> Optional[str]:
    try:
        return load_catalogue().section(notebook_section(notebook)).folder
    except UnknownSection:
        return None  # its exercises are reported as having no checks, not crashed on


def _checks(notebook: Dict[str, Any], checks_root: Path) -> Dict[str, str]:
    """The hidden checks of each graded exercise: <checks root>/<section folder>/test_<exercise>.py."""
    folder = _section_folder(notebook)
    found = {}
    for _, spec in graded_exercises(notebook) if folder else []:
        path = checks_root / str(folder) / f"test_{spec.exercise}.py"
        if path.is_file():
            found[spec.exercise] = path.read_text(encoding="utf-8")
    return found


def _references(notebook: Dict[str, Any], references_root: Path) -> Dict[str, str]:
    folder = _section_folder(notebook)
    modules = sorted((references_root / folder).glob("*.py")) if folder else []
    return {path.stem: path.read_text(encoding="utf-8") for path in modules}


def _environment() -> Dict[str, str]:
    kept = {name: os.environ[name] for name in KEPT_ENVIRONMENT if name in os.environ}
    # Third-party pytest plugins (hypothesis) cost time and change pytest's classes as they load.
    return {**kept, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}


def _read_answer(channel: int, deadline: float) -> Optional[bytes]:
    """Everything the judge writes to its answer descriptor until it closes it, or None at the deadline."""
    received = bytearray()
    with selectors.DefaultSelector() as selector:
        selector.register(channel, selectors.EVENT_READ)
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None
            if not selector.select(timeout=remaining):
                continue
            chunk = os.read(channel, 65536)
            if not chunk:
                return bytes(received)
            if len(received) < ANSWER_CAP_BYTES:
                received.extend(chunk)


def _stop(process: subprocess.Popen) -> None:
    for kill in (lambda: os.killpg(process.pid, signal.SIGKILL), process.kill):
        try:
            kill()
        except (ProcessLookupError, PermissionError):
            pass
    process.wait()


def grade_notebook(notebook_path: Path, checks_root: Optional[Path] = None, timeout: float = DEFAULT_TIMEOUT_SECONDS,
                   workdir: Optional[Path] = None, memory_mb: int = DEFAULT_MEMORY_MB,
                   references_root: Optional[Path] = None, containment: ContainmentMode = ContainmentMode.AUTO,
                   exercises: Sequence[str] = ()) -> NotebookVerdict:
    """The verdicts of the notebook's graded exercises (all, or those named in `exercises`), decided by a judge
    process outside the learner's reach.

    `workdir` (default: the notebook's folder) holds the files the learner's code may import; `references_root`
    (default: the kit's solutions/) the section folders whose modules checks of learner-written tests use. A
    notebook that cannot be graded (too slow, the judge died) gets a `failure`.
    """
    try:
        notebook = read_notebook(Path(notebook_path))
    except UnreadableNotebook as error:
        return NotebookVerdict(failure=str(error))
    source_folder = Path(workdir or Path(notebook_path).resolve().parent)
    request = JudgeRequest(notebook=notebook, files=_working_files(source_folder),
                           checks=_checks(notebook, (checks_root or default_checks_root()).resolve()),
                           references=_references(notebook, references_root or default_references_root()),
                           timeout=timeout, memory_mb=memory_mb, namespaces=resolve(containment).namespaces,
                           exercises=list(exercises))
    return run_judge(request, timeout + JUDGE_MARGIN_SECONDS)


_warm: List[bool] = []  # warm_judge() was called: this process has the judge's imports and may fork judges


def warm_judge() -> None:
    """Import the judge, pytest and the rules once, in a process that grades many notebooks (`stylekit grade`'s
    processes are forked from one that called this): each judge is then forked from it, warm, instead of starting
    a new interpreter that imports them again (about half a second a notebook)."""
    from stylekit.grading import judge
    from stylekit.rules import all_rules

    all_rules()
    judge.warm_up()
    _warm.append(True)


def run_judge(request: JudgeRequest, limit: float) -> NotebookVerdict:
    """Run the judge on `request` in a process of its own, wait at most `limit` seconds for its verdict: forked from
    this process where it is warm and has no other thread (a fork copies only the calling thread), else started."""
    if _warm and threading.active_count() == 1:
        return _fork_judge(request, limit)
    with tempfile.TemporaryDirectory(prefix="stylekit-grade-") as folder:
        private = Path(folder)
        reader, writer = os.pipe()
        deadline = time.monotonic() + limit
        with open(private / "judge.log", "wb") as log:
            process = subprocess.Popen([sys.executable, "-I", "-m", "stylekit.grading.judge"], stdin=subprocess.PIPE,
                                       stdout=subprocess.DEVNULL, stderr=log, pass_fds=(writer,), cwd=private,
                                       env={**_environment(), ANSWER_FD_ENV: str(writer)}, start_new_session=True)
        os.close(writer)
        try:
            assert process.stdin is not None
            process.stdin.write(json.dumps(request.to_dict()).encode())
            process.stdin.close()
            answer = _read_answer(reader, deadline)
        except BrokenPipeError:
            answer = b""
        finally:
            os.close(reader)
            _stop(process)
        if os.environ.get(DEBUG_ENV):
            sys.stderr.write((private / "judge.log").read_text(errors="replace"))
        if answer is None:
            return NotebookVerdict(failure=f"Grading stopped after the notebook's time limit of {request.timeout:g} s")
        try:
            return NotebookVerdict.from_dict(json.loads(answer))
        except (ValueError, KeyError, TypeError):
            log_tail = (private / "judge.log").read_bytes()[-3000:].decode(errors="replace")
            logger.warning(f"The judge exited {process.returncode} without a verdict; its log ends:\n{log_tail}")
            return NotebookVerdict(failure=f"The grader ended without a verdict (exit code {process.returncode})")


def _fork_judge(request: JudgeRequest, limit: float) -> NotebookVerdict:
    from stylekit.grading.judge import judge_and_answer

    reader, writer = os.pipe()
    deadline = time.monotonic() + limit
    pid = os.fork()
    if pid == 0:  # the judge: never returns
        os.close(reader)
        os.setsid()  # a group of its own, killed whole at the deadline
        judge_and_answer(request, writer)
    os.close(writer)
    try:
        answer = _read_answer(reader, deadline)
    finally:
        os.close(reader)
        for kill in (lambda: os.killpg(pid, signal.SIGKILL), lambda: os.kill(pid, signal.SIGKILL)):
            try:
                kill()
            except (ProcessLookupError, PermissionError):
                pass
        os.waitpid(pid, 0)
    if answer is None:
        return NotebookVerdict(failure=f"Grading stopped after the notebook's time limit of {request.timeout:g} s")
    try:
        return NotebookVerdict.from_dict(json.loads(answer))
    except (ValueError, KeyError, TypeError):
        return NotebookVerdict(failure="The grader ended without a verdict")
