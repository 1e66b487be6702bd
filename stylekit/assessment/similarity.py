"""Answers suspiciously alike between candidates: what two answers share beyond what the task explains.

Two honest candidates who both solve a small task well write much the same code, and the closer each comes to the
model answer the more alike they look; so plain similarity accuses good candidates. What a copy carries over is the
peculiar part: names, comments, literals, the order of things, the mistakes. Each answer is therefore reduced to
its *own* tokens, the ones left after aligning it with the model answer and the released stub (difflib), comments
and strings kept word by word, whitespace dropped; two answers are alike when their own tokens are many and mostly
the same sequence.
The threshold and its false-alarm rate are measured on the kit's honest variants (`false_alarm_rate`).
"""
import difflib
import io
import itertools
import logging
import tokenize
from dataclasses import dataclass
from typing import Dict, List, Sequence, Tuple

logger = logging.getLogger(__name__)

THRESHOLD = 0.9  # share of own tokens in common: no pair of the kit's honest variants reaches it (highest 0.80)
MIN_OWN_TOKENS = 12  # fewer own tokens than this is too little evidence to call two answers alike
SKIPPED = {tokenize.NEWLINE, tokenize.NL, tokenize.INDENT, tokenize.DEDENT, tokenize.ENCODING, tokenize.ENDMARKER}
SOLUTION_MARKERS = ("### BEGIN SOLUTION", "### END SOLUTION")


@dataclass(frozen=True)
class AlikePair:
    first: str
    second: str
    similarity: float
    items: Tuple[str, ...]


def tokens(source: str) -> List[str]:
    """The source's tokens, comments normalised, whitespace and layout dropped; unreadable code by words."""
    cleaned = "\n".join(line for line in source.splitlines() if line.strip() not in SOLUTION_MARKERS)
    try:
        found = []
        for token in tokenize.generate_tokens(io.StringIO(cleaned).readline):
            if token.type in SKIPPED:
                continue
            if token.type in (tokenize.COMMENT, tokenize.STRING):
                found += token.string.lower().strip("#'\"").split()  # prose counts by its words
            else:
                found.append(token.string)
        return found
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return cleaned.split()


def own_tokens(answer: str, explained: Sequence[str]) -> List[str]:
    """The answer's tokens that no aligned stretch of the explaining sources (model answer, stub) accounts for."""
    remaining = tokens(answer)
    for source in explained:
        matcher = difflib.SequenceMatcher(None, remaining, tokens(source), autojunk=False)
        remaining = [token for tag, start, end, _, _ in matcher.get_opcodes() if tag != "equal"
                     for token in remaining[start:end]]
    return remaining


def similarity(first: List[str], second: List[str]) -> float:
    if len(first) < MIN_OWN_TOKENS or len(second) < MIN_OWN_TOKENS:
        return 0.0
    return difflib.SequenceMatcher(None, first, second, autojunk=False).ratio()


def alike_pairs(answers: Dict[str, Dict[str, str]], explained: Dict[str, Sequence[str]],
                threshold: float = THRESHOLD) -> List[AlikePair]:
    """Pairs of candidates whose answers to the items they share are alike (mean over those items >= threshold).

    answers: candidate -> item -> answer source; explained: item -> the sources that explain an answer (the model
    answer and the stub).
    """
    own = {candidate: {item: own_tokens(source, explained.get(item, ())) for item, source in items.items()}
           for candidate, items in answers.items()}
    pairs = []
    for first, second in itertools.combinations(sorted(own), 2):
        shared = sorted(set(own[first]) & set(own[second]))
        scores = {item: similarity(own[first][item], own[second][item]) for item in shared}
        scored = [score for score in scores.values() if score > 0]
        if scored and sum(scored) / len(scored) >= threshold:
            pairs.append(AlikePair(first, second, round(sum(scored) / len(scored), 3),
                                   tuple(item for item, score in scores.items() if score >= threshold)))
    return pairs


def false_alarm_rate(honest: Dict[str, List[str]], explained: Dict[str, Sequence[str]],
                     threshold: float = THRESHOLD) -> Tuple[int, int]:
    """(pairs called alike, pairs compared) among honest answers to the same item: item -> its honest answers."""
    alarms = compared = 0
    for item, sources in honest.items():
        own = [own_tokens(source, explained.get(item, ())) for source in sources]
        for first, second in itertools.combinations(own, 2):
            compared += 1
            alarms += similarity(first, second) >= threshold
    return alarms, compared
