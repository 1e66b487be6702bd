"""The `stylekit` command, run as a subprocess exactly as a user or CI runs it."""
import json
import shlex
import subprocess
from pathlib import Path

import nbformat
import yaml
from nbformat.v4 import new_code_cell, new_notebook

from stylekit.patterns import load_catalogue
from tests.conftest import REPO_ROOT, STYLEKIT, run_stylekit

UNANNOTATED = "def area(width, height):\n    return width * height\n"
CLEAN = "def area(width: float, height: float) -> float:\n    return width * height\n"


def test_WHEN_lint_finds_problem_THEN_text_line_and_exit_code_one(project: Path) -> None:
    (project / "geometry.py").write_text(UNANNOTATED)

    result = run_stylekit(["lint", "geometry.py"], cwd=project)

    expected = (1, "geometry.py:1:1: SK0201 'area' needs annotations on width, height and a return type")
    actual = (result.returncode, result.stdout.strip())
    assert expected == actual


def test_WHEN_lint_on_clean_folder_THEN_exit_zero_and_summary_on_stderr(project: Path) -> None:
    (project / "pkg").mkdir()
    (project / "pkg" / "geometry.py").write_text(CLEAN)

    result = run_stylekit(["lint", "pkg"], cwd=project)

    expected = (0, "", "All clean: 1 file checked.")
    actual = (result.returncode, result.stdout, result.stderr.strip())
    assert expected == actual


def test_WHEN_lint_json_THEN_objects_carry_contract_fields(project: Path) -> None:
    (project / "geometry.py").write_text(UNANNOTATED)

    result = run_stylekit(["lint", "geometry.py", "--format", "json"], cwd=project)

    finding = json.loads(result.stdout)[0]
    expected = {"path": "geometry.py", "line": 1, "column": 1, "rule": "SK0201", "pattern": "types.annotations",
                "severity": "warning"}
    actual = {key: finding[key] for key in expected}
    assert expected == actual
    assert "message" in finding


def test_WHEN_lint_notebook_THEN_findings_name_cell(project: Path) -> None:
    nbformat.write(new_notebook(cells=[new_code_cell("import os"), new_code_cell(UNANNOTATED)]),
                   str(project / "lesson.ipynb"))

    result = run_stylekit(["lint", "lesson.ipynb", "--format", "json"], cwd=project)

    expected = [(1, 1, "SK0201")]
    actual = [(item["cell"], item["line"], item["rule"]) for item in json.loads(result.stdout)
              if item["rule"] == "SK0201"]
    assert expected == actual


def test_WHEN_path_does_not_exist_THEN_usage_error_exit_two(project: Path) -> None:
    result = run_stylekit(["lint", "missing.py"], cwd=project)

    expected = (2, True)
    actual = (result.returncode, "does not exist" in result.stderr)
    assert expected == actual


def test_WHEN_file_is_binary_or_notebook_is_malformed_THEN_finding_not_crash(project: Path) -> None:
    (project / "blob.py").write_bytes(b"\x00\x01\x02binary")
    (project / "broken.ipynb").write_text('{"cells": [')

    result = run_stylekit(["lint", "blob.py", "broken.ipynb", "--format", "json"], cwd=project)

    expected = (1, [("blob.py", "SK0000"), ("broken.ipynb", "SK0000")])
    actual = (result.returncode, [(item["path"], item["rule"]) for item in json.loads(result.stdout)])
    assert expected == actual


def test_WHEN_pyproject_configures_kit_THEN_lint_obeys_it(project: Path) -> None:
    (project / "pyproject.toml").write_text('[tool.stylekit]\nignore = ["SK0201"]\n')
    (project / "geometry.py").write_text(UNANNOTATED)

    result = run_stylekit(["lint", "geometry.py"], cwd=project)

    expected = (0, "")
    actual = (result.returncode, result.stdout)
    assert expected == actual


def test_WHEN_pyproject_configuration_invalid_THEN_clear_error_not_traceback(project: Path) -> None:
    (project / "pyproject.toml").write_text('[tool.stylekit]\nline-length = "wide"\n')
    (project / "geometry.py").write_text(CLEAN)

    result = run_stylekit(["lint", "geometry.py"], cwd=project)

    expected = (2, True, False)
    actual = (result.returncode, "line-length" in result.stderr, "Traceback" in result.stderr)
    assert expected == actual


def test_WHEN_rules_listed_as_json_THEN_every_static_pattern_has_a_rule() -> None:
    result = run_stylekit(["rules", "--format", "json"])

    rows = json.loads(result.stdout)
    static = {pattern.id for pattern in load_catalogue().static_patterns()}
    expected = (0, 42, set(), True)
    actual = (result.returncode, len(static), static - {row["pattern"] for row in rows},
              all(set(row) >= {"id", "name", "pattern", "severity", "summary"} for row in rows))
    assert expected == actual


def test_WHEN_rule_shown_THEN_documentation_printed() -> None:
    result = run_stylekit(["rule", "sk0201"])

    expected = (0, "# SK0201 missing-annotation")
    actual = (result.returncode, result.stdout.splitlines()[0])
    assert expected == actual


def test_WHEN_unknown_rule_shown_THEN_usage_error_exit_two() -> None:
    result = run_stylekit(["rule", "SK9999"])

    expected = (2, True)
    actual = (result.returncode, "No rule is called 'SK9999'" in result.stderr)
    assert expected == actual


def test_WHEN_module_beside_checked_file_THEN_its_import_counts_as_local(project: Path) -> None:
    # With pricing.py beside it, `import pricing` is local and belongs in its own group after requests.
    source = "import json\n\nimport pricing\nimport requests\n\nPRICES = (json, pricing, requests)\n"
    (project / "orders.py").write_text(source)
    (project / "pricing.py").write_text("RATE = 0.2  # VAT\n")
    with_sibling = run_stylekit(["lint", "orders.py"], cwd=project)
    (project / "pricing.py").unlink()

    without_sibling = run_stylekit(["lint", "orders.py"], cwd=project)

    expected = (["SK0603"], [])
    actual = ([line.split()[1] for line in with_sibling.stdout.splitlines()],
              [line.split()[1] for line in without_sibling.stdout.splitlines()])
    assert expected == actual


def test_WHEN_pre_commit_hook_entry_runs_on_files_THEN_it_reports_like_lint(project: Path) -> None:
    hooks = yaml.safe_load((REPO_ROOT / ".pre-commit-hooks.yaml").read_text())
    entry = shlex.split(hooks[0]["entry"])
    (project / "geometry.py").write_text(UNANNOTATED)
    (project / "clean.py").write_text(CLEAN)

    result = subprocess.run([str(Path(STYLEKIT).parent / entry[0]), *entry[1:], "geometry.py", "clean.py"],
                            cwd=project, capture_output=True, text=True, timeout=120)

    expected = (1, ["geometry.py:1:1: SK0201"])
    actual = (result.returncode, [line.split(" '")[0] for line in result.stdout.splitlines()])
    assert expected == actual
