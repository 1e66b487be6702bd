"""The engine: positions, waivers, settings, robustness."""
import ast
import subprocess
import sys
from typing import List

import pytest

from stylekit import Settings, check_source
from stylekit.findings import Finding, Severity, StyleReport
from stylekit.rules.types.missing_annotation import MissingAnnotation

UNANNOTATED = "def area(width, height):\n    return width * height\n"


def _rules(report: StyleReport) -> List[str]:
    return [finding.rule for finding in report.findings]


def test_WHEN_unannotated_function_checked_THEN_finding_has_rule_pattern_and_position() -> None:
    report = check_source(UNANNOTATED, path="geometry.py")

    finding = report.findings[0]
    expected = ("SK0201", "types.annotations", Severity.WARNING, 1, 1, 2, 26, "geometry.py")
    actual = (finding.rule, finding.pattern, finding.severity, finding.line, finding.column, finding.end_line,
              finding.end_column, finding.path)
    assert expected == actual


def test_WHEN_line_has_non_ascii_text_THEN_column_counts_characters_not_bytes() -> None:
    source = "def greet(name: str) -> str:\n    return 'héllo ' + name\n\n\n" + "héllo = 1; " + UNANNOTATED

    report = check_source(source, settings=Settings(select=("SK0201",)))

    expected = [12]
    actual = [finding.column for finding in report.findings]
    assert expected == actual


def test_WHEN_line_carries_waiver_for_rule_THEN_that_finding_is_dropped() -> None:
    source = "def area(width, height):  # stylekit: ignore[SK0201] legacy signature kept for callers\n    return 1\n"

    report = check_source(source)

    expected: List[str] = []
    actual = _rules(report)
    assert expected == actual


def test_WHEN_waiver_names_another_rule_THEN_finding_is_kept() -> None:
    source = "def area(width, height):  # stylekit: ignore[SK0602]\n    return 1\n"

    report = check_source(source)

    expected = ["SK0201"]
    actual = _rules(report)
    assert expected == actual


def test_WHEN_waiver_uses_rule_name_THEN_finding_is_dropped() -> None:
    source = "def area(width, height):  # stylekit: ignore[missing-annotation]\n    return 1\n"

    actual = _rules(check_source(source))

    assert [] == actual


def test_WHEN_settings_ignore_rule_THEN_rule_does_not_run() -> None:
    actual = _rules(check_source(UNANNOTATED, settings=Settings(ignore=("SK0201",))))

    assert "SK0201" not in actual


def test_WHEN_settings_select_section_THEN_only_its_rules_run() -> None:
    source = UNANNOTATED + "def test_thing():\n    assert 1 == 1\n"

    report = check_source(source, settings=Settings(select=("testing",)))

    expected = ["SK0502"]
    actual = sorted(set(_rules(report)))
    assert expected == actual


def test_WHEN_settings_override_severity_THEN_finding_carries_override() -> None:
    settings = Settings(select=("SK0201",), severity=(("SK0201", Severity.ERROR),))

    report = check_source(UNANNOTATED, settings=settings)

    expected = [Severity.ERROR]
    actual = [finding.severity for finding in report.findings]
    assert expected == actual


def test_WHEN_line_length_configured_THEN_limit_applies() -> None:
    source = "NAME = 'x'  # " + "a" * 60 + "\n"

    report = check_source(source, settings=Settings(select=("SK0602",), line_length=40))

    expected = ["SK0602"]
    actual = _rules(report)
    assert expected == actual


@pytest.mark.parametrize("source", ["def f(:\n    pass\n", "x = (1,\n", "if True:\npass\n", "x = 1 +\n"])
def test_WHEN_source_has_syntax_error_THEN_one_syntax_finding_with_line(source: str) -> None:
    report = check_source(source)

    expected = (["SK0000"], True)
    actual = (_rules(report), report.findings[0].line >= 1 and "Syntax error" in report.findings[0].message)
    assert expected == actual


@pytest.mark.parametrize("source", [
    "", "\n\n\n", "# only a comment\n", "x = '\0'\n", "\0\0\0", "(" * 300 + ")" * 300,
    "x = " + "-" * 100_000 + "1\n", "[" * 100_000, "\ufeffimport os\n", "\r\n".join(["x = 1"] * 10),
])
def test_WHEN_unusual_source_checked_THEN_no_exception_and_no_internal_error(source: str) -> None:
    report = check_source(source)

    assert "SK0001" not in _rules(report)


def test_WHEN_source_is_huge_THEN_one_finding_says_it_is_too_large() -> None:
    source = "x = 1\n" * 400_000

    report = check_source(source)

    expected = ["SK0000"]
    actual = _rules(report)
    assert expected == actual
    assert "too large" in report.findings[0].message


def test_WHEN_rule_crashes_THEN_internal_error_finding_replaces_exception(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken_visit(self: MissingAnnotation, node: ast.AST) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(MissingAnnotation, "visit", broken_visit)

    report = check_source(UNANNOTATED, settings=Settings(select=("SK0201",)))

    expected = ["SK0001"]
    actual = _rules(report)
    assert expected == actual


def test_WHEN_report_round_trips_through_dict_THEN_it_is_unchanged() -> None:
    report = check_source(UNANNOTATED, path="geometry.py")

    actual = StyleReport.from_dict(report.to_dict())

    assert report == actual


def test_WHEN_finding_has_no_cell_THEN_dict_has_no_cell_key() -> None:
    finding: Finding = check_source(UNANNOTATED).findings[0]

    assert "cell" not in finding.to_dict()


def test_WHEN_source_makes_parser_warn_THEN_nothing_written_to_stderr() -> None:
    # A real interpreter, because pytest's own warning capture would hide what a notebook kernel shows.
    source = "SIZE = 1if True else 2  # the parser warns: invalid decimal literal\n"
    script = f"from stylekit import check_source; check_source({source!r})"

    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)

    expected = (0, "")
    actual = (result.returncode, result.stderr)
    assert expected == actual


def test_WHEN_file_waiver_names_rule_THEN_rule_dropped_everywhere_in_file() -> None:
    source = "# stylekit: ignore-file[SK0201] generated bindings keep the C names\n" + UNANNOTATED + "\n" + UNANNOTATED

    report = check_source(source, settings=Settings(select=("SK0201", "SK0502")))

    expected: List[str] = []
    actual = _rules(report)
    assert expected == actual


def test_WHEN_file_waiver_has_no_rules_THEN_every_finding_dropped() -> None:
    source = "# stylekit: ignore-file deliberately imperfect sample\n" + UNANNOTATED + "def test_x():\n    pass\n"

    actual = _rules(check_source(source))

    assert [] == actual


def test_WHEN_source_uses_python_3_12_f_strings_THEN_checked_there_or_told_why_not() -> None:
    """PEP 701 lets an f-string reuse its own quotes: valid on 3.12, unreadable to 3.11's parser."""
    source = 'names = ["ada"]\nGREETING = f"hello {", ".join(names)}"\n'

    report = check_source(source, path="greeting.py")

    syntax = [finding.message for finding in report.findings if finding.rule == "SK0000"]
    explained = ["run stylekit with the project's Python" in message for message in syntax]
    expected = [] if sys.version_info >= (3, 12) else [True]
    assert expected == explained
