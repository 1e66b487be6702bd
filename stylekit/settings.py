"""Which rules run and how: defaults, and the `[tool.stylekit]` table of a project's pyproject.toml.

Example of the table:

    [tool.stylekit]
    line-length = 100
    select = ["SK02", "testing"]        # rule ids, id prefixes, rule names, pattern or section ids
    ignore = ["SK0303"]
    known-local = ["backend"]           # top-level packages to treat as the project's own imports
    [tool.stylekit.severity]
    SK0201 = "error"
"""
import logging
import os
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, Optional, Tuple, Type, TypeVar

from stylekit.errors import InvalidConfiguration
from stylekit.findings import Severity

logger = logging.getLogger(__name__)

# What marks a project's root folder, and the folders under it that hold its importable code (a src layout).
PROJECT_MARKERS = ("pyproject.toml", "setup.py", "setup.cfg", ".git")
SOURCE_FOLDERS = ("src",)

DEFAULT_LINE_LENGTH = 120  # the guide's limit (§6 Line Length); the reference CI allows 200, see CALIBRATION.md
MIN_LINE_LENGTH = 20  # below this no real code fits; a smaller value is surely a typo
KNOWN_KEYS = {"line-length", "select", "ignore", "severity", "known-local"}

T_Settings = TypeVar("T_Settings", bound="Settings")


@dataclass(frozen=True)
class Settings:
    """Frozen and made of tuples so that it can key the cache of enabled rules."""

    line_length: int = DEFAULT_LINE_LENGTH
    select: Optional[Tuple[str, ...]] = None
    ignore: Tuple[str, ...] = ()
    severity: Tuple[Tuple[str, Severity], ...] = ()
    known_local: Tuple[str, ...] = ()
    source: str = field(default="defaults", compare=False)

    def severity_for(self, rule_id: str, rule_name: str) -> Optional[Severity]:
        for reference, severity in self.severity:
            if reference in (rule_id, rule_name):
                return severity
        return None

    def to_dict(self) -> Dict[str, Any]:
        return {
            "line-length": self.line_length,
            "select": list(self.select) if self.select is not None else None,
            "ignore": list(self.ignore),
            "severity": {reference: severity.value for reference, severity in self.severity},
            "known-local": list(self.known_local),
        }

    @classmethod
    def from_dict(cls: Type[T_Settings], raw: Dict[str, Any], source: str = "a dictionary") -> T_Settings:
        unknown = set(raw) - KNOWN_KEYS
        if unknown:
            raise InvalidConfiguration(source, f"unknown key(s) {sorted(unknown)}; known: {sorted(KNOWN_KEYS)}")
        line_length = raw.get("line-length", DEFAULT_LINE_LENGTH)
        if not isinstance(line_length, int) or isinstance(line_length, bool) or line_length < MIN_LINE_LENGTH:
            raise InvalidConfiguration(
                source, f"line-length must be a whole number >= {MIN_LINE_LENGTH}, not {line_length!r}")
        select = raw.get("select")
        severity_table = raw.get("severity") or {}
        if not isinstance(severity_table, dict):
            raise InvalidConfiguration(source, "severity must be a table of RULE = \"error|warning|info\"")
        severities = []
        for reference, value in severity_table.items():
            try:
                severities.append((str(reference), Severity(value)))
            except ValueError:
                raise InvalidConfiguration(
                    source, f"severity of {reference} must be error, warning or info, not {value!r}")
        return cls(
            line_length=line_length,
            select=None if select is None else _string_tuple(select, "select", source),
            ignore=_string_tuple(raw.get("ignore", []), "ignore", source),
            severity=tuple(severities),
            known_local=_string_tuple(raw.get("known-local", []), "known-local", source),
            source=source,
        )


def _string_tuple(value: Any, key: str, source: str) -> Tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise InvalidConfiguration(source, f"{key} must be a list of strings, not {value!r}")
    return tuple(value)


def find_pyproject(start: Path) -> Optional[Path]:
    """The nearest pyproject.toml at or above `start` (a file or a folder)."""
    folder = start.resolve()
    if not folder.is_dir():
        folder = folder.parent
    for candidate in (folder, *folder.parents):
        pyproject = candidate / "pyproject.toml"
        if pyproject.is_file():
            return pyproject
    return None


@lru_cache(maxsize=64)
def load_settings_file(pyproject: Path) -> Settings:
    try:
        with open(pyproject, "rb") as handle:
            data = tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise InvalidConfiguration(str(pyproject), f"not valid TOML ({error})")
    table = data.get("tool", {}).get("stylekit")
    if table is None:
        return Settings(source=f"defaults (no [tool.stylekit] in {pyproject})")
    logger.debug(f"Using [tool.stylekit] from {pyproject}")
    return Settings.from_dict(table, source=str(pyproject))


def project_root(folder: str) -> Optional[str]:
    """The nearest folder at or above `folder` that holds a project marker, or None outside any project."""
    current = os.path.abspath(folder)
    while not any(os.path.exists(os.path.join(current, marker)) for marker in PROJECT_MARKERS):
        parent = os.path.dirname(current)
        if parent == current:
            return None
        current = parent
    return current


def settings_for(path: Path) -> Settings:
    pyproject = find_pyproject(path)
    return Settings() if pyproject is None else load_settings_file(pyproject)
