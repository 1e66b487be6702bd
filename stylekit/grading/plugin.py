"""The pytest plugin the grading worker runs hidden checks with: fixtures in, one result per check out."""
import types
from typing import Any, Dict, List, Optional

import pytest

from stylekit.grading.checks import MARKER
from stylekit.grading.model import CheckResult


class MissingCheckMarker(Exception):
    def __init__(self, test_name: str) -> None:
        super().__init__(f"Hidden check {test_name} has no @check(points=..., expect=...) marker")


class CheckCollector:
    """Hands the learner's code to the checks and records each check's outcome by its marker."""

    def __init__(self, learner: types.ModuleType, exercise_source: str, learner_source: str) -> None:
        self._learner = learner
        self._exercise_source = exercise_source
        self._learner_source = learner_source
        self.results: List[CheckResult] = []
        self._outcomes: Dict[str, bool] = {}

    def pytest_configure(self, config: pytest.Config) -> None:
        config.addinivalue_line("markers", f"{MARKER}(points, expect, pattern): a graded hidden check")

    @pytest.fixture
    def learner(self) -> types.ModuleType:
        """The learner's code, loaded from the notebook, as a module."""
        return self._learner

    @pytest.fixture
    def exercise_source(self) -> str:
        """The source of this exercise's solution cells, as the learner wrote it."""
        return self._exercise_source

    @pytest.fixture
    def learner_source(self) -> str:
        """All of the learner's code cells, joined in notebook order."""
        return self._learner_source

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        # A check passes only if set-up, call and tear-down all pass.
        failed = report.outcome == "failed" or report.outcome == "skipped" and report.when == "call"
        self._outcomes[report.nodeid] = self._outcomes.get(report.nodeid, True) and not failed

    def pytest_collection_modifyitems(self, items: List[pytest.Item]) -> None:
        self._items = list(items)

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        for item in getattr(self, "_items", []):
            marker: Optional[Any] = item.get_closest_marker(MARKER)
            if marker is None:
                raise MissingCheckMarker(item.nodeid)
            self.results.append(CheckResult(
                name=item.name, expect=marker.kwargs["expect"], pattern=marker.kwargs.get("pattern"),
                points=float(marker.kwargs["points"]), passed=self._outcomes.get(item.nodeid, False)))
