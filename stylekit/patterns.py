"""The guide's pattern catalogue (guide/patterns.yaml), the shared vocabulary of rules, lessons and checks.

The package carries its own copy so that an installed kit works without the guide beside it;
a test keeps the copy identical to ../shared/guide/patterns.yaml.
"""
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Dict, List, Type, TypeVar

import yaml

T_Pattern = TypeVar("T_Pattern", bound="Pattern")
T_Section = TypeVar("T_Section", bound="Section")


@dataclass(frozen=True)
class Section:
    id: str
    number: int
    title: str

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
