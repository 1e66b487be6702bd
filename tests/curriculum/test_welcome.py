"""The welcome notebook is honest about what exists, its links lead somewhere, and its demonstrations work."""
import re
from pathlib import Path
from typing import Dict, List, Tuple

import nbformat
import pytest
from nbclient import NotebookClient

from stylekit.curriculum.source import (WELCOME_FILE, Block, load_lesson, sections_root, split_your_turn,
                                        taught_sections)
from stylekit.engine import check_source
from stylekit.findings import Severity
from stylekit.widgets.rubric import MET, pattern_states
from stylekit.workspace import update_workspace
from tests.conftest import REPO_ROOT

WELCOME = REPO_ROOT / "notebooks" / "00_welcome.ipynb"
LINK = re.compile(r"\]\((?:<(?P<angled>[^>]+)>|(?P<inline>[^)\s]+))(?:\s+\"[^\"]*\")?\)"  # [text](target "title")
                  r"|^\s*\[[^\]]+\]:\s*(?P<reference>\S+)", re.MULTILINE)  # [label]: target
EXTERNAL = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)  # https:, mailto:, ...
# What the kit ships so that the lessons' citations can be read in a learner's clone (no ../shared there): copied into
# the learner's workspace, where the welcome notebook is opened.
GUIDE_LINKS = ["../guide/CALIBRATION.md", "../guide/ERRATA.md", "../guide/STYLE_GUIDE.md"]
# The welcome's prose that says what is taught today and in which order: it must name the taught sections only.
HONEST_PARTS = ("## What there is, today", "## A suggested path")


def _markdown() -> str:
    notebook = nbformat.read(str(WELCOME), as_version=4)
    return "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")


def _relative_links(markdown: str) -> List[str]:
    """Every link target that is a path in the kit: neither a URL nor an anchor in the same notebook."""
    targets = [match.group("angled") or match.group("inline") or match.group("reference")
               for match in LINK.finditer(markdown)]
    return [target.split("#", 1)[0] for target in targets
            if not EXTERNAL.match(target) and not target.startswith("#")]


def test_WHEN_welcome_links_followed_in_a_workspace_THEN_every_target_exists(tmp_path: Path) -> None:
    update_workspace(tmp_path / "workspace", REPO_ROOT)  # where `make lab` opens the welcome notebook
    opened = tmp_path / "workspace" / "notebooks" / WELCOME.name
    targets = _relative_links(_markdown())

    expected = ([], GUIDE_LINKS)
    actual = ([target for target in targets if not (opened.parent / target).is_file()],
              sorted(target for target in set(targets) if target in GUIDE_LINKS))
    assert expected == actual


def test_WHEN_links_of_every_kind_read_THEN_paths_found_and_urls_and_anchors_left_alone() -> None:
    markdown = ('[a](../a.md) [b](b.md#part "title") ![c](<c d.png>) [e](https://example.org/e.md) [f](#top)\n'
                "[g]: ../g.md\n")

    expected = ["../a.md", "b.md", "c d.png", "../g.md"]
    actual = _relative_links(markdown)
    assert expected == actual


def _honest_prose() -> str:
    parts = re.split(r"(?m)^(?=## )", _markdown())
    return "\n".join(part for part in parts if part.startswith(HONEST_PARTS))


def test_WHEN_welcome_says_what_is_taught_and_in_what_order_THEN_it_names_the_taught_sections_only() -> None:
    expected = (sorted(section.number for section in taught_sections(REPO_ROOT)), len(HONEST_PARTS))
    actual = (sorted({int(number) for number in re.findall(r"§(\d+)", _honest_prose())}),
              len(re.findall(r"(?m)^## ", _honest_prose())))
    assert expected == actual


def test_WHEN_severities_explained_THEN_every_severity_has_a_row() -> None:
    expected = [severity.value for severity in Severity]
    actual = re.findall(r"(?m)^\| \*\*(\w+)\*\* \|", _markdown())
    assert expected == actual


def _your_turn_promises(block: Block) -> Tuple[bool, List[str], Dict[str, str]]:
    """Whether the starting code shows a finding of a named pattern; the fixed code's findings and rubric."""
    starter, fixed = split_your_turn(block)
    fixed_report = check_source(fixed)
    return (bool(set(block.arguments) & set(check_source(starter).patterns())),
            [finding.rule for finding in fixed_report.findings], pattern_states(block.arguments, fixed_report))


def test_WHEN_welcome_demonstrations_checked_THEN_bad_code_has_its_rules_and_your_turn_a_reachable_fix() -> None:
    document = load_lesson(sections_root(REPO_ROOT) / WELCOME_FILE, None)
    bad, your_turns = document.blocks("bad"), document.blocks("your-turn")

    expected = ((1, 1),
                {block.line: sorted(block.arguments) for block in bad},
                {block.line: (True, [], {pattern: MET for pattern in block.arguments}) for block in your_turns})
    actual = ((len(bad), len(your_turns)),
              {block.line: sorted(rule for rule in block.arguments if rule in check_source(block.code).rules())
               for block in bad},
              {block.line: _your_turn_promises(block) for block in your_turns})
    assert expected == actual


def test_WHEN_sections_table_read_THEN_taught_sections_linked_and_the_rest_to_come() -> None:
    rows = [line for line in _markdown().splitlines() if re.match(r"^\| \d+ \|", line)]
    taught = {section.number for section in taught_sections(REPO_ROOT)}

    expected = (12, sorted(taught))
    actual = (len(rows), sorted(int(row.split("|")[1]) for row in rows if "[lesson]" in row))
    assert expected == actual


def test_WHEN_welcome_executed_THEN_checker_and_cell_feedback_show_findings(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STYLEKIT_PROGRESS", str(tmp_path / "progress.json"))
    notebook = nbformat.read(str(WELCOME), as_version=4)
    NotebookClient(notebook, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(WELCOME.parent)}}).execute()
    printed = {cell.source: "".join(output.get("text", "") or str(output.get("data", {}))
                                    for output in cell.get("outputs", []))
               for cell in notebook.cells if cell.cell_type == "code"}

    expected = (True, True)
    actual = (any("SK0201" in text for text in printed.values()),
              any("SK0201" in text for source, text in printed.items() if source.startswith("def parcel_label")))
    assert expected == actual
