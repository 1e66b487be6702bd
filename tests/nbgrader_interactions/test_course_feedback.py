"""`stylekit course feedback`: the kit's pages laid out for `nbgrader release_feedback`, each beside the secret of
the submission it grades; a submission that cannot be is named with the reason, and nothing graded is an error.
nbgrader's own release and the learner's fetch run in tests/jupyterhub_interactions/test_classroom_end_to_end.py."""
from pathlib import Path

import pytest

from stylekit.nbgrader_interactions.course_feedback import LaidOut, NotLaidOut, NothingGraded, lay_out_feedback


def _submission(course: Path, learner: str, collected: bool) -> None:
    folder = course / "submitted" / learner / "02_type_system"
    folder.mkdir(parents=True)
    (folder / "02_type_system.ipynb").write_text("{}")
    if collected:
        (folder / "timestamp.txt").write_text("2026-12-05 10:00:00.000000 UTC")
        (folder / "submission_secret.txt").write_text(f"secret-of-{learner}")


def _page(course: Path, learner: str) -> None:
    page = course / "graded" / "feedback" / learner / "02_type_system.html"
    page.parent.mkdir(parents=True)
    page.write_text(f"<p>feedback for {learner}</p>")


def test_WHEN_feedback_laid_out_THEN_pages_sit_beside_their_submission_secret(tmp_path: Path) -> None:
    _submission(tmp_path, "ada", collected=True)
    _submission(tmp_path, "bo", collected=False)
    _submission(tmp_path, "chen", collected=True)
    _page(tmp_path, "ada")
    _page(tmp_path, "bo")

    outcome = lay_out_feedback(tmp_path, tmp_path / "graded")

    target = tmp_path / "feedback" / "ada" / "02_type_system"
    expected = ([LaidOut("ada", "02_type_system", target / "02_type_system.html"),
                 NotLaidOut("bo", "02_type_system", "no timestamp.txt or submission_secret.txt: not collected by "
                                                    "`nbgrader collect`"),
                 NotLaidOut("chen", "02_type_system", "not graded yet")],
                "secret-of-ada", "<p>feedback for ada</p>")
    actual = (outcome, (target / "submission_secret.txt").read_text(), (target / "02_type_system.html").read_text())
    assert expected == actual


def test_WHEN_nothing_graded_THEN_error_says_to_grade_first(tmp_path: Path) -> None:
    _submission(tmp_path, "ada", collected=True)

    with pytest.raises(NothingGraded) as raised:
        lay_out_feedback(tmp_path, tmp_path / "graded")

    assert True is ("run `stylekit grade submitted --out graded`" in str(raised.value))
