"""Targeted cases for SK0607 if-else-assignment (§6 Code Style & Idioms),
beyond its documentation's examples."""
from stylekit.engine import check_source
from tests.rules.checking import lines_under


def test_WHEN_both_branches_assign_same_name_THEN_if_else_assignment_flags_it():
    source = """
        def fee(express):
            if express:
                amount = 9.5
            else:
                amount = 4.5
            return amount
        """

    expected = [3]
    actual = lines_under("SK0607", source)

    assert expected == actual


def test_WHEN_last_branch_of_if_chain_THEN_if_else_assignment_flags_only_plain_if_else():
    source = """
        def fee(express, overnight):
            if overnight:
                amount = 20
            elif express:
                amount = 9.5
            else:
                amount = 4.5
            if express:
                carrier = "fast"
            else:
                carrier = "slow"
            return amount, carrier
        """

    expected = [9]
    actual = lines_under("SK0607", source)

    assert expected == actual


def test_WHEN_branch_has_comment_or_ternary_too_long_THEN_if_else_assignment_accepts_it():
    source = """
        def fee(express, invoice):
            if express:
                # courier surcharge agreed with finance
                amount = 9.5
            else:
                amount = 4.5
            if express:
                label = invoice.customer.preferred_courier.format_label(invoice.number, invoice.weight_kg)
            else:
                label = invoice.customer.default_courier.format_label(invoice.number, invoice.weight_kg)
            return amount, label
        """

    expected = []
    actual = lines_under("SK0607", source)

    assert expected == actual


def test_WHEN_name_assigned_with_conditional_expression_THEN_pattern_shown_without_finding():
    source = "def fee(express: bool) -> float:\n    amount = 9.5 if express else 4.5\n    return amount\n"

    report = check_source(source)

    expected = (True, [])
    actual = ("idioms.conditional-assignment" in report.shown, report.rules())
    assert expected == actual
