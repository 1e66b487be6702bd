"""`stylekit assess grade`: every returned bundle graded in the contained grader, with its integrity evidence.

What is graded is the exam's own notebook with the candidate's answer cells put in, beside the exam's own copies of
the modules it released: so nothing but the answers counts (an edited check cell, a raised `points` in a cell's
metadata, a changed module earn nothing; they are only seen, as evidence). The grading process is the same
sandboxed one that grades a class (`stylekit.grading.runner`). A notebook that is missing, renamed, or unreadable
is graded as far as it can be and says why; a candidate whose return is missing or foreign gets no score and a
reason; nobody is dropped.
"""
import logging
import os
import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple, Type, TypeVar

import nbformat

from stylekit.assessment.exam import ExamRecord, bundle_notebook
from stylekit.assessment.integrity import Evidence, cell_evidence, file_evidence, window_evidence
from stylekit.assessment.returns import ReturnedBundle, read_returns
from stylekit.assessment.similarity import alike_pairs
from stylekit.errors import UnknownSection
from stylekit.grading.containment import ContainmentMode
from stylekit.grading.model import ExerciseVerdict
from stylekit.grading.runner import grade_notebook
from stylekit.notebooks.reader import UnreadableNotebook, read_notebook
from stylekit.notebooks.schema import exercise_answer, graded_exercises, notebook_section, with_answers
from stylekit.paths import REPO_ROOT
from stylekit.patterns import load_catalogue

logger = logging.getLogger(__name__)

STATUS_GRADED = "graded"
STATUS_NOT_GRADED = "not graded"
T_Result = TypeVar("T_Result", bound="CandidateResult")


@dataclass
class CandidateResult:
    code: str
    form: str
    status: str
    reason: Optional[str] = None
    exercises: Dict[str, ExerciseVerdict] = field(default_factory=dict)  # item ('<section>/<exercise>') -> verdict
    max_points: Dict[str, float] = field(default_factory=dict)  # item -> its points
    evidence: List[Evidence] = field(default_factory=list)
    answers: Dict[str, str] = field(default_factory=dict)  # item -> the candidate's answer source

    @property
    def score(self) -> float:
        return sum(verdict.score for verdict in self.exercises.values())

    @property
    def max_score(self) -> float:
        return sum(self.max_points.values())

    def section_scores(self) -> Dict[str, Tuple[float, float]]:
        """Section folder -> (score, out of)."""
        found: Dict[str, Tuple[float, float]] = {}
        for item, points in self.max_points.items():
            section = item.split("/")[0]
            verdict = self.exercises.get(item)
            earned, out_of = found.get(section, (0.0, 0.0))
            found[section] = (earned + (verdict.score if verdict else 0.0), out_of + points)
        return found

    def to_dict(self) -> Dict[str, Any]:
        return {"code": self.code, "form": self.form, "status": self.status, "reason": self.reason,
                "exercises": {item: verdict.to_dict() for item, verdict in self.exercises.items()},
                "max_points": self.max_points, "evidence": [item.to_dict() for item in self.evidence],
                "answers": self.answers}

    @classmethod
    def from_dict(cls: Type[T_Result], raw: Dict[str, Any]) -> T_Result:
        return cls(code=raw["code"], form=raw["form"], status=raw["status"], reason=raw.get("reason"),
                   exercises={item: ExerciseVerdict.from_dict(verdict) for item, verdict in raw["exercises"].items()},
                   max_points={item: float(points) for item, points in raw["max_points"].items()},
                   evidence=[Evidence.from_dict(item) for item in raw["evidence"]], answers=dict(raw["answers"]))


def _item_points(kit: Path, item: str) -> float:
    """The item's points as the kit's release says (never as the candidate's copy says)."""
    section, exercise = item.split("/")
    release = read_notebook(kit / "exercises" / section / f"{section}.ipynb")
    return next((spec.points for _, spec in graded_exercises(release) if spec.exercise == exercise), 0.0)


def _find_notebook(folder: Path, name: str, evidence: List[Evidence]) -> Optional[Path]:
    expected = folder / name
    if expected.is_file():
        return expected
    others = sorted(path for path in folder.glob("*.ipynb") if path.name != name)
    same_section = [path for path in others if _section_of(path) == name[:-len(".ipynb")]]
    if same_section:
        evidence.append(Evidence("notebook-renamed", f"{name} came back as {same_section[0].name}; graded that"))
        return same_section[0]
    evidence.append(Evidence("notebook-missing", f"{name} is not in the return: its items score 0"))
    return None


def _section_of(path: Path) -> str:
    """The section folder a returned notebook says it belongs to; '' when it cannot be read or says none."""
    try:
        return load_catalogue().section(notebook_section(read_notebook(path))).folder
    except (UnreadableNotebook, UnknownSection):
        return ""


def _grade_one(record: ExamRecord, bundle: ReturnedBundle, kit: Path, containment: ContainmentMode,
               timeout: float) -> CandidateResult:
    sent = record.bundles[bundle.code]
    result = CandidateResult(code=bundle.code, form=sent.form, status=STATUS_GRADED,
                             max_points={item: _item_points(kit, item) for item in sent.items})
    if bundle.folder is None:
        result.status, result.reason = STATUS_NOT_GRADED, bundle.problem
        kind = "nothing-returned" if bundle.problem == "returned nothing" else "unusable-return"
        result.evidence.append(Evidence(kind, str(bundle.problem)))
        return result
    result.evidence += file_evidence(sent, bundle.folder)
    result.evidence += window_evidence(record, bundle.modified)
    for name, locks in sent.locks.items():
        section = name[:-len(".ipynb")]
        path = _find_notebook(bundle.folder, name, result.evidence)
        if path is None:
            continue
        try:
            notebook = read_notebook(path)
        except UnreadableNotebook as error:
            result.evidence.append(Evidence("notebook-unreadable", f"{path.name} cannot be read ({error.reason}): "
                                            "its items score 0"))
            continue
        result.evidence += cell_evidence(name, locks, notebook)
        for item in sent.items:
            if item.startswith(f"{section}/"):
                result.answers[item] = exercise_answer(notebook, item.split("/")[1])
        exercises = [item.split("/")[1] for item in sent.items if item.startswith(f"{section}/")]
        graded = bundle_notebook(kit / "exercises" / section / name, exercises,
                                 {"exam_id": record.exam_id, "form": sent.form, "code": sent.code})
        answers = {exercise: result.answers[f"{section}/{exercise}"] for exercise in exercises}
        verdict = _grade_in_exam_folder(with_answers(graded, answers), section, kit, containment, timeout)
        if verdict.failure:
            result.evidence.append(Evidence("grading-failed", f"{name} could not be graded: {verdict.failure}"))
            continue  # no verdict of a failed grading can be trusted: its items score 0, and the evidence says why
        for exercise, exercise_verdict in verdict.exercises.items():
            if f"{section}/{exercise}" in result.max_points:
                result.exercises[f"{section}/{exercise}"] = exercise_verdict
    return result


def _grade_in_exam_folder(notebook: Any, section: str, kit: Path, containment: ContainmentMode,
                          timeout: float) -> Any:
    """Grade the notebook beside the exam's own copies of the section's released modules."""
    with tempfile.TemporaryDirectory(prefix="stylekit-assess-") as folder:
        for given in (kit / "exercises" / section).glob("*.py"):
            shutil.copyfile(given, Path(folder) / given.name)
        path = Path(folder) / f"{section}.ipynb"
        path.write_text(nbformat.writes(notebook), encoding="utf-8")
        return grade_notebook(path, checks_root=kit / "autograder" / "checks", timeout=timeout,
                              references_root=kit / "solutions", containment=containment)


def model_answers(record: ExamRecord, kit: Path = REPO_ROOT) -> Dict[str, Sequence[str]]:
    """Item -> what explains an answer without copying: the model answer and the released stub."""
    explained: Dict[str, Sequence[str]] = {}
    items = {item for bundle in record.bundles.values() for item in bundle.items}
    for item in sorted(items):
        section, exercise = item.split("/")
        model = read_notebook(kit / "solutions" / section / f"{section}.ipynb")
        stub = read_notebook(kit / "exercises" / section / f"{section}.ipynb")
        explained[item] = [exercise_answer(model, exercise), exercise_answer(stub, exercise)]
    return explained


def grade_exam(record: ExamRecord, returned: Path, work: Path, kit: Path = REPO_ROOT,
               containment: ContainmentMode = ContainmentMode.AUTO, timeout: float = 120.0,
               jobs: Optional[int] = None,
               progress: Optional[Callable[[int, int, CandidateResult], None]] = None
               ) -> Tuple[List[CandidateResult], List[str]]:
    """Every candidate's result (in the record's order) and the returned folder's unmatched entries."""
    bundles, unmatched = read_returns(returned, record, work)
    results: List[CandidateResult] = []
    workers = jobs or max(1, min(len(bundles), os.cpu_count() or 1))
    with ThreadPoolExecutor(max_workers=workers) as pool:  # each grading is a process of its own
        futures = [pool.submit(_grade_one, record, bundles[code], kit, containment, timeout) for code in bundles]
        for done, future in enumerate(futures, start=1):
            results.append(future.result())
            if progress:
                progress(done, len(futures), results[-1])
    explained = model_answers(record, kit)
    by_code = {result.code: result for result in results}
    for pair in alike_pairs({result.code: result.answers for result in results}, explained):
        items = ", ".join(pair.items) or "their shared items"
        for code, other in ((pair.first, pair.second), (pair.second, pair.first)):
            by_code[code].evidence.append(Evidence("alike", f"answers alike with {other}'s (similarity "
                                                            f"{pair.similarity:.2f} on {items})"))
    return results, unmatched
