"""The judgement proxies find the construct a pattern asks for, and nothing where it is missing."""
import re
from pathlib import Path
from typing import Callable, Dict, List, Set

import pytest

from stylekit.grading import proxies

CLASS_TESTS = '''
class TestCard:
    def setup_method(self):
        self.card = make_card()

    def test_WHEN_valid_THEN_true(self):
        assert self.card.ok()

    def test_WHEN_expired_THEN_false(self):
        assert not self.card.expired().ok()
'''
PLAIN_TESTS = '''
def test_WHEN_valid_THEN_true():
    assert make_card().ok()


def test_WHEN_expired_THEN_false():
    assert not make_card().expired().ok()
'''
FAKE_AND_STOP = '''
class EndOfScript(Exception):
    pass


class FakeScanner(mock.Mock):
    def read(self):
        raise EndOfScript()


def test_WHEN_run_THEN_stops():
    with pytest.raises(EndOfScript):
        run(FakeScanner())
'''
LAMBDA_FAKE = '''
def test_WHEN_run_THEN_stops():
    scanner = mock.Mock()
    scanner.read.side_effect = [None, KeyboardInterrupt()]
    with pytest.raises(KeyboardInterrupt):
        run(scanner)
'''
FIXTURE_AND_DATA = '''
TEST_MEMBER = "M-1"


@pytest.fixture
def old_receipt(tmp_path):
    return tmp_path / "r.txt"


def test_WHEN_written_THEN_lines(tmp_path):
    write(tmp_path / "r.txt", TEST_MEMBER, TEST_FINES)


def test_WHEN_old_receipt_THEN_replaced(old_receipt):
    write(old_receipt, TEST_MEMBER, [])


def test_WHEN_old_receipt_AND_fines_THEN_replaced(old_receipt):
    write(old_receipt, "M-2", TEST_FINES)


TEST_FINES = [("Emma", 1.0), ("Dune", 2.0)]
'''
INLINE_DATA = '''
def test_WHEN_written_THEN_lines(tmp_path):
    write(tmp_path / "r.txt", "M-1", [("Emma", 1.0), ("Dune", 2.0)])


def test_WHEN_old_receipt_THEN_replaced(tmp_path):
    write(tmp_path / "r.txt", "M-1", [])
'''


@pytest.mark.parametrize("proxy, present, absent", [
    (proxies.has_test_class, CLASS_TESTS, PLAIN_TESTS),
    (proxies.has_mock_subclass, FAKE_AND_STOP, LAMBDA_FAKE),
    (proxies.has_flow_exception, FAKE_AND_STOP, LAMBDA_FAKE),
    (proxies.has_shared_fixture, FIXTURE_AND_DATA, INLINE_DATA),
    (proxies.has_shared_test_constant, FIXTURE_AND_DATA, INLINE_DATA),
    (proxies.has_module_test_data, FIXTURE_AND_DATA, INLINE_DATA),
], ids=["test-classes", "custom-mocks", "flow-exceptions", "fixtures", "module-constants", "test-data"])
def test_WHEN_proxy_reads_answers_THEN_finds_the_construct_only_where_present(
        proxy: Callable[[str], bool], present: str, absent: str) -> None:
    expected = (True, False, False)
    actual = (proxy(present), proxy(absent), proxy("def broken(:\n"))
    assert expected == actual


ONE_TEST_FIXTURE = '''
@pytest.fixture
def old_receipt(tmp_path):
    return tmp_path / "r.txt"


def test_WHEN_written_THEN_lines(tmp_path):
    write(tmp_path / "r.txt", "M-1", [])


def test_WHEN_old_receipt_THEN_replaced(old_receipt):
    write(old_receipt, "M-1", [])
'''
SIDE_EFFECT_STOP = '''
class EndOfScript(Exception):
    pass


def test_WHEN_run_THEN_stops():
    scanner = mock.Mock(side_effect=["B-1", EndOfScript()])
    with pytest.raises(EndOfScript):
        run(scanner)
'''
EXPECTED_ONLY = '''
class EndOfScript(Exception):
    pass


def test_WHEN_run_THEN_stops():
    with pytest.raises(EndOfScript):
        run(mock.Mock())
'''


def test_WHEN_fixture_asked_for_by_one_test_only_THEN_not_shared() -> None:
    expected = False
    actual = proxies.has_shared_fixture(ONE_TEST_FIXTURE)
    assert expected == actual


def test_WHEN_own_exception_in_side_effect_or_only_expected_THEN_flow_exception_only_when_a_fake_raises_it() -> None:
    expected = (True, False)
    actual = (proxies.has_flow_exception(SIDE_EFFECT_STOP), proxies.has_flow_exception(EXPECTED_ONLY))
    assert expected == actual


NARRATED_FEE = '''
def rental_fee(minutes: float) -> float:
    # subtract the free minutes
    minutes = max(minutes - FREE_MINUTES, 0)
    hours = math.ceil(minutes / 60)  # round up the hours
    return hours * HOURLY_RATE_EUR
'''
EXPLAINED_FEE = '''
def rental_fee(minutes: float) -> float:
    """
    The fee of one rental, in euros.
    minutes: how long the bike was out, from unlocking to docking
    """
    # Unlocking and the test lap around the yard take about ten minutes; riders refused to pay for them.
    minutes = max(minutes - FREE_MINUTES, 0)
    hours = math.ceil(minutes / 60)  # our insurer bills us per started hour, so we bill riders alike
    return hours * HOURLY_RATE_EUR
'''


def test_WHEN_comments_read_THEN_narration_found_and_reasons_left_alone() -> None:
    expected = (["subtract the free minutes", "round up the hours"], [])
    actual = (proxies.restating_comments(NARRATED_FEE), proxies.restating_comments(EXPLAINED_FEE))
    assert expected == actual


def test_WHEN_comment_for_a_line_asked_THEN_block_above_and_end_of_line_joined() -> None:
    expected = ("our insurer bills us per started hour, so we bill riders alike", "subtract the free minutes", "")
    actual = (proxies.comment_for(EXPLAINED_FEE, "math.ceil("), proxies.comment_for(NARRATED_FEE, "max("),
              proxies.comment_for(NARRATED_FEE, "return hours"))
    assert expected == actual


def test_WHEN_docstrings_read_THEN_every_parameter_must_have_its_line() -> None:
    expected = (True, False, False, False)
    actual = (proxies.has_param_docstring(EXPLAINED_FEE, "rental_fee"),
              proxies.has_param_docstring(NARRATED_FEE, "rental_fee"),
              proxies.has_param_docstring(EXPLAINED_FEE.replace("minutes: how", "How"), "rental_fee"),
              proxies.has_param_docstring(EXPLAINED_FEE, "missing_function"))
    assert expected == actual


LAYERED_PROMPT = '''
PROMPT = """
<role>You answer riders' questions.</role>
<guidelines>Be brief; {{braces}} are not fields.</guidelines>
<customer>{customer}</customer>
<message>{message}</message>
"""
'''


@pytest.mark.parametrize("source, layered", [
    (LAYERED_PROMPT, True),
    (LAYERED_PROMPT.replace("</message>", "</message>\n<tone>Calm</tone>"), False),
    (re.sub(r"</?(role|guidelines)>", "", LAYERED_PROMPT), False),
    ("def broken(:\n", False),
], ids=["layered", "fixed-section-after-a-filled-one", "too-few-sections", "syntax-error"])
def test_WHEN_prompt_read_THEN_layered_only_with_enough_sections_and_fixed_parts_first(source: str, layered: bool
                                                                                       ) -> None:
    expected = layered
    actual = proxies.has_layered_prompt(source)
    assert expected == actual


def test_WHEN_line_explained_THEN_reason_needed_and_docstrings_are_not_code() -> None:
    documented = EXPLAINED_FEE.replace("minutes: how long", "minutes: math.ceil(minutes / 60) says how long")
    expected = (True, False, False, True)
    actual = (proxies.explains_why(EXPLAINED_FEE, "math.ceil("), proxies.explains_why(NARRATED_FEE, "math.ceil("),
              proxies.explains_why(NARRATED_FEE, "return hours"), proxies.explains_why(documented, "math.ceil("))
    assert expected == actual


def _write_tree(root: Path, files: Dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return root


def test_WHEN_package_tree_read_THEN_graph_holds_its_own_imports_with_relative_ones_resolved(tmp_path: Path) -> None:
    root = _write_tree(tmp_path, {
        "shop/__init__.py": "from .core import money\n",
        "shop/core/__init__.py": "",
        "shop/core/money.py": "import math\n\nCENTS = 100\n\n\ndef euros(cents: int) -> str:\n    return ''\n",
        "shop/billing/__init__.py": "",
        "shop/billing/invoices.py": "import boto3\nfrom ..core.money import euros\nfrom shop.core import money\n",
    })

    expected = ({"shop": {"shop.core", "shop.core.money"}, "shop.core": set(), "shop.core.money": set(),
                 "shop.billing": set(), "shop.billing.invoices": {"shop.core.money", "shop.core"}}, {"CENTS", "euros"})
    actual = (proxies.import_graph(root), proxies.top_level_names((root / "shop/core/money.py").read_text()))
    assert expected == actual


@pytest.mark.parametrize("graph, cycle", [
    ({"a": {"b"}, "b": {"c"}, "c": set()}, []),
    ({"a": {"a", "b"}, "b": set()}, []),
    ({"a": {"b"}, "b": {"c"}, "c": {"a"}}, ["a", "b", "c", "a"]),
    ({"x": {"y"}, "y": {"z"}, "z": {"y"}}, ["y", "z", "y"]),
], ids=["acyclic", "self-loop", "three-cycle", "cycle-off-the-start"])
def test_WHEN_graph_searched_THEN_cycle_found_only_where_there_is_one(graph: Dict[str, Set[str]], cycle: List[str]
                                                                      ) -> None:
    expected = cycle
    actual = proxies.find_cycle(graph)
    assert expected == actual


FEE_CODE = '''
def rental_fee(unlocked_at, docked_at, e_bike, member):
    minutes = (docked_at - unlocked_at).total_seconds() / 60
    minutes = max(minutes - FREE_MINUTES, 0)
    hours = math.ceil(minutes / 60)
    fee = min(hours * HOURLY_RATE_EUR, math.ceil(hours / 24) * DAY_CAP_EUR)
    if member and unlocked_at.weekday() < SATURDAY:
        fee = fee * MEMBER_FACTOR
    return round(fee, 2)
'''
CEIL_LINE = "hours = math.ceil(minutes / 60)"
CAP_LINE = "fee = min(hours * HOURLY_RATE_EUR, math.ceil(hours / 24) * DAY_CAP_EUR)"
WEEKDAY_LINE = "if member and unlocked_at.weekday() < SATURDAY:"


@pytest.mark.parametrize("comment, code, reason", [
    ("EUR; the price of the day ticket", "DAY_CAP_EUR = 24.0", True),
    ("Gbps; arbitrarily chosen, but will yield a minimal cluster", "MINIMUM_TRAFFIC = 0.01", True),
    ("datetime.weekday() counts Monday as 0", "SATURDAY = 5", True),
    ("EUR", "DAY_CAP = 24.0", True),
    ("Our insurer bills the shop per started hour of every rental, and riders are billed alike.", CEIL_LINE, True),
    ("A rider keeping a bike all day must never pay more than the day ticket would have cost.", CAP_LINE, True),
    ("Weekends sell out anyway; the discount exists to fill bikes that would stand idle.", WEEKDAY_LINE, True),
    ("the maximum number of daily rides", "MAX_DAILY_RIDES = 400", False),
    ("minutes", "FREE_MINUTES = 10", False),
    ("round up to started hours", CEIL_LINE, False),
    ("Here we work out how many whole hours the rental lasted by dividing the minutes by sixty and rounding the "
     "result up with ceil", CEIL_LINE, False),
    ("Round the minutes up to the next whole hour with math.ceil so that partial hours count as full hours",
     CEIL_LINE, False),
    ("Take the smaller of the hourly price and the day tickets for the started days", CAP_LINE, False),
    ("Cap the fee so that it never exceeds the day cap multiplied by the number of started days", CAP_LINE, False),
    ("The fee is multiplied by the member factor when the rider is a member and the rental starts on a weekday",
     WEEKDAY_LINE, False),
    ("Apply the member discount only when the rental started on a weekday (Monday to Friday)", WEEKDAY_LINE, False),
    ("noqa: E501", CAP_LINE, False),
], ids=["unit-note", "guide-unit-and-choice", "constant-source", "unit-alone", "fact", "constraint", "cause",
        "constant-name-again", "unit-in-the-name", "short-narration", "long-narration", "narration-with-so",
        "narration-take", "narration-with-never", "narration-of-other-names", "narration-only", "directive"])
def test_WHEN_comment_read_THEN_a_reason_the_code_cannot_show_found_and_narration_not(comment: str, code: str,
                                                                                      reason: bool) -> None:
    expected = reason
    actual = bool(proxies.reasons_given(comment, code, proxies.code_words(FEE_CODE)))
    assert expected == actual


def test_WHEN_comment_block_read_THEN_judged_as_one_with_its_lines() -> None:
    source = ("# Inference APIs throttle hard, so we batch the calls;\n# the provider's batch API writes to S3, which\n"
              "# we cannot wait for here.\nresults = run_all(calls)\nx = 1  # set x to one\n")
    expected = [([1, 2, 3], False), ([5], True)]
    actual = [(reading.lines, reading.retells) for reading in proxies.read_comments(source)]
    assert expected == actual


@pytest.mark.parametrize("docstring, said", [
    ("Fee.\nunlocked_at: when the bike left its dock\nmember: whether the rider holds a card", True),
    ("Fee.\n\nArgs:\n    unlocked_at (datetime): when the bike left its dock\n    member: True for a card holder",
     True),
    ("Fee.\n\n:param unlocked_at: when the bike left its dock\n:param bool member: a card holder", True),
    ("Fee.\n\nParameters\n----------\nunlocked_at : datetime\n    When the bike left its dock.\nmember : bool\n"
     "    Whether the rider holds a card.", True),
    ("Fee.\nunlocked_at: the unlocked_at datetime\nmember: member, a bool", False),
    ("Fee.\nunlocked_at: unlocked at\nmember: the member", False),
    ("Fee.\nunlocked_at: when the bike left its dock", False),
], ids=["house", "google", "rest", "numpy", "names-and-types", "names-again", "one-missing"])
def test_WHEN_docstring_conventions_read_THEN_every_allowed_one_counts_and_names_alone_say_nothing(docstring: str,
                                                                                                   said: bool) -> None:
    source = f'def rental_fee(unlocked_at, member):\n    """\n{docstring}\n    """\n    return 0\n'
    expected = said
    actual = proxies.has_param_docstring(source, "rental_fee")
    assert expected == actual


@pytest.mark.parametrize("guidelines, judged", [
    ("- Answer only from the policies.\n- Never charge or refund anything.\n- Send damage questions to the counter.",
     True),
    ("- Follow the guidelines.\n- Be helpful.\n- Always be accurate and polite.", False),
    ("", False),
    ("{guidelines}", False),
], ids=["rules", "filler", "empty", "a-field"])
def test_WHEN_prompt_guidelines_read_THEN_judged_only_when_they_say_something(guidelines: str, judged: bool) -> None:
    source = f'P = """\n<role>Support.</role>\n<guidelines>\n{guidelines}\n</guidelines>\n<message>{{m}}</message>\n"""'
    expected = judged
    actual = any(reading.judged() for reading in proxies.read_prompts(source))
    assert expected == actual


def test_WHEN_layout_holds_placeholders_or_unimported_names_THEN_those_lines_found(tmp_path: Path) -> None:
    reference = "import math\n\nRADIUS_KM = 6371\n\n\ndef km(a):\n    return math.pi * RADIUS_KM * a\n"
    root = _write_tree(tmp_path, {
        "shop/__init__.py": "",
        "shop/core/geo.py": "import math\n\nRADIUS_KM = 6371\n\n\ndef km(a):\n    return math.pi * RADIUS_KM * a\n",
        "shop/fares/quotes.py": "def fare(a):\n    return km(a) * 2\n",
        "shop/maps/stub.py": "RADIUS_KM = None\n",
    })

    expected = [("shop/fares/quotes.py", 2), ("shop/maps/stub.py", 1)]
    actual = [(path, line) for path, _, line in proxies.moved_code_problems(root, "shop", reference)]
    assert expected == actual
