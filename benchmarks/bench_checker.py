"""How fast is the checker? Prints JSON: medians in milliseconds and ratios to `ast.parse`, measured in one run.

Usage: python benchmarks/bench_checker.py [--repeat N] [--process-repeat N]

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


@click.command()
@click.option("--repeat", default=400, show_default=True, help="Rounds for the in-process contenders.")
@click.option("--process-repeat", default=15, show_default=True, help="Runs of each whole-process contender.")
def main(repeat: int, process_repeat: int) -> None:
    """Benchmark stylekit's checker against ast.parse and other linters on 20, 100 and 500 lines."""
    results = {}
    for path in sorted(INPUTS.glob("lines_*.py"), key=lambda item: int(item.stem.split("_")[1])):
        click.echo(f"measuring {path.name} ...", err=True)
        results[path.stem] = measure(path, repeat, process_repeat)
    ratios = {name: result["ratio_to_ast_parse"]["stylekit_check_source"] for name, result in results.items()}
    report = {
        "benchmark": "checker",
        "stylekit": stylekit.__version__,
        "python": platform.python_version(),
        "rules": len(stylekit.rules.all_rules()),
        "repeat": repeat,
        "inputs": results,
        "target": {"check_source_max_ratio_to_ast_parse": TARGET_RATIO,
                   "met": {name: ratio <= TARGET_RATIO for name, ratio in ratios.items()}},
    }
    click.echo(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
