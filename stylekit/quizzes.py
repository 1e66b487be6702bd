"""What a lesson quiz keeps out of plain sight, shared by the builder (which seals) and the quiz widget (which opens).

A built lesson must not give its quizzes away to someone reading the notebook's JSON: no `answer` index, no choice
marked right, no explanation in the clear (a wrong choice's "why" says it is wrong). So each choice carries a *seal*:
its verdict and its explanation, XORed with a key stream drawn from sha256 of a fixed salt, the quiz's id and the
choice's own text, and padded so that every seal of a quiz has the same length. The widget opens only the seal of the
choice the learner picked.

This deters reading, not a determined learner: the salt and this code ship with the kit, and a self-paced learner owns
the notebook, so anyone who wants to can open every seal. It keeps the answer from being read off by accident, which is
all a self-test needs; graded work is never decided by a quiz.

The order a learner sees the choices in comes from a per-learner id (kept in the progress file) and the quiz's id:
stable for one learner, different across learners, and independent of where the author put the right answer.
"""
import base64
import hashlib
import json
from dataclasses import dataclass
from typing import Any, Dict, List, Sequence, Tuple, Type, TypeVar

from stylekit.errors import StylekitError

# Fixed, and public: the seal deters reading, it does not keep a secret (see the module's docstring).
SEAL_SALT = "stylekit-quiz-seal-v1"
SEAL_BLOCK = 32  # seals are padded to a multiple of this many bytes, so their lengths tell choices apart less

T_ChoiceVerdict = TypeVar("T_ChoiceVerdict", bound="ChoiceVerdict")


class QuizSealBroken(StylekitError):
    """A choice's seal does not open with its text: the quiz cell was edited by hand since it was built."""

    def __init__(self, quiz_id: str, text: str) -> None:
        super().__init__(f"Quiz {quiz_id}: the choice {text!r} no longer matches its seal; restore the cell as built "
                         f"(`stylekit build` rebuilds the lessons)")


@dataclass
class ChoiceVerdict:
    """What picking one choice tells the learner: whether it is right, and why."""

    right: bool
    why: str

    def to_dict(self) -> Dict[str, Any]:
        return {"right": self.right, "why": self.why}

    @classmethod
    def from_dict(cls: Type[T_ChoiceVerdict], raw: Dict[str, Any]) -> T_ChoiceVerdict:
        return cls(right=bool(raw["right"]), why=str(raw["why"]))


def _key_stream(quiz_id: str, text: str, size: int) -> bytes:
    key = hashlib.sha256(f"{SEAL_SALT}\0{quiz_id}\0{text}".encode("utf-8")).digest()
    blocks = [hashlib.sha256(key + counter.to_bytes(4, "big")).digest() for counter in range(size // 32 + 1)]
    return b"".join(blocks)[:size]


def _padded_size(payloads: Sequence[bytes]) -> int:
    longest = max(len(payload) for payload in payloads)
    return (longest // SEAL_BLOCK + 1) * SEAL_BLOCK


def seal_choices(quiz_id: str, choices: Sequence[Tuple[str, ChoiceVerdict]]) -> List[Tuple[str, str]]:
    """(text, seal) of every choice, listed in an order that depends on the texts only (not on which is right)."""
    payloads = [json.dumps(verdict.to_dict(), ensure_ascii=False).encode("utf-8") for _, verdict in choices]
    size = _padded_size(payloads)
    sealed = []
    for (text, _), payload in zip(choices, payloads):
        padded = payload.ljust(size, b" ")  # trailing blanks: json.loads ignores them
        mixed = bytes(left ^ right for left, right in zip(padded, _key_stream(quiz_id, text, size)))
        sealed.append((text, base64.b64encode(mixed).decode("ascii")))
    return sorted(sealed, key=lambda pair: _rank("listing", quiz_id, pair[0]))


def open_seal(quiz_id: str, text: str, seal: str) -> ChoiceVerdict:
    """The verdict sealed for `text`; QuizSealBroken when text and seal no longer belong together."""
    try:
        mixed = base64.b64decode(seal.encode("ascii"), validate=True)
        plain = bytes(left ^ right for left, right in zip(mixed, _key_stream(quiz_id, text, len(mixed))))
        return ChoiceVerdict.from_dict(json.loads(plain.decode("utf-8")))
    except (ValueError, KeyError, TypeError):
        # ValueError covers bad base64, bytes that are not UTF-8 and text that is not JSON: all mean an edited cell.
        raise QuizSealBroken(quiz_id, text)


def _rank(purpose: str, key: str, text: str) -> str:
    return hashlib.sha256(f"{purpose}\0{key}\0{text}".encode("utf-8")).hexdigest()


def display_order(learner_id: str, quiz_id: str, texts: Sequence[str]) -> List[int]:
    """Indices of `texts` in the order this learner sees them: a hash of learner id, quiz id and text ranks them, so
    every order is equally likely across learners and one learner always sees the same."""
    return sorted(range(len(texts)), key=lambda index: _rank(f"order\0{learner_id}", quiz_id, texts[index]))
