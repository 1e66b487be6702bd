# Built by `stylekit build` from sections/02_type_system/exercises/ledger_guard.md:
# edit that file, not this one.
"""Hidden checks of exercise ledger_guard (§2, types.runtime-checks): the ledger refuses what is not an entry, and
refuses nothing else. The annotations are the style point's business (SK0201, SK0251)."""
import pytest

from stylekit.grading.checks import check


@check(points=1, expect="Your post_entry should keep each LedgerEntry it is given: ledger.entries lists them in "
                        "posting order", pattern="types.runtime-checks")
def test_WHEN_entries_posted_THEN_kept_in_order(learner):
    ledger = learner.Ledger()
    flour = learner.LedgerEntry(account="flour", amount=-42.5)
    sales = learner.LedgerEntry(account="sales", amount=310.0, memo="Saturday market")

    ledger.post_entry(flour)
    ledger.post_entry(sales)

    assert [flour, sales] == list(ledger.entries)


@check(points=1, expect="Accept an instance of a subclass of LedgerEntry too: check with isinstance, not by comparing "
                        "types", pattern="types.runtime-checks")
def test_WHEN_subclass_entry_posted_THEN_accepted(learner, subject):
    scaffold = subject.define("class RefundEntry(LedgerEntry):\n    pass\n")

    ledger = learner.Ledger()
    refund = scaffold.RefundEntry(account="sales", amount=-3.2, memo="stale croissant")

    ledger.post_entry(refund)

    assert [refund] == list(ledger.entries)


@check(points=1, expect="Check only the entry's own type, not each of its fields: an entry whose amount is a whole "
                        "number (amount=1200) should be accepted", pattern="types.runtime-checks")
def test_WHEN_whole_number_amount_THEN_accepted(learner):
    ledger = learner.Ledger()
    rent = learner.LedgerEntry(account="rent", amount=1200)

    ledger.post_entry(rent)

    assert [rent] == list(ledger.entries)


@check(points=1, expect="Raise TypeError, with a message naming LedgerEntry, when post_entry is given something that "
                        "is not a LedgerEntry (a dict, a tuple, None)", pattern="types.runtime-checks")
def test_WHEN_wrong_type_posted_THEN_type_error_names_expected_type(learner):
    ledger = learner.Ledger()

    for wrong in ({"account": "flour", "amount": -42.5}, ("flour", -42.5), None):
        with pytest.raises(TypeError, match="LedgerEntry"):
            ledger.post_entry(wrong)


@check(points=1, expect="Check the type before storing anything, so that a refused entry leaves the ledger as it was",
       pattern="types.runtime-checks")
def test_WHEN_wrong_type_refused_THEN_ledger_unchanged(learner):
    ledger = learner.Ledger()
    eggs = learner.LedgerEntry(account="eggs", amount=-12.0)
    ledger.post_entry(eggs)

    with pytest.raises(TypeError):
        ledger.post_entry({"account": "eggs", "amount": -12.0})

    assert [eggs] == list(ledger.entries)
