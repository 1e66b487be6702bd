"""The verdict on one pattern of one exercise: met, not met yet (and what stands in the way), or not attempted.

Grading makes it (stylekit/grading/pattern_verdicts.py), the learner's progress keeps it, the exercise's rubric and the
self-check show it: this module depends on none of them, so each can use it.
"""
from dataclasses import dataclass, field
from typing import Any, Dict, List, Type, TypeVar

MET = "met"
NOT_MET = "not-met"
NOT_ATTEMPTED = "not-attempted"
LABELS = {MET: "met", NOT_MET: "not met yet", NOT_ATTEMPTED: "not attempted"}
MARKS = {MET: "✓", NOT_MET: "✗", NOT_ATTEMPTED: "○"}

T_PatternVerdict = TypeVar("T_PatternVerdict", bound="PatternVerdict")


@dataclass
class PatternVerdict:
    """One pattern of one exercise: its state and, when not met, each failed check and finding behind it."""

    pattern: str
    state: str
    reasons: List[str] = field(default_factory=list)

    @property
    def met(self) -> bool:
        return self.state == MET

    def to_dict(self) -> Dict[str, Any]:
        return {"pattern": self.pattern, "state": self.state, "reasons": list(self.reasons)}

    @classmethod
    def from_dict(cls: Type[T_PatternVerdict], raw: Dict[str, Any]) -> T_PatternVerdict:
        return cls(pattern=str(raw["pattern"]), state=str(raw["state"]),
                   reasons=[str(reason) for reason in raw.get("reasons", [])])
