# Built by `stylekit build` from sections/02_type_system/exercises/loan_factory.md:
# edit that file, not this one.
"""Hidden checks of exercise loan_factory (§2, types.typevar-factories): the JSON form both ways (§8,
design.to-from-dict), and a factory that returns the class it was called on. The TypeVar annotation itself and
typing's Any are the style points' business (SK0202, SK0203)."""
from stylekit.grading.checks import check


@check(points=1, expect="Your Loan(book_id='B-1042', member_id='M-77', loan_days=21).to_dict() should return the "
                        "API's camelCase keys: {'bookId': 'B-1042', 'memberId': 'M-77', 'loanDays': 21}",
       pattern="design.to-from-dict")
def test_WHEN_loan_to_dict_THEN_camel_case_keys(learner):
    loan = learner.Loan(book_id="B-1042", member_id="M-77", loan_days=21)

    actual = loan.to_dict()

    assert {"bookId": "B-1042", "memberId": "M-77", "loanDays": 21} == actual


@check(points=1, expect="Fill book_id, member_id and loan_days from the camelCase keys in Loan.from_dict(raw), so "
                        "that its to_dict() gives raw back", pattern="design.to-from-dict")
def test_WHEN_from_dict_then_to_dict_THEN_round_trip(learner):
    raw = {"bookId": "B-7", "memberId": "M-3", "loanDays": 14}

    loan = learner.Loan.from_dict(raw)

    expected = ("B-7", "M-3", 14, {"bookId": "B-7", "memberId": "M-3", "loanDays": 14})
    actual = (loan.book_id, loan.member_id, loan.loan_days, loan.to_dict())
    assert expected == actual


@check(points=1, expect="Let Loan.from_dict read the three keys it knows by name and ignore the rest, such as a "
                        "'renewals' key the API added", pattern="design.to-from-dict")
def test_WHEN_from_dict_with_unknown_key_THEN_ignored(learner):
    raw = {"bookId": "B-9", "memberId": "M-5", "loanDays": 28, "renewals": 2}

    loan = learner.Loan.from_dict(raw)

    assert {"bookId": "B-9", "memberId": "M-5", "loanDays": 28} == loan.to_dict()


@check(points=1, expect="Build the loan with cls(...) in from_dict, not Loan(...), so that a subclass calling it gets "
                        "an instance of itself, as the TypeVar promises", pattern="types.typevar-factories")
def test_WHEN_subclass_calls_from_dict_THEN_subclass_instance(learner, subject):
    scaffold = subject.define("class OverdueLoan(Loan):\n    pass\n")

    loan = scaffold.OverdueLoan.from_dict({"bookId": "B-2", "memberId": "M-8", "loanDays": 35})

    expected = ("OverdueLoan", True)
    actual = (getattr(loan, "class_name", type(loan).__name__), isinstance(loan, scaffold.OverdueLoan))
    assert expected == actual
