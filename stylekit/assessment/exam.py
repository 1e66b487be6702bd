"""`stylekit assess build`: an exam made of the kit's exercises, one bundle per candidate, and the exam's record.

An exam is a plan of item slots; each slot lists exercises that practise the same thing (parallel forms). A seed
orders each slot's choices, and form k takes the k-th: so forms differ wherever a slot has two choices, and
candidates take the forms in turn, neighbours never the same. A candidate's bundle holds only what a learner's
release holds (tasks, answer stubs, visible checks, the modules the tasks read), one notebook per section, a
README with the time limit and the rules, and a manifest of every file's hash. Model answers, hidden checks and
variants stay in the kit; the exam's own record (exam.json: every bundle's file hashes and locked cells) stays with
the hiring team, and the key from candidate codes to names is written apart from both.
"""
import csv
import hashlib
import hmac
import json
import logging
import random
import shutil
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple, Type, TypeVar

import nbformat

from stylekit.errors import StylekitError
from stylekit.notebooks.reader import read_notebook
from stylekit.notebooks.schema import (ROLE_GRADED, ROLE_WIDGET, cell_exercise, cell_role, graded_exercises,
                                       kit_metadata, set_kit_metadata)
from stylekit.notebooks.trust import CellLock, cell_locks
from stylekit.paths import REPO_ROOT
from stylekit.patterns import load_catalogue

logger = logging.getLogger(__name__)

RECORD_FILE = "exam.json"
MANIFEST_FILE = "manifest.json"
BUNDLES_FOLDER = "bundles"
GRADED_PLACEHOLDER = "# Graded after you hand the exam in. Do not edit or delete this cell.\n"
LETTERS = "ABCDEFGH"

T_Bundle = TypeVar("T_Bundle", bound="BundleRecord")
T_Exam = TypeVar("T_Exam", bound="ExamRecord")


class ExamError(StylekitError):
    """Base of the assessment's own errors."""


class ExamFolderInUse(ExamError):
    def __init__(self, folder: Path) -> None:
        super().__init__(f"{folder} already holds files: an exam is built into a new or empty folder")


class BadExamPlan(ExamError):
    def __init__(self, problem: str) -> None:
        super().__init__(f"Cannot build the exam: {problem}")


@dataclass(frozen=True)
class ItemSlot:
    """One item of the exam and the exercises ('<section folder>/<exercise>') that may fill it."""

    name: str
    kind: str
    choices: Tuple[str, ...]


@dataclass(frozen=True)
class ExamPlan:
    name: str
    minutes: int
    slots: Tuple[ItemSlot, ...]


# A 90-minute exam: three short fixes across sections, one small feature, tests for a given module.
PRESETS: Dict[str, ExamPlan] = {
    "90-minute": ExamPlan(name="90-minute", minutes=90, slots=(
        ItemSlot("types-fix", "short fix", ("02_type_system/parcel_quote", "02_type_system/sensor_refactor")),
        ItemSlot("docs-fix", "short fix", ("03_documentation/fee_comments", "03_documentation/station_planner")),
        ItemSlot("style-fix", "short fix", ("06_code_style/release_renames", "06_code_style/build_report")),
        ItemSlot("feature", "small feature", ("04_error_handling/rental_errors", "04_error_handling/return_desk")),
        ItemSlot("tests", "tests for a given module", ("05_testing/late_fee", "05_testing/overdue_reminders")),
    )),
}


@dataclass
class BundleRecord:
    code: str
    form: str
    items: List[str]
    files: Dict[str, str] = field(default_factory=dict)  # path in the bundle -> sha256
    locks: Dict[str, List[CellLock]] = field(default_factory=dict)  # notebook -> its locked cells

    def to_dict(self) -> Dict[str, Any]:
        return {"code": self.code, "form": self.form, "items": self.items, "files": self.files,
                "locks": {name: [lock.to_dict() for lock in locks] for name, locks in self.locks.items()}}

    @classmethod
    def from_dict(cls: Type[T_Bundle], raw: Dict[str, Any]) -> T_Bundle:
        return cls(code=raw["code"], form=raw["form"], items=list(raw["items"]), files=dict(raw["files"]),
                   locks={name: [CellLock.from_dict(lock) for lock in locks] for name, locks in raw["locks"].items()})


@dataclass
class ExamRecord:
    """What the hiring team keeps: the exam, its forms, and every bundle as it was sent."""

    exam_id: str
    plan: str
    seed: int
    minutes: int
    issued_at: str  # ISO 8601, UTC
    forms: Dict[str, List[str]]
    bundles: Dict[str, BundleRecord]

    def issued(self) -> datetime:
        return datetime.fromisoformat(self.issued_at)

    def to_dict(self) -> Dict[str, Any]:
        return {"exam_id": self.exam_id, "plan": self.plan, "seed": self.seed, "minutes": self.minutes,
                "issued_at": self.issued_at, "forms": self.forms,
                "bundles": {code: bundle.to_dict() for code, bundle in self.bundles.items()}}

    @classmethod
    def from_dict(cls: Type[T_Exam], raw: Dict[str, Any]) -> T_Exam:
        return cls(exam_id=raw["exam_id"], plan=raw["plan"], seed=int(raw["seed"]), minutes=int(raw["minutes"]),
                   issued_at=raw["issued_at"], forms={form: list(items) for form, items in raw["forms"].items()},
                   bundles={code: BundleRecord.from_dict(bundle) for code, bundle in raw["bundles"].items()})


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def text_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def plan_from_sections(sections: Sequence[str], minutes: int, kit: Path = REPO_ROOT) -> ExamPlan:
    """One item per chosen section, any of whose exercises may fill it."""
    catalogue = load_catalogue()
    slots = []
    for key in sections:
        folder = catalogue.section(key).folder
        release = kit / "exercises" / folder / f"{folder}.ipynb"
        if not release.is_file():
            raise BadExamPlan(f"section {folder} has no built exercises to draw items from")
        notebook = read_notebook(release)
        slots.append(ItemSlot(folder, "section item", tuple(f"{folder}/{spec.exercise}"
                                                           for _, spec in graded_exercises(notebook))))
    numbers = "-".join(slot.name[:2] for slot in slots)
    return ExamPlan(name=f"sections-{numbers}", minutes=minutes, slots=tuple(slots))


def make_forms(plan: ExamPlan, seed: int, count: int) -> Dict[str, List[str]]:
    """Form letter -> its items, one per slot: the seed orders each slot's choices, form k takes the k-th."""
    if not 1 <= count <= len(LETTERS):
        raise BadExamPlan(f"--forms must be between 1 and {len(LETTERS)}")
    forms: Dict[str, List[str]] = {LETTERS[number]: [] for number in range(count)}
    for slot in plan.slots:
        order = list(slot.choices)
        random.Random(f"{seed}/{slot.name}").shuffle(order)
        for number in range(count):
            forms[LETTERS[number]].append(order[number % len(order)])
    return forms


def candidate_code(seed: int, name: str) -> str:
    """A code that names nobody: the same name and seed always give the same code."""
    digest = hmac.new(str(seed).encode(), name.encode("utf-8"), hashlib.sha256).hexdigest()
    return f"C{digest[:6].upper()}"


def _check_candidates(candidates: Sequence[str]) -> None:
    if not candidates:
        raise BadExamPlan("name at least one candidate")
    repeated = sorted({name for name in candidates if list(candidates).count(name) > 1})
    if repeated:
        raise BadExamPlan(f"{', '.join(repeated)} listed twice")


def bundle_notebook(release: Path, exercises: List[str], exam: Dict[str, str]) -> Any:
    """The section's release with only these exercises' cells (and the section's opening cells)."""
    notebook = read_notebook(release)
    kept = []
    for cell in notebook.cells:
        exercise = cell_exercise(cell)
        is_widget = cell_role(cell) == ROLE_WIDGET
        is_other_exercise = exercise is not None and exercise not in exercises
        if is_widget or is_other_exercise:
            continue
        if cell_role(cell) == ROLE_GRADED:
            cell.source = GRADED_PLACEHOLDER  # the self-check cell calls the hidden checks, which stay at home
        kept.append(cell)
    notebook.cells = kept
    set_kit_metadata(notebook, {**kit_metadata(notebook), "exam": exam})
    return notebook


def _readme(plan: ExamPlan, record: ExamRecord, bundle: BundleRecord, notebooks: List[str]) -> str:
    items = "\n".join(f"- `{item.split('/')[1]}` in `{item.split('/')[0]}.ipynb`" for item in bundle.items)
    return f"""# Python style assessment · {bundle.code}

You have **{plan.minutes} minutes** from when you open this bundle. Work in the notebook(s):
{chr(10).join(f"- `{name}`" for name in notebooks)}

Items ({len(bundle.items)}):
{items}

How to work and hand in:
- Write your answers only in the cells marked `# YOUR CODE HERE` (replace the `raise NotImplementedError()`).
- Leave every other cell and every other file as it is: the grader keeps its own copy of each and compares.
- Run the visible check cells as often as you like; the graded checks run after you hand in.
- Save, then return this whole folder as one zip file named `{bundle.code}.zip`.
- You need Python 3.11 or newer with JupyterLab, pytest and ipytest (`pip install jupyterlab pytest ipytest`).
- Your work must be your own: answers that are alike between candidates are reported to the reviewers.

Exam {record.exam_id}, form {bundle.form}, issued {record.issued_at}.
"""


def build_exam(plan: ExamPlan, candidates: Sequence[str], out: Path, key: Path, seed: int, forms: int = 2,
               kit: Path = REPO_ROOT, now: Optional[datetime] = None) -> ExamRecord:
    """Build every candidate's bundle (folder and zip) under out/bundles, the record out/exam.json, and the key."""
    _check_candidates(candidates)
    is_in_use = out.exists() and (not out.is_dir() or any(out.iterdir()))
    if is_in_use:
        raise ExamFolderInUse(out)
    if key.resolve().is_relative_to(out.resolve()):
        raise BadExamPlan(f"the key file {key} must lie outside {out}, whose bundles and reports reviewers see")
    chosen = make_forms(plan, seed, forms)
    issued_at = (now or datetime.now(timezone.utc)).replace(microsecond=0).isoformat()
    exam_id = f"{plan.name}-{text_digest(f'{seed}/{issued_at}/{sorted(candidates)}')[:8]}"
    record = ExamRecord(exam_id=exam_id, plan=plan.name, seed=seed, minutes=plan.minutes, issued_at=issued_at,
                        forms=chosen, bundles={})
    bundles = out / BUNDLES_FOLDER
    bundles.mkdir(parents=True)
    key_rows: List[Tuple[str, str, str]] = []
    for number, name in enumerate(candidates):
        form = LETTERS[number % forms]
        code = candidate_code(seed, name)
        bundle = BundleRecord(code=code, form=form, items=chosen[form])
        record.bundles[code] = bundle
        key_rows.append((code, name, form))
        _write_bundle(plan, record, bundle, bundles / code, kit)
        logger.info("bundle %s (form %s) written", code, form)
    (out / RECORD_FILE).write_text(f"{json.dumps(record.to_dict(), indent=2)}\n", encoding="utf-8")
    key.parent.mkdir(parents=True, exist_ok=True)
    with key.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["code", "name", "form"])
        writer.writerows(key_rows)
    return record


def _write_bundle(plan: ExamPlan, record: ExamRecord, bundle: BundleRecord, folder: Path, kit: Path) -> None:
    folder.mkdir()
    by_section: Dict[str, List[str]] = {}
    for item in bundle.items:
        section, exercise = item.split("/")
        by_section.setdefault(section, []).append(exercise)
    notebooks = []
    for section, exercises in by_section.items():
        release_folder = kit / "exercises" / section
        notebook = bundle_notebook(release_folder / f"{section}.ipynb", exercises,
                                    {"exam_id": record.exam_id, "form": bundle.form, "code": bundle.code})
        name = f"{section}.ipynb"
        nbformat.write(notebook, str(folder / name))
        notebooks.append(name)
        bundle.locks[name] = cell_locks(notebook)
        for given in sorted(release_folder.glob("*.py")):
            shutil.copyfile(given, folder / given.name)
    (folder / "README.md").write_text(_readme(plan, record, bundle, notebooks), encoding="utf-8")
    bundle.files = {path.name: sha256(path) for path in sorted(folder.iterdir()) if path.is_file()}
    manifest = {"exam_id": record.exam_id, "code": bundle.code, "form": bundle.form, "minutes": record.minutes,
                "issued_at": record.issued_at, "files": bundle.files}
    (folder / MANIFEST_FILE).write_text(f"{json.dumps(manifest, indent=2)}\n", encoding="utf-8")
    with zipfile.ZipFile(folder.parent / f"{bundle.code}.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.iterdir()):
            archive.write(path, f"{bundle.code}/{path.name}")


def load_record(exam: Path) -> ExamRecord:
    path = exam / RECORD_FILE
    if not path.is_file():
        raise BadExamPlan(f"{exam} holds no {RECORD_FILE}: give the folder `stylekit assess build --out` made")
    return ExamRecord.from_dict(json.loads(path.read_text(encoding="utf-8")))


def load_key(key: Path) -> Dict[str, str]:
    with key.open(newline="", encoding="utf-8") as handle:
        return {row["code"]: row["name"] for row in csv.DictReader(handle)}
