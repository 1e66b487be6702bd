# Built by `stylekit build` from sections/05_testing/exercises/overdue_reminders.md:
# edit that file, not this one.
"""Exercise overdue_reminders: the learner's mock-based tests of reminders.send_overdue_reminders."""
from stylekit.grading.checks import check

MIN_TESTS = 2  # overdue loans are reminded; loans not yet overdue are not
MUTANTS = {  # name: (module, reference text, broken text), applied with str.replace by the `mutation` fixture
    "sent_to_member_id": ("reminders", "send_email(loan.member_email,", "send_email(loan.member_id,"),
    "only_first_reminder": ("reminders", "\n    return len(overdue)", "\n        return len(overdue)"),
    "due_today_reminded": ("reminders", "if loan.due < today]", "if loan.due <= today]"),
}


@check(points=1, expect="Write at least 2 tests, all passing on the correct send_overdue_reminders, with send_email "
                        "patched where reminders uses it", pattern="testing.mock-patch")
def test_WHEN_tests_run_on_reference_THEN_enough_tests_pass(mutation):
    run = mutation.reference_run()

    assert run.all_passed
    assert run.collected >= MIN_TESTS


@check(points=1, expect="Your tests should fail when reminders go to the member's id instead of their email address",
       pattern="testing.call-args-list")
def test_WHEN_reminder_sent_to_member_id_THEN_tests_fail(mutation):
    assert mutation.catches("sent_to_member_id")


@check(points=1, expect="Your tests should fail when only the first of several overdue loans gets its reminder",
       pattern="testing.call-args-list")
def test_WHEN_only_first_reminder_sent_THEN_tests_fail(mutation):
    assert mutation.catches("only_first_reminder")


@check(points=1, expect="Your tests should fail when a book due today (not overdue yet) gets a reminder",
       pattern="testing.call-args-list")
def test_WHEN_book_due_today_reminded_THEN_tests_fail(mutation):
    assert mutation.catches("due_today_reminded")
