"""A small exercise notebook in the builder's shape, for the floor's tests: two exercises between set-up code and
the progress widget, every cell's metadata as the builder writes it."""
from typing import Any, Dict, List, Optional

from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from stylekit.notebooks.schema import (ROLE_GIVEN, ROLE_GRADED, ROLE_SOLUTION, ROLE_TASK, ROLE_VISIBLE_CHECK,
                                       ROLE_WIDGET, kit_metadata, nbgrader_fields, set_kit_metadata,
                                       set_nbgrader_metadata)


def _cell(source: str, role: Optional[str] = None, exercise: Optional[str] = None,
          nbgrader: Optional[Dict[str, Any]] = None, markdown: bool = False) -> Any:
    cell = new_markdown_cell(source) if markdown else new_code_cell(source)
    kit = {key: value for key, value in (("exercise", exercise), ("role", role)) if value is not None}
    if kit:
        set_kit_metadata(cell, kit)
    if nbgrader is not None:
        set_nbgrader_metadata(cell, nbgrader)
    return cell


def _exercise(name: str, given: bool = True) -> List[Any]:
    """One exercise in the builder's shape: task, given code, answer, quick check, graded cell, rubric widget."""
    cells = [_cell(f"## {name}", ROLE_TASK, name, markdown=True)]
    if given:
        cells.append(_cell(f"GIVEN_{name} = 1", ROLE_GIVEN, name,
                           nbgrader_fields(f"{name}_given", grade=False, solution=False, locked=True)))
    cells.append(_cell(f"def {name}(): ...", ROLE_SOLUTION, name,
                       nbgrader_fields(f"{name}_solution", grade=False, solution=True, locked=False)))
    cells.append(_cell(f"assert {name}", ROLE_VISIBLE_CHECK, name))
    graded = _cell(f'check_exercise("{name}")', ROLE_GRADED, name,
                   nbgrader_fields(f"{name}_graded", grade=True, solution=False, locked=True, points=4))
    set_kit_metadata(graded, {**kit_metadata(graded), "patterns": ["types.hints"], "style_points": 1})
    cells.append(graded)
    cells.append(_cell(f'ExerciseRubric("{name}", section="types", patterns=["types.hints"])', ROLE_WIDGET, name))
    return cells


def section_notebook() -> Any:
    """Index: 0 intro, 1 set-up code, 2-7 exercise first, 8-13 exercise second, 14 progress widget."""
    cells = [_cell("# Types", markdown=True), _cell("import math"), *_exercise("first"), *_exercise("second"),
             _cell("ProgressView()", ROLE_WIDGET)]
    notebook = new_notebook(cells=cells)
    set_kit_metadata(notebook, {"section": "types", "patterns": ["types.hints"]})
    return notebook
