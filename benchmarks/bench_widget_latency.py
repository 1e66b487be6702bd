"""How long from a keystroke to updated feedback in the live coach? Prints JSON: medians and p90 in milliseconds.

Usage: python benchmarks/bench_widget_latency.py [--interval-ms N] [--repeat N] [--server NAME ...]

A real JupyterLab (temporary Jupyter folders, 127.0.0.1, a token) and Debian's headless chromium driven by
Playwright, set up as the browser test does (tests/browser/lab.py). One notebook cell shows two coaches: one
with the real checker (every rule) and one whose checker only calls ast.parse, the trivial callback. A
realistic function is typed into both, one keystroke at a time, alternating between the two so that a slow
patch of the machine hits both alike. Each latency is measured inside the page: from the keydown event
(a capture listener on the document) to the moment the coach's panel shows a new `data-revision` (a
MutationObserver), i.e. the DOM holds the new feedback; the next paint follows within a frame.

Every latency includes the whole hop: browser -> websocket -> jupyter_server -> ZeroMQ -> kernel, the
check, and back. `--server` picks set-ups of that hop to measure, each in a JupyterLab of its own:
`stock` is JupyterLab as `make lab` starts it; `nodelay` sets TCP_NODELAY on the server's kernel websockets
(jupyter_server leaves Nagle's algorithm on, so a small message written while an earlier one is still
unacknowledged can wait for the browser's delayed ACK); `no-echo` runs the kernel with JUPYTER_WIDGETS_ECHO=0
(ipywidgets 8 otherwise sends every value change back to the browser: one message fewer per keystroke);
`nodelay-no-echo` does both. The default measures `stock` and `nodelay`.
"""
import json
import logging
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional

import click
import ipywidgets
import jupyterlab
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, sync_playwright

# The benchmark shares the browser test's set-up; run from anywhere, it finds the repository's tests package.
REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

import stylekit  # noqa: E402  (after the path set-up above, like the tests import below)
from stylekit.rules import all_rules, enabled_rules  # noqa: E402
from stylekit.server_extension import NODELAY_LOG  # noqa: E402
from stylekit.settings import Settings  # noqa: E402
from tests.browser.lab import (ARTIFACTS, CHROMIUM, chromium, open_and_run_notebook, running_lab,  # noqa: E402
                               write_notebook)

logger = logging.getLogger(__name__)

NOTEBOOK = "latency.ipynb"
VARIANTS = ("coach_all_rules", "trivial_callback")  # the order in which the cell displays the two coaches
BENCH_CELL = '''import ast

from IPython.display import display

from stylekit.findings import StyleReport
from stylekit.widgets import StyleCoach


def parse_only(source: str) -> StyleReport:
    """The trivial callback: parse, as any checker must, and report nothing."""
    try:
        ast.parse(source)
    except (SyntaxError, ValueError):
        pass
    return StyleReport()


display(StyleCoach())
display(StyleCoach(checker=parse_only))
'''
# What a learner might type in an exercise: it passes through syntax errors, SK0201 and SK0604 on the way.
TYPED_FUNCTION = """def scaled_areas(shapes, factor):
    areas = []
    for width, height in shapes:
        areas.append(width * height * factor)
    return areas"""
MIN_KEYSTROKES = 30  # issue 4: at least 30 keystrokes per variant
TARGET_MEDIAN_OVER_TRIVIAL_MS = 10.0  # issue 4: the checker adds at most 10 ms to the median keystroke
TARGET_P90_MS = 100.0  # issue 4: nine keystrokes in ten show their feedback within 100 ms
UPDATE_TIMEOUT_MS = 10_000  # one keystroke's feedback; far beyond any sane latency, short of a hung kernel
# What `make lab` runs: the kit's server extension, which sets TCP_NODELAY on the kernel websockets.
NODELAY_CONFIG = 'c.ServerApp.jpserver_extensions = {"stylekit.server_extension": True}\n'
NODELAY_MARK = NODELAY_LOG
SERVERS: Dict[str, Dict[str, Any]] = {
    "stock": {"env": {}, "config": ""},
    "nodelay": {"env": {}, "config": NODELAY_CONFIG},
    "no-echo": {"env": {"JUPYTER_WIDGETS_ECHO": "0"}, "config": ""},
    "nodelay-no-echo": {"env": {"JUPYTER_WIDGETS_ECHO": "0"}, "config": NODELAY_CONFIG},
}

INSTRUMENT_JS = """() => {
  const state = {keydownAt: null, coaches: []};
  document.addEventListener('keydown', () => { state.keydownAt = performance.now(); }, true);
  document.querySelectorAll('.stylekit-coach').forEach((coach) => {
    const read = () => {
      const panel = coach.querySelector('.stylekit-findings');
      return panel ? Number(panel.getAttribute('data-revision')) : null;
    };
    const entry = {revision: read(), changedAt: null};
    new MutationObserver(() => {
      const revision = read();
      if (revision !== entry.revision) { entry.revision = revision; entry.changedAt = performance.now(); }
    }).observe(coach, {subtree: true, childList: true, attributes: true, attributeFilter: ['data-revision']});
    state.coaches.push(entry);
  });
  window.__stylekitBench = state;
  return state.coaches.length;
}"""
FOCUS_END_JS = """(index) => {
  const coach = document.querySelectorAll('.stylekit-coach')[index];
  const content = coach.querySelector('.stylekit-coach-editor .cm-content');
  content.focus();
  return window.__stylekitBench.coaches[index].revision;
}"""
UPDATED_JS = "([index, before]) => window.__stylekitBench.coaches[index].revision !== before"
READ_JS = """(index) => {
  const state = window.__stylekitBench;
  return {revision: state.coaches[index].revision, latency: state.coaches[index].changedAt - state.keydownAt};
}"""


class BenchmarkSetupError(Exception):
    def __init__(self, what: str) -> None:
        super().__init__(f"the widget benchmark could not start: {what}")


@dataclass
class Samples:
    """Keystroke-to-feedback latencies of one coach, and how many keystrokes did not give exactly one update."""

    latencies_ms: List[float] = field(default_factory=list)
    irregular_updates: int = 0

    def summary(self) -> Dict[str, Any]:
        values = self.latencies_ms
        return {
            "keystrokes": len(values),
            "median_ms": round(statistics.median(values), 2),
            "p90_ms": round(statistics.quantiles(values, n=10, method="inclusive")[8], 2),
            "min_ms": round(min(values), 2),
            "max_ms": round(max(values), 2),
            "irregular_updates": self.irregular_updates,
        }


def _keys(text: str) -> List[str]:
    return ["Enter" if character == "\n" else character for character in text]


def _keystroke(page: Page, index: int, key: str, samples: Optional[Samples]) -> None:
    before = page.evaluate(FOCUS_END_JS, index)
    page.keyboard.press("Control+End")  # the caret to the end of the code (CodeMirror's own key; no change to send)
    if len(key) == 1:
        page.keyboard.type(key)
    else:
        page.keyboard.press(key)
    page.wait_for_function(UPDATED_JS, arg=[index, before], polling=5, timeout=UPDATE_TIMEOUT_MS)
    reading = page.evaluate(READ_JS, index)
    if samples is not None:
        samples.latencies_ms.append(reading["latency"])
        samples.irregular_updates += reading["revision"] != before + 1


def _type_round_robin(page: Page, keys: List[str], interval_ms: int) -> Dict[str, Samples]:
    """One keystroke into each coach in turn, each followed by its update and a pause to the typing interval."""
    samples = {variant: Samples() for variant in VARIANTS}
    for index in range(len(VARIANTS)):
        _keystroke(page, index, " ", None)  # warm-up, untimed: first messages on a fresh comm
        _keystroke(page, index, "Backspace", None)
    for key in keys:
        for index, variant in enumerate(VARIANTS):
            started = time.monotonic()
            _keystroke(page, index, key, samples[variant])
            page.wait_for_timeout(max(0.0, interval_ms - (time.monotonic() - started) * 1000))
    return samples


def _clear(page: Page, index: int) -> None:
    page.evaluate(FOCUS_END_JS, index)
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    page.wait_for_timeout(1000)  # let the clearing update land before timing resumes


def measure_server(server: str, interval_ms: int, repeat: int) -> Dict[str, Any]:
    """Start a JupyterLab with the given server tweaks, open the coaches and type into them."""
    with tempfile.TemporaryDirectory(prefix="stylekit-bench-") as folder:
        base = Path(folder)
        root_dir = base / "notebooks"
        root_dir.mkdir()
        write_notebook(root_dir / NOTEBOOK, [BENCH_CELL])
        tweaks = SERVERS[server]
        with running_lab(root_dir, base / "jupyter", extra_env=tweaks["env"], server_config=tweaks["config"]) as lab, \
                sync_playwright() as playwright, chromium(playwright, base / "chromium-profile") as context:
            page = context.new_page()
            try:
                open_and_run_notebook(page, lab, NOTEBOOK, coaches=len(VARIANTS))
            except PlaywrightError:
                ARTIFACTS.mkdir(exist_ok=True)
                page.screenshot(path=str(ARTIFACTS / "bench-widget-failure.png"))
                logger.error("JupyterLab's log:\n%s", lab.log()[-5000:])
                raise
            page.wait_for_timeout(1000)  # the kernel finishes the cell; its idle status must not race the typing
            if page.evaluate(INSTRUMENT_JS) != len(VARIANTS):
                raise BenchmarkSetupError(f"expected {len(VARIANTS)} coaches on the page")
            totals = {variant: Samples() for variant in VARIANTS}
            for round_number in range(repeat):
                if round_number:
                    for index in range(len(VARIANTS)):
                        _clear(page, index)
                for variant, samples in _type_round_robin(page, _keys(TYPED_FUNCTION), interval_ms).items():
                    totals[variant].latencies_ms += samples.latencies_ms
                    totals[variant].irregular_updates += samples.irregular_updates
            if tweaks["config"] and NODELAY_MARK not in lab.log():
                raise BenchmarkSetupError("the TCP_NODELAY tweak did not take effect (not in the server's log)")
    figures = {variant: samples.summary() for variant, samples in totals.items()}
    coach, trivial = figures["coach_all_rules"], figures["trivial_callback"]
    return {
        **figures,
        "median_over_trivial_ms": round(coach["median_ms"] - trivial["median_ms"], 2),
        "p90_over_trivial_ms": round(coach["p90_ms"] - trivial["p90_ms"], 2),
    }


def _chromium_version() -> str:
    result = subprocess.run([str(CHROMIUM), "--version"], capture_output=True, text=True, check=False)
    return result.stdout.strip()


@click.command()
@click.option("--interval-ms", default=150, show_default=True,
              help="Time from one keystroke to the next in the same coach (about 80 words a minute).")
@click.option("--repeat", default=1, show_default=True, help="How many times the function is typed into each coach.")
@click.option("--server", "servers", multiple=True, type=click.Choice(sorted(SERVERS)),
              default=("stock", "nodelay"), show_default=True,
              help="Server set-ups to measure, each in a JupyterLab of its own.")
def main(interval_ms: int, repeat: int, servers: List[str]) -> None:
    """Benchmark keystroke-to-feedback latency of the StyleCoach widget in JupyterLab and chromium."""
    keystrokes = len(_keys(TYPED_FUNCTION)) * repeat
    if keystrokes < MIN_KEYSTROKES:
        raise click.UsageError(f"{keystrokes} keystrokes per variant; issue 4 asks for at least {MIN_KEYSTROKES}")
    results = {}
    for server in servers:
        click.echo(f"measuring with the {server} server ...", err=True)
        results[server] = measure_server(server, interval_ms, repeat)
    report = {
        "benchmark": "widget_latency",
        "stylekit": stylekit.__version__,
        "python": platform.python_version(),
        "jupyterlab": jupyterlab.__version__,
        "ipywidgets": ipywidgets.__version__,
        "chromium": _chromium_version(),
        "rules": len(enabled_rules(Settings())),
        "rules_in_catalogue": len(all_rules()),
        "keystrokes_per_variant": keystrokes,
        "interval_ms": interval_ms,
        "measured": "keydown to the panel's new data-revision in the DOM, in the page's own clock",
        "servers": results,
        "target": {
            "median_over_trivial_max_ms": TARGET_MEDIAN_OVER_TRIVIAL_MS,
            "p90_max_ms": TARGET_P90_MS,
            "met": {server: {"median": result["median_over_trivial_ms"] <= TARGET_MEDIAN_OVER_TRIVIAL_MS,
                             "p90": result["coach_all_rules"]["p90_ms"] < TARGET_P90_MS}
                    for server, result in results.items()},
        },
    }
    click.echo(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
