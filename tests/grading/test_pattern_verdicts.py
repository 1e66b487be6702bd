"""One verdict per pattern, read off the grading verdict: met exactly when every check tagged with the pattern passed
and no finding of it remains; "not met yet" names each failed check (its advice) and finding (rule, line) behind it."""
from typing import Any, Dict, List, Optional, Tuple

from stylekit.grading.model import CheckResult, ExerciseVerdict, StyleResult
from stylekit.grading.pattern_verdicts import is_unanswered, pattern_verdicts, render_pattern_verdicts
from stylekit.verdicts import MET, NOT_ATTEMPTED, NOT_MET

NAMED = "idioms.named-conditions"
TERNARY = "idioms.conditional-assignment"
PATTERNS = [NAMED, TERNARY]


def _verdict(failed: Tuple[Optional[str], ...] = (), findings: Tuple[Dict[str, Any], ...] = (),
             extra_pattern: Optional[str] = None) -> ExerciseVerdict:
    checks = [CheckResult(name="test_guard", expect="Every one of the 32 answers stays the same", pattern=NAMED,
                          points=2.0, passed=NAMED not in failed),
              CheckResult(name="test_message", expect="Each message stays the same", pattern=TERNARY, points=2.0,
                          passed=TERNARY not in failed)]
    if extra_pattern is not None:
        checks.append(CheckResult(name="test_extra", expect="Another pattern's advice", pattern=extra_pattern,
                                  points=0.0, passed=True))
    if None in failed:
        checks.append(CheckResult(name="test_untagged", expect="The module loads", pattern=None, points=0.0,
                                  passed=False))
    earned = 0.0 if findings or failed else 2.0
    return ExerciseVerdict(exercise="deploy_guard", max_points=6.0, checks=checks,
                           style=StyleResult(points=2.0, earned=earned, findings=list(findings)))


def _states(verdict: ExerciseVerdict, attempted: bool = True) -> Dict[str, Tuple[str, List[str]]]:
    return {found.pattern: (found.state, found.reasons) for found in pattern_verdicts(verdict, PATTERNS, attempted)}


def test_WHEN_every_check_passed_and_no_finding_THEN_every_pattern_met() -> None:
    verdict = _verdict()

    expected = ({NAMED: (MET, []), TERNARY: (MET, [])}, 6.0)
    actual = (_states(verdict), verdict.score)
    assert expected == actual


def test_WHEN_check_failed_THEN_only_its_pattern_not_met_and_its_advice_named() -> None:
    expected = {NAMED: (MET, []), TERNARY: (NOT_MET, ["Each message stays the same"])}
    actual = _states(_verdict(failed=(TERNARY,)))
    assert expected == actual


def test_WHEN_style_finding_remains_THEN_its_pattern_not_met_naming_rule_and_line() -> None:
    finding = {"line": 7, "rule": "SK0607", "message": "assign `target` once, with a conditional expression",
               "pattern": TERNARY}

    expected = {NAMED: (MET, []),
                TERNARY: (NOT_MET, ["line 7: SK0607 assign `target` once, with a conditional expression"])}
    actual = _states(_verdict(findings=(finding,)))
    assert expected == actual


def test_WHEN_check_without_pattern_failed_THEN_every_pattern_not_met() -> None:
    expected = {NAMED: (NOT_MET, ["The module loads"]), TERNARY: (NOT_MET, ["The module loads"])}
    actual = _states(_verdict(failed=(None,)))
    assert expected == actual


def test_WHEN_a_check_names_another_pattern_THEN_that_pattern_judged_too() -> None:
    expected = [NAMED, TERNARY, "design.to-from-dict"]
    actual = [found.pattern for found in pattern_verdicts(_verdict(extra_pattern="design.to-from-dict"), PATTERNS)]
    assert expected == actual


def test_WHEN_answer_is_the_released_stub_THEN_not_attempted() -> None:
    stub = "from fines import late_fee\n\n# YOUR CODE HERE\nraise NotImplementedError()"

    expected = (True, {NAMED: (NOT_ATTEMPTED, []), TERNARY: (NOT_ATTEMPTED, [])})
    actual = (is_unanswered(stub), _states(_verdict(failed=(NAMED, TERNARY)), attempted=not is_unanswered(stub)))
    assert expected == actual


def test_WHEN_no_check_ran_THEN_nothing_met() -> None:
    verdict = ExerciseVerdict(exercise="deploy_guard", max_points=6.0, checks=[],
                              style=StyleResult(points=2.0, earned=0.0))

    expected = {NOT_MET}
    actual = {state for state, _ in _states(verdict).values()}
    assert expected == actual


def test_WHEN_verdicts_rendered_for_the_self_check_THEN_each_pattern_and_reason_on_its_line() -> None:
    text = render_pattern_verdicts(pattern_verdicts(_verdict(failed=(TERNARY,)), PATTERNS))

    expected = ["Patterns:", f"  ✓ {NAMED}: met", f"  ✗ {TERNARY}: not met yet", "      Each message stays the same"]
    actual = text.splitlines()
    assert expected == actual


def test_WHEN_judgement_check_failed_THEN_not_met_names_its_advice_and_the_lines_it_judged() -> None:
    verdict = _verdict(failed=(NAMED,))
    verdict.checks[0].detail = "line 3: if a and b:  # check both\nline 7: return x"

    expected = (NOT_MET, ["Every one of the 32 answers stays the same", "judged: line 3: if a and b:  # check both",
                          "judged: line 7: return x"])
    actual = _states(verdict)[NAMED]
    assert expected == actual
