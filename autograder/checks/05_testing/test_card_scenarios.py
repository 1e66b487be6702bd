"""Exercise card_scenarios: the learner's scenario tests of cards.LibraryCard.can_borrow at each limit."""
from stylekit.grading.checks import check

MIN_TESTS = 2  # a card in good standing, and the scenarios at the limits
MUTANTS = {  # name: (module, reference text, broken text), applied with str.replace by the `mutation` fixture
    "expiry_day_refused": ("cards", "today <= self.expires", "today < self.expires"),
    "loan_limit_exceeded": ("cards", "self.loans_held < MAX_LOANS", "self.loans_held <= MAX_LOANS"),
    "fine_limit_refused": ("cards", "self.fines_owed <= FINE_LIMIT", "self.fines_owed < FINE_LIMIT"),
}


@check(points=1, expect="At least 2 tests, all passing on the correct LibraryCard", pattern="testing.test-classes")
def test_WHEN_tests_run_on_reference_THEN_enough_tests_pass(mutation):
    run = mutation.reference_run()

    assert run.all_passed
    assert run.collected >= MIN_TESTS


@check(points=1, expect="A test fails when a card is refused on its expiry day (it is valid until that day ends)",
       pattern="testing.scenario-comments")
def test_WHEN_expiry_day_refused_THEN_tests_fail(mutation):
    assert mutation.catches("expiry_day_refused")


@check(points=1, expect="A test fails when a member already holding MAX_LOANS books may borrow another",
       pattern="testing.scenario-comments")
def test_WHEN_loan_limit_exceeded_THEN_tests_fail(mutation):
    assert mutation.catches("loan_limit_exceeded")


@check(points=1, expect="A test fails when a member owing exactly FINE_LIMIT is refused",
       pattern="testing.scenario-comments")
def test_WHEN_fine_limit_refused_THEN_tests_fail(mutation):
    assert mutation.catches("fine_limit_refused")
