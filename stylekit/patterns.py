"""The guide's pattern catalogue (guide/patterns.yaml), the shared vocabulary of rules, lessons and checks.

The package carries its own copy so that an installed kit works without the guide beside it;
a test keeps the copy identical to ../shared/guide/patterns.yaml.
"""
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Dict, List, Type, TypeVar

import yaml

from stylekit.errors import UnknownSection

T_Pattern = TypeVar("T_Pattern", bound="Pattern")
T_Section = TypeVar("T_Section", bound="Section")

# The one place a section's folder is named: notebooks/, solutions/, exercises/, sections/ and the checks all use
# `Section.folder` (e.g. 02_type_system), so nothing in the kit takes a folder name apart.
FOLDER_SLUGS = {
    "organization": "code_organization", "types": "type_system", "docs": "documentation",
    "errors": "error_handling", "testing": "testing", "idioms": "code_style", "tooling": "dependencies",
    "design": "design_patterns", "data": "data_handling", "async": "async", "api": "api_design",
    "meta": "meta_patterns",
}




@dataclass(frozen=True)
class Section:
    id: str
    number: int
    title: str

    @property
    def folder(self) -> str:
        """The section's folder under sections/, notebooks/, solutions/ and exercises/, e.g. '02_type_system'."""
        return f"{self.number:02d}_{FOLDER_SLUGS[self.id]}"

    @property
    def lesson_notebook(self) -> str:
        """The lesson's file name under notebooks/, e.g. '02_type_system_lesson.ipynb': not the exercise notebook's
        name (exercises/02_type_system/02_type_system.ipynb, which nbgrader's assignments depend on), so that
        JupyterLab's tabs tell the two apart."""
        return f"{self.folder}_lesson.ipynb"

    def to_dict(self) -> Dict[str, Any]:
        return {"id": self.id, "number": self.number, "title": self.title}

    @classmethod
    def from_dict(cls: Type[T_Section], raw: Dict[str, Any]) -> T_Section:
        return cls(id=raw["id"], number=int(raw["number"]), title=raw["title"])


@dataclass(frozen=True)
class Pattern:
    id: str
    section: str
    title: str
    check: str
    summary: str

    def to_dict(self) -> Dict[str, Any]:
        return {"id": self.id, "section": self.section, "title": self.title, "check": self.check,
                "summary": self.summary}

    @classmethod
    def from_dict(cls: Type[T_Pattern], raw: Dict[str, Any]) -> T_Pattern:
        return cls(id=raw["id"], section=raw["section"], title=raw["title"], check=raw["check"],
                   summary=raw["summary"])


@dataclass(frozen=True)
class Catalogue:
    sections: Dict[str, Section]
    patterns: Dict[str, Pattern]

    def section_of(self, pattern_id: str) -> Section:
        return self.sections[self.patterns[pattern_id].section]

    def section(self, key: str) -> Section:
        """A section by its id ('types') or its folder ('02_type_system'); UnknownSection otherwise."""
        for section in self.sections.values():
            if key in (section.id, section.folder):
                return section
        raise UnknownSection(key, [section.folder for section in self.ordered_sections()])

    def ordered_sections(self) -> List[Section]:
        return sorted(self.sections.values(), key=lambda section: section.number)

    def patterns_of(self, section_id: str) -> List[Pattern]:
        return [pattern for pattern in self.patterns.values() if pattern.section == section_id]

    def static_patterns(self) -> List[Pattern]:
        return [pattern for pattern in self.patterns.values() if pattern.check == "static"]

    def citation(self, pattern_id: str) -> str:
        """How a rule or a lesson cites the guide, e.g. '§2 Type System & Annotations › Type Hints Usage'."""
        pattern = self.patterns[pattern_id]
        section = self.sections[pattern.section]
        return f"§{section.number} {section.title} › {pattern.title}"


def patterns_yaml_text() -> str:
    return resources.files("stylekit").joinpath("guide/patterns.yaml").read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def load_catalogue() -> Catalogue:
    raw = yaml.safe_load(patterns_yaml_text())
    sections = {item["id"]: Section.from_dict(item) for item in raw["sections"]}
    patterns = {item["id"]: Pattern.from_dict(item) for item in raw["patterns"]}
    return Catalogue(sections=sections, patterns=patterns)
