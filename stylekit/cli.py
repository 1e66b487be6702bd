"""The `stylekit` command: lint code, list rules, show a rule's documentation, build the sections, make a learner's
workspace, grade.

Exit codes follow linters' custom: 0 clean, 1 findings, 2 usage error (Click's own code for bad usage).
"""
import dataclasses
import json
import logging
import os
import sys
from pathlib import Path
from typing import Any, List, Optional, Tuple

import click

from stylekit.errors import StylekitError
from stylekit.findings import Finding, Severity, StyleReport
from stylekit.grading.containment import ContainmentMode
from stylekit.grading.model import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT_SECONDS
from stylekit.lint_cache import CACHE_FOLDER, LintCache

logger = logging.getLogger(__name__)

EXIT_FINDINGS = 1  # as flake8 and ruff: something was found
EXIT_USAGE = 2  # as Click itself exits on bad usage, so every usage problem reads the same to scripts
PROGRESS_BAR_WIDTH = 24  # characters: leaves room on an 80-column terminal for the learner and the outcome


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="stylekit")
@click.option("-v", "--verbose", is_flag=True, help="Log what the kit does to stderr.")
def main(verbose: bool) -> None:
    """Teach, check and grade the team's Python style guide."""
    logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    # nbgrader logs every file it copies through traitlets' logger; that is detail, not news, unless asked for.
    logging.getLogger("traitlets").setLevel(logging.DEBUG if verbose else logging.WARNING)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: one 'path:line:col: RULE message' line per finding; json: a list of finding objects.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Processes checking files at once  [default: one per core]")
@click.option("--no-cache", is_flag=True, help=f"Check every file, and keep nothing in {CACHE_FOLDER}/.")
@click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path), default=Path(CACHE_FOLDER),
              show_default=True, help="Where findings of unchanged files are kept between runs.")
def lint(paths: Tuple[Path, ...], output_format: str, jobs: Optional[int], no_cache: bool, cache_dir: Path) -> None:
    """Check .py files, notebooks and folders against the guide's rules."""
    from stylekit.sources import check_paths, discover  # the engine and its rules load only when a file needs them

    files = discover(paths)
    try:
        reports = check_paths(files, jobs=jobs or os.cpu_count() or 1,
                              cache=None if no_cache else LintCache(cache_dir))
    except StylekitError as error:
        # A broken [tool.stylekit] table is the user's to fix: say where and what, without a traceback.
        click.echo(f"Error: {error}", err=True)
        sys.exit(EXIT_USAGE)
    findings = [finding for report in reports for finding in report.findings]
    if output_format == "json":
        click.echo(json.dumps([finding.to_dict() for finding in findings], indent=2))
    else:
        for finding in findings:
            click.echo(_text_line(finding))
    click.echo(_summary(reports, findings), err=True)
    sys.exit(EXIT_FINDINGS if findings else 0)


def _rules() -> Any:
    """The rule registry, loaded only by the commands that list or explain rules."""
    import stylekit.rules

    return stylekit.rules


def _text_line(finding: Finding) -> str:
    location = finding.path if finding.cell is None else f"{finding.path}#cell{finding.cell}"
    return f"{location}:{finding.line}:{finding.column}: {finding.rule} {finding.message}"


def _summary(reports: List[StyleReport], findings: List[Finding]) -> str:
    files = f"{len(reports)} file{'s' if len(reports) != 1 else ''}"
    if not findings:
        return f"All clean: {files} checked."
    counts = ", ".join(f"{sum(1 for f in findings if f.severity == severity)} {severity.value}"
                       for severity in Severity)
    return f"Found {len(findings)} finding{'s' if len(findings) != 1 else ''} ({counts}) in {files}."


@main.command()
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rules(output_format: str) -> None:
    """List every rule with its id, name, pattern, severity and summary."""
    rows = [{"id": rule.id, "name": rule.name, "pattern": rule.pattern, "severity": rule.severity.value,
             "summary": rule.summary} for rule in _rules().all_rules()]
    if output_format == "json":
        click.echo(json.dumps(rows, indent=2))
        return
    for row in rows:
        click.echo(f"{row['id']}  {row['severity']:<7}  {row['name']:<28}  {row['pattern']:<32}  {row['summary']}")


@main.command()
@click.argument("rule_id")
def rule(rule_id: str) -> None:
    """Print one rule's documentation (by id, e.g. SK0201, or by name)."""
    try:
        found = _rules().find_rule(rule_id)
    except StylekitError as error:
        raise click.UsageError(str(error))
    click.echo(found.documentation().text.rstrip())
    from stylekit.patterns import load_catalogue

    catalogue = load_catalogue()
    click.echo(f"\nGuide: {catalogue.citation(found.pattern)} ({found.pattern})")


@main.command()
@click.option("--check", "check_only", is_flag=True,
              help="Do not write: list every built file that differs from its source, exit 1 if any does.")
@click.option("--section", "only", multiple=True, help="Only this section (repeatable), e.g. 02_type_system or types.")
def build(check_only: bool, only: Tuple[str, ...]) -> None:
    """Build lessons, exercise notebooks, hidden checks and releases from the section sources in sections/."""
    from stylekit.paths import REPO_ROOT
    from stylekit.curriculum.build import build as build_sections
    from stylekit.curriculum.build import differences

    try:
        if check_only:
            found = differences(REPO_ROOT, list(only) or None)
            for difference in found:
                click.echo(difference)
            click.echo(f"{len(found)} built file(s) differ from their sources" if found else "everything is up to date")
            sys.exit(EXIT_FINDINGS if found else 0)
        written = build_sections(REPO_ROOT, list(only) or None, progress=lambda line: click.echo(line, err=True))
        for path in written:
            click.echo(f"wrote {path.relative_to(REPO_ROOT)}")
    except StylekitError as error:
        click.echo(f"Error: {error}", err=True)
        sys.exit(EXIT_USAGE)


@main.command()
@click.argument("folder", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option("--kit", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="The kit whose lessons and exercises to copy  [default: this kit]")
def workspace(folder: Optional[Path], kit: Optional[Path]) -> None:
    """Create or update a learner's workspace in FOLDER [default: workspace/ in the kit, which git ignores].

    It holds the lessons and the released exercises (no solutions, no hidden checks), outside the kit's tracked
    files. Run again after the kit changes: new and corrected files come in, a file you changed is never
    overwritten (the kit's new version goes beside it), a file you deleted comes back. `make lab` runs it first.
    """
    from stylekit.paths import REPO_ROOT
    from stylekit.workspace import update_workspace

    kit_root = kit or REPO_ROOT
    try:
        update = update_workspace(folder or kit_root / "workspace", kit_root)
    except StylekitError as error:
        click.echo(f"Error: {error}", err=True)
        sys.exit(EXIT_USAGE)
    for line in update.lines():
        click.echo(line)


@main.command()
@click.argument("submitted", type=click.Path(file_okay=False, path_type=Path))
@click.option("--out", "out", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Where grades.csv, the feedback pages and the gradebook go (an nbgrader course folder).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Submissions graded at once  [default: one per core]")
@click.option("--timeout", type=click.FloatRange(min=1), default=DEFAULT_TIMEOUT_SECONDS, show_default=True,
              help="Seconds one notebook's grading may take, all in; past it the notebook fails.")
@click.option("--memory", "memory_mb", type=click.IntRange(min=256), default=DEFAULT_MEMORY_MB, show_default=True,
              help="Memory cap of each grading process, in MiB.")
@click.option("--force", is_flag=True, help="Grade everything again, even what has not changed since the last run.")
@click.option("--source", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="The assignments' source notebooks, one folder each  [default: the kit's solutions/]")
@click.option("--checks", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="The hidden checks, one folder per assignment  [default: the kit's autograder/checks/]")
@click.option("--containment", type=click.Choice([mode.value for mode in ContainmentMode]),
              default=ContainmentMode.AUTO.value, show_default=True,
              help="How learner code is contained: Linux namespaces where the machine offers them (auto), "
                   "namespaces or refuse to grade (namespaces), or the audit policy alone (audit-only).")
@click.option("--gradebook", "gradebook_url", default=lambda: os.environ.get("STYLEKIT_GRADEBOOK_URL", ""),
              help="The gradebook as an SQLAlchemy URL, e.g. postgresql://user@host/course  [default: "
                   "$STYLEKIT_GRADEBOOK_URL, else OUT/gradebook.db]")
@click.option("--shard", callback=lambda context, parameter, value: _shard(value), default="1/1", show_default=True,
              help="Grade part K of N of the class (a Kubernetes indexed Job, a Slurm array, a CI matrix): every "
                   "N-th submission from the K-th on. Shards share one gradebook (--gradebook postgresql://...).")
def grade(submitted: Path, out: Path, jobs: Optional[int], timeout: float, memory_mb: int, force: bool,
          source: Optional[Path], checks: Optional[Path], containment: str, gradebook_url: str,
          shard: Tuple[int, int]) -> None:
    """Grade every notebook under SUBMITTED (<learner>/<assignment>/<notebook>.ipynb) with the hidden checks.

    Writes OUT/grades.csv and OUT/feedback/<learner>/<assignment>.html. A re-run grades only what changed.
    Exit 0 when every submission was graded, 1 when some failed (grades.csv says why), 2 on a usage error.
    """
    from stylekit.class_grading.batch import run
    from stylekit.grading.model import GradeSettings

    settings = GradeSettings(submitted=submitted.resolve(), out=out.resolve(), timeout=timeout, memory_mb=memory_mb,
                             containment=ContainmentMode(containment))
    settings = dataclasses.replace(settings, solutions=source.resolve() if source else settings.solutions,
                                   checks_root=checks.resolve() if checks else settings.checks_root,
                                   gradebook_url=gradebook_url, shard=shard[0], shards=shard[1])
    workers = jobs or os.cpu_count() or 1
    try:
        summary = run(settings, workers, progress=_progress_line, force=force)
    except StylekitError as error:
        click.echo(f"Error: {error}", err=True)
        sys.exit(EXIT_USAGE)
    graded = len(summary.results) - summary.failed
    click.echo(f"{len(summary.results)} submissions: {graded} graded, {summary.failed} failed "
               f"({summary.graded_now} graded now, {summary.reused} unchanged since the last run). "
               f"Grades: {out / 'grades.csv'}", err=True)
    sys.exit(EXIT_FINDINGS if summary.failed else 0)


def _shard(value: str) -> Tuple[int, int]:
    """'K/N' with 1 <= K <= N, as `--shard` takes it."""
    shard, _, shards = value.partition("/")
    if not (shard.isdigit() and shards.isdigit() and 1 <= int(shard) <= int(shards)):
        raise click.BadParameter(f"{value!r} is not K/N with 1 <= K <= N (for example 2/4)")
    return int(shard), int(shards)


def _progress_line(done: int, total: int, result: Any, elapsed: float) -> None:
    """One line per finished submission: a bar, the count, the outcome and the time left at the pace so far."""
    filled = PROGRESS_BAR_WIDTH * done // max(total, 1)
    eta = elapsed / done * (total - done) if done else 0.0
    outcome = (f"{result.score:g}/{result.max_score:g}" if result.score is not None
               else f"FAILED: {result.reason[:80]}")
    click.echo(f"[{'#' * filled}{'.' * (PROGRESS_BAR_WIDTH - filled)}] {done}/{total} "
               f"{result.learner}/{result.assignment} {outcome}  (elapsed {elapsed:.0f} s, ETA {eta:.0f} s)", err=True)



@main.group()
def course() -> None:
    """Run the kit as an nbgrader course: make one, then release, collect and grade with nbgrader and the kit."""


@course.command("init")
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--sections", "sections", multiple=True,
              help="A section to include, by id or folder (repeatable)  [default: every taught section]")
@click.option("--course-id", default="stylekit", show_default=True, help="The nbgrader course id.")
@click.option("--exchange", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="nbgrader's exchange folder, which every learner's server must reach  [default: FOLDER/exchange]")
def course_init(folder: Path, sections: Tuple[str, ...], course_id: str, exchange: Optional[Path]) -> None:
    """Make an nbgrader course in FOLDER (new or empty) from the kit's taught sections, ready for
    `nbgrader release_assignment`; the hidden checks stay in FOLDER/autograder, outside every release."""
    from stylekit.nbgrader_interactions.course_init import init_course

    chosen_keys = [key.strip() for item in sections for key in item.split(",") if key.strip()]
    try:
        chosen = init_course(folder.resolve(), chosen_keys or None, course_id=course_id,
                             progress=lambda line: click.echo(line, err=True),
                             exchange=exchange.resolve() if exchange else None)
    except StylekitError as error:
        click.echo(f"Error: {error}", err=True)
        sys.exit(EXIT_USAGE)
    click.echo(f"Course {course_id} made in {folder} with {len(chosen)} assignment(s): "
               f"{', '.join(section.folder for section in chosen)}. Next, from that folder: "
               f"nbgrader release_assignment {chosen[0].folder if chosen else '<section>'}", err=True)


def _names(value: str) -> Tuple[str, ...]:
    return tuple(name.strip() for name in value.split(",") if name.strip())


@course.command("hub")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--learners", required=True, help="The learners' hub user names, comma-separated.")
@click.option("--instructors", default="", help="The instructors' hub user names, comma-separated.")
@click.option("--ip", default="127.0.0.1", show_default=True, help="The address the hub answers on.")
@click.option("--port", default=8000, show_default=True, help="The hub's public port.")
@click.option("--hub-port", default=8081, show_default=True, help="The hub's internal port (127.0.0.1).")
@click.option("--proxy-api-port", default=8001, show_default=True, help="The proxy's API port (127.0.0.1).")
@click.option("--homes", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where each hub user's home folder is made  [default: FOLDER/hub/homes]")
def course_hub(folder: Path, learners: str, instructors: str, ip: str, port: int, hub_port: int, proxy_api_port: int,
               homes: Optional[Path]) -> None:
    """Write FOLDER/hub/jupyterhub_config.py: a JupyterHub on one host for the course in FOLDER, each learner's
    nbgrader identity taken from their hub user. Start it with STYLEKIT_HUB_PASSWORD set (docs/instructors.md)."""
    from stylekit.jupyterhub_interactions.hub_config import HubSettings, role_summary, write_hub

    settings = HubSettings(course=folder, learners=_names(learners), instructors=_names(instructors), ip=ip,
                           port=port, hub_port=hub_port, proxy_api_port=proxy_api_port,
                           homes=homes.resolve() if homes else None)
    try:
        files = write_hub(settings)
    except StylekitError as error:
        click.echo(f"Error: {error}", err=True)
        sys.exit(EXIT_USAGE)
    for line in role_summary(files):
        click.echo(line, err=True)
    click.echo(f"Start it: STYLEKIT_HUB_PASSWORD=... {Path(sys.executable).parent / 'jupyterhub'} -f {files.config}",
               err=True)


@course.command("feedback")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--graded", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="The folder `stylekit grade --out` wrote  [default: FOLDER/graded]")
def course_feedback(folder: Path, graded: Optional[Path]) -> None:
    """Lay the kit's feedback pages out in FOLDER/feedback as `nbgrader release_feedback` expects them."""
    from stylekit.nbgrader_interactions.course_feedback import LaidOut, lay_out_feedback
    from stylekit.nbgrader_interactions.course_init import GRADED_FOLDER

    try:
        outcome = lay_out_feedback(folder.resolve(), (graded or folder / GRADED_FOLDER).resolve())
    except StylekitError as error:
        click.echo(f"Error: {error}", err=True)
        sys.exit(EXIT_USAGE)
    for item in outcome:
        if isinstance(item, LaidOut):
            click.echo(f"{item.learner}/{item.assignment}: {item.page}", err=True)
        else:
            click.echo(f"{item.learner}/{item.assignment}: skipped, {item.reason}", err=True)
    ready = sum(isinstance(item, LaidOut) for item in outcome)
    click.echo(f"{ready} of {len(outcome)} feedback page(s) ready; next: nbgrader release_feedback <assignment>",
               err=True)


@main.command()
@click.argument("class_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Where the page goes  [default: CLASS_DIR/report.html]")
@click.option("--title", default="Class report", show_default=True, help="The page's title.")
def report(class_dir: Path, out: Optional[Path], title: str) -> None:
    """Write a self-contained HTML report of a graded class (a `stylekit grade` output folder): scores per
    section, learners x rules, the most missed checks and what they teach, persistent findings, progress."""
    from stylekit.analytics.class_data import EmptyClass, class_data
    from stylekit.analytics.dashboard import write_report

    try:
        data = class_data(class_dir)
    except EmptyClass as error:
        click.echo(f"Error: {error}", err=True)
        sys.exit(EXIT_USAGE)
    path = write_report(data, out or class_dir / "report.html", title)
    click.echo(f"Report of {len(data.learners)} learners: {path}", err=True)


@main.group()
def assess() -> None:
    """The hiring assessment: build candidate bundles, then grade what candidates return."""


def _roster(candidates: str, roster: Optional[Path]) -> List[str]:
    names = list(_names(candidates))
    if roster is not None:
        for line in roster.read_text(encoding="utf-8").splitlines():
            name = line.split(",")[0].strip()
            if name and not name.startswith("#") and name.lower() != "name":
                names.append(name)
    return names


@assess.command("build")
@click.option("--preset", type=click.Choice(["90-minute"]), default=None,
              help="A ready exam: 90-minute = three short fixes across sections, one small feature, tests for a "
                   "given module.")
@click.option("--sections", default="", help="Build from these sections instead, one item each (comma-separated).")
@click.option("--candidates", default="", help="Candidates' names, comma-separated, in seating order.")
@click.option("--roster", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="A file of candidates' names, one per line (or the first column of a CSV), in seating order.")
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="A new folder for the bundles (out/bundles/<code>.zip) and the exam's record.")
@click.option("--key", "key", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Where the key from codes to names goes, apart from OUT  [default: OUT-key.csv beside OUT]")
@click.option("--seed", default=1, show_default=True, help="Picks each form's items; the same seed rebuilds them.")
@click.option("--forms", default=2, show_default=True, help="How many parallel forms; candidates take them in turn.")
@click.option("--minutes", default=None, type=int, help="The time limit  [default: the preset's, or 90]")
def assess_build(preset: Optional[str], sections: str, candidates: str, roster: Optional[Path], out: Path,
                 key: Optional[Path], seed: int, forms: int, minutes: Optional[int]) -> None:
    """Build one bundle per candidate: the exam's items without answers or hidden checks, a README with the time
    limit, and a manifest of every file's hash; keep the exam's record in OUT and the names in the key."""
    from stylekit.assessment.exam import PRESETS, ExamPlan, build_exam, plan_from_sections

    names = _roster(candidates, roster)
    try:
        if bool(preset) == bool(sections):
            raise click.UsageError("give either --preset or --sections")
        plan = PRESETS[preset] if preset else plan_from_sections(_names(sections), minutes or 90)
        if minutes and preset:
            plan = ExamPlan(name=plan.name, minutes=minutes, slots=plan.slots)
        key_path = key or out.resolve().parent / f"{out.name}-key.csv"
        record = build_exam(plan, names, out, key_path, seed=seed, forms=forms)
    except StylekitError as error:
        click.echo(f"Error: {error}", err=True)
        sys.exit(EXIT_USAGE)
    for letter, items in record.forms.items():
        click.echo(f"form {letter}: {', '.join(items)}", err=True)
    click.echo(f"{len(record.bundles)} bundle(s) in {out / 'bundles'} (send each <code>.zip to the name the key "
               f"gives); the key: {key_path}; exam {record.exam_id}, {record.minutes} minutes", err=True)


@assess.command("grade")
@click.argument("exam", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.argument("returned", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Where the reports go: candidates/<code>.html and .pdf, review/, cohort.csv.")
@click.option("--key", "key", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="The key from codes to names, to put names in the reports (leave out for blind reports).")
@click.option("--anonymise", is_flag=True, help="Keep names out of every report even when --key is given.")
@click.option("--containment", type=click.Choice([mode.value for mode in ContainmentMode]),
              default=ContainmentMode.NAMESPACES.value, show_default=True,
              help="How candidate code is contained; hiring grades untrusted code, so namespaces by default.")
@click.option("--pdf/--no-pdf", default=True, show_default=True, help="Print each candidate's report to PDF.")
@click.option("--jobs", type=int, default=None, help="Candidates graded at once  [default: one per core]")
def assess_grade(exam: Path, returned: Path, out: Path, key: Optional[Path], anonymise: bool, containment: str,
                 pdf: bool, jobs: Optional[int]) -> None:
    """Grade every bundle in RETURNED (<code>.zip or <code>/) against the exam in EXAM, with integrity evidence,
    and write a report per candidate, blind review sheets and the cohort CSV into OUT."""
    from stylekit.assessment.exam import load_key, load_record
    from stylekit.assessment.grading import grade_exam
    from stylekit.assessment.pdf import print_to_pdf
    from stylekit.assessment.report import write_reports

    try:
        record = load_record(exam)
        names = load_key(key) if key and not anonymise else {}
        out.mkdir(parents=True, exist_ok=True)

        def progress(done: int, total: int, result: Any) -> None:
            flags = sum(item.flag for item in result.evidence)
            click.echo(f"[{done}/{total}] {result.code}: {result.status}"
                       f"{f', {result.score:g}/{result.max_score:g}' if result.status == 'graded' else ''}"
                       f"{f', {flags} flag(s)' if flags else ''}", err=True)

        results, unmatched = grade_exam(record, returned, out / ".returns", containment=ContainmentMode(containment),
                                        jobs=jobs, progress=progress)
        (out / "results.json").write_text(f"{json.dumps([result.to_dict() for result in results], indent=2)}\n")
        for result in results:  # found only once every candidate is graded, so after the progress lines
            for item in result.evidence:
                if item.kind == "alike":
                    click.echo(f"{result.code}: {item.detail}", err=True)
        written = write_reports(results, record.exam_id, out, names)
        for entry in unmatched:
            click.echo(f"warning: {returned / entry} matches no candidate of exam {record.exam_id}; left as it is",
                       err=True)
        if pdf:
            print_to_pdf(written.candidates)
    except StylekitError as error:
        click.echo(f"Error: {error}", err=True)
        sys.exit(EXIT_USAGE)
    click.echo(f"{len(results)} candidate(s): reports in {out / 'candidates'}, review sheets in {out / 'review'}, "
               f"{written.cohort}", err=True)


if __name__ == "__main__":
    main()
