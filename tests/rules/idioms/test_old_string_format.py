"""Targeted cases for SK0605 old-string-format (§6 Code Style & Idioms),
beyond its documentation's examples."""
from typing import List

from tests.rules.checking import TEST_PATH, flagged_lines, lines_under


def test_WHEN_plus_chain_wrapped_over_lines_THEN_old_string_format_accepts_it():
    source = """
        def summary(self) -> str:
            report_text = (
                "Sensors:\\n"
                + self._line("Active", self.previous.active, self.current.active)
                + self._line("Failed", self.previous.failed, self.current.failed)
                + "Archive:\\n"
                + self._line("Days kept", self.previous.days, self.current.days)
            )
            prompt = ("Apply these settings? " + self.owner + " must approve: "
                      + report_text)
            return prompt
        """

    expected: List[int] = []
    actual = flagged_lines("SK0605", source)

    assert expected == actual


def test_WHEN_plus_chain_on_one_line_THEN_old_string_format_still_flags_it():
    source = """
        import core.constants as constants


        def test_WHEN_prefix_built_THEN_tool_path_used():
            expected_value = constants.get_repo_root_dir() + "/node_modules/.bin/cdk"
            assert expected_value == build_prefix()
        """

    expected = [6]
    actual = flagged_lines("SK0605", source, path=TEST_PATH)

    assert expected == actual


def test_WHEN_only_a_part_of_the_chain_spans_lines_THEN_old_string_format_flags_it():
    source = """
        from typing import List


        def total_line(amounts: List[float]) -> str:
            return "Total: " + str(sum(
                amounts))
        """

    expected = [6]
    actual = flagged_lines("SK0605", source)

    assert expected == actual


def test_WHEN_percent_format_or_literal_format_in_function_THEN_old_string_format_flags_them():
    source = """
        def describe(number, count):
            first = "Invoice %s" % number
            second = "{} items".format(count)
            return first, second
        """

    expected = [3, 4]
    actual = lines_under("SK0605", source)

    assert expected == actual


def test_WHEN_text_joined_with_str_calls_THEN_old_string_format_flags_the_whole_chain_once():
    source = """
        def describe(number, count):
            return "Invoice " + number + " has " + str(count) + " lines"
        """

    expected = [3]
    actual = lines_under("SK0605", source)

    assert expected == actual


def test_WHEN_template_constant_rendered_with_format_THEN_old_string_format_accepts_it():
    source = '''
        import json

        RECEIPT_TEMPLATE = """
        <receipt>
        {lines}
        </receipt>
        """.format(lines=json.dumps(["a", "b"], indent=4))
        GREETING = "Dear {name},"

        def greet(name):
            return GREETING.format(name=name)
        '''

    expected = []
    actual = lines_under("SK0605", source)

    assert expected == actual


def test_WHEN_logging_lazy_arguments_or_unformattable_joins_THEN_old_string_format_accepts_them():
    source = """
        import logging

        logger = logging.getLogger(__name__)

        def report(number, lines, width):
            logger.info("Sent invoice %s", number)
            body = "\\n".join(lines) + "\\n"
            rule = "=" * width + "\\n"
            return "Invoice " "total", body, rule
        """

    expected = []
    actual = lines_under("SK0605", source)

    assert expected == actual


def test_WHEN_chain_cannot_become_f_string_THEN_old_string_format_does_not_flag_its_start_either():
    source = """
        def render(title, lines):
            return "Title: " + title + "\\n".join(lines)
        """

    expected = []
    actual = lines_under("SK0605", source)

    assert expected == actual
