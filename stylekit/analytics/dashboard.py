"""The class report: one self-contained HTML page (plotly's script inline, no network needed to open it) with the
figures an instructor looks at after grading, each drawn from `ClassData` alone.

- Scores per section: each learner's score as a share of the points, as a box with every learner shown.
- Learners x rules: how many style findings of each rule each learner's work had.
- The most missed checks, with the message their authors wrote for learners: what to teach again.
- Rules that persist: findings a learner still had after resubmitting.
- Progress: each learner's share of the points per section, blank where nothing was graded.

Every value put into the page's own HTML goes through `html_text` (escaped and printable); the figures' data is
plotly's JSON, which plotly writes with `<`, `>` and `/` escaped.
"""
from pathlib import Path
from typing import Any, List, Optional

import plotly.graph_objects as go
from plotly.offline import get_plotlyjs

from stylekit.analytics.class_data import ClassData
from stylekit.files import write_atomically
from stylekit.text import html_text

FIGURE_HEIGHT = 420  # pixels: a figure and its title fit a laptop screen with room to scroll to the next


def score_figure(data: ClassData) -> go.Figure:
    figure = go.Figure([go.Box(y=[100 * score for score in data.scores[assignment]], name=assignment,
                               boxpoints="all", jitter=0.4, pointpos=0) for assignment in sorted(data.scores)])
    return figure.update_layout(title="Scores per section (% of the points)", yaxis={"range": [0, 105]},
                                height=FIGURE_HEIGHT, showlegend=False)


def findings_figure(data: ClassData) -> go.Figure:
    rules, learners = data.rules, data.learners
    counts = [[data.findings.get(learner, {}).get(rule, 0) for rule in rules] for learner in learners]
    figure = go.Figure(go.Heatmap(z=counts, x=rules, y=learners, colorscale="Reds", hoverongaps=False,
                                  hovertemplate="%{y}: %{z} finding(s) of %{x}<extra></extra>"))
    return figure.update_layout(title="Style findings per learner and rule", height=max(FIGURE_HEIGHT,
                                                                                       24 * len(learners)))


def missed_figure(data: ClassData) -> go.Figure:
    checks = list(reversed(data.missed_checks))
    figure = go.Figure(go.Bar(x=[100 * check.rate for check in checks], orientation="h",
                              y=[f"{check.exercise}: {check.name}" for check in checks],
                              hovertext=[check.expect for check in checks],
                              hovertemplate="%{x:.0f}% missed<br>%{hovertext}<extra></extra>"))
    return figure.update_layout(title="Most missed checks (% of the submissions they ran on)", height=FIGURE_HEIGHT,
                                margin={"l": 360})


def persistent_figure(data: ClassData) -> go.Figure:
    rules = sorted(data.persistent, key=lambda rule: -data.persistent[rule])
    figure = go.Figure(go.Bar(x=rules, y=[data.persistent[rule] for rule in rules]))
    if not rules:  # an empty chart would look like a broken one
        figure.add_annotation(text="No finding persisted: no learner resubmitted with a finding still there",
                              showarrow=False, xref="paper", yref="paper", x=0.5, y=0.5)
    return figure.update_layout(title="Rules whose findings persisted after a resubmission (learners)",
                                height=FIGURE_HEIGHT)


def progress_figure(data: ClassData) -> go.Figure:
    assignments, learners = data.assignments, data.learners
    shares = [[_percent(data.progress[learner].get(assignment)) for assignment in assignments] for learner in learners]
    figure = go.Figure(go.Heatmap(z=shares, x=assignments, y=learners, colorscale="Greens", zmin=0, zmax=100,
                                  hovertemplate="%{y}, %{x}: %{z:.0f}%<extra></extra>"))
    return figure.update_layout(title="Progress: each learner's share of the points per section",
                                height=max(FIGURE_HEIGHT, 24 * len(learners)))


def _percent(share: Optional[float]) -> Optional[float]:
    return None if share is None else 100 * share


def figures(data: ClassData) -> List[go.Figure]:
    return [score_figure(data), findings_figure(data), missed_figure(data), persistent_figure(data),
            progress_figure(data)]


def _missed_table(data: ClassData) -> str:
    rows = "".join(f"<tr><td>{html_text(check.assignment)}</td><td>{html_text(check.exercise)}</td>"
                   f"<td><code>{html_text(check.name)}</code></td><td>{html_text(check.expect)}</td>"
                   f"<td>{html_text(check.missed)}/{html_text(check.ran)}</td></tr>" for check in data.missed_checks)
    return ('<table class="missed"><thead><tr><th>Section</th><th>Exercise</th><th>Check</th>'
            f"<th>What it teaches</th><th>Missed</th></tr></thead><tbody>{rows}</tbody></table>")


def _problems_table(data: ClassData) -> str:
    """First on the page: answers whose code raised or was stopped, which explain their checks' failures."""
    if not data.load_problems:
        return ""
    rows = "".join(f"<tr><td>{html_text(learner)}</td><td>{html_text(assignment)}</td><td>{html_text(problem)}</td>"
                   "</tr>" for learner, assignment, problem in data.load_problems)
    return ("<h2>Code that raised or was stopped while graded</h2><table class=\"problems\"><thead><tr><th>Learner"
            f"</th><th>Section</th><th>What happened</th></tr></thead><tbody>{rows}</tbody></table>")


def render(data: ClassData, title: str) -> str:
    parts: List[Any] = [figure.to_html(full_html=False, include_plotlyjs=False) for figure in figures(data)]
    graded = sum(len(scores) for scores in data.scores.values())
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{html_text(title)}</title><script>{get_plotlyjs()}</script>"
            "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
            "td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}</style></head><body>"
            f"<h1>{html_text(title)}</h1><p class=\"summary\">{html_text(len(data.learners))} learners, "
            f"{html_text(len(data.assignments))} sections, {html_text(graded)} graded submissions.</p>"
            + _problems_table(data)
            + "".join(f'<section class="figure">{part}</section>' for part in parts)
            + f"<h2>What the most missed checks teach</h2>{_missed_table(data)}</body></html>\n")


def write_report(data: ClassData, path: Path, title: str = "Class report") -> Path:
    write_atomically(path, render(data, title))
    return path
