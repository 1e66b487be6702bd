"""The trusted side of grading one notebook: gather what the grading process needs into one request, start the
process (worker.py) in a sandbox of its own (containment.py), wait at most the deadline, and accept only an answer
that starts with this run's secret token.

The process runs in its own process group with a memory cap and a clean environment, so that whatever the learner's
code does, killing the group at the deadline ends it (and with it, inside the sandbox, every process it started): an
infinite loop, or a loop that swallows every interrupt, costs the notebook's timeout once.
"""
import base64
import hmac
import json
import logging
import os
import secrets
import selectors
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Dict, Optional

from stylekit.paths import REPO_ROOT
from stylekit.curriculum.cells import graded_exercises, notebook_section
from stylekit.errors import UnknownSection
from stylekit.grading.containment import SANDBOX_ROOT, ContainmentMode, resolve, sandboxed
from stylekit.grading.model import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT_SECONDS, GradingRequest, NotebookVerdict
from stylekit.patterns import load_catalogue

logger = logging.getLogger(__name__)

CHECKS_ENV = "STYLEKIT_CHECKS"  # where a self-check finds the hidden checks, when not in the kit's autograder/checks
ANSWER_CAP_BYTES = 32 * 1024 * 1024  # a verdict is a few kilobytes; more than this is not an answer
KEPT_ENVIRONMENT = ("PATH", "HOME", "LANG", "LC_ALL", "TZ", "SYSTEMROOT")  # the grading process sees no more


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
    """Everything the grading process writes to its channel until it closes it, or None at the deadline."""
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
                   references_root: Optional[Path] = None,
                   containment: ContainmentMode = ContainmentMode.AUTO) -> NotebookVerdict:
    """The verdicts of every graded exercise of the notebook, computed in a fresh, contained grading process.

    `workdir` (default: the notebook's folder) holds the files the learner's code may import; `references_root`
    (default: the kit's solutions/) the section folders whose modules checks of learner-written tests use. A
    notebook that cannot be graded (too slow, the process died, the answer is not genuine) gets a `failure`.
    """
    notebook = json.loads(Path(notebook_path).read_text(encoding="utf-8"))
    source_folder = Path(workdir or Path(notebook_path).resolve().parent)
    sandbox = resolve(containment)
    with tempfile.TemporaryDirectory(prefix="stylekit-grade-") as folder:
        private = Path(folder)
        token = secrets.token_hex(32)
        reader, writer = os.pipe()
        worker = [sys.executable, "-I", "-m", "stylekit.grading.worker"]
        if sandbox.namespaces:
            (private / "sandbox").mkdir()
            command, root = sandboxed(worker, private / "sandbox"), SANDBOX_ROOT
        else:
            command, root = worker, str(private / "root")
        request = GradingRequest(notebook=notebook, files=_working_files(source_folder),
                                 checks=_checks(notebook, (checks_root or default_checks_root()).resolve()),
                                 references=_references(notebook, references_root or default_references_root()),
                                 root=root, token=token, result_fd=writer, memory_mb=memory_mb)
        deadline = time.monotonic() + timeout
        with open(private / "worker.log", "wb") as log:
            process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=log,
                                       pass_fds=(writer,), cwd=private, env=_environment(), start_new_session=True)
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
        if answer is None:
            return NotebookVerdict(failure=f"Grading stopped after the notebook's time limit of {timeout:g} s: "
                                           "does some code loop forever, or wait for input?")
        verdict = _genuine(answer, token)
        if verdict is None:
            log_tail = (private / "worker.log").read_bytes()[-3000:].decode(errors="replace")
            logger.info(f"Grading process for {notebook_path} exited {process.returncode}; its log ends:\n{log_tail}")
            reason = ("The grading process ended before it gave a verdict (exit code "
                      f"{process.returncode}): does the code call os._exit or sys.exit, or use too much memory?"
                      if not answer else "The grader's answer was not genuine: the submission wrote to it")
            return NotebookVerdict(failure=reason)
        return verdict


def _genuine(answer: bytes, token: str) -> Optional[NotebookVerdict]:
    head, _, body = answer.partition(b"\n")
    if not hmac.compare_digest(head, token.encode()):
        return None
    try:
        return NotebookVerdict.from_dict(json.loads(body))
    except (ValueError, KeyError, TypeError):
        return None
