"""`stylekit assess build`'s plan: forms from a seed (the same seed, the same forms; neighbours differ), candidate
codes that name nobody, and clear refusals that leave nothing half built."""
import subprocess
import sys
from pathlib import Path
from typing import List

import pytest

from stylekit.assessment.exam import PRESETS, BadExamPlan, candidate_code, make_forms

BIN = Path(sys.executable).parent


def _build(arguments: List[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / "stylekit"), "assess", "build", *arguments], cwd=cwd, capture_output=True,
                          text=True, timeout=120)


def test_WHEN_forms_made_twice_from_one_seed_THEN_the_same_and_each_slot_differs() -> None:
    plan = PRESETS["90-minute"]

    first, second = make_forms(plan, 7, 2), make_forms(plan, 7, 2)

    expected = (first, [True] * len(plan.slots))
    actual = (second, [a != b for a, b in zip(first["A"], first["B"])])
    assert expected == actual


def test_WHEN_more_forms_than_choices_THEN_forms_repeat_in_turn_and_too_many_are_refused() -> None:
    plan = PRESETS["90-minute"]

    three = make_forms(plan, 7, 3)
    with pytest.raises(BadExamPlan):
        make_forms(plan, 7, 99)

    assert three["A"] == three["C"]


def test_WHEN_code_made_THEN_it_holds_no_part_of_the_name() -> None:
    code = candidate_code(3, "Amara Okafor")

    expected = (7, False, code)
    actual = (len(code), "amara" in code.lower(), candidate_code(3, "Amara Okafor"))
    assert expected == actual


@pytest.mark.parametrize("arguments, message", [
    (["--preset", "90-minute", "--out", "exam"], "name at least one candidate"),
    (["--preset", "90-minute", "--candidates", "a,a", "--out", "exam"], "a listed twice"),
    (["--preset", "90-minute", "--candidates", "a", "--out", "exam", "--key", "exam/key.csv"], "must lie outside"),
    (["--candidates", "a", "--out", "exam"], "give either --preset or --sections"),
    (["--sections", "nope", "--candidates", "a", "--out", "exam"], "No section of the guide is called 'nope'"),
])
def test_WHEN_build_asked_wrongly_THEN_refused_with_the_reason(tmp_path: Path, arguments: List[str],
                                                               message: str) -> None:
    completed = _build(arguments, tmp_path)

    expected = (2, True, False)
    actual = (completed.returncode, message in completed.stderr, (tmp_path / "exam" / "exam.json").exists())
    assert expected == actual, completed.stderr


def test_WHEN_exam_folder_holds_files_THEN_refused_and_nothing_touched(tmp_path: Path) -> None:
    (tmp_path / "exam").mkdir()
    (tmp_path / "exam" / "notes.txt").write_text("mine")

    completed = _build(["--preset", "90-minute", "--candidates", "a", "--out", "exam"], tmp_path)

    expected = (2, True, ["notes.txt"])
    actual = (completed.returncode, "already holds files" in completed.stderr,
              sorted(path.name for path in (tmp_path / "exam").iterdir()))
    assert expected == actual
