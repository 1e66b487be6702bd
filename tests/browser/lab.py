"""A real JupyterLab and Debian's chromium driven by Playwright, for the browser test and the widget benchmark.

JupyterLab runs from the kit's own virtualenv with Jupyter's folders inside a temporary directory
(tests/jupyter.py), on 127.0.0.1 with a token. Chromium is Debian's (`make browser` installs it); Playwright's
own browser download cannot work on these machines, so the launch always names /usr/bin/chromium.
"""
import json
import logging
import os
import secrets
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional

import nbformat
from playwright.sync_api import BrowserContext, Locator, Page, Playwright

from stylekit.chromium import CHROMIUM, CHROMIUM_ARGS
from tests.jupyter import free_port, isolated_jupyter_env, stop_process_group

logger = logging.getLogger(__name__)

REPO_ROOT = Path(__file__).resolve().parent.parent.parent
ARTIFACTS = REPO_ROOT / "artifacts"
JUPYTER = Path(sys.executable).parent / "jupyter"
STARTUP_SECONDS = 120  # a cold JupyterLab on a loaded 2-core machine can take 30 s and more to answer
PAGE_TIMEOUT_MS = 120_000  # the first load of JupyterLab's bundles, and the kernel's start, are as slow
STOP_SECONDS = 30  # seconds JupyterLab gets to stop its kernels before it is killed
POLL_SECONDS = 0.5  # seconds between start-up probes: short against the start-up, long against a request
ANNOUNCEMENTS_PLUGIN = "@jupyterlab/apputils-extension:announcements"
VIEWPORT = {"width": 1280, "height": 900}
KIT_SERVER_CONFIG = 'c.ServerApp.jpserver_extensions = {"stylekit.server_extension": True}\n'  # as `make lab` runs
IDLE = ".jp-NotebookPanel .jp-Notebook-ExecutionIndicator[data-status='idle']"
# Every code cell of the notebook on show has its execution count (`[*]:` while queued or running, `[ ]:` before;
# a cell whose code is collapsed shows no prompt).
ALL_RUN_JS = """() => {
  const prompts = [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputPrompt')]
    .map((prompt) => prompt.textContent.trim()).filter((prompt) => prompt !== '');
  return prompts.length > 0 && prompts.every((prompt) => /^\\[\\d+\\]:$/.test(prompt));
}"""

SETTLED_JS = """([index, selector, quietMs]) => {
  const coach = document.querySelectorAll('.stylekit-coach')[index];
  const panel = coach && coach.querySelector('.stylekit-findings');
  const idle = document.querySelector(".jp-NotebookPanel .jp-Notebook-ExecutionIndicator[data-status='idle']");
  if (!panel || !idle || !panel.querySelector(selector)) { window.__stylekitSettle = null; return false; }
  const revision = panel.getAttribute('data-revision');
  const now = performance.now();
  const last = window.__stylekitSettle;
  if (!last || last.index !== index || last.revision !== revision) {
    window.__stylekitSettle = {index, revision, since: now};
    return false;
  }
  return now - last.since >= quietMs;
}"""
SETTLE_MS = 1000  # far longer than one re-check takes, so a panel this quiet has caught up with the typing


class ChromiumMissingError(Exception):
    def __init__(self, path: Path) -> None:
        super().__init__(f"{path} is missing: the browser test must run, not skip; `make browser` installs it")


class LabStartError(Exception):
    def __init__(self, url: str, seconds: int, log: str) -> None:
        super().__init__(f"JupyterLab did not answer {url} within {seconds} s; its log ends:\n{log[-3000:]}")


@dataclass
class RunningLab:
    """A JupyterLab server started for one test or benchmark run."""

    port: int
    token: str
    root_dir: Path
    log_path: Path

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def notebook_url(self, name: str) -> str:
        return f"{self.base_url}/lab/tree/{name}?token={self.token}"

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""


def write_notebook(path: Path, cells: List[str]) -> Path:
    """A notebook of code cells, with the kernelspec set so that JupyterLab never asks which kernel to use."""
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source) for source in cells])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)",
                                       "language": "python"}
    nbformat.write(notebook, str(path))
    return path


def _get_json(url: str) -> Dict[str, Any]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read())


def _wait_until_serving(lab: RunningLab, server: "subprocess.Popen[bytes]") -> None:
    url = f"{lab.base_url}/api/status?token={lab.token}"
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline and server.poll() is None:
        try:
            _get_json(url)
            return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(POLL_SECONDS)
    raise LabStartError(url, STARTUP_SECONDS, lab.log())


@contextmanager
def running_lab(root_dir: Path, jupyter_dirs: Path, extra_env: Optional[Dict[str, str]] = None,
                server_config: str = "") -> Iterator[RunningLab]:
    """`jupyter lab` serving root_dir, with every Jupyter folder under jupyter_dirs; stopped on exit.

    extra_env reaches the server and its kernels; server_config, if given, is the server's
    jupyter_server_config.py (Python run at start-up: the widget benchmark uses it to try server tweaks).
    """
    lab = RunningLab(port=free_port(), token=secrets.token_hex(16), root_dir=root_dir,
                     log_path=jupyter_dirs / "jupyterlab.log")
    env = isolated_jupyter_env(jupyter_dirs)  # creates jupyter_dirs and its folders
    # The "get notified about official Jupyter news?" toast would sit on top of the page: switch it off.
    page_config = jupyter_dirs / "config" / "labconfig" / "page_config.json"
    page_config.parent.mkdir(parents=True, exist_ok=True)
    page_config.write_text(json.dumps({"disabledExtensions": {ANNOUNCEMENTS_PLUGIN: True}}))
    if server_config:
        (jupyter_dirs / "config" / "jupyter_server_config.py").write_text(server_config)
    env.update(extra_env or {})
    root_flag = ["--allow-root"] if os.geteuid() == 0 else []
    command = [str(JUPYTER), "lab", *root_flag, "--no-browser", "--ServerApp.ip=127.0.0.1",
               f"--ServerApp.port={lab.port}", f"--IdentityProvider.token={lab.token}",
               f"--ServerApp.root_dir={root_dir}",
               # Nothing to fetch from the internet: no news feed, no update check (the network is closed).
               "--LabApp.news_url=None", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
    with lab.log_path.open("wb") as log_file:
        server = subprocess.Popen(command, cwd=root_dir, env=env,
                                  stdout=log_file, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            _wait_until_serving(lab, server)
            yield lab
        finally:
            stop_process_group(server, "JupyterLab", STOP_SECONDS)


@contextmanager
def running_make_lab(workspace: Path, jupyter_dirs: Path) -> Iterator[RunningLab]:
    """`make lab` itself, as a learner starts it, with its workspace in `workspace` and every Jupyter folder under
    jupyter_dirs; stopped (make, JupyterLab and its kernels: one process group) on exit."""
    lab = RunningLab(port=free_port(), token=secrets.token_hex(16), root_dir=workspace,
                     log_path=jupyter_dirs / "jupyterlab.log")
    env = isolated_jupyter_env(jupyter_dirs)
    lab_args = (f"--no-browser --ServerApp.ip=127.0.0.1 --ServerApp.port={lab.port} "
                f"--IdentityProvider.token={lab.token} --LabApp.news_url=None "
                f"--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate")
    with lab.log_path.open("wb") as log_file:
        server = subprocess.Popen(["make", "--no-print-directory", "lab", f"WORKSPACE={workspace}",
                                   f"LAB_ARGS={lab_args}"], cwd=REPO_ROOT, env=env, stdout=log_file,
                                  stderr=subprocess.STDOUT, start_new_session=True)
        try:
            _wait_until_serving(lab, server)
            yield lab
        finally:
            stop_process_group(server, "make lab", STOP_SECONDS)


@contextmanager
def chromium(playwright: Playwright, profile_dir: Path) -> Iterator[BrowserContext]:
    """Debian's headless chromium with a fresh, empty profile; raises rather than skips when it is missing."""
    if not CHROMIUM.exists():
        raise ChromiumMissingError(CHROMIUM)
    context = playwright.chromium.launch_persistent_context(
        str(profile_dir), executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS, viewport=VIEWPORT)
    context.set_default_timeout(PAGE_TIMEOUT_MS)
    try:
        yield context
    finally:
        context.close()


def open_and_run_notebook(page: Page, lab: RunningLab, name: str, coaches: int = 1) -> None:
    """Open a notebook in JupyterLab, run its first cell and wait until that cell's coaches show.

    JupyterLab marks a new notebook's kernel idle before it has connected to the kernel, and a cell run
    in that moment is silently dropped (its prompt stays `[ ]:`; seen here in 3 opens out of 6): so the
    run waits for the kernel's websocket first, then for the idle status.
    """
    with page.expect_websocket(lambda socket: "/api/kernels/" in socket.url):
        page.goto(lab.notebook_url(name))
    page.locator(".jp-NotebookPanel .jp-Notebook-ExecutionIndicator[data-status='idle']").wait_for()
    page.locator(".jp-Notebook .jp-Cell .cm-content").first.click()
    page.keyboard.press("Shift+Enter")
    page.locator(".stylekit-coach .stylekit-findings").nth(coaches - 1).wait_for()


def coach_editor(page: Page, index: int = 0) -> Locator:
    """The index-th coach's code box (CodeMirror's editable content)."""
    return page.locator(".stylekit-coach").nth(index).locator(".stylekit-coach-editor .cm-content")


def editor_text(editor: Locator) -> str:
    """The code in a CodeMirror box: one `.cm-line` per line (an empty line's inner text is a line break of its
    own, its text content is empty)."""
    lines: List[str] = editor.locator(".cm-line").evaluate_all("lines => lines.map(line => line.textContent)")
    return "\n".join(lines)


def wait_for_settled_panel(page: Page, selector: str, index: int = 0) -> None:
    """Wait until the index-th coach's panel shows `selector` and has stopped changing.

    ipywidgets sends at most one change at a time and folds keystrokes typed meanwhile into the next
    message, and a half-typed text can match too (`d` is clean code): so seeing `selector` once is not
    enough, the panel must also have caught up with the last keystroke.
    """
    page.wait_for_function(SETTLED_JS, arg=[index, selector, SETTLE_MS], polling=100)



def open_notebook(page: Page, lab: RunningLab, name: str, alone: bool = False) -> None:
    """Open a notebook and wait until its kernel is connected and idle (see open_and_run_notebook for why both);
    `alone` closes the tabs JupyterLab would restore from its workspace."""
    with page.expect_websocket(lambda socket: "/api/kernels/" in socket.url):
        page.goto(lab.notebook_url(name) + ("&reset" if alone else ""))
    page.locator(IDLE).wait_for()


def run_all_cells(page: Page) -> None:
    """Run > Run All Cells, then wait until every code cell of the open notebook has run and the kernel is idle."""
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").click()
    page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
    page.wait_for_function(ALL_RUN_JS, polling=200)
    page.locator(IDLE).wait_for()


def save_notebook(page: Page, path: Path) -> None:
    """Ctrl+S, and wait until the file on disk has changed."""
    before = path.stat().st_mtime_ns
    page.keyboard.press("Control+s")
    deadline = time.monotonic() + PAGE_TIMEOUT_MS / 1000
    while path.stat().st_mtime_ns == before and time.monotonic() < deadline:
        time.sleep(POLL_SECONDS)


def restart_kernel(page: Page) -> None:
    """Kernel > Restart Kernel…, confirmed, as a learner does it; waits until the new kernel is idle."""
    page.locator(".lm-MenuBar-itemLabel", has_text="Kernel").click()
    page.locator(".lm-Menu-itemLabel", has_text="Restart Kernel…").first.click()
    page.locator(".jp-Dialog button.jp-mod-accept").click()
    page.locator(".jp-Dialog").wait_for(state="detached")
    page.locator(".jp-NotebookPanel .jp-Notebook-ExecutionIndicator[data-status='restarting']").wait_for(
        state="detached")
    page.locator(IDLE).wait_for()


def shut_down_kernels(lab: RunningLab) -> None:
    """Every kernel of the lab stopped through Jupyter Server's REST API (as closing JupyterLab or a reboot would)."""
    for kernel in _get_json_list(f"{lab.base_url}/api/kernels?token={lab.token}"):
        request = urllib.request.Request(f"{lab.base_url}/api/kernels/{kernel['id']}?token={lab.token}",
                                         method="DELETE")
        with urllib.request.urlopen(request, timeout=30):
            pass


def _get_json_list(url: str) -> List[Dict[str, Any]]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return list(json.loads(response.read()))
