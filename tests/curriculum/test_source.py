"""Reading a section's source: what each block becomes, and a clear error, with file and line, for every mistake."""
from pathlib import Path

import pytest

from stylekit.curriculum.source import (Equivalent, Markdown, check_equivalents, load_exercise, load_lesson,
                                       parse_document, split_your_turn)
from stylekit.errors import SectionSourceError
from stylekit.patterns import load_catalogue

TYPES = load_catalogue().section("types")
EXERCISE = '''---
title: Area
points: 3
style_points: 1
patterns: [types.annotations]
---
Write `area`.

```python
# an ordinary fence stays part of the task
```

```{answer}
def area(width: float, height: float) -> float:
    return width * height
```

```{visible}
assert 6 == area(2, 3)
```

```{checks}
from stylekit.grading.checks import check
```

```{variant} wrong
:score: 1
:why: multiplies the wrong things
def area(width: float, height: float) -> float:
    return width + height
```

```{variant} unstyled
:score: 2
def area(width, height):
    return width * height
```
'''


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def test_WHEN_exercise_read_THEN_blocks_become_its_parts(tmp_path: Path) -> None:
    exercise = load_exercise(_write(tmp_path, "area.md", EXERCISE), TYPES)

    expected = ("area", 3.0, 1.0, ["wrong", "unstyled"], 1.0, True, "assert 6 == area(2, 3)\n")
    actual = (exercise.id, exercise.points, exercise.style_points, list(exercise.variants),
              exercise.variants["wrong"].score, "ordinary fence" in exercise.task, exercise.visible)
    assert expected == actual


def test_WHEN_answer_has_no_markers_THEN_solution_cell_wraps_it(tmp_path: Path) -> None:
    exercise = load_exercise(_write(tmp_path, "area.md", EXERCISE), TYPES)

    expected = ("### BEGIN SOLUTION\ndef area(width: float, height: float) -> float:\n    return width * height\n"
                "### END SOLUTION")
    assert expected == exercise.solution_source()


@pytest.mark.parametrize("change, problem", [
    (("points: 3", "points: three"), "`points` and `style_points` must be numbers"),
    (("style_points: 1", "style_points: 4"), "`style_points` must be between 0 and `points`"),
    (("[types.annotations]", "[types.nonsense]"), "unknown pattern 'types.nonsense'"),
    (("[types.annotations]", "[testing.pytest]"), "pattern testing.pytest belongs to another section than §2"),
    (("```{visible}\nassert 6 == area(2, 3)\n```\n", ""), "exactly one {visible} block (this one has 0)"),
    ((":score: 2\n", ":score: 3\n"), "the unstyled variant must earn points - style_points = 2, not 3"),
    ((":score: 1\n", ""), "the wrong variant needs `:score:`"),
    (("```{variant} wrong", "```{variant} other"), "needs a {variant} wrong"),
    (("```{checks}", "```{quiz} q"), "a {quiz} block does not belong in area.md"),
])
def test_WHEN_exercise_source_wrong_THEN_error_names_the_problem(tmp_path: Path, change: tuple, problem: str
                                                                 ) -> None:
    path = _write(tmp_path, "area.md", EXERCISE.replace(*change, 1))

    with pytest.raises(SectionSourceError) as raised:
        load_exercise(path, TYPES)

    assert problem in str(raised.value)
    assert str(path) in str(raised.value)


def test_WHEN_judgement_pattern_without_shortcut_THEN_error(tmp_path: Path) -> None:
    testing = load_catalogue().section("testing")
    path = _write(tmp_path, "cards.md", EXERCISE.replace("[types.annotations]", "[testing.test-classes]"))

    with pytest.raises(SectionSourceError) as raised:
        load_exercise(path, testing)

    assert "needs a {variant} shortcut" in str(raised.value)


def test_WHEN_block_never_closed_THEN_error_gives_its_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "lesson.md", "---\nsection: types\npatterns: [types.annotations]\n---\n# Title\n\n"
                                         "```{good}\nx = 1\n")

    with pytest.raises(SectionSourceError) as raised:
        load_lesson(path, TYPES)

    expected = f"{path}:7: the {{good}} block opened here is never closed"
    assert expected == str(raised.value)


def test_WHEN_bad_block_names_no_rule_THEN_error(tmp_path: Path) -> None:
    path = _write(tmp_path, "lesson.md", "---\nsection: types\npatterns: [types.annotations]\n---\n"
                                         "```{bad}\ndef f(x): pass\n```\n")

    with pytest.raises(SectionSourceError) as raised:
        load_lesson(path, TYPES)

    assert "names the rules it triggers" in str(raised.value)


def test_WHEN_quiz_answer_out_of_range_THEN_error(tmp_path: Path) -> None:
    quiz = ("```{quiz} q1\nquestion: Which?\nchoices:\n  - {text: a, why: because}\n  - {text: b, why: not so}\n"
            "answer: 2\n```\n")
    path = _write(tmp_path, "lesson.md", f"---\nsection: types\npatterns: [types.annotations]\n---\n{quiz}")

    with pytest.raises(SectionSourceError) as raised:
        load_lesson(path, TYPES)

    assert "must be an index into its 2 choices" in str(raised.value)


def test_WHEN_lesson_front_matter_names_other_section_THEN_error(tmp_path: Path) -> None:
    path = _write(tmp_path, "lesson.md", "---\nsection: testing\npatterns: [types.annotations]\n---\n# Title\n")

    with pytest.raises(SectionSourceError) as raised:
        load_lesson(path, TYPES)

    assert "must say `section: types`" in str(raised.value)


def test_WHEN_prose_has_headings_THEN_each_heading_starts_a_cell(tmp_path: Path) -> None:
    text = "# Title\n\nIntro.\n\n## Part one\n\n```python\n## not a heading in a fence\n```\n\n## Part two\n"
    document = parse_document(_write(tmp_path, "lesson.md", text), ["good"])

    expected = ["# Title", "## Part one", "## Part two"]
    actual = [item.text.splitlines()[0] for item in document.items if isinstance(item, Markdown)]
    assert expected == actual


def test_WHEN_your_turn_split_THEN_starter_and_fixed(tmp_path: Path) -> None:
    text = ("---\nsection: types\npatterns: [types.annotations]\n---\n```{your-turn} types.annotations\n"
            "def f(x):\n    return x\n---\ndef f(x: int) -> int:\n    return x\n```\n")
    document = load_lesson(_write(tmp_path, "lesson.md", text), TYPES)

    expected = ("def f(x):\n    return x\n", "def f(x: int) -> int:\n    return x\n")
    actual = split_your_turn(document.blocks("your-turn")[0])
    assert expected == actual


# -- equivalent implementations ({equivalent} blocks) ---------------------------------------------------------

GIVEN_AREA = "def area(width: float, height: float) -> float:\n    return width * height\n"
WITH_MUTANTS = EXERCISE.replace("```{checks}\nfrom stylekit.grading.checks import check\n```\n", '''```{checks}
from stylekit.grading.checks import check

MUTANTS = {"sum_not_product": ("shapes", "return width * height", "return width + height")}
```

```{equivalent} swapped
:module: shapes
def area(width: float, height: float) -> float:
    return height * width
```

```{equivalent} named
:module: shapes
def area(width: float, height: float) -> float:
    surface = width * height
    return surface
```

```{equivalent} keyword
:module: shapes
def area(width: float, height: float) -> float:
    return float.__mul__(float(width), float(height))
```
''')


def _checked(tmp_path: Path, text: str, given: str = GIVEN_AREA) -> None:
    path = _write(tmp_path, "area.md", text)
    check_equivalents(path, load_exercise(path, TYPES), {"shapes.py": given})


def test_WHEN_equivalents_read_THEN_each_keeps_its_module_and_whole_source(tmp_path: Path) -> None:
    exercise = load_exercise(_write(tmp_path, "area.md", WITH_MUTANTS), TYPES)

    expected = ({"sum_not_product": ("shapes", "return width * height", "return width + height")},
                ["swapped", "named", "keyword"], "shapes",
                "def area(width: float, height: float) -> float:\n    return height * width\n")
    actual = (exercise.mutants(), list(exercise.equivalents), exercise.equivalents["swapped"].module,
              exercise.equivalents["swapped"].source)
    assert expected == actual


def test_WHEN_equivalents_checked_AND_each_keeps_its_promise_THEN_no_error(tmp_path: Path) -> None:
    _checked(tmp_path, WITH_MUTANTS)


def test_WHEN_equivalent_round_trips_dict_THEN_same() -> None:
    equivalent = Equivalent(name="swapped", module="shapes", source=GIVEN_AREA, line=12)

    assert equivalent == Equivalent.from_dict(equivalent.to_dict())


@pytest.mark.parametrize("change, problem", [
    ((":module: shapes\ndef area(width: float, height: float) -> float:\n    return height",
      "def area(width: float, height: float) -> float:\n    return height"),
     "the swapped equivalent needs `:module:`"),
    (("```{equivalent} named", "```{equivalent} swapped"), "a second {equivalent} swapped"),
    (("    return height * width\n", "    return height *\n"), "the swapped equivalent does not parse"),
])
def test_WHEN_equivalent_block_wrong_THEN_error_names_the_problem(tmp_path: Path, change: tuple, problem: str
                                                                  ) -> None:
    path = _write(tmp_path, "area.md", WITH_MUTANTS.replace(*change, 1))

    with pytest.raises(SectionSourceError) as raised:
        load_exercise(path, TYPES)

    assert problem in str(raised.value)


@pytest.mark.parametrize("change, problem", [
    ((":module: shapes\ndef area(width: float, height: float) -> float:\n    return height",
      ":module: geometry\ndef area(width: float, height: float) -> float:\n    return height"),
     "rewrites geometry.py, which is not in the section's given/ folder"),
    (("    return height * width\n", "    return width * height  # the same code, another comment\n"),
     "is shapes.py with other comments or layout only"),
    (("```{equivalent} keyword\n", "```{variant} keyword\n:score: 2\n:why: the same area\n"),
     "needs at least 3 {equivalent} blocks (it has 2)"),
    (('("shapes", "return width * height"', '("shapes", "return width ** height"'),
     "mutant sum_not_product's text 'return width ** height' is not in shapes.py"),
    (('("shapes", "return width * height"', '("shapes", "def area("'),
     "every equivalent of shapes.py holds mutant sum_not_product's text 'def area('"),
    (('MUTANTS = {"sum_not_product": ("shapes"', 'MUTANTS = {"sum_not_product": ("solids"'),
     "mutant sum_not_product's text 'return width * height' is not in solids.py"),
    (('MUTANTS = {', 'MUTANTS = dict(a=1) or {'), "the checks' MUTANTS must be a literal dict"),
])
def test_WHEN_equivalents_break_their_promise_THEN_error_names_the_problem(tmp_path: Path, change: tuple,
                                                                           problem: str) -> None:
    with pytest.raises(SectionSourceError) as raised:
        _checked(tmp_path, WITH_MUTANTS.replace(*change, 1))

    assert problem in str(raised.value)
