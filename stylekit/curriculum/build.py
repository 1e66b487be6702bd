"""The section builder: turns each section's source (sections/NN_slug/) into every file learners and graders use.

`build()` writes the lesson (notebooks/NN_slug.ipynb), nbgrader's source notebook and the modules it gives
(solutions/NN_slug/), the hidden checks (autograder/checks/NN_slug/), the learner's release (exercises/NN_slug/,
through nbgrader's generate_assignment) and the welcome notebook with its table of sections.
`differences()` builds into a scratch folder and lists every committed file that is not what its source builds.
Cell ids are derived from the cells' content, so an edit to one part of a section changes only its own cells.
"""
import hashlib
import json
import logging
import shutil
import tempfile
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Sequence

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from stylekit.curriculum.source import (WELCOME_FILE, Block, Document, ExerciseSource, Markdown, SectionSource,
                                        load_lesson, load_section, quiz_of, sections_root, split_your_turn,
                                        taught_sections)
from stylekit.errors import SectionSourceError
from stylekit.notebooks.reader import read_notebook
from stylekit.notebooks.schema import (ROLE_GIVEN, ROLE_GRADED, ROLE_SOLUTION, ROLE_TASK, ROLE_VISIBLE_CHECK,
                                       ROLE_WIDGET, nbgrader_fields, set_kit_metadata, set_nbgrader_metadata)
from stylekit.patterns import Section, load_catalogue
from stylekit.quizzes import ChoiceVerdict, seal_choices

logger = logging.getLogger(__name__)

KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
WELCOME_NOTEBOOK = "00_welcome.ipynb"
WRAP_AT = 100  # characters of a string literal per line in generated code: generated cells stay under 120
LIST_INLINE_AT = 90  # a list literal longer than this (with its indent) gets one item a line, for the same reason
BUILT_NOTE = "# Built by `stylekit build` from {source}:\n# edit that file, not this one.\n"
WIDGET_BLOCKS = ("quiz", "your-turn")  # blocks whose cell is all widget: its code is collapsed in JupyterLab
LESSON_HELPERS = {"bad": "show_findings", "your-turn": "your_turn", "quiz": "quiz"}
EQUIVALENTS_CONSTANT = "EQUIVALENTS"  # what stylekit/grading/mutation.py reads from a check module
EQUIVALENTS_NOTE = (
    "\n\n# Other correct implementations, the {{equivalent}} blocks of {source},\n"
    "# as name: {{module: source}}. The learner's tests must pass on each of them, as on the reference, to catch\n"
    "# any mutant (grading/mutation.py). Each literal opens with a newline that [1:] cuts: the module's lines stay\n"
    "# whole.\n")


# -- cells ---------------------------------------------------------------------------------------------------

class CellIds:
    """Content-derived cell ids: stable across rebuilds and unaffected by edits elsewhere in the notebook."""

    def __init__(self) -> None:
        self.used: Dict[str, int] = {}

    def __call__(self, prefix: str, source: str) -> str:
        digest = hashlib.sha1(source.encode("utf-8")).hexdigest()[:8]
        base = f"{prefix}-{digest}"
        self.used[base] = self.used.get(base, 0) + 1
        return base if self.used[base] == 1 else f"{base}-{self.used[base]}"


def _code(source: str, cell_id: str, kit: Optional[Dict[str, Any]] = None,
          nbgrader: Optional[Dict[str, Any]] = None) -> Any:
    cell = new_code_cell(source.rstrip("\n"), id=cell_id)
    if kit is not None:
        set_kit_metadata(cell, kit)
    if nbgrader is not None:
        set_nbgrader_metadata(cell, nbgrader)
    return cell


def _markdown(text: str, cell_id: str, kit: Optional[Dict[str, Any]] = None) -> Any:
    cell = new_markdown_cell(text.strip("\n"), id=cell_id)
    if kit is not None:
        set_kit_metadata(cell, kit)
    return cell


def _notebook(cells: List[Any], kit: Dict[str, Any]) -> Any:
    notebook = new_notebook(cells=cells)
    notebook.metadata["kernelspec"] = KERNELSPEC
    notebook.metadata["language_info"] = {"name": "python"}
    set_kit_metadata(notebook, kit)
    return notebook


# -- Python literals in generated cells ----------------------------------------------------------------------

def _code_literal(code: str) -> str:
    """A raw triple-quoted literal holding `code`, starting on its own line so that line 1 is the code's first."""
    for quote in ('"""', "'''"):
        if quote not in code and not code.endswith("\\"):
            return f"r{quote}\n{code.rstrip()}\n{quote}"
    raise ValueError("code holding both kinds of triple quotes cannot be shown through the checker")


def _text_literal(text: str, indent: int) -> str:
    """A string literal, split into implicitly joined parts at spaces so that no generated line gets long."""
    words = text.split(" ")
    parts: List[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}" if current else word
        if len(candidate) > WRAP_AT and current:
            parts.append(f"{current} ")
            current = word
        else:
            current = candidate
    parts.append(current)
    if len(parts) == 1:
        return json.dumps(text, ensure_ascii=False)
    padding = " " * (indent + 1)
    joined = f"\n{padding}".join(json.dumps(part, ensure_ascii=False) for part in parts)
    return f"({joined})"


def _list_literal(items: Sequence[str], indent: int) -> str:
    """A list of strings on one line, or one item a line when that line would get long."""
    inline = json.dumps(list(items), ensure_ascii=False)
    if indent + len(inline) <= LIST_INLINE_AT:
        return inline
    padding = " " * (indent + 4)
    listed = "".join(f"{padding}{json.dumps(item, ensure_ascii=False)},\n" for item in items)
    return f"[\n{listed}{' ' * indent}]"


def _chunked_literal(text: str, indent: int) -> str:
    """A string with no spaces (a seal) as implicitly joined parts of WRAP_AT characters at most."""
    parts = [text[start:start + WRAP_AT] for start in range(0, len(text), WRAP_AT)] or [""]
    if len(parts) == 1:
        return json.dumps(text)
    padding = " " * (indent + 1)
    joined = f"\n{padding}".join(json.dumps(part) for part in parts)
    return f"({joined})"


def _call(function: str, arguments: List[str]) -> str:
    inner = ",\n".join(f"    {argument}" for argument in arguments)
    return f"{function}(\n{inner},\n)"


# -- lessons -------------------------------------------------------------------------------------------------

def _lesson_cells(document: Document, given_modules: Dict[str, str], section: Optional[Section],
                 root: Path) -> List[Any]:
    """The cells of a lesson (or of the welcome notebook): prose as Markdown, each block as the cell its kind
    makes, and, after the title, one import of the lesson helpers the blocks use."""
    ids = CellIds()
    cells: List[Any] = []
    helpers = sorted({LESSON_HELPERS[block.kind] for block in document.items
                      if isinstance(block, Block) and block.kind in LESSON_HELPERS}
                     | {"show_type_errors" for block in document.blocks("bad") if block.options.get("mypy") == "true"})
    for item in document.items:
        if isinstance(item, Markdown):
            cells.append(_markdown(item.text, ids("md", item.text)))
        elif item.kind == "sections":
            table = _sections_table(root)
            cells.append(_markdown(table, ids("sections", table)))
        else:
            source = _lesson_block_source(document, item, given_modules, section.id if section else "welcome")
            cell = _code(source, ids(item.kind, source), kit={"role": f"lesson-{item.kind}"})
            if item.kind in WIDGET_BLOCKS:
                # JupyterLab shows only the widget: the call's source would show the quiz's answer, or the coach's
                # code twice.
                cell.metadata["jupyter"] = {"source_hidden": True}
            cells.append(cell)
        if helpers and len(cells) == 1:
            source = ("# The helpers this notebook uses, the same in every lesson (stylekit/lesson.py).\n"
                      f"from stylekit.lesson import {', '.join(helpers)}")
            cells.append(_code(source, ids("helpers", source)))
    return cells


def _lesson_block_source(document: Document, block: Block, given_modules: Dict[str, str], section_id: str) -> str:
    if block.kind in ("setup", "good", "run"):
        return block.code
    if block.kind == "given":
        name = block.arguments[0]
        return f"# {name}: the module the exercises give, exactly as they give it.\n{given_modules[name]}"
    if block.kind == "bad":
        try:
            literal = _code_literal(block.code)
        except ValueError as error:
            raise document.error(block.line, str(error))
        lines = [f"bad_code = {literal}", "show_findings(bad_code)"]
        if block.options.get("mypy") == "true":
            lines.append("show_type_errors(bad_code)")
        return "\n".join(lines)
    if block.kind == "your-turn":
        starter, _ = split_your_turn(block)
        patterns = json.dumps(block.arguments)
        return f"starting_code = {_code_literal(starter)}\nyour_turn({patterns}, starting_code)"
    if block.kind == "quiz":
        quiz = quiz_of(document, block)
        # Each choice goes out with its seal only (stylekit/quizzes.py): nothing in the cell says which is right.
        sealed = seal_choices(quiz.id, [(choice.text, ChoiceVerdict(right=index == quiz.answer, why=choice.why))
                                        for index, choice in enumerate(quiz.choices)])
        listed = "".join(f"        (\n            {_text_literal(text, 12)},\n            {_chunked_literal(seal, 12)},"
                         f"\n        ),\n" for text, seal in sealed)
        choices = f"[\n{listed}    ]"
        question = _text_literal(quiz.question, 4 + len("question="))
        return _call("quiz", [json.dumps(quiz.id), f"section={json.dumps(section_id)}", f"question={question}",
                              f"choices={choices}"])
    raise document.error(block.line, f"no cell is made from a {{{block.kind}}} block here")


def lesson_notebook(source: SectionSource, root: Path) -> Any:
    assert source.lesson is not None
    cells = _lesson_cells(source.lesson, source.given_modules, source.section, root)
    return _notebook(cells, {"kind": "lesson", "section": source.section.id,
                             "patterns": list(source.lesson.meta["patterns"])})


def welcome_notebook(root: Path) -> Any:
    document = load_lesson(sections_root(root) / WELCOME_FILE, None)
    return _notebook(_lesson_cells(document, {}, None, root), {"kind": "welcome"})


def _sections_table(root: Path) -> str:
    """Every section of the guide: its lesson and exercises where the kit has them, honestly 'to come' where not."""
    taught = {section.id: load_section(root, section) for section in taught_sections(root)}
    rows = ["| § | section | lesson | exercises | patterns |", "|---|---|---|---|---|"]
    for section in load_catalogue().ordered_sections():
        source = taught.get(section.id)
        lesson = f"[lesson]({section.folder}.ipynb)" if source and source.lesson else "to come"
        exercises = (f"[{len(source.exercises)} exercises](../exercises/{section.folder}/{section.folder}.ipynb)"
                     if source and source.exercises else "to come")
        count = len(load_catalogue().patterns_of(section.id))
        rows.append(f"| {section.number} | {section.title} | {lesson} | {exercises} | {count} |")
    return "\n".join(rows)


# -- exercise notebooks --------------------------------------------------------------------------------------

def _graded_source(exercise: str) -> str:
    return (f"# Checks exercise '{exercise}' (behaviour and style) with the hidden checks, as the grader will.\n"
            f"from stylekit.grading.selfcheck import check_exercise\n\n"
            f"check_exercise(\"{exercise}\")")


def _points_line(exercise: ExerciseSource) -> str:
    behaviour = exercise.points - exercise.style_points
    if exercise.style_points <= 0:
        return f"**Points: {exercise.points:g}**, all for behaviour: the hidden checks run your code."
    return (f"**Points: {exercise.points:g}**: {behaviour:g} from the hidden checks, {exercise.style_points:g} for "
            f"style, earned when the kit's rules find nothing of this exercise's patterns in your answer cell once "
            f"every check passes.")


def _exercise_cells(exercise: ExerciseSource, number: int, section_id: str) -> List[Any]:
    """One exercise, always in the same shape: task, given code, answer, quick check, graded cell, rubric."""
    name = exercise.id
    task = f"## Exercise {number} · {exercise.title} (`{name}`)\n\n{exercise.task.strip()}\n\n{_points_line(exercise)}"
    cells = [_markdown(task, f"{name}-task", kit={"exercise": name, "role": ROLE_TASK, "patterns": exercise.patterns})]
    if exercise.given is not None:
        cells.append(_code(exercise.given, f"{name}-given", kit={"exercise": name, "role": ROLE_GIVEN},
                           nbgrader=nbgrader_fields(f"{name}_given", grade=False, solution=False, locked=True)))
    cells.append(_code(exercise.solution_source(), f"{name}-solution",
                       kit={"exercise": name, "role": ROLE_SOLUTION, "patterns": exercise.patterns},
                       nbgrader=nbgrader_fields(f"{name}_solution", grade=False, solution=True, locked=False)))
    cells.append(_code(exercise.visible, f"{name}-visible", kit={"exercise": name, "role": ROLE_VISIBLE_CHECK}))
    cells.append(_code(_graded_source(name), f"{name}-graded",
                       kit={"exercise": name, "role": ROLE_GRADED, "patterns": exercise.patterns,
                            "style_points": exercise.style_points},
                       nbgrader=nbgrader_fields(f"{name}_graded", grade=True, solution=False, locked=True,
                                          points=exercise.points)))
    call = _call("ExerciseRubric", [json.dumps(name), f"section={json.dumps(section_id)}",
                                    f"patterns={_list_literal(exercise.patterns, 4)}"])
    rubric = ("# The patterns this exercise practises, as your latest check above judged them (met, not met yet and\n"
              f"# why, not attempted).\nfrom stylekit.widgets import ExerciseRubric\n\n{call}")
    cells.append(_code(rubric, f"{name}-rubric", kit={"exercise": name, "role": ROLE_WIDGET}))
    return cells


def exercise_notebook(section: Section, intro: Optional[Document], exercises: Sequence[ExerciseSource]) -> Any:
    """nbgrader's source notebook of one section: its introduction, its exercises, the progress view."""
    ids = CellIds()
    cells: List[Any] = []
    for item in intro.items if intro is not None else []:
        if isinstance(item, Markdown):
            cells.append(_markdown(item.text, ids("intro", item.text)))
        else:
            cells.append(_code(item.code, ids("setup", item.code)))  # the learner's code: the grader runs it
    for number, exercise in enumerate(exercises, start=1):
        cells.extend(_exercise_cells(exercise, number, section.id))
    cells.append(_markdown("## Your progress\n\nEvery section of the guide: your latest self-check results and quiz "
                           "answers.", "progress-intro"))
    cells.append(_code("from stylekit.widgets import ProgressView\n\nProgressView()", "progress",
                       kit={"role": ROLE_WIDGET}))
    patterns = list(dict.fromkeys(pattern for exercise in exercises for pattern in exercise.patterns))
    return _notebook(cells, {"section": section.id, "patterns": patterns})


# -- hidden checks -------------------------------------------------------------------------------------------

def _module_literal(source: str) -> str:
    """A raw triple-quoted literal holding a whole module, opening with a newline that [1:] cuts, so that every
    line of the module is a line of the check file, unchanged (and no longer than it is)."""
    for quote in ("'''", '"""'):
        if quote not in source:
            return f"r{quote}\n{source}{quote}[1:]"
    raise ValueError("a module holding both kinds of triple quotes cannot be embedded in the checks")


def check_module(exercise: ExerciseSource, source_name: str) -> str:
    """The built check module: the {checks} block, then the exercise's equivalents as the EQUIVALENTS constant."""
    text = f"{BUILT_NOTE.format(source=source_name)}{exercise.checks}"
    if not exercise.equivalents:
        return text
    entries = []
    for equivalent in exercise.equivalents.values():
        try:
            literal = _module_literal(equivalent.source)
        except ValueError as error:
            raise SectionSourceError(source_name, equivalent.line, str(error))
        entries.append(f"    {json.dumps(equivalent.name)}: {{{json.dumps(equivalent.module)}: {literal}}},\n")
    constant = f"{EQUIVALENTS_CONSTANT} = {{\n{''.join(entries)}}}\n"
    return f"{text}{EQUIVALENTS_NOTE.format(source=source_name)}{constant}"


# -- writing -------------------------------------------------------------------------------------------------

def _write_notebook(notebook: Any, path: Path) -> None:
    nbformat.validate(notebook)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"{nbformat.writes(notebook)}\n", encoding="utf-8")


def _replace_folder(folder: Path, files: Dict[str, str]) -> None:
    """The folder holds exactly these files afterwards: built files that are no longer built do not linger."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")


def _build_section(source: SectionSource, root: Path, out: Path) -> List[Path]:
    """Write one section's lesson, source notebook, given modules and checks under `out`."""
    folder = source.section.folder
    written: List[Path] = []
    lesson_path = out / "notebooks" / f"{folder}.ipynb"
    if source.lesson is not None:
        _write_notebook(lesson_notebook(source, root), lesson_path)
        written.append(lesson_path)
    elif lesson_path.exists():
        lesson_path.unlink()
    if source.exercises:
        solutions = out / "solutions" / folder
        _replace_folder(solutions, source.given_modules)
        _write_notebook(exercise_notebook(source.section, source.intro, source.exercises),
                        solutions / f"{folder}.ipynb")
        relative = source.folder.relative_to(root)
        checks = {f"test_{exercise.id}.py": check_module(exercise, f"{relative}/exercises/{exercise.id}.md")
                  for exercise in source.exercises}
        _replace_folder(out / "autograder" / "checks" / folder, checks)
        written.extend(sorted(solutions.iterdir()))
        written.extend(sorted((out / "autograder" / "checks" / folder).iterdir()))
    return written


def build(root: Path, only: Optional[Sequence[str]] = None, out: Optional[Path] = None,
          progress: Callable[[str], None] = logger.info) -> List[Path]:
    """Build every taught section (or `only` these, by id or folder) from `root`'s sources into `out` (default:
    `root` itself), then release the exercises through nbgrader and rebuild the welcome notebook."""
    # nbgrader is heavy: imported only when releasing
    from stylekit.nbgrader_interactions.course import generate_exercises

    out = out or root
    catalogue = load_catalogue()
    chosen = [catalogue.section(key) for key in only] if only else taught_sections(root)
    written: List[Path] = []
    released: List[str] = []
    for section in chosen:
        source = load_section(root, section)
        progress(f"§{section.number} {section.title}: lesson {'yes' if source.lesson else 'none'}, "
                 f"{len(source.exercises)} exercises")
        written.extend(_build_section(source, root, out))
        if source.exercises:
            released.append(section.folder)
    if released:
        progress(f"releasing {', '.join(released)} through nbgrader ...")
        written.extend(generate_exercises(out / "exercises", root=out, only=released))
    if (sections_root(root) / WELCOME_FILE).is_file():
        path = out / "notebooks" / WELCOME_NOTEBOOK
        _write_notebook(welcome_notebook(root), path)
        written.append(path)
    return written


def _built_paths(root: Path, sections: Sequence[Section]) -> List[Path]:
    """Every file under `root` that the builder owns for these sections (plus the welcome notebook)."""
    owned: List[Path] = [root / "notebooks" / WELCOME_NOTEBOOK]
    for section in sections:
        folder = section.folder
        owned.append(root / "notebooks" / f"{folder}.ipynb")
        for top in ("solutions", "exercises", "autograder/checks"):
            base = root / top / folder
            owned.extend(path for path in base.rglob("*") if path.is_file() and "__pycache__" not in path.parts)
    return [path for path in owned if path.is_file()]


def differences(root: Path, only: Optional[Sequence[str]] = None) -> List[str]:
    """What differs between the committed built files and a fresh build of their sources (empty: up to date)."""
    catalogue = load_catalogue()
    chosen = [catalogue.section(key) for key in only] if only else taught_sections(root)
    with tempfile.TemporaryDirectory(prefix="stylekit-build-") as folder:
        fresh_root = Path(folder)
        build(root, only=[section.id for section in chosen], out=fresh_root, progress=logger.debug)
        fresh = {path.relative_to(fresh_root): path for path in _built_paths(fresh_root, chosen)}
        # Without `only`, every section's built places are compared: a lesson left behind by a removed source shows.
        owners = chosen if only else catalogue.ordered_sections()
        committed = {path.relative_to(root): path for path in _built_paths(root, owners)}
        found = []
        for name in sorted(set(fresh) | set(committed)):
            if name not in committed:
                found.append(f"missing: {name} (run `stylekit build`)")
            elif name not in fresh:
                found.append(f"not built from any source: {name}")
            elif _content(fresh[name]) != _content(committed[name]):
                found.append(f"out of date: {name} (run `stylekit build`)")
    return found


def _content(path: Path) -> Any:
    """Notebooks compare as what they hold (key order, indentation and a source split into lines may differ), other
    files byte for byte."""
    return read_notebook(path) if path.suffix == ".ipynb" else path.read_bytes()


__all__ = ["SectionSourceError", "build", "check_module", "differences", "exercise_notebook", "lesson_notebook",
           "welcome_notebook"]
