"""The bundles candidates sent back: found by code, unpacked, and checked to be this exam's, losing nothing.

A return is `<code>.zip` or a folder `<code>/` in the returned folder (a zip may hold the files at its top or in one
folder). Anything else there is listed as unmatched, never silently dropped. A file's time is what the zip entry or
the file system says: it is evidence only when it falls after the exam was issued (tools that reset times to 1980
or to the moment of unpacking leave no evidence, and the report says so).
"""
import json
import logging
import shutil
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from stylekit.assessment.exam import MANIFEST_FILE, ExamRecord

logger = logging.getLogger(__name__)


@dataclass
class ReturnedBundle:
    """One candidate's return, unpacked into `folder`, or why it could not be (`problem`)."""

    code: str
    folder: Optional[Path] = None
    problem: Optional[str] = None
    modified: Dict[str, datetime] = field(default_factory=dict)  # file -> its time, UTC


def _zip_time(info: zipfile.ZipInfo) -> datetime:
    # Zip stores local wall-clock time without a zone: read it as this machine's local time.
    return datetime(*info.date_time).astimezone(timezone.utc)


def _unzip(archive: Path, target: Path) -> Tuple[Optional[str], Dict[str, datetime]]:
    """Unpack; (problem, file times). Paths that would leave the target are refused, not unpacked."""
    try:
        with zipfile.ZipFile(archive) as opened:
            members = [info for info in opened.infolist() if not info.is_dir()]
            tops = {Path(info.filename).parts[0] for info in members if len(Path(info.filename).parts) > 1}
            strip = len(tops) == 1 and all(len(Path(info.filename).parts) > 1 for info in members)
            times = {}
            for info in members:
                parts = Path(info.filename).parts[1:] if strip else Path(info.filename).parts
                if not parts or ".." in parts or Path(info.filename).is_absolute():
                    return f"{archive.name} holds a path outside its folder ({info.filename})", {}
                destination = target.joinpath(*parts)
                destination.parent.mkdir(parents=True, exist_ok=True)
                destination.write_bytes(opened.read(info))
                times["/".join(parts)] = _zip_time(info)
            return None, times
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        return f"{archive.name} is not a readable zip archive ({error})", {}


def _copy_folder(source: Path, target: Path) -> Dict[str, datetime]:
    shutil.copytree(source, target)
    return {str(path.relative_to(source)): datetime.fromtimestamp(path.stat().st_mtime, timezone.utc)
            for path in source.rglob("*") if path.is_file()}


def _manifest_problem(folder: Path, record: ExamRecord, code: str) -> Optional[str]:
    manifest = folder / MANIFEST_FILE
    if not manifest.is_file():
        return None  # a missing manifest is a changed file (integrity), not a foreign bundle
    try:
        said = json.loads(manifest.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError):
        return None
    if said.get("exam_id") != record.exam_id:
        return f"this is a bundle of exam {said.get('exam_id')!r}, not of {record.exam_id!r}"
    if said.get("code") != code:
        return f"this is candidate {said.get('code')!r}'s bundle, returned under {code!r}"
    return None


def read_returns(returned: Path, record: ExamRecord, work: Path) -> Tuple[Dict[str, ReturnedBundle], List[str]]:
    """Every candidate's return (one per code in the record, `problem` set when missing or unusable), and what
    else the returned folder holds."""
    if not returned.is_dir():
        raise FileNotFoundError(f"{returned} is not a folder of returned bundles")
    bundles: Dict[str, ReturnedBundle] = {}
    used = set()
    for code in record.bundles:
        archive, folder = returned / f"{code}.zip", returned / code
        target = work / code
        shutil.rmtree(target, ignore_errors=True)
        if archive.is_file():
            used.add(archive.name)
            problem, times = _unzip(archive, target)
        elif folder.is_dir():
            used.add(folder.name)
            problem, times = None, _copy_folder(folder, target)
        else:
            bundles[code] = ReturnedBundle(code, problem="returned nothing")
            continue
        problem = problem or _manifest_problem(target, record, code)
        bundles[code] = ReturnedBundle(code, folder=None if problem else target, problem=problem, modified=times)
    unmatched = sorted(path.name for path in returned.iterdir() if path.name not in used)
    return bundles, unmatched
