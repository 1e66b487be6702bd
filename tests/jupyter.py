"""Running real Jupyter pieces in tests, with Jupyter's folders inside the test's temporary directory."""
import logging
import os
import signal
import socket
import subprocess
from pathlib import Path
from typing import Dict

logger = logging.getLogger(__name__)


def isolated_jupyter_env(base: Path) -> Dict[str, str]:
    """The environment for a Jupyter process that never reads or writes the user's own Jupyter set-up."""
    env = dict(os.environ)
    for variable, folder in (("JUPYTER_CONFIG_DIR", "config"), ("JUPYTER_DATA_DIR", "data"),
                             ("JUPYTER_RUNTIME_DIR", "runtime"), ("IPYTHONDIR", "ipython")):
        path = base / folder
        path.mkdir(parents=True, exist_ok=True)
        env[variable] = str(path)
    env["JUPYTER_PLATFORM_DIRS"] = "1"
    return env


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def stop_process_group(process: "subprocess.Popen[bytes]", name: str, seconds: float, whole_group: bool = True) -> None:
    """SIGTERM (to the whole session the process leads, or to the process alone), then SIGKILL to the group."""
    if whole_group:
        os.killpg(process.pid, signal.SIGTERM)
    else:
        process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        logger.warning("%s ignored SIGTERM for %s s; killing its process group", name, seconds)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=seconds)
