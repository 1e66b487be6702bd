"""What learner code may do inside a subject process: an audit hook (PEP 578) that refuses the operations a
submission could use to read course files or escape the process. It is the inner layer: the subject holds no
check, expected value or verdict (judge.py), and on a machine with namespaces its sandbox holds no course file
either (containment.py); where the machine offers no namespaces (`--containment audit-only`), this hook is what
keeps the hidden checks on the disk out of reach.

The hook decides by the call stack: while any frame on it runs learner code (a notebook cell, compiled under a
`<learner ...>` file name, or a file in the submission's working folder), the operation is the learner's.
Trusted code (pytest, the checks, the kit) runs unhindered, so a check may do whatever it needs.

Refused for learner code:
- opening, listing or changing files outside the Python installation and the working folder (the hidden
  checks, the reference solutions, the gradebook and other learners' work are all outside it);
- starting processes, signalling them, sockets, ctypes, changing resource limits; importing the modules that
  start processes without an audit event (`_posixsubprocess`, which subprocess and multiprocessing's spawn use);
- reaching other code's frames or objects (`sys._getframe`, a traceback's or generator's frame, the gc
  module's object lists), tracing, and new code under another file name (which would shed the learner
  marker): the ways to read the checks from memory or to edit the grader's variables.

An audit hook cannot be removed once installed. Learner code may catch the error it raises; it gains nothing by
that, the operation did not happen.
"""
import functools
import os
import sys
import threading
from pathlib import Path
from typing import Any, Callable, FrozenSet, Iterable, List, Set, Tuple

LEARNER_FILENAME_PREFIX = "<learner"  # learner cells are compiled as "<learner cell N>"

DENIED_EVENTS: FrozenSet[str] = frozenset({
    "os.system", "subprocess.Popen", "os.posix_spawn", "os.fork", "os.forkpty", "os.kill", "os.killpg",
    "signal.pthread_kill", "os.fchdir", "os.putenv", "os.unsetenv", "os.setsid", "os.chroot",
    "gc.get_objects", "gc.get_referrers", "gc.get_referents", "sys._current_frames",
    "sys._current_exceptions", "sys.settrace", "sys.setprofile", "sys.addaudithook",
    "sqlite3.connect", "resource.setrlimit", "resource.prlimit", "cpython.run_command", "cpython.run_file",
    "mmap.__new__",
})
# Refused only when learner code itself asks: libraries ask on the learner's behalf (the import system
# unmarshals .pyc files, typing and dataclasses look up the caller's module) and return nothing that reaches
# other code. A frame asked for through inspect or traceback, though, would be handed to the learner.
DIRECT_ONLY_EVENTS: FrozenSet[str] = frozenset({"sys._getframe", "code.__new__", "marshal.loads", "marshal.load"})
FRAME_HANDING_MODULES: Tuple[str, ...] = (f"{os.sep}inspect.py",)
FRAME_HANDING_FUNCTIONS: FrozenSet[str] = frozenset({"walk_tb", "walk_stack"})  # of traceback.py
# Learners' tests write scratch files to hard-coded temporary paths (unstyled, but not cheating): learner code
# may create anything there and use what it created, and use loose files right in these folders (an earlier
# run's scratch file), but never look inside their subfolders, where the grader keeps its private files.
SHARED_TEMP_ROOTS: Tuple[str, ...] = ("/tmp", "/var/tmp", "/dev/shm")
DENIED_PREFIXES: Tuple[str, ...] = ("ctypes.", "socket.", "os.exec", "os.spawn", "pty.", "winreg.", "_winapi.")
# Modules that start a process with no audit event of their own: their import is the last moment to refuse. The
# subject never imports them before learner code runs (tests/grading/test_judge.py checks it).
PROCESS_STARTING_MODULES: FrozenSet[str] = frozenset({"_posixsubprocess", "_winapi"})
FRAME_ATTRIBUTES: FrozenSet[str] = frozenset({"tb_frame", "gi_frame", "cr_frame", "ag_frame", "f_back"})
# Events whose first argument is a path (and, for some, whose second is a second path); the mode decides
# reading or writing for `open`, the event itself for the rest.
READ_PATH_EVENTS: FrozenSet[str] = frozenset({"os.listdir", "os.scandir", "glob.glob", "os.listxattr",
                                              "os.getxattr", "os.chdir"})
WRITE_PATH_EVENTS: FrozenSet[str] = frozenset({
    "os.remove", "os.rmdir", "os.mkdir", "os.chmod", "os.chown", "os.truncate", "os.utime", "os.setxattr",
    "os.removexattr", "shutil.rmtree", "shutil.chown",
})
TWO_PATH_EVENTS: FrozenSet[str] = frozenset({"os.rename", "os.link", "os.symlink", "shutil.copyfile",
                                             "shutil.copymode", "shutil.copystat", "shutil.move"})
# Harmless system files that the standard library reads on the learner's behalf (time zones, encodings).
SYSTEM_READ_ROOTS = (Path("/usr/share/zoneinfo"), Path("/etc/localtime"), Path("/dev/null"), Path("/dev/urandom"))
# Every event judge() looks at, but for the denied prefixes.
JUDGED_EVENTS: FrozenSet[str] = frozenset({"open", "object.__getattr__", "compile", *READ_PATH_EVENTS,
                                           *WRITE_PATH_EVENTS, *TWO_PATH_EVENTS, *DIRECT_ONLY_EVENTS, *DENIED_EVENTS})
OPEN_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND


class GradingPolicyViolation(PermissionError):
    def __init__(self, event: str, detail: str = "") -> None:
        super().__init__(f"Not allowed while grading: {event} {detail}".rstrip())


@functools.lru_cache(maxsize=None)
def python_roots() -> Tuple[Path, ...]:
    """Where Python and the installed packages live: learner code may read (import) from these."""
    import site
    import sysconfig

    roots = {sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix, *site.getsitepackages()}
    roots.update(path for path in (sysconfig.get_paths().get(name) for name in ("stdlib", "platstdlib")) if path)
    return tuple(sorted(Path(os.path.realpath(root)) for root in roots))



def _within(path: str, roots: Iterable[str]) -> bool:
    return any(path == root or path.startswith(root.rstrip(os.sep) + os.sep) for root in roots)


def _real(path: Any) -> str:
    return os.path.realpath(os.fsdecode(path))


_installed: List[bool] = []  # one hook per process: a second would double the cost of every audited operation


def is_installed() -> bool:
    return bool(_installed)


def install(learner_folders: Iterable[Path], read_roots: Iterable[Path] = (),
            write_roots: Iterable[Path] = ()) -> None:
    """Install the hook for this process. `learner_folders` hold learner code (their files count as learner
    frames); learner code may write in `write_roots` and read there, in `read_roots` and in Python's own roots."""
    learner_marks = tuple([LEARNER_FILENAME_PREFIX] + [str(Path(folder).resolve()) for folder in learner_folders])
    writable: Tuple[str, ...] = tuple(str(Path(root).resolve()) for root in write_roots) + (os.devnull,)
    readable: Tuple[str, ...] = writable + tuple(str(root) for root in [*python_roots(), *SYSTEM_READ_ROOTS,
                                                                        *map(Path, read_roots)])
    busy: Set[int] = set()  # threads inside the hook: the hook's own frame lookups raise audit events too
    get_frame: Callable[..., Any] = sys._getframe  # stylekit: ignore[SK0303] bound before learner code can replace it
    get_ident = threading.get_ident

    def hands_frames(code: Any) -> bool:
        filename = code.co_filename
        from_traceback = filename.endswith(f"{os.sep}traceback.py") and code.co_name in FRAME_HANDING_FUNCTIONS
        return filename.startswith(learner_marks) or filename.endswith(FRAME_HANDING_MODULES) or from_traceback

    def learner_frames() -> Tuple[bool, bool]:
        """(is learner code on the stack, is the code that raised the event learner code or a frame-handing
        library: inspect or traceback)."""
        try:
            frame = get_frame(2)  # 0 is this function, 1 the hook, 2 the code that raised the event
        except ValueError:  # raised from C with no Python frame above the hook (interpreter start or exit)
            return False, False
        direct = frame is not None and hands_frames(frame.f_code)
        while frame is not None:
            if frame.f_code.co_filename.startswith(learner_marks):
                return True, direct
            frame = frame.f_back
        return False, False

    created: Set[str] = set()  # files and folders learner code made under the shared temporary folders

    def check_path(event: str, path: Any, write: bool) -> None:
        if isinstance(path, int):
            return  # an already open descriptor: opening it was checked
        real = _real(path)
        if _within(real, writable if write else readable) or _within(real, created):
            return
        is_loose_temporary = os.path.dirname(real) in SHARED_TEMP_ROOTS and not os.path.isdir(real)
        is_new_temporary = write and _within(real, SHARED_TEMP_ROOTS) and not os.path.lexists(real)
        if is_new_temporary or is_loose_temporary:
            created.add(real)
            return
        # The path is not repeated: the message reaches the feedback page, which names no grader paths.
        raise GradingPolicyViolation(event, f"({'writing' if write else 'reading'} outside the working folder)")

    def judge(event: str, args: Tuple[Any, ...], direct: bool) -> None:
        if event == "open":
            path, mode, flags = (list(args) + [None, None, 0])[:3]
            writes_by_mode = bool(mode and any(letter in str(mode) for letter in "wax+"))
            write = writes_by_mode or bool((flags or 0) & OPEN_WRITE_FLAGS)
            check_path(event, path, write)
        elif event in READ_PATH_EVENTS:
            check_path(event, args[0] if args[0] is not None else ".", False)
        elif event in WRITE_PATH_EVENTS:
            check_path(event, args[0], True)
        elif event in TWO_PATH_EVENTS:
            check_path(event, args[0], event != "os.rename" and event != "shutil.move")
            check_path(event, args[1], True)
        elif event == "object.__getattr__" and args[-1] in FRAME_ATTRIBUTES:
            # unittest and pytest read tracebacks' frames for the learner's tests: only handing one over counts.
            if direct:
                raise GradingPolicyViolation(event, f"(reading {args[-1]})")
        elif event == "compile" and direct and not str(args[1] if len(args) > 1 else "").startswith(learner_marks):
            # Libraries (dataclasses, typing, pydantic) compile helpers for the learner: that is allowed; the
            # learner's own exec/compile must keep the learner marker, or its functions would pass as trusted.
            raise GradingPolicyViolation(event, "(code under another file name)")
        elif event in DIRECT_ONLY_EVENTS:
            if direct:
                raise GradingPolicyViolation(event)
        elif event in DENIED_EVENTS or event.startswith(DENIED_PREFIXES):
            raise GradingPolicyViolation(event)

    def hook(event: str, args: Tuple[Any, ...]) -> None:
        # Most events (id(), imports, exec of compiled code) are never refused: they skip the walk of the stack,
        # which would otherwise cost more than everything else the hook does.
        if event == "import" and args and args[0] in PROCESS_STARTING_MODULES:
            if learner_frames()[0]:
                raise GradingPolicyViolation(event, f"({args[0]} starts processes)")
            return
        if event not in JUDGED_EVENTS and not event.startswith(DENIED_PREFIXES):
            return
        if event == "object.__getattr__" and args[-1] not in FRAME_ATTRIBUTES:
            return
        thread = get_ident()
        if thread in busy:
            return
        busy.add(thread)
        try:
            on_stack, direct = learner_frames()
            if on_stack:
                judge(event, args, direct)
        finally:
            busy.discard(thread)

    sys.addaudithook(hook)
    _installed.append(True)
