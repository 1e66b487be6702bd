"""Writing the kit's own files so that a reader never sees half of one."""
import os
import tempfile
from pathlib import Path


def write_atomically(path: Path, text: str) -> None:
    """Write `text` to a temporary file beside `path` and rename it into place: a process killed half way (a
    grading run stopped by the instructor) leaves the old file or the new one, never a torn one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", dir=path.parent, delete=False, prefix=f".{path.name}.", suffix=".tmp",
                                     encoding="utf-8", newline="") as handle:
        handle.write(text)
    os.replace(handle.name, path)
