"""Checks for exercises whose learners write the tests (§5): the learner's tests (the exercise's solution cell, as a
test module) run against the reference modules in solutions/05_testing/ and against mutants of them: copies
broken on purpose with one str.replace. Good tests pass on the reference and fail on every mutant.

The grading session loads this module as a pytest plugin (checks.CHECK_PLUGINS), so a check module simply asks for
the `mutation` fixture, lists its mutants in a module constant, and asks about one:

    MUTANTS = {"last_grace_day_charged": ("fines", "days_late <= GRACE_DAYS", "days_late < GRACE_DAYS")}

    @check(points=1, expect="A test fails when ...", pattern="testing.comprehensive-cases")
    def test_WHEN_last_grace_day_charged_THEN_tests_fail(mutation):
        assert mutation.catches("last_grace_day_charged")
"""
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from typing import Dict, List, Optional, Tuple

import pytest

from stylekit.course import REPO_ROOT
from stylekit.grading.learner_tests import LearnerTestRun, run_learner_tests
from stylekit.patterns import load_catalogue

REFERENCE_FOLDER = REPO_ROOT / "solutions" / load_catalogue().section("testing").folder  # the modules under test
PARALLEL_RUNS = 4  # mutant runs at once: each is a short pytest process, so a few overlap well even on two cores

MutantSpec = Tuple[str, str, str]  # module name, text of the reference, the text that replaces it
ModuleSources = Tuple[Tuple[str, str], ...]  # (module name, source) pairs: hashable, so runs can be cached


class MutantChangesNothing(Exception):
    def __init__(self, name: str, module: str, original: str) -> None:
        super().__init__(f"Mutant {name} of {module}.py changes nothing: {original!r} is not in the reference source")


@lru_cache(maxsize=None)
def _run(tests: str, modules: ModuleSources) -> LearnerTestRun:
    """One run of the tests against these modules; every check of an exercise shares it."""
    return run_learner_tests(tests, dict(modules))


def _frozen(modules: Dict[str, str]) -> ModuleSources:
    return tuple(sorted(modules.items()))


@dataclass
class Mutation:
    """The learner's tests, the reference modules, and the check module's mutants of them."""

    tests: str
    modules: Dict[str, str]
    mutants: Dict[str, MutantSpec]

    def reference_run(self) -> LearnerTestRun:
        return _run(self.tests, _frozen(self.modules))

    def catches(self, name: str) -> bool:
        """True when the tests pass on the reference and fail on mutant `name`.

        Raises MutantChangesNothing when the mutant's text is missing from the reference, so that editing the
        reference cannot silently turn a mutant into the correct code.
        """
        mutated = self._mutated(name)
        if mutated is None:
            module, original, _ = self.mutants[name]
            raise MutantChangesNothing(name, module, original)
        if not self.reference_run().all_passed:
            return False  # tests failing on the correct code catch nothing; a stalled run is not repeated either
        self._run_all_mutants()
        return _run(self.tests, _frozen(mutated)).any_failed

    def _mutated(self, name: str) -> Optional[Dict[str, str]]:
        module, original, broken = self.mutants[name]
        mutant = self.modules[module].replace(original, broken)
        return None if mutant == self.modules[module] else {**self.modules, module: mutant}

    def _run_all_mutants(self) -> None:
        """Runs the tests on every mutant at once, so the checks after this one find their runs done."""
        variants: List[ModuleSources] = []
        for name in self.mutants:
            mutated = self._mutated(name)
            if mutated is not None:
                variants.append(_frozen(mutated))
        with ThreadPoolExecutor(max_workers=PARALLEL_RUNS) as pool:
            list(pool.map(lambda modules: _run(self.tests, modules), variants))


@pytest.fixture
def mutation(request: pytest.FixtureRequest, exercise_source: str) -> Mutation:
    modules = {path.stem: path.read_text() for path in sorted(REFERENCE_FOLDER.glob("*.py"))}
    return Mutation(tests=exercise_source, modules=modules, mutants=getattr(request.module, "MUTANTS", {}))
