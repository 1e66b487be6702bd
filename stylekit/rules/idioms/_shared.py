"""Name spelling that the naming rules of several sections share (§1 package names, §6 identifiers)."""
import re

# Where a camelCase or PascalCase name starts a new word: orderTotal -> order_Total, HTTPError -> HTTP_Error.
WORD_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
# Characters that may appear in a file or folder name but not in a snake_case one.
SEPARATORS = re.compile(r"[-\s.]+")


def snake_case(name: str) -> str:
    """The snake_case spelling of a camelCase, PascalCase or hyphenated name: priceRules -> price_rules."""
    return SEPARATORS.sub("_", WORD_BOUNDARY.sub("_", name)).lower()
