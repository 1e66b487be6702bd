"""Text from a learner's code made fit for every file the kit writes (stylekit/text.py)."""
import pytest

from stylekit.text import html_text, printable, printable_data


@pytest.mark.parametrize("text, shown", [
    ("plain text, é and 😀", "plain text, é and 😀"),
    ("\ud800", "\\ud800"),
    ("caf\udce9", "caf\\udce9"),  # a folder name that is not UTF-8, as Python decodes it
    ("\x1b[31mred\x00", "\\x1b[31mred\\x00"),
    ("tab\tnewline\ncarriage\r", "tab\tnewline\ncarriage\r"),
    ("\ud83d\ude00", "😀"),  # a surrogate pair, as JSON's escapes of an emoji decode piecewise
])
def test_WHEN_text_made_printable_THEN_utf8_encodable_and_odd_characters_escaped(text: str, shown: str) -> None:
    expected = (shown, shown.encode("utf-8"), shown)
    actual = (printable(text), printable(text).encode("utf-8"), printable(printable(text)))
    assert expected == actual


def test_WHEN_value_put_into_html_THEN_escaped_and_printable() -> None:
    expected = ("&lt;script&gt;alert(&quot;\\ud800&quot;)&lt;/script&gt;", "7")
    actual = (html_text('<script>alert("\ud800")</script>'), html_text(7))
    assert expected == actual


def test_WHEN_finding_data_made_printable_THEN_every_string_in_it_is_and_numbers_stay() -> None:
    finding = {"line": 3, "message": "name '\ud800' is unclear", "rule": "SK0101", "tags": ["\x07"]}

    expected = {"line": 3, "message": "name '\\ud800' is unclear", "rule": "SK0101", "tags": ["\\x07"]}
    actual = printable_data(finding)
    assert expected == actual
