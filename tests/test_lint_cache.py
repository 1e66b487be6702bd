"""`stylekit lint` on a whole tree: findings of unchanged files come from the cache, anything a file's findings
depend on invalidates its entry, and files shared among processes give the same findings as one by one."""
from pathlib import Path
from typing import Callable, List

import pytest

from stylekit import sources
from stylekit.findings import StyleReport
from stylekit.lint_cache import LintCache, surroundings
from stylekit.paths import REPO_ROOT
from stylekit.rules import context
from stylekit.rules.idioms import import_grouping

UNSORTED = "import os\nimport requests\nimport mylib\n\n\nprint(os, requests, mylib)\n"


def _checked(monkeypatch: pytest.MonkeyPatch) -> List[Path]:
    """Records every file actually checked (not served from the cache)."""
    seen: List[Path] = []
    real = sources.check_path

    def counting(path: Path) -> StyleReport:
        seen.append(path)
        return real(path)

    monkeypatch.setattr(sources, "check_path", counting)
    return seen


def _project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    project.mkdir()
    (project / "pyproject.toml").write_text("[project]\nname = 'p'\n")
    (project / "app.py").write_text(UNSORTED)
    (project / "clean.py").write_text("VALUE = 1\n")
    return project


def _rules(reports: List[StyleReport]) -> List[str]:
    return sorted(f"{report.path}:{finding.line}:{finding.rule} {finding.message}" for report in reports
                  for finding in report.findings)


def test_WHEN_tree_linted_twice_THEN_second_run_checks_nothing_and_finds_the_same(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = _project(tmp_path)
    files = sources.discover([project])
    cache = LintCache(tmp_path / "cache")
    first = sources.check_paths(files, cache=cache)
    seen = _checked(monkeypatch)

    second = sources.check_paths(files, cache=cache)

    expected = ([], _rules(first))
    actual = (seen, _rules(second))
    assert expected == actual


def _checked_after(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: Callable[[Path], None]) -> List[Path]:
    """Lint the project, `change` it, lint it again: the files the second run checked (not served from the cache)."""
    project = _project(tmp_path)
    files = sources.discover([project])
    cache = LintCache(tmp_path / "cache")
    sources.check_paths(files, cache=cache)
    change(project)
    seen = _checked(monkeypatch)
    sources.check_paths(files, cache=cache)
    return seen


def _edit_clean_module(project: Path) -> None:
    (project / "clean.py").write_text("value = 1\nVALUE = value\n")


def _configure_line_length(project: Path) -> None:
    from stylekit.settings import load_settings_file

    (project / "pyproject.toml").write_text("[project]\nname = 'p'\n\n[tool.stylekit]\nline-length = 100\n")
    load_settings_file.cache_clear()  # a new `stylekit lint` process reads pyproject.toml afresh


def test_WHEN_file_edited_THEN_only_it_checked_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen = _checked_after(tmp_path, monkeypatch, _edit_clean_module)

    assert [tmp_path / "project" / "clean.py"] == seen


def test_WHEN_settings_change_THEN_files_checked_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen = _checked_after(tmp_path, monkeypatch, _configure_line_length)

    assert sorted(sources.discover([tmp_path / "project"])) == sorted(seen)


def test_WHEN_neighbour_module_added_THEN_import_grouping_judged_again(tmp_path: Path) -> None:
    """`mylib` is third-party until a mylib.py appears beside app.py: then the same bytes get another finding."""
    project = _project(tmp_path)
    cache = LintCache(tmp_path / "cache")
    before = sources.check_paths([project / "app.py"], cache=cache)
    (project / "mylib.py").write_text("NAME = 'mine'\n")
    # A new `stylekit lint` process would list the folders afresh.
    surroundings.cache_clear()
    import_grouping._project_modules.cache_clear()
    context._sibling_cache.clear()

    after = sources.check_paths([project / "app.py"], cache=cache)
    fresh = sources.check_paths([project / "app.py"])

    expected = (_rules(fresh), True)
    actual = (_rules(after), _rules(before) != _rules(after))
    assert expected == actual


def test_WHEN_cache_folder_unwritable_THEN_lint_still_reports(tmp_path: Path) -> None:
    project = _project(tmp_path)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would go")

    reports = sources.check_paths(sources.discover([project]), cache=LintCache(blocker / "cache"))

    assert _rules(sources.check_paths(sources.discover([project]))) == _rules(reports)


def test_WHEN_kit_tree_checked_by_two_processes_THEN_same_findings_as_one() -> None:
    files = sources.discover([REPO_ROOT / "stylekit", REPO_ROOT / "tests" / "rules"])

    assert _rules(sources.check_paths(files, jobs=1)) == _rules(sources.check_paths(files, jobs=2))
