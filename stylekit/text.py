"""Text that came from a learner's code (what it printed or raised, a folder's name) made fit for every file the
kit writes: grades.csv, the LMS files, the stored results, the feedback pages and reports.

A Python string can hold what no UTF-8 file can: a lone surrogate (`print('\\ud800')`, JSON's `"\\ud800"`, a
folder name that is not UTF-8, which Python decodes to surrogates). Written as it is, one such character makes
the whole file fail, so one learner's print would cost the class its grades. `printable` shows it instead, as the
escape a Python programmer reads (`\\ud800`), and does the same for invisible control characters, which break
pages and CSV importers and explain nothing when shown raw.
"""
import html
import re
from typing import Any

# Control characters (C0 but tab, newline and carriage return; DEL; C1) and every surrogate.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_SURROGATE_PAIR = re.compile("[\ud800-\udbff][\udc00-\udfff]")
SURROGATE_OFFSET = 0x10000 - (0xD800 << 10) - 0xDC00  # UTF-16's arithmetic from a pair to its code point


def _joined(pair: "re.Match[str]") -> str:
    text = pair.group()
    return chr((ord(text[0]) << 10) + ord(text[1]) + SURROGATE_OFFSET)


def _escaped(character: "re.Match[str]") -> str:
    code = ord(character.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """`text` with every character a UTF-8 file cannot hold, or a reader cannot see, shown as its Python escape.

    A well-formed surrogate pair (a JSON escape of an emoji, decoded piecewise) becomes the character it encodes;
    tab, newline and carriage return stay. Applying it twice changes nothing more.
    """
    if not _UNPRINTABLE.search(text):
        return text  # the common case: no copy
    return _UNPRINTABLE.sub(_escaped, _SURROGATE_PAIR.sub(_joined, text))


def html_text(value: object) -> str:
    """Any value (a learner's text, a number, a line) as text to put into an HTML page or attribute."""
    return html.escape(printable(str(value)))


def printable_data(value: Any) -> Any:
    """`value` (JSON-like data: a style finding's dict, a list of them) with `printable` applied to every string in
    it, keys included; numbers and the rest unchanged."""
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, dict):
        return {printable_data(key): printable_data(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [printable_data(item) for item in value]
    return value
