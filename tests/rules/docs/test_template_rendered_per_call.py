"""Targeted cases for SK0305 template-rendered-per-call (§3 Documentation Philosophy),
beyond its documentation's examples."""
from typing import List

from tests.rules.checking import flagged_lines


def test_WHEN_template_filled_with_module_constants_inside_function_THEN_template_rendered_per_call_flags_it():
    source = '''
        import json

        CARRIERS = ["post", "courier"]
        LIMIT = 30  # kg


        def prompt() -> str:
            text = """
        <carriers>{carriers}</carriers> <limit>{limit}</limit>
        """.format(carriers=json.dumps(CARRIERS), limit=LIMIT)
            return text


        def footer() -> str:
            return """Total lines: {count}""".format(count=len(CARRIERS))
        '''

    expected = [9, 16]
    actual = flagged_lines("SK0305", source)

    assert expected == actual


def test_WHEN_template_uses_a_parameter_or_local_THEN_template_rendered_per_call_accepts_it():
    source = '''
        from datetime import datetime

        GREETING = "Dear customer"  # the legal team's approved salutation


        def letter(order_id: str) -> str:
            return """{greeting}, order {order_id} has shipped""".format(greeting=GREETING, order_id=order_id)


        def stamp() -> str:
            return """Printed at {now}""".format(now=datetime.now())


        def shadowed() -> str:
            GREETING = "Hello"
            return """{greeting}""".format(greeting=GREETING)
        '''

    expected: List[int] = []
    actual = flagged_lines("SK0305", source)

    assert expected == actual


def test_WHEN_template_rendered_at_module_level_or_single_quoted_THEN_template_rendered_per_call_accepts_it():
    source = '''
        LIMIT = 30  # kg

        BANNER = """Parcels up to {limit} kg""".format(limit=LIMIT)


        def short_banner() -> str:
            return "Up to {limit} kg".format(limit=LIMIT)
        '''

    expected: List[int] = []
    actual = flagged_lines("SK0305", source)

    assert expected == actual
