"""A real JupyterHub on 127.0.0.1 for the classroom test: the kit's own configuration, started and stopped here.

The hub, its proxy (configurable-http-proxy from npm, `make hub`) and every single-user server are real processes.
Each hub user's home lies in the test's temporary folder, and the hub's own Jupyter folders too, so nothing reaches
the user's Jupyter set-up.
"""
import logging
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from tests.jupyter import isolated_jupyter_env, stop_process_group

logger = logging.getLogger(__name__)

JUPYTERHUB = Path(sys.executable).parent / "jupyterhub"
STARTUP_SECONDS = 120  # seconds; a cold hub and its proxy on a loaded 2-core machine answer in about 5
STOP_SECONDS = 30  # seconds; the hub stops each learner's server before it exits
POLL_SECONDS = 0.5  # seconds between tries; short against the start-up, long against a request


class HubStartError(Exception):
    def __init__(self, url: str, log: str) -> None:
        super().__init__(f"JupyterHub did not answer {url} within {STARTUP_SECONDS} s; its log ends:\n{log[-4000:]}")


@dataclass(frozen=True)
class RunningHub:
    port: int
    log_path: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""


def _wait_until_serving(hub: RunningHub, process: "subprocess.Popen[bytes]") -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(f"{hub.url}/hub/api/", timeout=5):
                return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(POLL_SECONDS)
    raise HubStartError(f"{hub.url}/hub/api/", hub.log())


@contextmanager
def running_hub(config: Path, port: int, password: str, jupyter_dirs: Path) -> Iterator[RunningHub]:
    """`jupyterhub -f config`; on exit the hub, its proxy and every single-user server are stopped."""
    hub = RunningHub(port=port, log_path=jupyter_dirs / "jupyterhub.log")
    env = isolated_jupyter_env(jupyter_dirs)
    env["STYLEKIT_HUB_PASSWORD"] = password
    env["PATH"] = f"{JUPYTERHUB.parent}{os.pathsep}{env['PATH']}"
    with hub.log_path.open("wb") as log_file:
        process = subprocess.Popen([str(JUPYTERHUB), "-f", str(config)], cwd=config.parent, env=env,
                                   stdout=log_file, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            _wait_until_serving(hub, process)
            yield hub
        finally:
            # SIGTERM lets the hub stop the servers it spawned (JupyterHub.cleanup_servers) and its proxy.
            stop_process_group(process, "JupyterHub", STOP_SECONDS, whole_group=False)
