# Built by `stylekit build` from sections/05_testing/exercises/card_scenarios.md:
# edit that file, not this one.
"""Exercise card_scenarios: the learner's scenario tests of cards.LibraryCard.can_borrow at each limit."""
from stylekit.grading import proxies
from stylekit.grading.checks import check

MIN_TESTS = 2  # a card in good standing, and the scenarios at the limits
MUTANTS = {  # name: (module, reference text, broken text), applied with str.replace by the `mutation` fixture
    "expiry_day_refused": ("cards", "today <= self.expires", "today < self.expires"),
    "loan_limit_exceeded": ("cards", "self.loans_held < MAX_LOANS", "self.loans_held <= MAX_LOANS"),
    "fine_limit_refused": ("cards", "self.fines_owed <= FINE_LIMIT", "self.fines_owed < FINE_LIMIT"),
}


@check(points=1, expect="Write at least 2 tests, all passing on the correct LibraryCard",
       pattern="testing.comprehensive-cases")
def test_WHEN_tests_run_on_reference_THEN_enough_tests_pass(mutation):
    run = mutation.reference_run()

    assert run.all_passed
    assert run.collected >= MIN_TESTS


@check(points=1, expect="Your tests should fail when a card is refused on its expiry day (it is valid until "
                        "that day ends)",
       pattern="testing.comprehensive-cases")
def test_WHEN_expiry_day_refused_THEN_tests_fail(mutation):
    assert mutation.catches("expiry_day_refused")


@check(points=1, expect="Your tests should fail when a member already holding MAX_LOANS books may borrow another",
       pattern="testing.comprehensive-cases")
def test_WHEN_loan_limit_exceeded_THEN_tests_fail(mutation):
    assert mutation.catches("loan_limit_exceeded")


@check(points=1, expect="Your tests should fail when a member owing exactly FINE_LIMIT is refused",
       pattern="testing.comprehensive-cases")
def test_WHEN_fine_limit_refused_THEN_tests_fail(mutation):
    assert mutation.catches("fine_limit_refused")


@check(points=1, expect="Group the tests of LibraryCard in one test class (TestLibraryCard) with their common "
                        "card built "
                        "in setup_method, as the house organises tests of one production class",
       pattern="testing.test-classes")
def test_WHEN_answer_read_THEN_test_classes_pattern_shown(exercise_source):
    assert proxies.has_test_class(exercise_source)
