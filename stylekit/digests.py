"""Digests of files, the one way the kit tells whether something it already did must be done again (a lint
result in the cache, a grade in `stylekit grade`'s store)."""
import functools
import hashlib
from pathlib import Path
from typing import Iterable, List


def files_under(roots: Iterable[Path]) -> List[Path]:
    """Every file under the roots (a root may be a file), in a stable order, without bytecode caches."""
    files = []
    for root in roots:
        candidates = sorted(root.rglob("*")) if root.is_dir() else [root]
        files += [path for path in candidates if path.is_file() and "__pycache__" not in path.parts]
    return files


def digest(paths: Iterable[Path], extra: str = "") -> str:
    """A digest of the files under `paths` (names relative to each path, and contents), and of `extra`."""
    hashed = hashlib.sha256(extra.encode())
    for root in paths:
        for file in files_under([root]):
            name = file.relative_to(root).as_posix() if root.is_dir() else root.name
            hashed.update(name.encode() + b"\0" + file.read_bytes() + b"\0")
    return hashed.hexdigest()


@functools.lru_cache(maxsize=None)
def kit_digest() -> str:
    """The kit's own code and data (engine, every rule, patterns.yaml): what its findings and grades depend on."""
    import stylekit

    return digest([Path(stylekit.__file__).resolve().parent])
