"""A candidate's return reaches the hiring team's reports escaped and encodable: an answer or a returned file's name
holding a lone surrogate or markup cannot stop the reports or inject into them."""
from pathlib import Path

from stylekit.assessment.grading import STATUS_GRADED, CandidateResult
from stylekit.assessment.integrity import Evidence
from stylekit.assessment.report import write_reports
from stylekit.grading.model import CheckResult, ExerciseVerdict, StyleResult

ITEM = "01_code_organization/layers"
JUDGED = "organization.separation-of-concerns"  # a judgement pattern: its answers go on a review sheet
ANSWER = "def layers() -> str:\n    return '<script>\ud800'\n"


def _candidate() -> CandidateResult:
    finding = {"line": "<b>9</b>", "rule": "SK0101", "pattern": JUDGED, "message": "name '\ud800' is unclear"}
    verdict = ExerciseVerdict(exercise="layers", max_points=3.0,
                              checks=[CheckResult("test_layers", "layers keep apart", JUDGED, 2.0, True)],
                              style=StyleResult(points=1.0, earned=0.0, findings=[finding]))
    return CandidateResult(code="C1", form="A", status=STATUS_GRADED, exercises={ITEM: verdict},
                           max_points={ITEM: 3.0}, answers={ITEM: ANSWER},
                           evidence=[Evidence("file-added", "caf\udce9.<i>py</i> was not released", flag=False)])


def test_WHEN_answer_and_evidence_hold_surrogates_and_markup_THEN_reports_are_utf8_and_escaped(tmp_path: Path) -> None:
    written = write_reports([_candidate()], "EXAM1", tmp_path, names={})
    report = written.candidates[0].read_bytes().decode("utf-8")
    sheet = written.sheets[0].read_bytes().decode("utf-8")
    cohort = written.cohort.read_bytes().decode("utf-8")

    expected = (True, True, True, True, True, False)
    actual = ("caf\\udce9.&lt;i&gt;py&lt;/i&gt; was not released" in report,
              "line &lt;b&gt;9&lt;/b&gt;: name &#x27;\\ud800&#x27; is unclear" in report,
              "return &#x27;&lt;script&gt;\\ud800&#x27;" in sheet,
              "caf\\udce9.<i>py</i> was not released" in cohort,
              "<b>9</b>" not in report,
              "<script>" in sheet)
    assert expected == actual
