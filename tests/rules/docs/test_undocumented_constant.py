"""Targeted cases for SK0303 undocumented-constant (§3 Documentation Philosophy),
beyond its documentation's examples."""
from typing import List, Tuple

from tests.rules.checking import TEST_PATH, flagged_cells, flagged_lines


def test_WHEN_string_block_directly_above_constant_THEN_undocumented_constant_accepts_it():
    source = '''
        import logging

        logger = logging.getLogger(__name__)

        """
        Share of the raw sensor volume that ends up in the archive, after compression (about 1:20) and
        after dropping the readings that only repeat the previous value.
        """
        ARCHIVE_FACTOR = 0.03

        """Bump when the archive format changes incompatibly."""
        ARCHIVE_VERSION = 2
        '''

    expected: List[int] = []
    actual = flagged_lines("SK0303", source)

    assert expected == actual


def test_WHEN_comment_heads_run_of_constants_THEN_undocumented_constant_accepts_the_whole_run():
    source = """
        # Seconds; the sensor gateway drops connections idle for longer than a minute.
        CONNECT_TIMEOUT = 5
        GATEWAY_NAME = "north"
        READ_TIMEOUT = 55  # the gateway's limit, less a margin
        WRITE_TIMEOUT = 30
        """

    expected: List[int] = []
    actual = flagged_lines("SK0303", source)

    assert expected == actual


def test_WHEN_constant_has_nothing_around_it_THEN_undocumented_constant_still_flags_it():
    source = """
        ARCHIVE_CLASS = "COLD"
        ARCHIVE_DAYS = 30
        """

    expected = [3]
    actual = flagged_lines("SK0303", source)

    assert expected == actual


def test_WHEN_blank_line_or_inline_comment_only_separates_constant_THEN_undocumented_constant_flags_it():
    source = '''
        # Seconds; the sensor gateway drops connections idle for longer than a minute.
        CONNECT_TIMEOUT = 5

        READ_TIMEOUT = 55
        BATCH_SIZE = 250  # readings; the gateway's page size
        RETRY_LIMIT = 4

        """Explains nothing below: a blank line follows."""

        SAMPLE_RATE = 50
        '''

    expected = [5, 7, 11]
    actual = flagged_lines("SK0303", source)

    assert expected == actual


def test_WHEN_module_docstring_directly_above_constant_THEN_undocumented_constant_flags_it():
    source = '''"""Sensor archive settings."""
ARCHIVE_DAYS = 30
'''

    expected = [2]
    actual = flagged_lines("SK0303", source)

    assert expected == actual


def test_WHEN_numeric_constants_lack_comments_THEN_undocumented_constant_flags_each():
    source = """
        BATCH_SIZE = 250
        MIN_TEMPERATURE: float = -40.5
        SENSOR_NAME = "probe"
        """

    expected = [2, 3]
    actual = flagged_lines("SK0303", source)

    assert expected == actual


def test_WHEN_constants_commented_inline_or_above_THEN_undocumented_constant_accepts_them():
    source = """
        BATCH_SIZE = 250  # rows; the warehouse API rejects larger pages
        # degrees Celsius; the coldest our probes are rated for
        MIN_TEMPERATURE = -40.5
        FIRST_PAGE = 1
        NO_OFFSET = 0
        DEBUG = True
        """

    expected: List[int] = []
    actual = flagged_lines("SK0303", source)

    assert expected == actual


def test_WHEN_constant_has_only_a_noqa_comment_THEN_undocumented_constant_flags_it():
    source = """
        BATCH_SIZE = 250  # noqa: E501
        """

    expected = [2]
    actual = flagged_lines("SK0303", source)

    assert expected == actual


def test_WHEN_constants_in_test_file_THEN_undocumented_constant_accepts_them():
    source = """
        TEST_BATCH_SIZE = 250

        def test_WHEN_batch_sent_THEN_size_kept():
            assert 250 == len(send_batch(TEST_BATCH_SIZE))
        """

    expected: List[int] = []
    actual = flagged_lines("SK0303", source, path=TEST_PATH)

    assert expected == actual


def test_WHEN_unexplained_number_compared_in_function_THEN_undocumented_constant_flags_it():
    source = """
        def is_overweight(weight: float) -> bool:
            return weight > 30
        """

    expected = [3]
    actual = flagged_lines("SK0303", source)

    assert expected == actual


def test_WHEN_plain_numbers_compared_in_function_THEN_undocumented_constant_accepts_them():
    source = """
        import sys


        def describe(items: list, response: object) -> str:
            if len(items) == 0 or len(items) > 100:
                return "none or many"
            if sys.version_info[0] >= 3 and response.status_code == 404:
                return "missing"
            if response.code == 401 or len(items) > 0xFFFF:
                return "refused"
            # the scanner sends 7 digits for a legacy label
            if len(items) == 7:
                return "legacy"
            return "some"
        """

    expected: List[int] = []
    actual = flagged_lines("SK0303", source)

    assert expected == actual


def test_WHEN_literals_compared_in_notebook_test_and_top_level_cell_THEN_undocumented_constant_accepts_them():
    cells = [
        (0, "def test_WHEN_weight_checked_THEN_limit_applies():\n    assert 42 == compute_weight()\n"),
        (1, "if compute_weight() > 30:\n    print('heavy')\n"),
    ]

    expected: List[Tuple[int, int]] = []
    actual = flagged_cells("SK0303", cells)

    assert expected == actual


def test_WHEN_only_a_waiver_heads_the_constants_THEN_undocumented_constant_still_flags_them():
    """A waiver is a directive to the checker, not a reason for the reader: where waivers are not honoured (graded
    answers), it must not pass for the constants' explanation."""
    from stylekit.engine import check_source

    source = "# stylekit: ignore-file\nGRACE_DAYS = 2\nDAILY_FEE = 0.5\n"

    expected = [2, 3]
    actual = [finding.line for finding in check_source(source, path="fines.py", honour_waivers=False).findings
              if finding.rule == "SK0303"]
    assert expected == actual
