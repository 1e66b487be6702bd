"""How fast is the checker? Prints JSON: medians in milliseconds and ratios to `ast.parse`, measured in one run.

Usage: python benchmarks/bench_checker.py [--repeat N] [--process-repeat N] [--tree PATH]...

The whole-tree figure lints a whole repository as engineers do daily (default: the kit's own stylekit/, tests/ and
benchmarks/; `--tree` names others) with every contender as a process, against the parse floor: a Python process
that only reads and `ast.parse`s every file. `stylekit lint` is timed cold (`--no-cache`, the files shared among
the cores) and warm (its cache filled by a first run, nothing changed since), as ruff caches by default.

The in-process contenders are timed round-robin (one call of each per round) so that a slow patch of the
machine hits all of them alike; the garbage collector is off while timing, as timeit does, because the
syntax trees' many small objects otherwise trigger collections that swamp sub-millisecond figures.
The whole-process contenders (ruff, flake8, stylekit lint) include interpreter or binary start-up: that is
what a pre-commit hook or an editor pays per file. Note that flake8 here loads every installed plugin,
stylekit's own among them.
"""
import ast
import gc
import io
import json
import logging
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable, Dict, List

import click
import pycodestyle
import pyflakes.api
import pyflakes.reporter
from pylint.lint import Run as PylintRun
from pylint.reporters.text import TextReporter

import stylekit
from stylekit import check_source

logger = logging.getLogger(__name__)

INPUTS = Path(__file__).resolve().parent / "inputs"
BIN = Path(sys.executable).parent
TARGET_RATIO = 3.0  # issue 2: the full catalogue within 3x ast.parse makes per-keystroke feedback possible
TREE_TARGET_RATIO = 2.0  # issue 11: a whole repository within 2x the parse floor
KIT_TREE = [INPUTS.parent.parent / name for name in ("stylekit", "tests", "benchmarks")]
PARSE_FLOOR = """import ast, os, sys
for root in sys.argv[1:]:
    for folder, folders, files in os.walk(root):
        folders[:] = [name for name in folders if not name.startswith(".") and name != "__pycache__"]
        for name in files:
            if name.endswith(".py"):
                with open(os.path.join(folder, name), "rb") as handle:
                    try:
                        ast.parse(handle.read())
                    except (SyntaxError, ValueError):
                        pass
"""


def _median_ms(samples: List[float]) -> float:
    return round(statistics.median(samples) * 1000, 3)


def _round_robin(contenders: Dict[str, Callable[[], object]], repeat: int) -> Dict[str, float]:
    samples: Dict[str, List[float]] = {name: [] for name in contenders}
    for function in contenders.values():
        function()  # warm caches and lazy imports before timing
    gc.collect()
    gc.disable()
    try:
        for _ in range(repeat):
            for name, function in contenders.items():
                started = time.perf_counter()
                function()
                samples[name].append(time.perf_counter() - started)
    finally:
        gc.enable()
    return {name: _median_ms(values) for name, values in samples.items()}


def _process_ms(command: List[str], repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run(command, capture_output=True, check=False)
        samples.append(time.perf_counter() - started)
    return _median_ms(samples)


def _pyflakes(source: str, path: str) -> None:
    sink = io.StringIO()
    pyflakes.api.check(source, path, pyflakes.reporter.Reporter(sink, sink))


def _pycodestyle(lines: List[str], path: str) -> None:
    style = pycodestyle.StyleGuide(quiet=True, max_line_length=120)
    pycodestyle.Checker(path, lines=lines, options=style.options).check_all()


def _pylint(path: str) -> None:
    PylintRun([path, "--reports=n", "--score=n", "--persistent=n"], reporter=TextReporter(io.StringIO()),
              exit=False)


def measure(path: Path, repeat: int, process_repeat: int) -> Dict[str, object]:
    source = path.read_text()
    lines = source.splitlines(keepends=True)
    with tempfile.TemporaryDirectory() as folder:
        # An isolated copy: no project configuration of ours leaks into the other tools' runs.
        copy = Path(folder) / path.name
        copy.write_text(source)
        in_process = _round_robin({
            "ast_parse": lambda: ast.parse(source),
            "stylekit_check_source": lambda: check_source(source, path=path.name),
            "pyflakes": lambda: _pyflakes(source, path.name),
            "pycodestyle": lambda: _pycodestyle(lines, path.name),
        }, repeat)
        in_process["pylint_in_process"] = _round_robin({"pylint": lambda: _pylint(str(copy))},
                                                       max(5, repeat // 40))["pylint"]
        processes = {
            "ruff_process": _process_ms([str(BIN / "ruff"), "check", "--isolated", "--no-cache", str(copy)],
                                        process_repeat),
            "flake8_process": _process_ms([str(BIN / "flake8"), "--isolated", str(copy)], process_repeat),
            "stylekit_lint_process": _process_ms([str(BIN / "stylekit"), "lint", str(copy)], process_repeat),
        }
    parse = in_process["ast_parse"]
    figures = {**in_process, **processes}
    return {
        "lines": len(lines),
        "ms": figures,
        "ratio_to_ast_parse": {name: round(value / parse, 2) for name, value in figures.items()},
    }


def _tree_lines(roots: List[Path]) -> Dict[str, int]:
    files = [path for root in roots for path in root.rglob("*.py") if "__pycache__" not in path.parts]
    return {"files": len(files), "lines": sum(path.read_bytes().count(b"\n") for path in files)}


def measure_tree(roots: List[Path], process_repeat: int) -> Dict[str, object]:
    """The whole tree, every contender a process, medians in milliseconds and ratios to the parse floor."""
    names = [str(root) for root in roots]
    with tempfile.TemporaryDirectory(prefix="stylekit-bench-cache-") as cache:
        warm = [str(BIN / "stylekit"), "lint", "--cache-dir", cache, *names]
        subprocess.run(warm, capture_output=True, check=False)  # fills the cache
        figures = {
            "parse_floor_process": _process_ms([sys.executable, "-c", PARSE_FLOOR, *names], process_repeat),
            "stylekit_lint_cold": _process_ms([str(BIN / "stylekit"), "lint", "--no-cache", *names], process_repeat),
            "stylekit_lint_warm": _process_ms(warm, process_repeat),
            "ruff_process": _process_ms([str(BIN / "ruff"), "check", "--isolated", "--no-cache", "--exit-zero",
                                         *names], process_repeat),
            "flake8_process": _process_ms([str(BIN / "flake8"), "--isolated", "--exit-zero", *names],
                                          process_repeat),
        }
    floor = figures["parse_floor_process"]
    return {"tree": names, **_tree_lines(roots), "median_ms": figures,
            "ratio_to_parse_floor": {name: round(value / floor, 2) for name, value in figures.items()}}


@click.command()
@click.option("--repeat", default=400, show_default=True, help="Rounds for the in-process contenders.")
@click.option("--process-repeat", default=15, show_default=True, help="Runs of each whole-process contender.")
@click.option("--tree", "trees", multiple=True, type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="A tree for the whole-tree figure (repeatable)  [default: the kit's own]")
def main(repeat: int, process_repeat: int, trees: List[Path]) -> None:
    """Benchmark stylekit's checker against ast.parse and other linters on 20, 100 and 500 lines, and on a tree."""
    results = {}
    for path in sorted(INPUTS.glob("lines_*.py"), key=lambda item: int(item.stem.split("_")[1])):
        click.echo(f"measuring {path.name} ...", err=True)
        results[path.stem] = measure(path, repeat, process_repeat)
    ratios = {name: result["ratio_to_ast_parse"]["stylekit_check_source"] for name, result in results.items()}
    click.echo("measuring the whole tree ...", err=True)
    tree = measure_tree(list(trees) or KIT_TREE, process_repeat)
    tree_ratios = tree["ratio_to_parse_floor"]
    assert isinstance(tree_ratios, dict)
    report = {
        "benchmark": "checker",
        "stylekit": stylekit.__version__,
        "python": platform.python_version(),
        "rules": len(stylekit.rules.all_rules()),
        "repeat": repeat,
        "inputs": results,
        "whole_tree": tree,
        "target": {"check_source_max_ratio_to_ast_parse": TARGET_RATIO,
                   "met": {name: ratio <= TARGET_RATIO for name, ratio in ratios.items()},
                   "whole_tree_max_ratio_to_parse_floor": TREE_TARGET_RATIO,
                   "whole_tree_met": {name: tree_ratios[name] <= TREE_TARGET_RATIO
                                      for name in ("stylekit_lint_cold", "stylekit_lint_warm")}},
    }
    click.echo(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
