"""Targeted cases for SK0103 module-name (§1 Code Organization & Architecture),
beyond its documentation's examples."""
from pathlib import Path

from stylekit.notebook import check_cells
from tests.rules.checking import lines_under


def test_WHEN_module_file_name_not_snake_case_THEN_module_name_flags_line_one():
    source = "TOTAL = 0  # running total of the demo\n"

    expected = ([1], [1])
    actual = (lines_under("SK0103", source, path="src/InvoiceTools.py"),
              lines_under("SK0103", source, path="src/invoice-tools.py"))

    assert expected == actual


def test_WHEN_package_folder_not_snake_case_THEN_module_name_flags_it(tmp_path: Path):
    package = tmp_path / "InvoiceTools"
    package.mkdir()
    (package / "__init__.py").write_text("")
    path = str(package / "totals.py")

    expected = [1]
    actual = lines_under("SK0103", "TOTAL = 0  # running total of the demo\n", path=path)

    assert expected == actual


def test_WHEN_plain_folder_or_fixed_names_THEN_module_name_accepts_them(tmp_path: Path):
    checkout = tmp_path / "invoice-service"
    checkout.mkdir()
    source = "TOTAL = 0  # running total of the demo\n"

    expected = [[], [], [], [], []]
    actual = [lines_under("SK0103", source, path=path) for path in (
        str(checkout / "manage_invoices.py"),
        "migrations/0001_initial.py",
        "tests/conftest.py",
        "notes.txt",
        None,
    )]

    assert expected == actual


def test_WHEN_notebook_checked_THEN_module_name_ignores_its_file_name():
    report = check_cells([(0, "TOTAL = 0  # running total of the demo")], path="Lesson-One.ipynb")

    expected = []
    actual = [finding.rule for finding in report.findings if finding.rule == "SK0103"]

    assert expected == actual


def test_WHEN_notebook_code_names_module_files_THEN_module_name_judges_each_path():
    cells = [(0, 'write_module("fleet/RoutePlans/stops.py", "")\nwrite_module("fleet/route_plans/stops.py", "")'),
             (1, 'HANDBOOK = "fleet/route-notes.py"\nSCRATCH = "/tmp/My-Scratch/notes.py"\nINIT = "fleet/__init__.py"'),
             (2, 'MODULES = sorted(Path("fleet").rglob("*.py")) + glob.glob("Fleet/Test?.py")')]

    expected = [(0, 1), (1, 1)]
    actual = [(finding.cell, finding.line) for finding in check_cells(cells).findings if finding.rule == "SK0103"]

    assert expected == actual


def test_WHEN_module_file_checked_THEN_module_name_ignores_paths_in_its_strings():
    source = 'TEMPLATE_PATH = "templates/InvoiceTemplate.py"  # a file the module reads, not one of its packages\n'

    expected = ([], [1])
    actual = (lines_under("SK0103", source, path="invoices.py"), lines_under("SK0103", source, path=None))

    assert expected == actual
