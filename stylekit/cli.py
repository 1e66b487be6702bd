"""The `stylekit` command: lint code, list rules, show a rule's documentation.

Exit codes follow linters' custom: 0 clean, 1 findings, 2 usage error (Click's own code for bad usage).
"""
import json
import logging
import sys
from pathlib import Path
from typing import List, Tuple

import click

from stylekit.errors import StylekitError
from stylekit.findings import Finding, Severity, StyleReport
from stylekit.patterns import load_catalogue
from stylekit.rules import all_rules, find_rule
from stylekit.sources import check_path, discover

logger = logging.getLogger(__name__)

EXIT_FINDINGS = 1  # as flake8 and ruff: something was found
EXIT_USAGE = 2  # as Click itself exits on bad usage, so every usage problem reads the same to scripts


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
def lint(paths: Tuple[Path, ...], output_format: str) -> None:
    """Check .py files, notebooks and folders against the guide's rules."""
    files = discover(paths)
    try:
        reports = [check_path(path) for path in files]
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
             "summary": rule.summary} for rule in all_rules()]
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
        found = find_rule(rule_id)
    except StylekitError as error:
        raise click.UsageError(str(error))
    click.echo(found.documentation().text.rstrip())
    catalogue = load_catalogue()
    click.echo(f"\nGuide: {catalogue.citation(found.pattern)} ({found.pattern})")


@main.command()
@click.option("--check", "check_only", is_flag=True,
              help="Do not write: exit 1 if exercises/ differs from what solutions/ would generate.")
@click.option("--section", "only", multiple=True, help="Only this section (repeatable), e.g. 02_type_system.")
def exercises(check_only: bool, only: Tuple[str, ...]) -> None:
    """Generate the learner versions in exercises/ from solutions/ with nbgrader."""
    from stylekit.course import REPO_ROOT, exercises_differences, generate_exercises

    try:
        if check_only:
            differences = exercises_differences(list(only) or None)
            for difference in differences:
                click.echo(difference)
            sys.exit(EXIT_FINDINGS if differences else 0)
        for path in generate_exercises(REPO_ROOT / "exercises", only=list(only) or None):
            click.echo(f"wrote {path.relative_to(REPO_ROOT)}")
    except StylekitError as error:
        click.echo(f"Error: {error}", err=True)
        sys.exit(EXIT_USAGE)


if __name__ == "__main__":
    main()
