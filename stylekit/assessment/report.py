"""What a hiring team reads: a one-page report per candidate, a cohort CSV, and blind review sheets.

The report shows the score per guide section, the style findings grouped by pattern with one sentence each, where
the candidate stands in the cohort, and the integrity evidence. Judgement items (patterns whose `check` is
`judgement`) cannot be scored by a machine alone: each candidate's answers to them go on a review sheet that names
neither the candidate nor the score, filed under a sheet number whose key stays with the hiring team.
Without names (the default, or `--anonymise`), everything here says only the candidate's code.

Answers, evidence and findings come from what a candidate returned: every value put into a page goes through
`html_text` (escaped and printable), and every CSV cell through `printable`.
"""
import csv
import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional

from stylekit.assessment.grading import STATUS_GRADED, CandidateResult
from stylekit.patterns import Catalogue, load_catalogue
from stylekit.text import html_text, printable

logger = logging.getLogger(__name__)

STYLE = """body{font-family:system-ui,sans-serif;max-width:52rem;margin:2rem auto;color:#1b1b1b}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}td,th{border:1px solid #ccc;padding:.3rem .5rem;
text-align:left}th{background:#f2f2f2}td:last-child{white-space:nowrap}
.flag{color:#a40000;font-weight:600}.note{color:#555}
pre{background:#f6f6f6;padding:.6rem;white-space:pre-wrap;font-size:.85rem}h1{font-size:1.5rem}"""


@dataclass(frozen=True)
class Standing:
    rank: int
    of: int
    percentile: int  # share of graded candidates who scored lower, in percent


def share(result: CandidateResult) -> float:
    """The share of the form's points earned: forms may differ by a point or two, so candidates compare by it."""
    return result.score / result.max_score if result.max_score else 0.0


def standings(results: List[CandidateResult]) -> Dict[str, Standing]:
    graded = [result for result in results if result.status == STATUS_GRADED]
    found = {}
    for result in graded:
        higher = sum(share(other) > share(result) for other in graded)
        lower = sum(share(other) < share(result) for other in graded)
        found[result.code] = Standing(rank=higher + 1, of=len(graded),
                                      percentile=round(100 * lower / max(1, len(graded) - 1)))
    return found


def sheet_number(exam_id: str, code: str) -> str:
    """The review sheet's number: tells a reviewer nothing; the key file maps it back."""
    digest = hashlib.sha256(f"{exam_id}/{code}".encode()).hexdigest()
    return f"R{digest[:5].upper()}"


def _label(result: CandidateResult, names: Dict[str, str]) -> str:
    return f"{names[result.code]} ({result.code})" if result.code in names else result.code


def _section_rows(result: CandidateResult, catalogue: Catalogue) -> List[str]:
    rows = []
    for folder, (earned, out_of) in sorted(result.section_scores().items()):
        section = next(section for section in catalogue.ordered_sections() if section.folder == folder)
        rows.append(f"<tr><td>§{html_text(section.number)} {html_text(section.title)}</td>"
                    f"<td class=\"section-score\">{html_text(f'{earned:g} / {out_of:g}')}</td></tr>")
    return rows


def _findings_by_pattern(result: CandidateResult, catalogue: Catalogue) -> List[str]:
    grouped: Dict[str, List[str]] = {}
    for verdict in result.exercises.values():
        for finding in (verdict.style.findings if verdict.style else []):
            grouped.setdefault(str(finding.get("pattern") or "other"), []).append(
                f"{finding.get('rule')} line {finding.get('line')}: {finding.get('message')}")
    parts = []
    for pattern_id, findings in sorted(grouped.items()):
        pattern = catalogue.patterns.get(pattern_id)
        sentence = f"{pattern.title}: {pattern.summary}" if pattern else pattern_id
        items = "".join(f"<li>{html_text(line)}</li>" for line in findings)
        parts.append(f"<h3>{html_text(pattern_id)}</h3><p>{html_text(sentence)}</p><ul>{items}</ul>")
    return parts or ["<p>No style findings.</p>"]


def _evidence(result: CandidateResult) -> str:
    if not result.evidence:
        return "<p>No integrity evidence: the return matches what was sent, in time.</p>"
    items = "".join(f"<li class=\"{'flag' if item.flag else 'note'}\">{html_text(item.kind)}: "
                    f"{html_text(item.detail)}</li>" for item in result.evidence)
    return f"<ul>{items}</ul>"


def render_candidate(result: CandidateResult, standing: Optional[Standing], exam_id: str,
                     names: Dict[str, str]) -> str:
    catalogue = load_catalogue()
    title = f"Assessment report: {_label(result, names)}"
    total = (f"{result.score:g} / {result.max_score:g} ({share(result):.0%})" if result.status == STATUS_GRADED
             else f"not graded: {result.reason}")
    where = (f"rank {standing.rank} of {standing.of}, above {standing.percentile}% of the graded cohort"
             if standing else "not ranked")
    earned = {item: verdict.score for item, verdict in result.exercises.items()}
    items = "".join(f"<tr><td>{html_text(item)}</td><td>{html_text(f'{earned.get(item, 0.0):g} / {points:g}')}"
                    "</td></tr>" for item, points in result.max_points.items())
    return "\n".join([
        "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">', f"<title>{html_text(title)}</title>",
        f"<style>{STYLE}</style></head><body>", f"<h1>{html_text(title)}</h1>",
        f"<p>Exam {html_text(exam_id)}, form {html_text(result.form)}. <strong>Total: {html_text(total)}</strong>"
        f" ({html_text(where)}).</p>",
        "<h2>Score per guide section</h2><table><tr><th>Section</th><th>Score</th></tr>",
        *_section_rows(result, catalogue), "</table>",
        "<h2>Items</h2><table><tr><th>Item</th><th>Score</th></tr>", items, "</table>",
        "<h2>Integrity evidence</h2>", _evidence(result),
        "<h2>Style findings by pattern</h2>", *_findings_by_pattern(result, catalogue),
        f"<p class=\"note\">Judgement items are on review sheet {html_text(sheet_number(exam_id, result.code))}.</p>",
        "</body></html>", ""])


def judgement_items(result: CandidateResult, catalogue: Catalogue) -> Dict[str, List[str]]:
    """Item -> the judgement patterns it practises."""
    found: Dict[str, List[str]] = {}
    for item, verdict in result.exercises.items():
        patterns = sorted({check.pattern for check in verdict.checks if check.pattern})
        judged = [pattern for pattern in patterns
                  if pattern in catalogue.patterns and catalogue.patterns[pattern].check == "judgement"]
        if judged:
            found[item] = judged
    return found


def render_review_sheet(result: CandidateResult, exam_id: str) -> str:
    catalogue = load_catalogue()
    number = sheet_number(exam_id, result.code)
    parts = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
             f"<title>Review sheet {html_text(number)}</title><style>{STYLE}</style></head><body>",
             f"<h1>Review sheet {html_text(number)}</h1>",
             "<p>Read each answer and rate how well it meets each pattern: 0 not met, 1 partly, 2 fully. The sheet "
             "names neither the candidate nor their score, so that the rating is the answer's alone.</p>"]
    judged = judgement_items(result, catalogue)
    for item, patterns in judged.items():
        parts.append(f"<h2>{html_text(item)}</h2><pre>{html_text(result.answers.get(item, ''))}</pre>")
        rows = "".join(f"<tr><td>{html_text(catalogue.citation(pattern))}: "
                       f"{html_text(catalogue.patterns[pattern].summary)}</td><td>0 · 1 · 2</td></tr>"
                       for pattern in patterns)
        parts.append(f"<table><tr><th>Pattern</th><th>Rating</th></tr>{rows}</table>")
    if not judged:
        parts.append("<p>This candidate's items hold no judgement pattern.</p>")
    parts += ["</body></html>", ""]
    return "\n".join(parts)


def write_cohort_csv(path: Path, results: List[CandidateResult], exam_id: str, names: Dict[str, str]) -> None:
    ranks = standings(results)
    sections = sorted({section for result in results for section in result.section_scores()})
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["candidate", "form", "status", "score", "max_score", "share", *sections, "rank", "percentile",
                         "flags", "evidence", "review_sheet"])
        for result in results:
            standing = ranks.get(result.code)
            scores = result.section_scores() if result.status == STATUS_GRADED else {}
            is_graded = result.status == STATUS_GRADED
            section_cells = [f"{scores[section][0]:g}" if section in scores else "" for section in sections]
            flags = [item for item in result.evidence if item.flag]
            row = [_label(result, names), result.form, result.status, f"{result.score:g}" if is_graded else "",
                   f"{result.max_score:g}", f"{share(result):.3f}" if is_graded else "", *section_cells,
                   standing.rank if standing else "", standing.percentile if standing else "", len(flags),
                   "; ".join(f"{item.kind}: {item.detail}" for item in result.evidence),
                   sheet_number(exam_id, result.code)]
            # Evidence quotes returned files' names and errors: printable, so one cannot stop the file.
            writer.writerow([printable(cell) if isinstance(cell, str) else cell for cell in row])


@dataclass(frozen=True)
class WrittenReports:
    candidates: List[Path]
    sheets: List[Path]
    cohort: Path


def write_reports(results: List[CandidateResult], exam_id: str, out: Path, names: Dict[str, str]) -> WrittenReports:
    """out/candidates/<code>.html, out/review/<sheet>.html, out/cohort.csv (names only where `names` has them)."""
    ranks = standings(results)
    (out / "candidates").mkdir(parents=True, exist_ok=True)
    (out / "review").mkdir(parents=True, exist_ok=True)
    candidates, sheets = [], []
    for result in results:
        page = out / "candidates" / f"{result.code}.html"
        page.write_text(render_candidate(result, ranks.get(result.code), exam_id, names), encoding="utf-8")
        candidates.append(page)
        if result.status == STATUS_GRADED:
            sheet = out / "review" / f"{sheet_number(exam_id, result.code)}.html"
            sheet.write_text(render_review_sheet(result, exam_id), encoding="utf-8")
            sheets.append(sheet)
    write_cohort_csv(out / "cohort.csv", results, exam_id, names)
    return WrittenReports(candidates=candidates, sheets=sheets, cohort=out / "cohort.csv")
