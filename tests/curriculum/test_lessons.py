"""Every lesson keeps its promises: bad code triggers the rules it names, good code is clean, each "your turn"
starts with a finding and has a fix that meets its patterns, every part asks the learner to act early, the
lesson covers its section and runs top to bottom in a real kernel, and no prose is copied from the guide."""
import re
from pathlib import Path
from typing import Dict, List, Tuple

import nbformat
import pytest
from nbclient import NotebookClient

from stylekit.notebooks.schema import kit_metadata
from stylekit.curriculum.source import Block, Document, SectionSource, load_section, split_your_turn, taught_sections
from stylekit.engine import check_source
from stylekit.patterns import load_catalogue
from stylekit.widgets.rubric import MET, pattern_states
from stylekit.workspace import update_workspace
from tests.conftest import REPO_ROOT, SHIPPED_GUIDE

SOURCES = [load_section(REPO_ROOT, section) for section in taught_sections(REPO_ROOT)]
LESSONS = [source for source in SOURCES if source.lesson is not None]
ACTIONS = ("lesson-your-turn", "lesson-quiz")
CELLS_BEFORE_ACTION = 4  # a part asks the learner to do something within its first four cells
SHARED_WORDS = 8  # prose sharing this many words in a row with the guide counts as copied


def _blocks(kind: str) -> List[Tuple[str, Block]]:
    return [(f"{source.section.folder}:{block.line}", block) for source in LESSONS
            for block in _lesson(source).blocks(kind)]


def _lesson(source: SectionSource) -> Document:
    assert source.lesson is not None
    return source.lesson


def _ids(pairs: List[Tuple[str, Block]]) -> List[str]:
    return [name for name, _ in pairs]


@pytest.mark.parametrize("where, block", _blocks("bad"), ids=_ids(_blocks("bad")))
def test_WHEN_bad_snippet_checked_THEN_each_named_rule_reports_it(where: str, block: Block) -> None:
    expected = sorted(block.arguments)
    actual = sorted(rule for rule in block.arguments if rule in check_source(block.code).rules())
    assert expected == actual


@pytest.mark.parametrize("where, block", _blocks("good"), ids=_ids(_blocks("good")))
def test_WHEN_good_code_checked_THEN_clean(where: str, block: Block) -> None:
    expected: List[str] = []
    # Checked as notebook code, which is where the block runs (position rules read a notebook as cells).
    actual = [f"line {finding.line}: {finding.rule} {finding.message}"
              for finding in check_source(block.code, is_notebook=True).findings]
    assert expected == actual


@pytest.mark.parametrize("where, block", _blocks("your-turn"), ids=_ids(_blocks("your-turn")))
def test_WHEN_your_turn_checked_THEN_starter_has_a_finding_and_fix_meets_every_pattern(where: str, block: Block
                                                                                        ) -> None:
    starter, fixed = split_your_turn(block)
    fixed_report = check_source(fixed)

    expected = (True, [], {pattern: MET for pattern in block.arguments})
    actual = (bool(set(block.arguments) & set(check_source(starter).patterns())),
              [f"{finding.rule} {finding.message}" for finding in fixed_report.findings],
              pattern_states(block.arguments, fixed_report))
    assert expected == actual


def test_WHEN_given_modules_checked_THEN_clean() -> None:
    expected: Dict[str, List[str]] = {}
    actual = {f"{source.section.folder}/{name}": [f"{finding.line}: {finding.rule}" for finding in
                                                   check_source(text, path=name).findings]
              for source in SOURCES for name, text in source.given_modules.items()}
    assert expected == {name: findings for name, findings in actual.items() if findings}


@pytest.mark.parametrize("source", LESSONS, ids=[source.section.folder for source in LESSONS])
def test_WHEN_lesson_front_matter_read_THEN_every_pattern_of_its_section_listed(source: SectionSource) -> None:
    expected = sorted(pattern.id for pattern in load_catalogue().patterns_of(source.section.id))
    actual = sorted(_lesson(source).meta["patterns"])
    assert expected == actual


@pytest.mark.parametrize("source", LESSONS, ids=[source.section.folder for source in LESSONS])
def test_WHEN_lesson_parts_read_THEN_each_asks_for_an_action_within_its_first_cells(source: SectionSource) -> None:
    notebook = nbformat.read(str(REPO_ROOT / "notebooks" / source.section.lesson_notebook), as_version=4)
    starts = [index for index, cell in enumerate(notebook.cells)
              if cell.cell_type == "markdown" and cell.source.startswith("## ")]
    passive = [notebook.cells[start].source.splitlines()[0] for start in starts
               if not any(kit_metadata(cell).get("role") in ACTIONS
                          for cell in notebook.cells[start:start + CELLS_BEFORE_ACTION])]

    expected = (True, [])
    actual = (len(starts) >= 3, passive)
    assert expected == actual


def _words(text: str) -> List[str]:
    return re.findall(r"[a-z0-9_]+", text.lower())


def _shingles(words: List[str]) -> set:
    return {" ".join(words[index:index + SHARED_WORDS]) for index in range(len(words) - SHARED_WORDS + 1)}


def test_WHEN_prose_compared_with_the_guide_THEN_no_eight_word_sequence_shared() -> None:
    guide = _shingles(_words((SHIPPED_GUIDE / "STYLE_GUIDE.md").read_text()))
    markdown = {str(path.relative_to(REPO_ROOT)): path.read_text()
                for path in sorted((REPO_ROOT / "sections").rglob("*.md"))}
    for path in sorted((REPO_ROOT / "notebooks").glob("*.ipynb")):
        notebook = nbformat.read(str(path), as_version=4)
        markdown[str(path.relative_to(REPO_ROOT))] = "\n".join(cell.source for cell in notebook.cells
                                                               if cell.cell_type == "markdown")

    expected: Dict[str, List[str]] = {}
    actual = {name: sorted(_shingles(_words(text)) & guide) for name, text in markdown.items()}
    assert expected == {name: shared for name, shared in actual.items() if shared}


LESSON_NOTEBOOKS = sorted((REPO_ROOT / "notebooks").glob("*.ipynb"))


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A learner's workspace made from the kit, as `make lab` makes it: lessons run there, beside the released
    exercises and the modules they give, with no solutions/ anywhere near."""
    folder = tmp_path_factory.mktemp("learner") / "workspace"
    update_workspace(folder, REPO_ROOT)
    return folder


@pytest.mark.parametrize("name", [path.name for path in LESSON_NOTEBOOKS],
                         ids=[path.stem for path in LESSON_NOTEBOOKS])
def test_WHEN_lesson_executed_in_a_workspace_THEN_no_cell_errors(name: str, workspace: Path, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STYLEKIT_PROGRESS", str(tmp_path / "progress.json"))  # quizzes never touch the user's own
    path = workspace / "notebooks" / name
    notebook = nbformat.read(str(path), as_version=4)
    NotebookClient(notebook, timeout=180, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()

    expected: List[str] = []
    actual = [f"cell {cell.get('id')}: {output.get('ename')}: {output.get('evalue')}" for cell in notebook.cells
              if cell.cell_type == "code" for output in cell.outputs if output.output_type == "error"]
    assert expected == actual
