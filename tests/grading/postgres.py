"""A real PostgreSQL server for tests, from Debian's packages, in a folder of the test's own on a free port."""
import os
import shutil
import socket
import subprocess
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, List, Optional

import pytest

SERVER_USER = "postgres"  # PostgreSQL refuses to run as root; Debian's package makes this user
DATABASE = "course"


def server_binaries() -> Optional[Path]:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    return found[-1].parent if found else None


def _as_server_user() -> List[str]:
    return ["runuser", "-u", SERVER_USER, "--"] if os.geteuid() == 0 else []


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def postgres_server() -> Iterator[str]:
    """A fresh cluster with one database; yields its SQLAlchemy URL and stops the server afterwards."""
    binaries = server_binaries()
    if binaries is None:
        # make test installs Debian's postgresql: in CI a missing server is a failure, elsewhere a skip.
        if os.environ.get("CI"):
            raise RuntimeError("PostgreSQL's server is not installed, and CI must run the gradebook tests")
        pytest.skip("PostgreSQL's server is not installed (make test installs Debian's postgresql)")
    folder = Path(tempfile.mkdtemp(prefix="stylekit-postgres-"))
    folder.chmod(0o755)  # the server's user must reach its data folder inside
    data, sockets = folder / "data", folder / "sockets"
    sockets.mkdir()
    if os.geteuid() == 0:
        shutil.chown(folder, SERVER_USER)
        shutil.chown(sockets, SERVER_USER)
    port = _free_port()
    run = _as_server_user()
    try:
        subprocess.run([*run, str(binaries / "initdb"), "-D", str(data), "-A", "trust", "-U", "stylekit",
                        "--no-sync"], check=True, capture_output=True)
        subprocess.run([*run, str(binaries / "pg_ctl"), "-D", str(data), "-w", "-l", str(folder / "server.log"),
                        "-o", f"-k {sockets} -p {port} -c listen_addresses=127.0.0.1 -c fsync=off", "start"],
                       check=True, capture_output=True)
        subprocess.run([str(binaries / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "stylekit", DATABASE],
                       check=True, capture_output=True)
        yield f"postgresql://stylekit@127.0.0.1:{port}/{DATABASE}"
    finally:
        subprocess.run([*run, str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
                       capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)
