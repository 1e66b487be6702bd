"""Targeted cases for SK0515 fixed-test-path (§5 Testing Approach),
beyond its documentation's examples."""
import pytest

from tests.rules.checking import LIBRARY_SOURCE_PATH, LIBRARY_TEST_PATH, lines_in_test_module


def test_WHEN_test_writes_to_fixed_paths_THEN_each_flagged() -> None:
    source = """
        import os
        import tempfile
        from pathlib import Path
        from tempfile import NamedTemporaryFile

        def test_WHEN_save_catalogue_called_THEN_written():
            with open("/tmp/catalogue.json", "w") as handle:
                handle.write("[]")
            open("catalogue.csv", mode="a")
            Path("/tmp/catalogue.txt").write_text("")
            os.makedirs("build/catalogue")
            folder = tempfile.mkdtemp()
            with NamedTemporaryFile() as handle:
                save_catalogue(handle.name)
    """

    expected = [8, 10, 11, 12, 13, 14]
    actual = lines_in_test_module("SK0515", source)

    assert expected == actual


@pytest.mark.parametrize("source, path", [
    ("def test_WHEN_saved_THEN_written(tmp_path):\n"
     "    with open(tmp_path / 'catalogue.json', 'w') as handle:\n        handle.write('[]')\n", LIBRARY_TEST_PATH),
    ("def test_WHEN_loaded_THEN_read():\n"
     "    with open('tests/data/catalogue.json') as handle:\n        load(handle)\n", LIBRARY_TEST_PATH),
    ("def test_WHEN_uploaded_THEN_sent():\n"
     "    mock_file.local_path = '/tmp/catalogue.json'\n    upload(mock_file)\n", LIBRARY_TEST_PATH),
    ("def test_WHEN_quiet_THEN_no_output():\n"
     "    with open('/dev/null', 'w') as sink:\n        report(sink)\n", LIBRARY_TEST_PATH),
    ("def save_plans() -> None:\n"
     "    with open('/tmp/plans.json', 'w') as handle:\n        handle.write('[]')\n", LIBRARY_SOURCE_PATH),
], ids=["tmp-path", "read-test-data", "path-for-mocked-code", "dev-null", "production-code"])
def test_WHEN_files_made_under_tmp_path_or_not_in_tests_THEN_not_flagged(source: str, path: str) -> None:
    assert [] == lines_in_test_module("SK0515", source, path)
