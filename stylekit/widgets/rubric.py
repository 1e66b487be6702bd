"""The exercise rubric: the patterns an exercise practises, each ticked when the current code satisfies it."""
import html
from typing import Any, List, Optional

import ipywidgets

from stylekit.engine import check_source
from stylekit.patterns import load_catalogue
from stylekit.rules import all_rules
from stylekit.widgets.coach import StyleCoach


def rubric_html(patterns: List[str], source: str) -> str:
    catalogue = load_catalogue()
    checked = {rule.pattern for rule in all_rules()}
    report = check_source(source) if source.strip() else None
    parses = report is not None and not report.has_syntax_error
    found = set(report.patterns()) if report is not None else set()
    rows = []
    for pattern_id in patterns:
        pattern = catalogue.patterns[pattern_id]
        if pattern_id not in checked:
            state, mark = "practise", "•"  # judged by the exercise's checks or by reading, not by a rule
        elif parses and pattern_id not in found:
            state, mark = "met", "✓"
        else:
            state, mark = "open", "✗"
        rows.append(f'<li class="stylekit-rubric-item" data-pattern="{pattern_id}" data-state="{state}">{mark} '
                    f'<b>{html.escape(pattern.title)}</b> <code>{pattern_id}</code>: '
                    f'{html.escape(pattern.summary)}</li>')
    return f'<ul class="stylekit-rubric" style="list-style:none;padding-left:0">{"".join(rows)}</ul>'


class Rubric(ipywidgets.HTML):
    """`Rubric(patterns, coach=StyleCoach(...))` follows the coach as the learner types; `update(source)` otherwise."""

    def __init__(self, patterns: List[str], coach: Optional[StyleCoach] = None, source: str = "",
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.patterns = list(patterns)
        self.update(coach.source if coach is not None else source)
        if coach is not None:
            coach.editor.observe(lambda change: self.update(change["new"]), names="value")

    def update(self, source: str) -> None:
        self.value = rubric_html(self.patterns, source)
