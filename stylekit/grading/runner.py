"""The trusted side of grading one notebook: start a grading process (worker.py), wait at most the deadline,
accept only an answer that starts with this run's secret token.

The grading process runs in a fresh scratch folder holding a copy of the files beside the notebook (the
modules the exercise gives), in its own process group with a memory cap and a clean environment, so that
whatever the learner's code does, killing the group at the deadline ends it: an infinite loop, or a loop that
swallows every interrupt, costs the notebook's timeout once.
"""
import hmac
import json
import logging
import os
import secrets
import selectors
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, Optional

from stylekit.course import REPO_ROOT
from stylekit.grading.model import GradingRequest, NotebookVerdict

logger = logging.getLogger(__name__)

DEFAULT_TIMEOUT_SECONDS = 60.0  # per notebook, for everything; nbgrader's own limit is 30 s per cell
DEFAULT_MEMORY_MB = 2048  # address space of one grading process (Python, pytest and pydantic take ~400 MB)
CHECKS_ENV = "STYLEKIT_CHECKS"  # where the hidden checks are, when not in the repository's autograder/checks
ANSWER_CAP_BYTES = 32 * 1024 * 1024  # a verdict is a few kilobytes; more than this is not an answer
KEPT_ENVIRONMENT = ("PATH", "HOME", "LANG", "LC_ALL", "TZ", "SYSTEMROOT")  # the grading process sees no more


def default_checks_root() -> Path:
    configured = os.environ.get(CHECKS_ENV)
    if configured:
        return Path(configured)
    return REPO_ROOT / "autograder" / "checks"


def _scratch_copy(source_folder: Path, scratch: Path) -> None:
    """The files beside the notebook (not other notebooks, not folders) are the learner's working folder."""
    scratch.mkdir()
    for path in sorted(source_folder.iterdir()) if source_folder.is_dir() else []:
        if path.is_file() and path.suffix != ".ipynb" and not path.is_symlink():
            shutil.copyfile(path, scratch / path.name)


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
                   workdir: Optional[Path] = None, memory_mb: int = DEFAULT_MEMORY_MB) -> NotebookVerdict:
    """The verdicts of every graded exercise of the notebook, computed in a fresh grading process.

    `workdir` (default: the notebook's folder) holds the files the learner's code may import. A notebook that
    cannot be graded (too slow, the process died, the answer is not genuine) gets a `failure` saying why.
    """
    checks_root = (checks_root or default_checks_root()).resolve()
    source_folder = Path(workdir or Path(notebook_path).resolve().parent)
    with tempfile.TemporaryDirectory(prefix="stylekit-grade-") as folder:
        private = Path(folder)
        notebook_copy = private / "submission.ipynb"  # outside the scratch folder the learner's code may read
        shutil.copyfile(notebook_path, notebook_copy)
        scratch = private / "work"
        _scratch_copy(source_folder, scratch)
        token = secrets.token_hex(32)
        reader, writer = os.pipe()
        request = GradingRequest(notebook=str(notebook_copy), checks_root=str(checks_root), workdir=str(scratch),
                                 token=token, result_fd=writer, memory_mb=memory_mb)
        deadline = time.monotonic() + timeout
        with open(private / "worker.log", "wb") as log:
            process = subprocess.Popen([sys.executable, "-I", "-m", "stylekit.grading.worker"], stdin=subprocess.PIPE,
                                       stdout=subprocess.DEVNULL, stderr=log, pass_fds=(writer,), cwd=scratch,
                                       env=_environment(), start_new_session=True)
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
