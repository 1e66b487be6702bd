"""Targeted cases for SK0604 append-loop (§6 Code Style & Idioms),
beyond its documentation's examples."""
from stylekit.engine import check_source
from tests.rules.checking import lines_under


def test_WHEN_loop_fills_dict_or_set_THEN_append_loop_flags_it():
    source = """
        def index(invoices):
            by_number = {}
            for invoice in invoices:
                by_number[invoice.number] = invoice
            customers = set()
            # every customer once
            for invoice in invoices:
                customers.add(invoice.customer)
            return by_number, customers
        """

    expected = [4, 8]
    actual = lines_under("SK0604", source)

    assert expected == actual


def test_WHEN_loop_appends_behind_one_if_THEN_append_loop_flags_it():
    source = """
        def unpaid(invoices):
            numbers = list()
            for invoice in invoices:
                if not invoice.paid:
                    numbers.append(invoice.number)
            return numbers
        """

    expected = [4]
    actual = lines_under("SK0604", source)

    assert expected == actual


def test_WHEN_loop_reads_the_list_it_fills_THEN_append_loop_accepts_it():
    source = """
        def distinct(skus):
            unique = []
            for sku in skus:
                if sku not in unique:
                    unique.append(sku)
            return unique
        """

    expected = []
    actual = lines_under("SK0604", source)

    assert expected == actual


def test_WHEN_loop_does_more_than_append_or_list_starts_filled_THEN_append_loop_accepts_it():
    source = """
        def totals(invoices, logger):
            amounts = []
            for invoice in invoices:
                logger.info(invoice.number)
                amounts.append(invoice.amount)
            header = ["total"]
            for invoice in invoices:
                header.append(invoice.amount)
            names = []
            count = len(invoices)
            for invoice in invoices:
                names.append(invoice.name)
            return amounts, header, names, count
        """

    expected = []
    actual = lines_under("SK0604", source)

    assert expected == actual


def test_WHEN_function_returns_a_comprehension_THEN_pattern_shown_without_finding():
    source = "def failed(jobs: list) -> list:\n    return [job.name for job in jobs if not job.passed]\n"

    report = check_source(source)

    expected = (True, [])
    actual = ("idioms.comprehensions" in report.shown, report.rules())
    assert expected == actual
