"""Bad returns get a clear reason and lose nothing: a bundle of another exam, a renamed notebook, a corrupted
notebook, a corrupted zip, a candidate who returned nothing, and a stray file nobody was sent."""
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Dict, List, Tuple

import nbformat
import pytest

from stylekit.assessment.exam import load_key, load_record
from stylekit.notebooks.schema import with_answers
from stylekit.curriculum.source import load_section
from stylekit.patterns import load_catalogue
from tests.conftest import REPO_ROOT

BIN = Path(sys.executable).parent
NAMES = ["Other Exam", "Renamed Notebook", "Broken Notebook", "Broken Zip", "Nothing Returned", "Missing Notebook"]


def _stylekit(arguments: List[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / "stylekit"), *arguments], cwd=cwd, capture_output=True, text=True, timeout=900)


def _zip(folder: Path, target: Path) -> None:
    with zipfile.ZipFile(target, "w") as archive:
        for path in sorted(folder.iterdir()):
            archive.write(path, path.name)  # files at the zip's top, as some zip tools make it


def _model_answers(folder: Path) -> None:
    source = load_section(REPO_ROOT, load_catalogue().section("05_testing"))
    path = folder / "05_testing.ipynb"
    answers = {exercise.id: exercise.model_answer() for exercise in source.exercises}
    nbformat.write(with_answers(nbformat.read(str(path), as_version=4), answers), str(path))


@pytest.fixture(scope="module")
def graded(tmp_path_factory: pytest.TempPathFactory) -> Tuple[Dict[str, dict], subprocess.CompletedProcess, Path]:
    root = tmp_path_factory.mktemp("bad-returns")
    for out, key, names in (("exam", "exam-key.csv", NAMES), ("other", "other-key.csv", ["Somebody Else"])):
        built = _stylekit(["assess", "build", "--sections", "05_testing", "--forms", "1", "--candidates",
                           ",".join(names), "--out", out, "--key", key], root)
        assert 0 == built.returncode, built.stderr
    codes = {name: code for code, name in load_key(root / "exam-key.csv").items()}
    other_code = next(iter(load_key(root / "other-key.csv")))
    returned = root / "returned"
    returned.mkdir()
    bundles = root / "exam" / "bundles"
    _zip(root / "other" / "bundles" / other_code, returned / f"{codes['Other Exam']}.zip")
    renamed = root / "work" / codes["Renamed Notebook"]
    shutil.copytree(bundles / codes["Renamed Notebook"], renamed)
    _model_answers(renamed)
    (renamed / "05_testing.ipynb").rename(renamed / "my answers.ipynb")
    shutil.copytree(renamed, returned / codes["Renamed Notebook"])  # a folder, not a zip
    broken = root / "work" / codes["Broken Notebook"]
    shutil.copytree(bundles / codes["Broken Notebook"], broken)
    (broken / "05_testing.ipynb").write_text('{"cells": [ {"cell_type": "code", "sou')
    _zip(broken, returned / f"{codes['Broken Notebook']}.zip")
    (returned / f"{codes['Broken Zip']}.zip").write_bytes(b"PK\x03\x04 this is no zip")
    missing = root / "work" / codes["Missing Notebook"]
    shutil.copytree(bundles / codes["Missing Notebook"], missing)
    (missing / "05_testing.ipynb").unlink()
    _zip(missing, returned / f"{codes['Missing Notebook']}.zip")
    (returned / "stray.zip").write_bytes((bundles / f"{codes['Renamed Notebook']}.zip").read_bytes())
    completed = _stylekit(["assess", "grade", "exam", "returned", "--out", "reports", "--key", "exam-key.csv",
                           "--no-pdf"], root)
    assert 0 == completed.returncode, completed.stderr[-3000:]
    results = {result["code"]: result for result in json.loads((root / "reports" / "results.json").read_text())}
    return {name: results[code] for name, code in codes.items()}, completed, root


def test_WHEN_returns_are_bad_THEN_each_has_its_reason_and_status(graded: Tuple[Dict[str, dict], ...]) -> None:
    results = graded[0]

    expected = {"Other Exam": ("not graded", ["unusable-return"], "bundle of exam"),
                "Renamed Notebook": ("graded", ["notebook-renamed"], "came back as my answers.ipynb"),
                "Broken Notebook": ("graded", ["notebook-unreadable"], "cannot be read"),
                "Broken Zip": ("not graded", ["unusable-return"], "not a readable zip archive"),
                "Nothing Returned": ("not graded", ["nothing-returned"], "returned nothing"),
                "Missing Notebook": ("graded", ["notebook-missing"], "is not in the return")}
    actual = {name: (result["status"], sorted(item["kind"] for item in result["evidence"] if item["flag"]),
                     next((phrase for phrase in [expected[name][2]]
                           if any(phrase in item["detail"] for item in result["evidence"])), None))
              for name, result in results.items()}
    assert expected == actual


def test_WHEN_notebook_renamed_THEN_it_is_still_graded_in_full(graded: Tuple[Dict[str, dict], ...]) -> None:
    result = graded[0]["Renamed Notebook"]

    expected = sum(result["max_points"].values())
    actual = sum(verdict["score"] for verdict in result["exercises"].values())
    assert expected == actual


def test_WHEN_a_stray_file_is_returned_THEN_it_is_named_and_left_alone(graded: Tuple[Dict[str, dict], ...]) -> None:
    completed, root = graded[1], graded[2]

    expected = (True, True, True)
    actual = ("stray.zip matches no candidate" in completed.stderr, (root / "returned" / "stray.zip").is_file(),
              len(load_record(root / "exam").bundles) == len(NAMES))
    assert expected == actual
