"""What a learner's code prints or raises reaches the feedback page, grades.csv, the LMS files and the stored
results escaped and encodable: model.py's from_dict makes it printable, and the page escapes every value it shows
(a finding's line too)."""
import json
from pathlib import Path

from stylekit.grading.discovery import Submission
from stylekit.grading.feedback import render
from stylekit.grading.lms_export import LmsFormat, lms_csv
from stylekit.grading.model import (STATUS_GRADED, CheckResult, ExerciseVerdict, NotebookVerdict, StyleResult,
                                    SubmissionResult)
from stylekit.grading.report import feedback_path, render_page, write_feedback_page, write_grades_csv
from stylekit.grading.store import ResultStore

SCRIPT = "<script>alert(1)</script>"


def _verdict(line: object, message: str) -> ExerciseVerdict:
    finding = {"line": line, "column": 1, "rule": "SK0201", "pattern": "types.annotations", "message": message}
    return ExerciseVerdict(exercise="area", max_points=3.0,
                           checks=[CheckResult("test_area", "area(2, 3) is 6", None, 2.0, True)],
                           style=StyleResult(points=1.0, earned=0.0, findings=[finding]))


def _result(learner: str, line: object, text: str) -> SubmissionResult:
    notebook = NotebookVerdict(exercises={"area": _verdict(line, text)}, problems=[f"cell 1 raised {text}"],
                               output=text)
    return SubmissionResult(learner, "02_type_system", STATUS_GRADED, 2.0, 3.0, notebooks={"02_type_system": notebook})


def test_WHEN_finding_line_and_learner_text_hold_script_THEN_feedback_page_escapes_both() -> None:
    page = render_page(_result("ada", SCRIPT, SCRIPT))

    escaped = "&lt;script&gt;alert(1)&lt;/script&gt;"
    expected = (0, True, 4)  # none raw; escaped as the line, and in the message, the problem and the output
    actual = (page.count("<script"), f"line {escaped}:" in page, page.count(escaped))
    assert expected == actual


def test_WHEN_stored_result_holds_lone_surrogates_THEN_loaded_printable_and_every_file_is_utf8(tmp_path: Path) -> None:
    # As a grading process answers, and as a run before this fix stored it: JSON escapes of lone surrogates.
    raw = json.dumps(_result("caf\udce9", 7, "printed \ud800").to_dict())
    store = ResultStore(tmp_path)
    store.path("ada", "02_type_system").parent.mkdir(parents=True)
    store.path("ada", "02_type_system").write_text(raw)

    loaded = store.load(Submission("ada", "02_type_system", Path()))
    assert loaded is not None
    page = write_feedback_page(tmp_path, loaded)
    write_grades_csv(tmp_path / "grades.csv", [loaded])

    expected = ("caf\\udce9", "printed \\ud800", ["cell 1 raised printed \\ud800"], True, True, True,
                "Username,stylekit 02_type_system\ncaf\\udce9,2\n")
    actual = (loaded.learner, loaded.notebooks["02_type_system"].output, loaded.notebooks["02_type_system"].problems,
              "printed \\ud800" in page.read_bytes().decode("utf-8"),
              "caf\\udce9" in (tmp_path / "grades.csv").read_bytes().decode("utf-8"),
              "line 7: SK0201 printed \\ud800" in render(loaded.notebooks["02_type_system"].exercises["area"]),
              lms_csv([loaded], LmsFormat.MOODLE))
    assert expected == actual


def test_WHEN_result_made_in_process_holds_surrogates_THEN_its_printable_copy_has_none() -> None:
    made = _result("ada", 7, "\ud800")
    made.reason = "the grader crashed: UnicodeEncodeError: can't encode '\ud800'"

    copy = made.printable_copy()
    style = copy.notebooks["02_type_system"].exercises["area"].style
    assert style is not None

    expected = ("the grader crashed: UnicodeEncodeError: can't encode '\\ud800'", "\\ud800",
                "\\ud800", feedback_path(Path(), "ada", "02_type_system"))
    actual = (copy.reason, copy.notebooks["02_type_system"].output,
              style.findings[0]["message"],
              feedback_path(Path(), copy.learner, copy.assignment))
    assert expected == actual


def test_WHEN_judgement_check_failed_THEN_page_and_cell_feedback_quote_its_lines_escaped_passed_ones_not() -> None:
    checks = [CheckResult("test_comments", "Comments say why", "docs.why-comments", 1.0, False,
                          detail=f"line 3: x = 1  # {SCRIPT}"),
              CheckResult("test_docstring", "Docstring explains", "docs.minimal-docstrings", 1.0, True,
                          detail="line 9: member: the member")]
    verdict = ExerciseVerdict(exercise="fee", max_points=2.0, checks=checks)
    result = SubmissionResult("ada", "03_documentation", STATUS_GRADED, 1.0, 2.0,
                              notebooks={"03_documentation": NotebookVerdict(exercises={"fee": verdict})})

    page, text = render_page(result), render(verdict)
    expected = (True, 0, False, True, False)
    actual = ("line 3: x = 1  # &lt;script&gt;" in page, page.count("<script"), "member: the member" in page,
              f"        line 3: x = 1  # {SCRIPT}" in text, "member: the member" in text)
    assert expected == actual
