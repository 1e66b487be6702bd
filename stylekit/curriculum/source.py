"""Reading a section's source (sections/NN_slug/): Markdown files whose directive blocks become cells.

The format is described in sections/README.md. This module only reads and validates: every problem is a
SectionSourceError naming the file and line, so an author sees at once where the source is wrong. Turning
a source into notebooks is build.py's job.
"""
import ast
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple, Type, TypeVar, Union

import yaml

from stylekit.errors import SectionSourceError
from stylekit.patterns import Section, load_catalogue

SECTIONS_FOLDER = "sections"
LESSON_FILE = "lesson.md"
EXERCISES_FILE = "exercises.md"
EXERCISE_FOLDER = "exercises"
GIVEN_FOLDER = "given"
WELCOME_FILE = "welcome.md"

DIRECTIVE = re.compile(r"^(?P<fence>`{3,}|~{3,})\{(?P<kind>[a-z-]+)\}[ \t]*(?P<arguments>.*)$")
ANY_FENCE = re.compile(r"^(?P<fence>`{3,}|~{3,})")
OPTION = re.compile(r"^:(?P<name>[a-z-]+):[ \t]*(?P<value>.*)$")
HEADING = re.compile(r"^#{1,3} ")
FIXED_SEPARATOR = "---"  # in a {your-turn} block: the starting code above it, the fixed version below
SOLUTION_BEGIN = "### BEGIN SOLUTION"
SOLUTION_END = "### END SOLUTION"

LESSON_BLOCKS = {"setup", "good", "run", "bad", "your-turn", "quiz", "given"}
WELCOME_BLOCKS = LESSON_BLOCKS | {"sections"}
INTRO_BLOCKS = {"setup"}
EXERCISE_BLOCKS = {"given", "answer", "visible", "checks", "variant", "equivalent"}
REQUIRED_VARIANTS = ("wrong", "unstyled")
SHORTCUT_VARIANT = "shortcut"  # required where an exercise practises a judgement pattern
MUTANTS_CONSTANT = "MUTANTS"  # the checks' {name: (module, reference text, broken text)} (grading/mutation.py)
# An exercise with mutants needs this many equivalent implementations: with one or two, a test that pins a detail the
# few rewrites happen to share (a name, a line of the reference) could still pass on all of them.
MIN_EQUIVALENTS = 3


@dataclass
class Markdown:
    """Prose between blocks; `line` is where it starts in its file."""

    text: str
    line: int


@dataclass
class Block:
    """One directive block: ```{kind} arguments, then :option: lines, then its code."""

    kind: str
    arguments: List[str]
    options: Dict[str, str]
    code: str
    line: int


Item = Union[Markdown, Block]


@dataclass
class Document:
    path: Path
    meta: Dict[str, Any]
    items: List[Item]

    def blocks(self, kind: str) -> List[Block]:
        return [item for item in self.items if isinstance(item, Block) and item.kind == kind]

    def error(self, line: int, problem: str) -> SectionSourceError:
        return SectionSourceError(str(self.path), line, problem)


T_QuizChoice = TypeVar("T_QuizChoice", bound="QuizChoice")


@dataclass
class QuizChoice:
    """One choice of a quiz and why it is right or wrong: what the learner reads after picking it."""

    text: str
    why: str

    def to_dict(self) -> Dict[str, Any]:
        return {"text": self.text, "why": self.why}

    @classmethod
    def from_dict(cls: Type[T_QuizChoice], raw: Dict[str, Any]) -> T_QuizChoice:
        return cls(text=str(raw["text"]), why=str(raw["why"]))


T_Quiz = TypeVar("T_Quiz", bound="Quiz")


@dataclass
class Quiz:
    """A multiple-choice question whose answers the learner's progress records; `answer` indexes `choices`."""

    id: str
    question: str
    choices: List[QuizChoice]
    answer: int

    @property
    def why(self) -> str:
        """Why the right answer is right."""
        return self.choices[self.answer].why

    def to_dict(self) -> Dict[str, Any]:
        return {"id": self.id, "question": self.question, "choices": [choice.to_dict() for choice in self.choices],
                "answer": self.answer}

    @classmethod
    def from_dict(cls: Type[T_Quiz], raw: Dict[str, Any]) -> T_Quiz:
        return cls(id=str(raw["id"]), question=str(raw["question"]),
                   choices=[QuizChoice.from_dict(item) for item in raw["choices"]], answer=int(raw["answer"]))


@dataclass
class Variant:
    """A plausible submission of one exercise and the exact score it must earn."""

    name: str
    score: float
    why: str
    source: str


T_Equivalent = TypeVar("T_Equivalent", bound="Equivalent")


@dataclass
class Equivalent:
    """Another correct implementation of one given module, for exercises whose learners write the tests: a learner's
    tests must pass on it as on the reference, so that tests recognising the reference's text catch no mutant."""

    name: str
    module: str  # the given module it stands in for, without ".py"
    source: str  # the whole module
    line: int  # where its block starts in the exercise's file

    def to_dict(self) -> Dict[str, Any]:
        return {"name": self.name, "module": self.module, "source": self.source, "line": self.line}

    @classmethod
    def from_dict(cls: Type[T_Equivalent], raw: Dict[str, Any]) -> T_Equivalent:
        return cls(name=str(raw["name"]), module=str(raw["module"]), source=str(raw["source"]), line=int(raw["line"]))


MutantSpec = Tuple[str, str, str]  # module, text of the reference, the text that replaces it


@dataclass
class ExerciseSource:
    id: str
    title: str
    points: float
    style_points: float
    patterns: List[str]
    task: str
    answer: str
    visible: str
    checks: str
    given: Optional[str] = None
    variants: Dict[str, Variant] = field(default_factory=dict)
    equivalents: Dict[str, Equivalent] = field(default_factory=dict)

    def solution_source(self) -> str:
        """The solution cell: the answer between nbgrader's markers (lines the author put above the markers stay
        in the release)."""
        if SOLUTION_BEGIN in self.answer:
            return self.answer.rstrip("\n")
        return f"{SOLUTION_BEGIN}\n{self.answer.rstrip()}\n{SOLUTION_END}"

    def model_answer(self) -> str:
        """The answer cell as a learner who solved it would leave it: the markers dropped."""
        kept = [line for line in self.solution_source().splitlines() if line.strip() not in (SOLUTION_BEGIN,
                                                                                            SOLUTION_END)]
        joined = "\n".join(kept)
        return f"{joined}\n"

    def mutants(self) -> Dict[str, MutantSpec]:
        """The checks' MUTANTS constant (empty when they have none); {} too when the checks do not parse, which the
        tests of the checks report themselves."""
        try:
            tree = ast.parse(self.checks)
        except SyntaxError:
            return {}
        for node in tree.body:
            if isinstance(node, ast.Assign) and any(isinstance(target, ast.Name) and target.id == MUTANTS_CONSTANT
                                                    for target in node.targets):
                return {str(name): (str(module), str(original), str(broken))
                        for name, (module, original, broken) in ast.literal_eval(node.value).items()}
        return {}


@dataclass
class SectionSource:
    """Everything one section's folder holds; `lesson` and `exercises` are empty where it has none yet."""

    section: Section
    folder: Path
    lesson: Optional[Document] = None
    intro: Optional[Document] = None
    exercises: List[ExerciseSource] = field(default_factory=list)
    given_modules: Dict[str, str] = field(default_factory=dict)


def parse_document(path: Path, allowed: Sequence[str]) -> Document:
    """Front matter and items of one Markdown source file."""
    if not path.is_file():
        raise SectionSourceError(str(path), 0, "the file is missing")
    lines = path.read_text(encoding="utf-8").splitlines()
    meta, start = _front_matter(path, lines)
    document = Document(path=path, meta=meta, items=[])
    prose: List[str] = []
    prose_line = start + 1
    index = start
    while index < len(lines):
        line = lines[index]
        directive = DIRECTIVE.match(line)
        if directive is None:
            fence = ANY_FENCE.match(line)
            closing = _closing_fence(lines, index, fence.group("fence")) if fence else index
            if fence and closing is None:
                raise document.error(index + 1, f"the code fence opened here is never closed ({fence.group('fence')})")
            prose.extend(lines[index:(closing or index) + 1])
            index = (closing or index) + 1
            continue
        _flush_prose(document, prose, prose_line)
        kind = directive.group("kind")
        if kind not in allowed:
            takes = ", ".join(f"{{{name}}}" for name in sorted(allowed))
            raise document.error(index + 1, f"a {{{kind}}} block does not belong in {path.name}; it takes {takes}")
        closing = _closing_fence(lines, index, directive.group("fence"))
        if closing is None:
            raise document.error(index + 1, f"the {{{kind}}} block opened here is never closed")
        document.items.append(_block(kind, directive.group("arguments"), lines[index + 1:closing], index + 1))
        prose, prose_line, index = [], closing + 2, closing + 1
    _flush_prose(document, prose, prose_line)
    return document


def _front_matter(path: Path, lines: List[str]) -> Tuple[Dict[str, Any], int]:
    if not lines or lines[0].strip() != "---":
        return {}, 0
    for index in range(1, len(lines)):
        if lines[index].strip() == "---":
            try:
                meta = yaml.safe_load("\n".join(lines[1:index])) or {}
            except yaml.YAMLError as error:
                raise SectionSourceError(str(path), 1, f"the front matter is not valid YAML: {error}")
            if not isinstance(meta, dict):
                raise SectionSourceError(str(path), 1, "the front matter must be a YAML mapping (key: value lines)")
            return meta, index + 1
    raise SectionSourceError(str(path), 1, "the front matter opened by '---' is never closed")


def _closing_fence(lines: List[str], opening: int, fence: str) -> Optional[int]:
    for index in range(opening + 1, len(lines)):
        stripped = lines[index].strip()
        if stripped.startswith(fence[0] * len(fence)) and set(stripped) == {fence[0]}:
            return index
    return None


def _block(kind: str, arguments: str, body: List[str], line: int) -> Block:
    options: Dict[str, str] = {}
    while body and OPTION.match(body[0]):
        option = OPTION.match(body[0])
        assert option is not None
        options[option.group("name")] = option.group("value").strip()
        body = body[1:]
    code = "\n".join(body).strip("\n")
    return Block(kind=kind, arguments=arguments.split(), options=options, code=f"{code}\n" if code else "", line=line)


def _flush_prose(document: Document, prose: List[str], line: int) -> None:
    """Prose becomes Markdown items, a new one at each heading, so every heading starts its own cell."""
    current: List[str] = []
    start = line
    in_fence: Optional[str] = None
    for offset, text in enumerate(prose):
        fence = ANY_FENCE.match(text)
        if fence and in_fence is None:
            in_fence = fence.group("fence")
        elif in_fence is not None and text.strip() == in_fence:
            in_fence = None
        elif in_fence is None and HEADING.match(text) and "".join(current).strip():
            document.items.append(Markdown(text="\n".join(current).strip(), line=start))
            current, start = [], line + offset
        current.append(text)
    if "".join(current).strip():
        document.items.append(Markdown(text="\n".join(current).strip(), line=start))


# -- a section's files ---------------------------------------------------------------------------------------

def sections_root(root: Path) -> Path:
    return root / SECTIONS_FOLDER


def taught_sections(root: Path) -> List[Section]:
    """The sections that have a source folder under sections/, in the guide's order."""
    return [section for section in load_catalogue().ordered_sections()
            if (sections_root(root) / section.folder).is_dir()]


def load_section(root: Path, section: Section) -> SectionSource:
    folder = sections_root(root) / section.folder
    if not folder.is_dir():
        raise SectionSourceError(str(folder), 0, f"§{section.number} has no source folder")
    source = SectionSource(section=section, folder=folder)
    if (folder / LESSON_FILE).is_file():
        source.lesson = load_lesson(folder / LESSON_FILE, section)
    if (folder / EXERCISES_FILE).is_file():
        source.intro = parse_document(folder / EXERCISES_FILE, sorted(INTRO_BLOCKS))
        _check_section_key(source.intro, section)
        source.exercises = _load_exercises(source.intro, folder / EXERCISE_FOLDER, section)
    given = folder / GIVEN_FOLDER
    if given.is_dir():
        source.given_modules = {path.name: path.read_text(encoding="utf-8") for path in sorted(given.glob("*.py"))}
    if source.lesson is not None:
        for block in source.lesson.blocks("given"):
            _check_given_reference(source.lesson, block, source.given_modules)
    for exercise in source.exercises:
        check_equivalents(folder / EXERCISE_FOLDER / f"{exercise.id}.md", exercise, source.given_modules)
    if source.lesson is None and source.intro is None:
        raise SectionSourceError(str(folder), 0, f"holds neither {LESSON_FILE} nor {EXERCISES_FILE}")
    return source


def load_lesson(path: Path, section: Optional[Section]) -> Document:
    document = parse_document(path, sorted(WELCOME_BLOCKS if section is None else LESSON_BLOCKS))
    if section is not None:
        _check_section_key(document, section)
        patterns = document.meta.get("patterns")
        if not isinstance(patterns, list) or not patterns:
            raise document.error(1, "the front matter must list the lesson's `patterns`")
        _check_patterns(document, 1, patterns, section)
    for block in document.items:
        if isinstance(block, Block):
            _check_lesson_block(document, block)
    return document


def _check_section_key(document: Document, section: Section) -> None:
    named = document.meta.get("section")
    if named != section.id:
        raise document.error(1, f"the front matter must say `section: {section.id}` (it says {named!r})")


def _check_patterns(document: Document, line: int, patterns: List[Any], section: Optional[Section]) -> None:
    catalogue = load_catalogue()
    for pattern in patterns:
        if pattern not in catalogue.patterns:
            raise document.error(line, f"unknown pattern {pattern!r} (guide/patterns.yaml lists every pattern id)")
        if section is not None and catalogue.patterns[pattern].section != section.id:
            raise document.error(line, f"pattern {pattern} belongs to another section than §{section.number}")


def _check_lesson_block(document: Document, block: Block) -> None:
    if block.kind == "bad" and not block.arguments and block.options.get("mypy") != "true":
        raise document.error(block.line, "a {bad} block names the rules it triggers (e.g. {bad} SK0201), "
                                         "or says `:mypy: true` when only a type checker sees the slip")
    if block.kind in ("bad", "good", "run", "setup", "your-turn") and not block.code.strip():
        raise document.error(block.line, f"the {{{block.kind}}} block is empty")
    if block.kind == "your-turn":
        if not block.arguments:
            raise document.error(block.line, "a {your-turn} block names the patterns the learner works on")
        _check_patterns(document, block.line, block.arguments, None)
        starter, fixed = split_your_turn(block)
        if not fixed.strip():
            raise document.error(block.line, f"a {{your-turn}} block needs a fixed version after a "
                                             f"'{FIXED_SEPARATOR}' line")
    if block.kind == "quiz":
        quiz_of(document, block)
    if block.kind == "given" and len(block.arguments) != 1:
        raise document.error(block.line, "a {given} block names one module of the section's given/ folder")


def split_your_turn(block: Block) -> Tuple[str, str]:
    """A {your-turn} block's starting code and its fixed version."""
    lines = block.code.splitlines()
    if FIXED_SEPARATOR not in lines:
        return block.code, ""
    cut = lines.index(FIXED_SEPARATOR)
    starter, fixed = "\n".join(lines[:cut]).strip("\n"), "\n".join(lines[cut + 1:]).strip("\n")
    return f"{starter}\n", f"{fixed}\n"


def quiz_of(document: Document, block: Block) -> Quiz:
    if len(block.arguments) != 1:
        raise document.error(block.line, "a {quiz} block names its question's id, e.g. {quiz} types-any")
    try:
        raw = yaml.safe_load(block.code)
    except yaml.YAMLError as error:
        raise document.error(block.line, f"the quiz is not valid YAML: {error}")
    if not isinstance(raw, dict) or not {"question", "choices", "answer"} <= set(raw):
        raise document.error(block.line, "a quiz needs `question`, `choices` and `answer` (an index into choices)")
    if "why" in raw:
        raise document.error(block.line, "a quiz's explanations belong to its choices: give each choice a `why` "
                                         "(the right one's says why it is right) instead of one `why` for the quiz")
    choices = raw["choices"]
    if not isinstance(choices, list) or len(choices) < 2:
        raise document.error(block.line, "a quiz needs at least two `choices`")
    for number, choice in enumerate(choices, start=1):
        if not isinstance(choice, dict) or set(choice) != {"text", "why"} or not all(
                isinstance(choice[key], str) and choice[key].strip() for key in ("text", "why")):
            raise document.error(block.line, f"choice {number} of the quiz must be a map of `text` and `why` (why "
                                             f"it is right, or why it is wrong), both non-empty text")
    if len({choice["text"] for choice in choices}) != len(choices):
        raise document.error(block.line, "two choices of the quiz have the same text")
    if not isinstance(raw["answer"], int) or not 0 <= raw["answer"] < len(choices):
        raise document.error(block.line, f"the quiz's `answer` must be an index into its {len(choices)} choices")
    return Quiz.from_dict({**raw, "id": block.arguments[0]})


def _check_given_reference(document: Document, block: Block, given: Dict[str, str]) -> None:
    if block.arguments[0] not in given:
        raise document.error(block.line, f"{block.arguments[0]} is not in the section's {GIVEN_FOLDER}/ folder")


def _load_exercises(intro: Document, folder: Path, section: Section) -> List[ExerciseSource]:
    listed = intro.meta.get("exercises")
    if not isinstance(listed, list) or not listed:
        raise intro.error(1, "the front matter must list the section's `exercises` in order")
    present = sorted(path.stem for path in folder.glob("*.md")) if folder.is_dir() else []
    unlisted = [name for name in present if name not in listed]
    if unlisted:
        raise intro.error(1, f"exercises/{unlisted[0]}.md is not listed in `exercises`")
    return [load_exercise(folder / f"{name}.md", section) for name in listed]


def load_exercise(path: Path, section: Optional[Section]) -> ExerciseSource:
    document = parse_document(path, sorted(EXERCISE_BLOCKS))
    meta = document.meta
    for key in ("title", "points", "style_points", "patterns"):
        if key not in meta:
            raise document.error(1, f"the front matter must give `{key}`")
    if not isinstance(meta["points"], (int, float)) or not isinstance(meta["style_points"], (int, float)):
        raise document.error(1, "`points` and `style_points` must be numbers")
    if not 0 <= meta["style_points"] <= meta["points"]:
        raise document.error(1, "`style_points` must be between 0 and `points`")
    if not isinstance(meta["patterns"], list) or not meta["patterns"]:
        raise document.error(1, "`patterns` must list the patterns the exercise grades")
    _check_patterns(document, 1, meta["patterns"], section)
    singles = {}
    for kind in ("answer", "visible", "checks"):
        blocks = document.blocks(kind)
        if len(blocks) != 1:
            raise document.error(1, f"an exercise has exactly one {{{kind}}} block (this one has {len(blocks)})")
        singles[kind] = blocks[0].code
    given = document.blocks("given")
    if len(given) > 1:
        raise document.error(given[1].line, "an exercise has at most one {given} block")
    exercise = ExerciseSource(
        id=path.stem, title=str(meta["title"]), points=float(meta["points"]), style_points=float(meta["style_points"]),
        patterns=list(meta["patterns"]), task="\n\n".join(item.text for item in document.items
                                                           if isinstance(item, Markdown)),
        answer=singles["answer"], visible=singles["visible"], checks=singles["checks"],
        given=given[0].code if given else None)
    exercise.variants = _variants(document, exercise)
    exercise.equivalents = _equivalents(document)
    return exercise


def _variants(document: Document, exercise: ExerciseSource) -> Dict[str, Variant]:
    variants: Dict[str, Variant] = {}
    for block in document.blocks("variant"):
        if len(block.arguments) != 1:
            raise document.error(block.line, "a {variant} block names its kind: {variant} wrong, unstyled, shortcut")
        name = block.arguments[0]
        if name in variants:
            raise document.error(block.line, f"a second {{variant}} {name}")
        try:
            score = float(block.options["score"])
        except (KeyError, ValueError):
            raise document.error(block.line, f"the {name} variant needs `:score:` with the points it must earn")
        if not 0 <= score <= exercise.points:
            raise document.error(block.line, f"the {name} variant's score is outside 0..{exercise.points:g}")
        if not block.options.get("why") and name != "unstyled":
            raise document.error(block.line, f"the {name} variant needs `:why:`: what is wrong with it")
        variants[name] = Variant(name=name, score=score, why=block.options.get("why", ""), source=block.code)
    required = list(REQUIRED_VARIANTS)
    catalogue = load_catalogue()
    if any(catalogue.patterns[pattern].check == "judgement" for pattern in exercise.patterns):
        required.append(SHORTCUT_VARIANT)
    for name in required:
        if name not in variants:
            raise document.error(1, f"exercise {exercise.id} needs a {{variant}} {name}")
    unstyled = variants["unstyled"].score
    if unstyled != exercise.points - exercise.style_points:
        raise document.error(1, f"the unstyled variant must earn points - style_points = "
                                f"{exercise.points - exercise.style_points:g}, not {unstyled:g}")
    return variants


def _equivalents(document: Document) -> Dict[str, Equivalent]:
    equivalents: Dict[str, Equivalent] = {}
    for block in document.blocks("equivalent"):
        if len(block.arguments) != 1:
            raise document.error(block.line, "an {equivalent} block names itself: {equivalent} early_returns")
        name = block.arguments[0]
        if name in equivalents:
            raise document.error(block.line, f"a second {{equivalent}} {name}")
        module = block.options.get("module", "")
        if not module:
            raise document.error(block.line, f"the {name} equivalent needs `:module:` naming the given module it "
                                             f"rewrites (without .py)")
        try:
            ast.parse(block.code)
        except SyntaxError as error:
            raise document.error(block.line + len(block.options) + (error.lineno or 1),
                                 f"the {name} equivalent does not parse: {error.msg}")
        equivalents[name] = Equivalent(name=name, module=module, source=block.code, line=block.line)
    return equivalents


def check_equivalents(path: Path, exercise: ExerciseSource, given_modules: Dict[str, str]) -> None:
    """Holds an exercise's equivalents to their promise: each rewrites a given module in other code (not only other
    comments or layout), and for every mutant at least one lacks the reference text that mutant replaces, so that no
    test can tell the reference from a mutant by that text and still pass on every equivalent. Mutants apply to the
    reference only, so an equivalent may hold that text too. Whether each equivalent passes the model answer's tests
    is run by tests/grading/test_equivalents.py."""
    for equivalent in exercise.equivalents.values():
        reference = given_modules.get(f"{equivalent.module}.py")
        if reference is None:
            raise SectionSourceError(str(path), equivalent.line, f"the {equivalent.name} equivalent rewrites "
                                     f"{equivalent.module}.py, which is not in the section's {GIVEN_FOLDER}/ folder")
        if ast.dump(ast.parse(equivalent.source)) == ast.dump(ast.parse(reference)):
            raise SectionSourceError(str(path), equivalent.line, f"the {equivalent.name} equivalent is "
                                     f"{equivalent.module}.py with other comments or layout only: rewrite its code")
    try:
        mutants = exercise.mutants()
    except (ValueError, TypeError, AttributeError):
        raise SectionSourceError(str(path), 1, f"the checks' {MUTANTS_CONSTANT} must be a literal dict of "
                                 f"name: (module, reference text, broken text)")
    if mutants and len(exercise.equivalents) < MIN_EQUIVALENTS:
        raise SectionSourceError(str(path), 1, f"exercise {exercise.id} has mutants, so it needs at least "
                                 f"{MIN_EQUIVALENTS} {{equivalent}} blocks (it has {len(exercise.equivalents)})")
    for name, (module, original, _) in mutants.items():
        if original not in given_modules.get(f"{module}.py", ""):
            raise SectionSourceError(str(path), 1, f"mutant {name}'s text {original!r} is not in {module}.py: it "
                                     f"would change nothing")
        rewrites = [equivalent.source for equivalent in exercise.equivalents.values() if equivalent.module == module]
        if not rewrites:
            raise SectionSourceError(str(path), 1, f"mutant {name} changes {module}.py, which no {{equivalent}} "
                                     f"rewrites")
        if all(original in rewrite for rewrite in rewrites):
            raise SectionSourceError(str(path), 1, f"every equivalent of {module}.py holds mutant {name}'s text "
                                     f"{original!r}: a test asserting that text is in the module would pass on them "
                                     f"all and still catch the mutant; write one without it")
