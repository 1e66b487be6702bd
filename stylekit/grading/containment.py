"""The outer layer around a grading process: Linux namespaces, set up by util-linux's `unshare` and Debian's
bubblewrap, so that learner code is contained by the operating system and not only by the audit policy.

Each notebook gets a sandbox of its own, built from nothing:
- its own mount namespace, where `unshare` mounts a fresh tmpfs with `noexec,nosuid,nodev` and a size cap; it is
  the sandbox's only writable place (`/grading`, and `/tmp` inside it), so no file written while grading can be
  executed or loaded as a compiled extension;
- a root of bubblewrap's making, read-only, holding `/usr`, the Python installation, the venv and the kit's own
  package at their usual paths, and nothing else: no course files (hidden checks, solutions, gradebook, other
  learners' work), no `/proc`, no home folders;
- no network (its own, empty network namespace), its own PID, IPC and UTS namespaces: when the grading process
  ends, every process it started ends with it;
- the unprivileged uid and gid 65534 ("nobody"), with no capabilities and no way to gain any (`setpriv`).

It needs root (to mount and to switch uid). Without it, or where a locked-down container refuses namespaces, the
kit says so once, loudly, and grades with the audit policy alone (`Containment.reason` says why).
"""
import functools
import logging
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import List

from stylekit.errors import StylekitError

logger = logging.getLogger(__name__)

SANDBOX_ROOT = "/grading"  # the grading root inside the sandbox: the noexec tmpfs
NOBODY = 65534  # uid and gid of the grading process inside the sandbox (Debian's "nobody" and "nogroup")
SCRATCH_SIZE = "512m"  # the tmpfs's cap: what a submission writes while graded (each file is capped at 256 MiB too)
TOOLS = ("unshare", "bwrap", "setpriv", "mount")
# Mount the tmpfs on the host folder given as $0 (only inside the new mount namespace: the host never sees it),
# make the sandbox's /tmp inside it, then run bubblewrap with the rest of the arguments.
PRELUDE = (f'mount -t tmpfs -o noexec,nosuid,nodev,size={SCRATCH_SIZE},mode=0755 stylekit-grading "$0" '
           f'&& mkdir -m 1777 "$0/tmp" && chown {NOBODY}:{NOBODY} "$0" && exec "$@"')


class ContainmentMode(str, Enum):
    AUTO = "auto"  # namespaces where the machine offers them, else the audit policy alone (with a warning)
    NAMESPACES = "namespaces"  # namespaces or nothing: refuse to grade without them
    AUDIT_ONLY = "audit-only"  # the audit policy alone (for machines whose administrators forbid namespaces)


class ContainmentUnavailable(StylekitError):
    def __init__(self, reason: str) -> None:
        super().__init__(f"Grading was asked to contain learner code with Linux namespaces, but it cannot: {reason}")


@dataclass(frozen=True)
class Containment:
    """How grading processes are contained on this machine: `namespaces` True, or why not."""

    namespaces: bool
    reason: str = ""

    @property
    def label(self) -> str:
        return "namespaces" if self.namespaces else "audit-only"


def _read_only_roots() -> List[Path]:
    """What the grading process needs to run: Python, the venv's packages and the kit's package, each at its own
    path, so the venv's links and the kit's editable install work unchanged. None of them holds course files."""
    import stylekit

    roots = {Path(sys.base_prefix), Path(sys.prefix), Path(stylekit.__file__).resolve().parent}
    roots.update(Path(path) for path in sys.path if path.endswith("site-packages"))
    resolved = {Path(os.path.realpath(root)) for root in roots if root.exists()}
    # A root inside another one is mounted with it.
    return sorted(root for root in resolved if not any(other != root and other in root.parents for other in resolved))


def _system_mounts() -> List[str]:
    arguments = ["--ro-bind", "/usr", "/usr"]
    for top in ("/bin", "/sbin", "/lib", "/lib32", "/lib64"):
        if os.path.islink(top):
            arguments += ["--symlink", os.readlink(top), top]
        elif os.path.isdir(top):
            arguments += ["--ro-bind", top, top]
    arguments += ["--dev", "/dev", "--remount-ro", "/dev"]  # null, zero, random, urandom, tty: none writable
    if os.path.exists("/etc/localtime"):
        arguments += ["--ro-bind", "/etc/localtime", "/etc/localtime"]  # the machine's time zone, as in a kernel
    return arguments


def sandboxed(command: List[str], mountpoint: Path) -> List[str]:
    """`command` run in a fresh sandbox whose writable tmpfs is mounted on `mountpoint` (an empty host folder, in
    a mount namespace of the sandbox's own) and seen inside as SANDBOX_ROOT."""
    python_roots: List[str] = []
    system = Path("/usr")
    roots = [root for root in _read_only_roots() if root != system and system not in root.parents]
    # bubblewrap makes a bind's missing parent folders readable by root only: made here, readable by all.
    parents = sorted({parent for root in roots for parent in root.parents if parent != Path("/")},
                     key=lambda path: len(path.parts))
    for parent in parents:
        python_roots += ["--perms", "0755", "--dir", str(parent)]
    for root in roots:
        python_roots += ["--ro-bind", str(root), str(root)]
    return ["unshare", "--mount", "--propagation", "private", "--", "sh", "-c", PRELUDE, str(mountpoint),
            "bwrap", "--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts", "--unshare-cgroup-try",
            "--die-with-parent", "--new-session", "--hostname", "grading", *_system_mounts(),
            # The writable places first: Python's roots may lie under /tmp (a venv in a temporary clone), and
            # their read-only binds must land on top of the sandbox's /tmp, not under it.
            "--bind", str(mountpoint), SANDBOX_ROOT, "--bind", str(mountpoint / "tmp"), "/tmp", *python_roots,
            "--remount-ro", "/", "--chdir", SANDBOX_ROOT,
            "setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", "--no-new-privs",
            "--bounding-set=-all", "--inh-caps=-all", *command]


def _compile_kit() -> None:
    """Bring the kit's bytecode up to date while we may still write it: inside the sandbox nothing is writable, so a
    stale or missing .pyc (after an upgrade, or an edit) would be compiled again by every grading process."""
    import compileall

    import stylekit

    compileall.compile_dir(str(Path(stylekit.__file__).resolve().parent), quiet=2)


@functools.lru_cache(maxsize=None)
def probe() -> Containment:
    """Whether this machine can build the sandbox: tried once per process, with Python itself run inside."""
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        return Containment(False, f"{', '.join(missing)} not found (Debian: apt-get install bubblewrap util-linux)")
    if os.geteuid() != 0:
        return Containment(False, "grading is not running as root, which mounting the sandbox and switching to an "
                                  "unprivileged uid need")
    import tempfile

    _compile_kit()
    with tempfile.TemporaryDirectory(prefix="stylekit-probe-") as folder:
        check = "import os, stylekit; assert os.getuid() == 65534; open('/grading/probe', 'w').write('ok')"
        try:
            completed = subprocess.run(sandboxed([sys.executable, "-I", "-c", check], Path(folder)),
                                       capture_output=True, text=True, timeout=60)
        except (OSError, subprocess.TimeoutExpired) as error:
            return Containment(False, f"the sandbox could not start ({error})")
    if completed.returncode != 0:
        return Containment(False, f"the sandbox could not start: {completed.stderr.strip()[-300:]}")
    return Containment(True)


def resolve(mode: ContainmentMode) -> Containment:
    """The containment grading uses for `mode`; says once, loudly, when it falls back to the audit policy."""
    if mode == ContainmentMode.AUDIT_ONLY:
        return Containment(False, "audit-only was asked for")
    found = probe()
    if not found.namespaces and mode == ContainmentMode.NAMESPACES:
        raise ContainmentUnavailable(found.reason)
    if not found.namespaces:
        _warn_once(found.reason)
    return found


@functools.lru_cache(maxsize=None)
def _warn_once(reason: str) -> None:
    logger.warning(f"GRADING WITHOUT OS CONTAINMENT: {reason}. Learner code is held by the audit policy alone, "
                   "which a determined submission can get around (see the threat model in docs/instructors.md). "
                   "Grade untrusted work on a machine where this kit runs as root with bubblewrap installed.")
