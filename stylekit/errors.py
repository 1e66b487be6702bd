"""The kit's own exceptions: each names what went wrong, as section 4 of the guide asks."""
from typing import List


class StylekitError(Exception):
    """Base of every error the kit raises on purpose, so callers can catch the kit's errors alone."""


class UnknownRule(StylekitError):
    def __init__(self, rule_ref: str) -> None:
        super().__init__(f"No rule is called '{rule_ref}'; 'stylekit rules' lists them all")


class UnknownPattern(StylekitError):
    def __init__(self, rule_id: str, pattern_id: str) -> None:
        super().__init__(f"Rule {rule_id} names pattern '{pattern_id}', which guide/patterns.yaml does not have")


class InvalidConfiguration(StylekitError):
    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"Invalid [tool.stylekit] configuration in {where}: {problem}")


class UnreadableSource(StylekitError):
    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"Cannot read {path}: {reason}")


class MalformedRuleDocumentation(StylekitError):
    def __init__(self, rule_id: str, problem: str) -> None:
        super().__init__(f"The documentation of rule {rule_id} is malformed: {problem}")


class UnknownSection(StylekitError):
    def __init__(self, key: str, known: List[str]) -> None:
        super().__init__(f"No section of the guide is called '{key}'; the sections are {', '.join(known)}")


class SectionSourceError(StylekitError):
    """A section's source (sections/NN_slug/...) cannot be built: says which file, which line, and what is wrong."""

    def __init__(self, path: str, line: int, problem: str) -> None:
        super().__init__(f"{path}:{line}: {problem}")
        self.path = path
        self.line = line
        self.problem = problem
