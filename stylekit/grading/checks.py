"""What hidden check modules use: the `check` marker and, through the plugin, the `learner` fixtures.

A hidden check is an ordinary pytest test:

    @check(points=1, expect="quote_shipping(0) costs the base fee of 4.5", pattern="types.annotations")
    def test_WHEN_parcel_empty_THEN_base_fee(learner):
        assert 4.5 == learner.quote_shipping(0)

`expect` is what the learner reads when the check fails: what was expected, in words. The test's code,
its assertion and its traceback are never shown.
"""
from typing import Any, Callable, Optional

import pytest

MARKER = "stylekit_check"
# Fixtures every check module may ask for beyond the grading session's own (`learner`, `exercise_source`,
# `learner_source`): `mutation`, for exercises whose learners write the tests.
CHECK_PLUGINS = ["stylekit.grading.mutation"]


def check(points: float, expect: str, pattern: Optional[str] = None) -> Callable[[Any], Any]:
    return getattr(pytest.mark, MARKER)(points=points, expect=expect, pattern=pattern)
