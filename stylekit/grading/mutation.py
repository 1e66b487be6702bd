"""Checks for exercises whose learners write the tests (§5): the learner's tests (the exercise's solution cell, as a
test module) run against the section's reference modules (solutions/<section>/*.py, which reach the grading process
in its request), against the exercise's equivalent implementations (the reference rewritten, same behaviour) and against
mutants of the reference: copies broken on purpose with one str.replace. Good tests pass on the reference and on every
equivalent, and fail on every mutant; tests that recognise the reference by its text (a hash, a line of its source)
fail on the equivalents, and so catch nothing.

The grading session loads this module as a pytest plugin (checks.CHECK_PLUGINS), so a check module simply asks for
the `mutation` fixture, lists its mutants in a module constant (the builder appends the exercise's equivalents as
EQUIVALENTS = {name: {module: source}}), and asks about one:

    MUTANTS = {"last_grace_day_charged": ("fines", "days_late <= GRACE_DAYS", "days_late < GRACE_DAYS")}

    @check(points=1, expect="A test fails when ...", pattern="testing.comprehensive-cases")
    def test_WHEN_last_grace_day_charged_THEN_tests_fail(mutation):
        assert mutation.catches("last_grace_day_charged")
"""
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

import pytest

from stylekit.grading.learner_tests import LearnerTestRun, run_many

MutantSpec = Tuple[str, str, str]  # module name, text of the reference, the text that replaces it
ModuleSources = Tuple[Tuple[str, str], ...]  # (module name, source) pairs: hashable, so runs can be cached
_RUNS: Dict[Tuple[str, ModuleSources], LearnerTestRun] = {}  # every check of an exercise shares its runs


class MutantChangesNothing(Exception):
    def __init__(self, name: str, module: str, original: str) -> None:
        super().__init__(f"Mutant {name} of {module}.py changes nothing: {original!r} is not in the reference source")


def _run(tests: str, modules: ModuleSources) -> LearnerTestRun:
    """One run of the tests against these modules."""
    if (tests, modules) not in _RUNS:
        _RUNS[(tests, modules)] = run_many([(tests, dict(modules))])[0]
    return _RUNS[(tests, modules)]


def _frozen(modules: Dict[str, str]) -> ModuleSources:
    return tuple(sorted(modules.items()))


@dataclass
class Mutation:
    """The learner's tests, the reference modules, the check module's mutants of them and its equivalents (name ->
    the modules each rewrites)."""

    tests: str
    modules: Dict[str, str]
    mutants: Dict[str, MutantSpec]
    equivalents: Dict[str, Dict[str, str]] = field(default_factory=dict)

    def reference_run(self) -> LearnerTestRun:
        self._run_all()
        return _run(self.tests, _frozen(self.modules))

    def catches(self, name: str) -> bool:
        """True when the tests pass on the reference and on every equivalent, and fail on mutant `name`.

        Raises MutantChangesNothing when the mutant's text is missing from the reference, so that editing the
        reference cannot silently turn a mutant into the correct code.
        """
        mutated = self._mutated(name)
        if mutated is None:
            module, original, _ = self.mutants[name]
            raise MutantChangesNothing(name, module, original)
        if not self.reference_run().all_passed:
            return False  # tests failing on the correct code catch nothing; a stalled run is not repeated either
        if not all(_run(self.tests, modules).all_passed for modules in self._equivalent_modules()):
            return False  # they fail correct code written another way: they judge the text, not the behaviour
        return _run(self.tests, _frozen(mutated)).any_failed

    def _equivalent_modules(self) -> List[ModuleSources]:
        return [_frozen({**self.modules, **rewritten}) for rewritten in self.equivalents.values()]

    def _mutated(self, name: str) -> Optional[Dict[str, str]]:
        module, original, broken = self.mutants[name]
        mutant = self.modules[module].replace(original, broken)
        return None if mutant == self.modules[module] else {**self.modules, module: mutant}

    def _run_all(self) -> None:
        """Runs the tests on the reference alone, then on every equivalent and every mutant at once, in an order the
        run server shuffles (the first check of an exercise asks), so the checks after it find their runs done. The
        reference goes first on its own so that nothing a run leaves behind can make its outcome depend on luck."""
        _run(self.tests, _frozen(self.modules))
        variants: List[ModuleSources] = [*self._equivalent_modules()]
        for name in self.mutants:
            mutated = self._mutated(name)
            if mutated is not None:
                variants.append(_frozen(mutated))
        missing = [modules for modules in dict.fromkeys(variants) if (self.tests, modules) not in _RUNS]
        if missing:
            for modules, run in zip(missing, run_many([(self.tests, dict(modules)) for modules in missing])):
                _RUNS[(self.tests, modules)] = run


@pytest.fixture
def equivalent_modules(request: pytest.FixtureRequest) -> Dict[str, Dict[str, str]]:
    """The check module's equivalent implementations, name -> {module: source}: read from the module itself, which
    the grading process imported before it deleted the check files."""
    return {name: dict(modules) for name, modules in getattr(request.module, "EQUIVALENTS", {}).items()}


@pytest.fixture
def mutation(request: pytest.FixtureRequest, exercise_source: str, reference_modules: Dict[str, str],
             equivalent_modules: Dict[str, Dict[str, str]]) -> Mutation:
    return Mutation(tests=exercise_source, modules=reference_modules, mutants=getattr(request.module, "MUTANTS", {}),
                    equivalents=equivalent_modules)
