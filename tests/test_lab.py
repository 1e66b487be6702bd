"""`make lab` starts a real JupyterLab on the learner's workspace at the welcome notebook, set up for a self-paced
learner: the workspace (lessons, released exercises, the guide) is its root, so nothing else of the kit shows."""
import json
import os
import re
import secrets
import signal
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import IO, Any, Dict

from stylekit.server_extension import NODELAY_LOG
from tests.conftest import REPO_ROOT
from tests.jupyter import free_port, isolated_jupyter_env

# What a self-paced learner should not meet in `make lab`: Jupyter's news pop-up and nbgrader's instructor tools.
LEARNER_HIDDEN_EXTENSIONS = ["@jupyter/nbgrader", "@jupyterlab/apputils-extension:announcements"]
# One page of each of nbgrader's server extensions: formgrader, course_list, assignment_list; the version page is
# served by those two and by validate_assignment, so its 404 says all three are off.
NBGRADER_PAGES = ["/formgrader", "/formgraders", "/assignments", "/nbgrader_version"]
STARTUP_SECONDS = 90  # a cold JupyterLab on a loaded 2-core machine can take a while to answer


def _page_config(url: str) -> Dict[str, Any]:
    """The configuration JupyterLab hands its page: which extensions are switched off, among other things."""
    with urllib.request.urlopen(url, timeout=30) as response:
        page = response.read().decode()
    match = re.search(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>', page, re.DOTALL)
    return json.loads(match.group(1)) if match else {}


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


def _get_json(url: str) -> Dict[str, Any]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read())


def test_WHEN_make_lab_runs_THEN_jupyterlab_serves_welcome_notebook(tmp_path: Path) -> None:
    port, token = free_port(), secrets.token_hex(16)
    lab_args = f"--no-browser --ServerApp.ip=127.0.0.1 --ServerApp.port={port} --IdentityProvider.token={token}"
    log_path = tmp_path / "lab.log"
    with open(log_path, "w") as log:
        _serve_and_check(log, log_path, lab_args, port, token, tmp_path)


def _serve_and_check(log: IO[str], log_path: Path, lab_args: str, port: int, token: str, tmp_path: Path) -> None:
    workspace = tmp_path / "workspace"  # never the kit's own workspace/: a test leaves the learner's alone
    server = subprocess.Popen(["make", "--no-print-directory", "lab", f"WORKSPACE={workspace}", f"LAB_ARGS={lab_args}"],
                              cwd=REPO_ROOT,
                              env=isolated_jupyter_env(tmp_path), stdout=log, stderr=subprocess.STDOUT,
                              start_new_session=True)
    try:
        url = f"http://127.0.0.1:{port}/api/contents/notebooks/00_welcome.ipynb?token={token}"
        deadline = time.monotonic() + STARTUP_SECONDS
        contents: Dict[str, Any] = {}
        while time.monotonic() < deadline and not contents:
            try:
                contents = _get_json(url)
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.5)

        page_config = _page_config(f"http://127.0.0.1:{port}/lab?token={token}")
        disabled = sorted(name for name in page_config.get("disabledExtensions", [])
                          if name in LEARNER_HIDDEN_EXTENSIONS)

        root = _get_json(f"http://127.0.0.1:{port}/api/contents/?token={token}")

        expected = ("notebook", "00_welcome.ipynb", True, sorted(LEARNER_HIDDEN_EXTENSIONS),
                    {page: 404 for page in NBGRADER_PAGES}, ["exercises", "guide", "notebooks"], True)
        actual = (contents.get("type"), contents.get("name"), NODELAY_LOG in log_path.read_text(), disabled,
                  {page: _status(f"http://127.0.0.1:{port}{page}?token={token}") for page in NBGRADER_PAGES},
                  sorted(item["name"] for item in root.get("content", [])), (workspace / "notebooks").is_dir())
        assert expected == actual
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
