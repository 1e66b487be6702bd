"""The grading worker: `python -m stylekit.grading.worker REQUEST.json RESULT.json`.

A fresh process that loads the learner's code from the notebook file, runs each exercise's hidden checks
against it with pytest, adds the style points, and writes the verdicts as JSON. The parent (runner.py)
never trusts anything but that file, and treats a worker that died or overran as an ungradable notebook.
"""
import contextlib
import io
import json
import logging
import sys
import types
from pathlib import Path
from typing import Any, Dict, List, Tuple

import click
import nbformat
import pytest

from stylekit.grading.cells import (ExerciseSpec, exercise_answer, graded_exercises, learner_cells,
                                    solution_cell_indices)
from stylekit.grading.model import ExerciseVerdict, StyleResult
from stylekit.grading.plugin import CheckCollector
from stylekit.notebook import check_cells, mask_ipython
from stylekit.rules import all_rules

logger = logging.getLogger(__name__)

LEARNER_MODULE = "stylekit_learner"  # the name the learner's code is loaded under
OUTPUT_CAP_CHARS = 100_000  # learner output kept while loading; the rest is dropped, not buffered


class CappedText(io.TextIOBase):
    """A text sink that keeps the first OUTPUT_CAP_CHARS characters and counts the rest."""

    def __init__(self) -> None:
        self.kept: List[str] = []
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        if self.size < OUTPUT_CAP_CHARS:
            self.kept.append(text[:OUTPUT_CAP_CHARS - self.size])
        self.size += len(text)
        return len(text)


def load_learner_code(cells: List[Tuple[int, str]]) -> Tuple[types.ModuleType, List[str]]:
    """Run the learner's cells in order in one module, as the notebook would; a failing cell does not stop
    the rest (nbgrader runs every cell too). Returns the module and one message per failed cell."""
    module = types.ModuleType(LEARNER_MODULE)
    sys.modules[LEARNER_MODULE] = module
    problems = []
    sink = CappedText()
    for index, source in cells:
        with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
            try:
                exec(compile(mask_ipython(source), f"<cell {index}>", "exec"), module.__dict__)
            except BaseException as error:  # stylekit: ignore[SK0402] any learner failure, SystemExit included
                problems.append(f"cell {index} raised {type(error).__name__}: {error}")
    return module, problems


def style_result(spec: ExerciseSpec, notebook: Any, cells: List[Tuple[int, str]], behaviour_ok: bool) -> StyleResult:
    """Each practised pattern that a rule checks earns its share of the style points when the exercise's own
    cells have no finding for it. Style counts only once the code works."""
    checked = {rule.pattern for rule in all_rules()}
    judged = [pattern for pattern in spec.patterns if pattern in checked]
    if spec.style_points <= 0 or not judged:
        return StyleResult(points=spec.style_points, earned=spec.style_points)
    mine = set(solution_cell_indices(notebook, spec.exercise))
    if not mine:
        return StyleResult(points=spec.style_points, earned=0.0,
                           withheld_reason="The exercise's answer cell is missing, so its style cannot be judged.")
    report = check_cells(cells)
    findings = [finding for finding in report.findings if finding.cell in mine and finding.pattern in judged]
    if not behaviour_ok:
        return StyleResult(points=spec.style_points, earned=0.0, findings=[f.to_dict() for f in findings],
                           withheld_reason="Style points count once every check of the exercise passes.")
    clean = [pattern for pattern in judged if not any(finding.pattern == pattern for finding in findings)]
    earned = round(spec.style_points * len(clean) / len(judged), 2)
    return StyleResult(points=spec.style_points, earned=earned, findings=[f.to_dict() for f in findings])


def grade_exercise(spec: ExerciseSpec, notebook: Any, cells: List[Tuple[int, str]], module: types.ModuleType,
                   checks_root: Path, section: str) -> ExerciseVerdict:
    checks_file = checks_root / section / f"test_{spec.exercise}.py"
    if not checks_file.is_file():
        return ExerciseVerdict(exercise=spec.exercise, max_points=spec.points,
                               error=f"No hidden checks are installed for exercise '{spec.exercise}'")
    exercise_source = exercise_answer(notebook, spec.exercise)
    learner_source = "\n\n".join(source for _, source in cells)
    collector = CheckCollector(module, exercise_source, learner_source)
    arguments = [str(checks_file), "-q", "-p", "no:cacheprovider", "--import-mode=importlib",
                 f"--rootdir={checks_root}", "-o", "addopts=", "-W", "ignore"]
    with contextlib.redirect_stdout(CappedText()), contextlib.redirect_stderr(CappedText()):
        pytest.main(arguments, plugins=[collector])
    behaviour_ok = all(result.passed for result in collector.results)
    return ExerciseVerdict(exercise=spec.exercise, max_points=spec.points, checks=collector.results,
                           style=style_result(spec, notebook, cells, behaviour_ok))


def grade_notebook_file(notebook_path: Path, checks_root: Path) -> Dict[str, ExerciseVerdict]:
    notebook = nbformat.read(str(notebook_path), as_version=4)
    section = notebook.metadata.get("stylekit", {}).get("section", "")
    cells = learner_cells(notebook)
    module, problems = load_learner_code(cells)
    for problem in problems:
        logger.info(problem)
    return {spec.exercise: grade_exercise(spec, notebook, cells, module, checks_root, section)
            for _, spec in graded_exercises(notebook)}


@click.command()
@click.argument("request_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("result_file", type=click.Path(dir_okay=False, path_type=Path))
def main(request_file: Path, result_file: Path) -> None:
    """Grade the notebook named in REQUEST_FILE and write the verdicts to RESULT_FILE."""
    request = json.loads(request_file.read_text())
    verdicts = grade_notebook_file(Path(request["notebook"]), Path(request["checks_root"]))
    result_file.write_text(json.dumps({name: verdict.to_dict() for name, verdict in verdicts.items()}))


if __name__ == "__main__":
    main()
