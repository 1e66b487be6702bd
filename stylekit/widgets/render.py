"""HTML for findings: shared by the coach, the cell feedback and the rubric, so they explain rules alike."""
import html
from functools import lru_cache
from typing import Dict, List, Sequence

from stylekit.errors import StylekitError
from stylekit.findings import Finding
from stylekit.patterns import load_catalogue
from stylekit.rules import find_rule

SEVERITY_COLOURS = {"error": "#b42318", "warning": "#b54708", "info": "#175cd3"}


@lru_cache(maxsize=None)
def explanation(rule_id: str) -> Dict[str, str]:
    """Why a rule exists and what to write instead, from its documentation (read once per rule)."""
    try:
        rule = find_rule(rule_id)
    except StylekitError:
        return {"citation": "", "why": "", "instead": ""}
    documentation = rule.documentation()
    why = documentation.sections["Why"].strip().split("\n\n")[0]
    return {"citation": load_catalogue().citation(rule.pattern), "why": " ".join(why.split()),
            "instead": documentation.instead().code}


def finding_html(finding: Finding) -> str:
    colour = SEVERITY_COLOURS.get(finding.severity.value, "#344054")
    message = html.escape(finding.message)
    if finding.rule == "SK0000":
        # A syntax error while typing is normal: say where, calmly, with no traceback.
        return (f'<div class="stylekit-finding stylekit-syntax" data-rule="SK0000" style="color:#475467">'
                f'Line {finding.line} does not parse yet: {message}</div>')
    about = explanation(finding.rule)
    details = (f'<details><summary>Why, and what to write instead</summary>'
               f'<div style="margin:4px 0">{html.escape(about["citation"])}: {html.escape(about["why"])}</div>'
               f'<pre style="background:#f2f4f7;padding:6px">{html.escape(about["instead"])}</pre></details>')
    return (f'<div class="stylekit-finding" data-rule="{finding.rule}" style="margin:4px 0">'
            f'<span style="color:{colour};font-weight:600">{finding.rule}</span> '
            f'<span style="color:#475467">line {finding.line}</span> {message}{details}</div>')


def marked_lines_html(source: str, findings: Sequence[Finding]) -> str:
    """The code with each line that has a finding marked, so the learner sees where."""
    flagged = {finding.line for finding in findings}
    rows: List[str] = []
    for number, text in enumerate(source.splitlines(), start=1):
        style = "background:#fef0c7" if number in flagged else ""
        marker = "▶" if number in flagged else " "
        rows.append(f'<div style="{style}"><span style="color:#475467">{marker}{number:>3} </span>'
                    f'{html.escape(text) or " "}</div>')
    return f'<pre class="stylekit-marked" style="margin:4px 0;font-size:12px">{"".join(rows)}</pre>'


def panel_html(source: str, findings: Sequence[Finding], revision: int) -> str:
    if not findings:
        body = ('<div class="stylekit-clean" style="color:#067647">✓ No findings: this code follows every rule '
                'the kit checks.</div>')
    else:
        body = "".join(finding_html(finding) for finding in findings)
        if any(finding.rule != "SK0000" for finding in findings):
            body += marked_lines_html(source, findings)
    return f'<div class="stylekit-findings" data-revision="{revision}">{body}</div>'
