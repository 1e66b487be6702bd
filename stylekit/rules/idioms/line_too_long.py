from stylekit.findings import Severity
from stylekit.rules.base import Rule


class LineTooLong(Rule):
    id = "SK0602"
    name = "line-too-long"
    pattern = "idioms.line-length"
    # Warning: the reference source has 125 of 6,650 lines over 120 characters (CALIBRATION.md).
    severity = Severity.WARNING
    summary = "Lines stay within the configured limit (120 characters by default)."

    def finish(self) -> None:
        limit = self.ctx.settings.line_length
        for number, text in enumerate(self.ctx.lines, start=1):
            if len(text) > limit and not _is_unbreakable(text):
                self.report_at(number, limit, f"Line is {len(text)} characters long; the limit is {limit}",
                               number, len(text))


def _is_unbreakable(text: str) -> bool:
    """A comment that is one long URL cannot be wrapped; forcing it would break the link."""
    stripped = text.strip()
    return stripped.startswith("#") and " " not in stripped.split("://", 1)[-1] and "://" in stripped
