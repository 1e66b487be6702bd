"""The hiring assessment end to end: two forms of the 90-minute exam, six candidates, one grading run.

Candidates take the forms in turn (A, B, A, B, A, B): honest (A, model answers in their own words), weak (B, every
item's "wrong" variant where it has one, the stub elsewhere), copied (A, the late candidate's return, copied),
tampered (B, honest work, but a locked cell edited, another deleted and a released module changed), late (A,
honest work saved three hours after the limit) and empty (returned nothing). The grading must give every score
exactly, every integrity flag and none on the honest and weak candidates, and a PDF report whose text shows the
section scores. Everything runs for real: `stylekit assess` as a command, the contained grader, chromium's PDF.
"""
import csv
import json
import os
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from typing import Dict, List

import nbformat
import pytest
from pypdf import PdfReader

from stylekit.assessment.exam import ExamRecord, load_key, load_record
from stylekit.notebooks.schema import with_answers
from stylekit.curriculum.source import ExerciseSource, load_section
from stylekit.patterns import load_catalogue
from tests.conftest import REPO_ROOT

BIN = Path(sys.executable).parent
ROLES = ["honest", "weak", "copied", "tampered", "late", "empty"]
NAMES = {"honest": "Amara Okafor", "weak": "Bruno Salas", "copied": "Chen Wei", "tampered": "Dana Ivers",
         "late": "Emil Strand", "empty": "Farah Haddad"}  # in seating order
# Each candidate's own words, added to every answer: honest people explain themselves differently.
NOTES = {
    "honest": "# Walked the examples through by hand first; the edge cases at zero and at the limit convinced me.",
    "tampered": "# Kept the public names as the task gives them and let the tests below pin every boundary case.",
    "late": "# Started from the smallest case that could fail, then widened it until each branch was exercised "
            "once.",
    "weak": "# Ran out of time to check this one properly.",
}


def _stylekit(arguments: List[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / "stylekit"), *arguments], cwd=cwd, capture_output=True, text=True, timeout=1500)


def _exercise(item: str) -> ExerciseSource:
    section, exercise = item.split("/")
    source = load_section(REPO_ROOT, load_catalogue().section(section))
    return next(candidate for candidate in source.exercises if candidate.id == exercise)


def _answer(role: str, item: str) -> str:
    exercise = _exercise(item)
    if role == "weak":
        base = exercise.variants["wrong"].source if "wrong" in exercise.variants else None
        return f"{NOTES[role]}\n{base}" if base else ""
    return f"{NOTES[role]}\n{exercise.model_answer()}"


def _expected_score(role: str, items: List[str]) -> float:
    if role == "weak":
        return sum(_exercise(item).variants["wrong"].score for item in items if "wrong" in _exercise(item).variants)
    return sum(_exercise(item).points for item in items)


def _work(bundle: Path, role: str, items: List[str]) -> None:
    """The candidate fills in the answers of the bundle's notebooks, in place."""
    for notebook_path in sorted(bundle.glob("*.ipynb")):
        section = notebook_path.stem
        answers = {item.split("/")[1]: _answer(role, item) for item in items if item.startswith(f"{section}/")}
        answers = {exercise: answer for exercise, answer in answers.items() if answer}
        notebook = with_answers(nbformat.read(str(notebook_path), as_version=4), answers)
        nbformat.write(notebook, str(notebook_path))


def _tamper(bundle: Path) -> None:
    """Edit a visible check, delete a task, raise a graded cell's points, change a released module."""
    notebook_path, notebook = next((path, notebook) for path in sorted(bundle.glob("*.ipynb"))
                                   for notebook in [nbformat.read(str(path), as_version=4)]
                                   if any(cell.metadata.get("stylekit", {}).get("role") == "visible-check"
                                          for cell in notebook.cells))
    visible = next(cell for cell in notebook.cells if cell.metadata.get("stylekit", {}).get("role") == "visible-check")
    visible.source = "print('all good')"
    graded = next(cell for cell in notebook.cells if cell.metadata.get("stylekit", {}).get("role") == "graded")
    graded.metadata["stylekit"]["style_points"] = 50.0  # with its points raised too, a full answer would earn 50
    graded.metadata["nbgrader"]["points"] = 50.0
    task = next(index for index, cell in enumerate(notebook.cells)
                if cell.metadata.get("stylekit", {}).get("role") == "task")
    del notebook.cells[task]
    nbformat.write(notebook, str(notebook_path))
    module = sorted(bundle.glob("*.py"))[0]
    module.write_text(f"{module.read_text()}\n\ndef always_passes():\n    return True\n")


def _zip(folder: Path, target: Path) -> None:
    with zipfile.ZipFile(target, "w") as archive:
        for path in sorted(folder.iterdir()):
            archive.write(path, f"{folder.name}/{path.name}")


@pytest.fixture(scope="module")
def assessed(tmp_path_factory: pytest.TempPathFactory) -> Dict[str, object]:
    root = tmp_path_factory.mktemp("assessment")
    seating = ",".join(NAMES[role] for role in ROLES)
    built = _stylekit(["assess", "build", "--preset", "90-minute", "--candidates", seating, "--out", "exam",
                       "--key", "private/key.csv", "--seed", "11"], root)
    assert 0 == built.returncode, built.stderr
    record = load_record(root / "exam")
    by_name = {name: code for code, name in load_key(root / "private" / "key.csv").items()}
    codes = {role: by_name[NAMES[role]] for role in ROLES}
    returned = root / "returned"
    returned.mkdir()
    for role in ROLES:
        code = codes[role]
        if role == "empty":
            continue
        work = root / "work" / code
        shutil.copytree(root / "exam" / "bundles" / code, work)
        if role == "copied":
            continue  # copies the late candidate's work below
        _work(work, role, record.bundles[code].items)
        if role == "tampered":
            _tamper(work)
    for notebook in (root / "work" / codes["late"]).glob("*.ipynb"):
        shutil.copyfile(notebook, root / "work" / codes["copied"] / notebook.name)
        late = time.time() + 3 * 3600
        os.utime(notebook, (late, late))
    for role in ROLES:
        if role != "empty":
            _zip(root / "work" / codes[role], returned / f"{codes[role]}.zip")
    started = time.monotonic()
    graded = _stylekit(["assess", "grade", "exam", "returned", "--out", "reports", "--key", "private/key.csv"], root)
    assert 0 == graded.returncode, graded.stderr[-4000:]
    results = {result["code"]: result for result in json.loads((root / "reports" / "results.json").read_text())}
    return {"root": root, "record": record, "codes": codes, "results": results, "stderr": graded.stderr,
            "seconds": time.monotonic() - started}


def _by_role(assessed: Dict[str, object]) -> Dict[str, dict]:
    codes, results = assessed["codes"], assessed["results"]
    return {role: results[codes[role]] for role in ROLES}  # type: ignore[index]


def _score(result: dict) -> float:
    return sum(verdict["score"] for verdict in result["exercises"].values())


def test_WHEN_two_forms_built_THEN_neighbours_get_different_items(assessed: Dict[str, object]) -> None:
    record: ExamRecord = assessed["record"]  # type: ignore[assignment]
    codes: Dict[str, str] = assessed["codes"]  # type: ignore[assignment]

    forms = [record.bundles[codes[role]].form for role in ROLES]
    expected = (["A", "B", "A", "B", "A", "B"], 5, 5)
    actual = (forms, len(set(record.forms["A"]) - set(record.forms["B"])), len(record.forms["A"]))
    assert expected == actual


def test_WHEN_returns_graded_THEN_every_score_is_exact(assessed: Dict[str, object]) -> None:
    record: ExamRecord = assessed["record"]  # type: ignore[assignment]
    codes: Dict[str, str] = assessed["codes"]  # type: ignore[assignment]
    late_items = record.bundles[codes["late"]].items

    expected = {role: _expected_score("honest" if role in ("copied", "tampered", "late") else role,
                                      record.bundles[codes[role]].items) for role in ROLES if role != "empty"}
    expected["empty"] = 0.0
    actual = {role: _score(result) for role, result in _by_role(assessed).items()}
    assert expected == actual
    assert 0 < actual["weak"] < _expected_score("honest", record.bundles[codes["weak"]].items)
    assert late_items == record.bundles[codes["copied"]].items


def test_WHEN_returns_graded_THEN_each_integrity_flag_and_none_on_honest_work(assessed: Dict[str, object]) -> None:
    expected = {"honest": [], "weak": [], "copied": ["alike"], "tampered": ["file-changed", "locked-cell-deleted",
                                                                           "locked-cell-edited", "locked-cell-edited"],
                "late": ["alike", "late"], "empty": ["nothing-returned"]}
    actual = {role: sorted(item["kind"] for item in result["evidence"] if item["flag"])
              for role, result in _by_role(assessed).items()}
    assert expected == actual


def test_WHEN_forms_differ_in_points_THEN_candidates_rank_by_share_of_points(assessed: Dict[str, object]) -> None:
    root: Path = assessed["root"]  # type: ignore[assignment]
    with (root / "reports" / "cohort.csv").open(newline="") as handle:
        rows = {row["candidate"].split(" (")[0]: row for row in csv.DictReader(handle)}

    expected = {"honest": "1", "weak": "5", "copied": "1", "tampered": "1", "late": "1", "empty": ""}
    actual = {role: rows[NAMES[role]]["rank"] for role in ROLES}
    assert expected == actual


def test_WHEN_reports_written_THEN_the_pdf_shows_the_section_scores(assessed: Dict[str, object]) -> None:
    root: Path = assessed["root"]  # type: ignore[assignment]
    honest = _by_role(assessed)["honest"]
    catalogue = load_catalogue()
    sections = {}
    for item, verdict in honest["exercises"].items():
        section = catalogue.section(item.split("/")[0])
        sections[f"§{section.number} {section.title}"] = f"{verdict['score']:g} / {honest['max_points'][item]:g}"

    text = " ".join(page.extract_text() for page in PdfReader(str(root / "reports" / "candidates" /
                                                                   f"{honest['code']}.pdf")).pages)
    expected = {title: True for title in sections}
    actual = {title: f"{title} {score}" in " ".join(text.split()) for title, score in sections.items()}
    assert expected == actual
    assert NAMES["honest"] in " ".join(text.split())  # the key was given: the hiring team's copy names them


def test_WHEN_exam_built_THEN_no_answer_check_or_variant_in_any_bundle(assessed: Dict[str, object]) -> None:
    root: Path = assessed["root"]  # type: ignore[assignment]
    record: ExamRecord = assessed["record"]  # type: ignore[assignment]
    secrets = {"### BEGIN SOLUTION"}
    for item in {item for bundle in record.bundles.values() for item in bundle.items}:
        exercise = _exercise(item)
        released = (REPO_ROOT / "exercises" / item.split("/")[0] / f"{item.split('/')[0]}.ipynb").read_text()
        variants = [variant.source for variant in exercise.variants.values()]
        sources = [exercise.model_answer(), exercise.checks, *variants]
        secrets |= {line.strip() for source in sources for line in source.splitlines()
                    if len(line.strip()) > 25 and json.dumps(line.strip())[1:-1] not in released}
    texts = [path.read_text(errors="replace") for path in (root / "exam" / "bundles").rglob("*") if path.is_file()
             and path.suffix != ".zip"]
    for archive in (root / "exam" / "bundles").glob("*.zip"):
        with zipfile.ZipFile(archive) as opened:
            texts += [opened.read(name).decode(errors="replace") for name in opened.namelist()]

    leaks = sorted({secret for secret in secrets for text in texts
                    if secret in text or json.dumps(secret)[1:-1] in text})
    expected = (True, True, [])
    actual = (len(secrets) > 50, len(texts) > 12, leaks)
    assert expected == actual


def test_WHEN_graded_anonymised_THEN_no_name_in_anything_a_reviewer_sees(assessed: Dict[str, object]) -> None:
    root: Path = assessed["root"]  # type: ignore[assignment]
    graded = _stylekit(["assess", "grade", "exam", "returned", "--out", "blind", "--key", "private/key.csv",
                        "--anonymise", "--no-pdf"], root)

    seen = " ".join(path.read_text(errors="replace") for path in (root / "blind").rglob("*")
                    if path.is_file() and ".returns" not in path.parts)
    expected = (0, [], True)
    actual = (graded.returncode, [name for name in NAMES.values() if name in seen or name.split()[1] in seen],
              all(code in seen for code in assessed["codes"].values()))  # type: ignore[union-attr]
    assert expected == actual
