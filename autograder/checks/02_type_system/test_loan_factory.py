"""Hidden checks of exercise loan_factory (§2, types.typevar-factories): the JSON form, and a factory that
returns the class it was called on."""
from stylekit.grading.checks import check


@check(points=1, expect="Loan(book_id='B-1042', member_id='M-77', loan_days=21).to_dict() is "
                        "{'bookId': 'B-1042', 'memberId': 'M-77', 'loanDays': 21}")
def test_WHEN_loan_to_dict_THEN_camel_case_keys(learner):
    loan = learner.Loan(book_id="B-1042", member_id="M-77", loan_days=21)

    actual = loan.to_dict()

    assert {"bookId": "B-1042", "memberId": "M-77", "loanDays": 21} == actual


@check(points=1, expect="Loan.from_dict(raw) fills book_id, member_id and loan_days from the camelCase keys, "
                        "and its to_dict() gives raw back")
def test_WHEN_from_dict_then_to_dict_THEN_round_trip(learner):
    raw = {"bookId": "B-7", "memberId": "M-3", "loanDays": 14}

    loan = learner.Loan.from_dict(raw)

    expected = ("B-7", "M-3", 14, {"bookId": "B-7", "memberId": "M-3", "loanDays": 14})
    actual = (loan.book_id, loan.member_id, loan.loan_days, loan.to_dict())
    assert expected == actual


@check(points=1, expect="Loan.from_dict ignores keys it does not know, such as a 'renewals' key the API added")
def test_WHEN_from_dict_with_unknown_key_THEN_ignored(learner):
    raw = {"bookId": "B-9", "memberId": "M-5", "loanDays": 28, "renewals": 2}

    loan = learner.Loan.from_dict(raw)

    assert {"bookId": "B-9", "memberId": "M-5", "loanDays": 28} == loan.to_dict()


@check(points=1, expect="called on a subclass of Loan, from_dict returns an instance of that subclass, "
                        "as the TypeVar promises (build it with cls(...), not Loan(...))",
       pattern="types.typevar-factories")
def test_WHEN_subclass_calls_from_dict_THEN_subclass_instance(learner):
    class OverdueLoan(learner.Loan):
        pass

    loan = OverdueLoan.from_dict({"bookId": "B-2", "memberId": "M-8", "loanDays": 35})

    assert OverdueLoan == type(loan)
