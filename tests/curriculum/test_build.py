"""The section builder: what it makes of a section's source, and that every committed built file is up to date."""
import ast
from pathlib import Path
from typing import Dict, List

import nbformat
import pytest

from stylekit.curriculum.build import build, check_module, differences
from stylekit.curriculum.source import Equivalent, ExerciseSource, load_section, taught_sections
from stylekit.notebooks.schema import kit_metadata
from tests.conftest import REPO_ROOT, run_stylekit
from tests.curriculum.test_source import EXERCISE

LESSON = '''---
section: types
patterns: [types.annotations]
---
# §2 in brief

## Annotations

```{your-turn} types.annotations
def area(width, height):
    return width * height
---
def area(width: float, height: float) -> float:
    return width * height
```

```{bad} SK0201
def area(width, height):
    return width * height
```

```{quiz} types-brief
question: What does SK0201 ask for?
choices:
  - text: docstrings
    why: Docstrings are §3's subject; SK0201 is about types.
  - text: annotations
    why: It reports unannotated parameters and returns.
answer: 1
```
'''
INTRO = '''---
section: types
exercises: [area]
---
# Exercises

```{setup}
from typing import List
```
'''


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A one-lesson, one-exercise section built into a scratch repository, with a stale checks file planted."""
    root = tmp_path_factory.mktemp("repo")
    source = root / "sections" / "02_type_system"
    (source / "exercises").mkdir(parents=True)
    (source / "lesson.md").write_text(LESSON)
    (source / "exercises.md").write_text(INTRO)
    (source / "exercises" / "area.md").write_text(EXERCISE)
    stale = root / "autograder" / "checks" / "02_type_system" / "test_removed_exercise.py"
    stale.parent.mkdir(parents=True)
    stale.write_text("# an exercise that no longer exists\n")
    build(root)
    return root


def _roles(path: Path) -> List[str]:
    notebook = nbformat.read(str(path), as_version=4)
    return [kit_metadata(cell).get("role", cell.cell_type) for cell in notebook.cells]


def test_WHEN_section_built_THEN_exercise_cells_in_the_standard_order(built: Path) -> None:
    expected = ["markdown", "code", "task", "solution", "visible-check", "graded", "widget", "markdown", "widget"]
    actual = _roles(built / "solutions" / "02_type_system" / "02_type_system.ipynb")
    assert expected == actual


def test_WHEN_section_built_THEN_checks_written_and_stale_ones_removed(built: Path) -> None:
    expected = ["test_area.py"]
    actual = sorted(path.name for path in (built / "autograder" / "checks" / "02_type_system").iterdir())
    assert expected == actual
    assert "from stylekit.grading.checks import check" in (built / "autograder" / "checks" / "02_type_system" /
                                                           "test_area.py").read_text()


def test_WHEN_section_built_THEN_release_holds_the_stub_not_the_answer(built: Path) -> None:
    released = (built / "exercises" / "02_type_system" / "02_type_system.ipynb").read_text()

    expected = (False, True)
    actual = ("return width * height" in released, "raise NotImplementedError()" in released)
    assert expected == actual


def test_WHEN_lesson_built_THEN_helpers_imported_once_after_the_title(built: Path) -> None:
    notebook = nbformat.read(str(built / "notebooks" / "02_type_system.ipynb"), as_version=4)

    expected = "from stylekit.lesson import quiz, show_findings, your_turn"
    actual = notebook.cells[1].source.splitlines()[-1]
    assert expected == actual
    assert ["lesson-your-turn", "lesson-bad", "lesson-quiz"] == [
        kit_metadata(cell).get("role") for cell in notebook.cells if kit_metadata(cell).get("role")]


def test_WHEN_section_built_twice_THEN_files_identical(built: Path, tmp_path: Path) -> None:
    before = {path: path.read_bytes() for path in (built / "notebooks").glob("*.ipynb")}

    build(built, out=built)

    after = {path: path.read_bytes() for path in (built / "notebooks").glob("*.ipynb")}
    assert before == after


def test_WHEN_committed_files_compared_with_their_sources_THEN_all_up_to_date() -> None:
    expected: List[str] = []
    actual = differences(REPO_ROOT)
    assert expected == actual


def test_WHEN_built_file_edited_by_hand_THEN_differences_name_it(built: Path) -> None:
    lesson = built / "notebooks" / "02_type_system.ipynb"
    original = lesson.read_text()
    lesson.write_text(original.replace("§2 in brief", "§2 edited by hand"))
    try:
        actual = differences(built)
    finally:
        lesson.write_text(original)

    expected = ["out of date: notebooks/02_type_system.ipynb (run `stylekit build`)"]
    assert expected == actual


def test_WHEN_unknown_section_built_THEN_usage_error_names_the_sections() -> None:
    result = run_stylekit(["build", "--check", "--section", "nonsense"])

    expected = (2, True)
    actual = (result.returncode, "No section of the guide is called 'nonsense'; the sections are 01_code_organization"
              in result.stderr)
    assert expected == actual


def test_WHEN_lesson_built_THEN_widget_cells_show_only_their_widget(built: Path) -> None:
    notebook = nbformat.read(str(built / "notebooks" / "02_type_system.ipynb"), as_version=4)

    expected = {"lesson-your-turn": True, "lesson-bad": False, "lesson-quiz": True}
    actual = {kit_metadata(cell)["role"]: cell.metadata.get("jupyter", {}).get("source_hidden", False)
              for cell in notebook.cells if kit_metadata(cell).get("role")}
    assert expected == actual


TRICKY_MODULE = '''"""A module with what a literal could mangle: backslashes, both quote kinds, a long line."""
PATTERN = r"\\d+\\.\\d{2}"
LINE_END = "\\n"
SAID = 'it\\'s "quoted"'
''' + "NOTE = '" + "x" * 100 + "'\n"


def _equivalents_constant(check_source: str) -> Dict[str, Dict[str, str]]:
    """The value of a check module's EQUIVALENTS, evaluated alone (the module's checks are not run)."""
    for node in ast.parse(check_source).body:
        if isinstance(node, ast.Assign) and [getattr(target, "id", "") for target in node.targets] == ["EQUIVALENTS"]:
            return eval(compile(ast.Expression(node.value), "EQUIVALENTS", "eval"))
    return {}


def test_WHEN_check_module_built_THEN_equivalents_constant_holds_each_module_exactly() -> None:
    exercise = ExerciseSource(id="area", title="Area", points=3, style_points=1, patterns=[], task="", answer="",
                              visible="", checks="from stylekit.grading.checks import check\n",
                              equivalents={"tricky": Equivalent(name="tricky", module="shapes", source=TRICKY_MODULE,
                                                                line=1)})
    actual = _equivalents_constant(check_module(exercise, "sections/02_type_system/exercises/area.md"))

    expected = {"tricky": {"shapes": TRICKY_MODULE}}
    assert expected == actual


def test_WHEN_built_check_modules_read_THEN_equivalents_are_the_sources() -> None:
    for section in taught_sections(REPO_ROOT):
        source = load_section(REPO_ROOT, section)
        for exercise in source.exercises:
            built = (REPO_ROOT / "autograder" / "checks" / section.folder / f"test_{exercise.id}.py").read_text()

            expected = {name: {equivalent.module: equivalent.source}
                        for name, equivalent in exercise.equivalents.items()}
            assert expected == _equivalents_constant(built)
