"""Targeted cases for SK0603 import-grouping (§6 Code Style & Idioms),
beyond its documentation's examples."""
from pathlib import Path

from stylekit import Settings
from tests.rules.checking import lesson_cells_flagged, lines_under


def test_WHEN_stdlib_import_follows_third_party_THEN_import_grouping_flags_it():
    source = """
        import requests
        import json
        """

    expected = [3]
    actual = lines_under("SK0603", source)

    assert expected == actual


def test_WHEN_groups_touch_without_blank_line_THEN_import_grouping_flags_each_boundary():
    source = """
        from __future__ import annotations
        import json
        import requests
        from . import totals
        """

    expected = [3, 4, 5]
    actual = lines_under("SK0603", source)

    assert expected == actual


def test_WHEN_third_party_follows_relative_import_THEN_import_grouping_flags_it():
    source = """
        from .totals import invoice_total

        import requests
        """

    expected = [4]
    actual = lines_under("SK0603", source)

    assert expected == actual


def test_WHEN_groups_ordered_AND_known_local_configured_THEN_import_grouping_accepts_them():
    source = """
        import json
        from typing import List

        import requests

        from invoicing.totals import invoice_total
        from .rates import VAT_RATE
        """
    settings = Settings(known_local=("invoicing",))

    expected = []
    actual = lines_under("SK0603", source, settings=settings)

    assert expected == actual


def test_WHEN_project_package_imported_from_tests_folder_THEN_import_grouping_counts_it_local(tmp_path: Path):
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'billing'\n")
    (tmp_path / "billing").mkdir()
    (tmp_path / "billing" / "__init__.py").write_text("")
    (tmp_path / "tests").mkdir()
    path = str(tmp_path / "tests" / "test_billing.py")
    grouped = "import pytest\n\nfrom billing import invoice_total\n"
    reversed_order = "from billing import invoice_total\n\nimport pytest\n"

    expected = ([], [3])
    actual = (lines_under("SK0603", grouped, path=path), lines_under("SK0603", reversed_order, path=path))

    assert expected == actual


def test_WHEN_imports_separated_by_code_THEN_import_grouping_judges_each_block_alone():
    source = """
        import requests

        requests.packages.urllib3.disable_warnings()

        import json
        """

    expected = []
    actual = lines_under("SK0603", source)

    assert expected == actual


def test_WHEN_notebook_imports_spread_over_cells_THEN_import_grouping_accepts_them():
    cells = [
        (0, "import json"),
        (1, "import requests"),
        (2, "data = requests.get('https://example.com').json()"),
        (3, "import logging\nlogging.info(json.dumps(data))"),
        (4, "import pandas"),
        (5, "import csv"),
    ]

    expected = []
    actual = lesson_cells_flagged("SK0603", cells)

    assert expected == actual


def test_WHEN_notebook_cell_mixes_groups_without_blank_line_THEN_import_grouping_flags_it():
    cells = [(0, "import requests\nimport json")]

    expected = [(0, 2)]
    actual = lesson_cells_flagged("SK0603", cells)

    assert expected == actual
