"""Targeted cases for SK0202, SK0203, SK0205 (§2) and SK1101-SK1104, SK1107, SK1152 (§11), beyond their doc examples."""
import textwrap
from typing import List

from stylekit import check_source
from tests.rules.checking import PRODUCTION_PATH, TEST_PATH, flagged_cells, flagged_lines, flagged_messages



# SK0202 typevar-factory

def test_WHEN_from_json_returns_concrete_class_name_THEN_typevar_factory_flags_it():
    source = """
        from typing import Any, Dict, Optional

        class Sensor:
            @classmethod
            def from_json(cls, raw: Dict[str, Any]) -> Optional[Sensor]:
                return cls()
        """

    expected = [6]
    actual = flagged_lines("SK0202", source)

    assert expected == actual


def test_WHEN_from_dict_has_no_annotations_on_cls_or_return_THEN_typevar_factory_flags_it():
    source = """
        class Sensor:
            @classmethod
            def from_dict(cls, raw):
                return cls()
        """

    expected = [4]
    actual = flagged_lines("SK0202", source)

    assert expected == actual


def test_WHEN_from_dict_uses_bound_typevar_or_self_THEN_typevar_factory_accepts_it():
    source = """
        from typing import Any, Dict, Self, Type, TypeVar

        T_Sensor = TypeVar("T_Sensor", bound="Sensor")

        class Sensor:
            @classmethod
            def from_dict(cls: Type[T_Sensor], raw: Dict[str, Any]) -> T_Sensor:
                return cls()

            @classmethod
            def from_json(cls, text: str) -> Self:
                return cls()
        """

    expected: List[int] = []
    actual = flagged_lines("SK0202", source)

    assert expected == actual


def test_WHEN_enum_factory_returns_enum_name_AND_plain_method_is_not_from_THEN_typevar_factory_accepts_them():
    source = """
        from enum import Enum

        class Unit(Enum):
            CELSIUS = "C"

            @classmethod
            def from_label(cls, label: str) -> "Unit":
                return cls(label)

        class Sensor:
            @classmethod
            def parse(cls, raw: str) -> "Sensor":
                return cls()
        """

    expected: List[int] = []
    actual = flagged_lines("SK0202", source)

    assert expected == actual


# SK0203 typing-generics

def test_WHEN_builtin_generics_in_field_and_string_annotation_THEN_typing_generics_flags_each():
    source = """
        from dataclasses import dataclass

        @dataclass
        class Library:
            shelves: tuple[str, ...]

            def lend(self, titles: "set[str]") -> None:
                pass
        """

    expected = [6, 8]
    actual = flagged_lines("SK0203", source)

    assert expected == actual


def test_WHEN_lowercase_any_and_builtin_generic_used_THEN_typing_generics_gives_two_distinct_messages():
    source = """
        from typing import Dict

        def index(books: Dict[str, any]) -> type[int]:
            return int
        """

    expected = 2
    actual = len(set(flagged_messages("SK0203", source)))

    assert expected == actual


def test_WHEN_lowercase_any_is_whole_annotation_or_inside_optional_THEN_typing_generics_flags_each():
    source = """
        from typing import Optional

        def describe(value: any, unit: Optional[any] = None) -> any:
            return value
        """

    expected = [4, 4, 4]
    actual = flagged_lines("SK0203", source)

    assert expected == actual


def test_WHEN_typing_generics_bare_builtins_and_literal_any_used_THEN_typing_generics_accepts_them():
    source = """
        from typing import Any, Dict, List, Literal

        def shelve(books: List[Dict[str, Any]], mode: Literal["any", "all"], raw: dict) -> list:
            matches = any(book for book in books)
            return [matches, mode, raw]
        """

    expected: List[int] = []
    actual = flagged_lines("SK0203", source)

    assert expected == actual


def test_WHEN_builtin_generic_used_outside_annotations_THEN_typing_generics_accepts_it():
    source = """
        Shelf = list[str]

        def is_shelf(value: object) -> bool:
            return isinstance(value, list)
        """

    expected: List[int] = []
    actual = flagged_lines("SK0203", source)

    assert expected == actual


# SK0205 pydantic-schema-undocumented

def test_WHEN_pydantic_model_spelled_with_module_alias_lacks_docstring_THEN_pydantic_schema_flags_class():
    source = """
        import pydantic as pd

        class Reading(pd.BaseModel):
            value: float = pd.Field(description="Measured value in degrees Celsius")
        """

    expected = [4]
    actual = flagged_lines("SK0205", source)

    assert expected == actual


def test_WHEN_subclass_of_local_model_has_undescribed_field_THEN_pydantic_schema_flags_field():
    source = """
        from typing import Annotated

        from pydantic import BaseModel, Field

        class Reading(BaseModel):
            \"\"\"A measurement.\"\"\"

            value: Annotated[float, Field(description="Measured value in degrees Celsius")]

        class LabelledReading(Reading):
            \"\"\"A measurement with the sensor's label.\"\"\"

            label: str = "unknown"
        """

    expected = [14]
    actual = flagged_lines("SK0205", source)

    assert expected == actual


def test_WHEN_base_model_not_from_pydantic_THEN_pydantic_schema_accepts_class():
    source = """
        from orm import BaseModel

        class Reading(BaseModel):
            value: float
        """

    expected: List[int] = []
    actual = flagged_lines("SK0205", source)

    assert expected == actual


def test_WHEN_model_has_classvar_private_and_config_THEN_pydantic_schema_accepts_them():
    source = """
        from typing import ClassVar

        from pydantic import BaseModel, ConfigDict, Field

        class Reading(BaseModel):
            \"\"\"A measurement.\"\"\"

            model_config = ConfigDict(frozen=True)
            unit: ClassVar[str] = "C"
            _cache: dict = {}
            value: float = Field(default=0.0, description="Measured value in degrees Celsius")
        """

    expected: List[int] = []
    actual = flagged_lines("SK0205", source)

    assert expected == actual


def test_WHEN_model_import_and_class_in_separate_notebook_cells_THEN_pydantic_schema_flags_class_cell():
    cells = [
        (0, "from pydantic import BaseModel\n"),
        (1, "class Reading(BaseModel):\n    value: float\n"),
    ]

    expected = [(1, 1), (1, 2)]
    actual = flagged_cells("SK0205", cells)

    assert expected == actual


# SK1101 private-access

def test_WHEN_private_attribute_of_other_object_read_and_called_THEN_private_access_flags_both():
    source = """
        class Ledger:
            def __init__(self, entries: list) -> None:
                self._entries = entries

        def audit(ledger: Ledger, service: object) -> int:
            service._reconnect()
            return len(ledger._entries)
        """

    expected = [7, 8]
    actual = flagged_lines("SK1101", source)

    assert expected == actual


def test_WHEN_function_public_but_not_in_dunder_all_THEN_private_access_flags_it():
    source = """
        __all__ = ["total"]

        def total(amounts: list) -> float:
            return sum(amounts)

        def rounding(amount: float) -> float:
            return round(amount, 2)
        """

    expected = [7]
    actual = flagged_lines("SK1101", source)

    assert expected == actual


def test_WHEN_own_privates_read_through_self_super_or_same_class_THEN_private_access_accepts_them():
    source = """
        from collections import namedtuple

        Point = namedtuple("Point", "x y")

        class Ledger:
            _registry: dict = {}

            def __init__(self, total: float) -> None:
                super().__init__()
                self._total = total
                type(self)._registry[id(self)] = self

            def __eq__(self, other: object) -> bool:
                if not isinstance(other, Ledger):
                    return NotImplemented
                return self._total == other._total

            def moved(self, point: Point) -> Point:
                return point._replace(x=self._total)
        """

    expected: List[int] = []
    actual = flagged_lines("SK1101", source)

    assert expected == actual


def test_WHEN_test_pokes_private_helper_THEN_private_access_accepts_it():
    source = """
        import orders

        def test_WHEN_rounding_called_THEN_two_decimals():
            actual = orders._round_total(1.005)
            assert 1.0 == actual
        """

    expected: List[int] = []
    actual = flagged_lines("SK1101", source, path=TEST_PATH) + flagged_lines("SK1101", source)

    assert expected == actual


def test_WHEN_dunder_all_computed_THEN_private_access_accepts_unlisted_function():
    source = """
        __all__ = ["total"]
        __all__.extend(["rounding"])

        def total(amounts: list) -> float:
            return sum(amounts)

        def rounding(amount: float) -> float:
            return round(amount, 2)
        """

    expected: List[int] = []
    actual = flagged_lines("SK1101", source)

    assert expected == actual


def test_WHEN_unlisted_function_is_decorated_or_private_THEN_private_access_accepts_it():
    source = """
        import click

        __all__ = ("total",)

        def total(amounts: list) -> float:
            return sum(amounts)

        @click.command()
        def main() -> None:
            click.echo(total([1.0]))

        def _rounding(amount: float) -> float:
            return round(amount, 2)
        """

    expected: List[int] = []
    actual = flagged_lines("SK1101", source)

    assert expected == actual


# SK1102 mutable-default and SK1152 implicit-optional

def test_WHEN_mutable_defaults_in_method_kwonly_and_lambda_THEN_parameter_defaults_flags_each():
    source = """
        from collections import defaultdict

        class Shelf:
            def stock(self, titles=list(), *, counts=defaultdict(int)) -> None:
                pass

        sort_titles = lambda titles, seen={}: sorted(titles)
        """

    expected = [5, 5, 8]
    actual = flagged_lines("SK1102", source)

    assert expected == actual


def test_WHEN_mutable_default_and_implicit_optional_THEN_each_has_its_own_rule_and_severity():
    source = textwrap.dedent("""
        def lend(title: "Book" = None, borrowers: set = set()) -> None:
            pass
        """)

    report = check_source(source, path=PRODUCTION_PATH)

    expected = [("SK1102", "error", 2), ("SK1152", "warning", 2)]
    actual = sorted((finding.rule, finding.severity.value, finding.line) for finding in report.findings
                    if finding.rule in ("SK1102", "SK1152"))
    assert expected == actual


def test_WHEN_defaults_are_none_with_optional_or_immutable_THEN_parameter_defaults_accepts_them():
    source = """
        from typing import Any, List, Optional, Tuple, Union

        def lend(title: Optional[str] = None, borrowers: Union[List[str], None] = None, note: "str | None" = None,
                 extra: Any = None, shelves: Tuple[str, ...] = (), loan_days: int = 14, reader=None) -> None:
            pass
        """

    expected: List[int] = []
    actual = flagged_lines("SK1102", source) + flagged_lines("SK1152", source)

    assert expected == actual


def test_WHEN_annotation_is_local_alias_or_typevar_THEN_parameter_defaults_gives_benefit_of_doubt():
    source = """
        from typing import Optional, TypeVar

        MaybeTitle = Optional[str]
        T = TypeVar("T")

        def lend(title: MaybeTitle = None, item: T = None) -> None:
            pass
        """

    expected: List[int] = []
    actual = flagged_lines("SK1152", source)

    assert expected == actual


# SK1103 untyped-return

def test_WHEN_method_annotated_list_has_bare_return_THEN_untyped_return_flags_it():
    source = """
        from typing import List

        class Catalogue:
            def titles(self, shelf: str) -> List[str]:
                if not shelf:
                    return
                return [shelf]
        """

    expected = [7]
    actual = flagged_lines("SK1103", source)

    assert expected == actual


def test_WHEN_public_function_returns_three_part_tuple_THEN_untyped_return_flags_it_once():
    source = """
        from typing import Tuple

        def invoice_totals(amounts: list) -> Tuple[float, float, float]:
            net = sum(amounts)
            return net, net * 0.2, net * 1.2

        def sensor_bounds(values: list):
            return min(values), max(values), len(values)
        """

    expected = [4, 9]
    actual = flagged_lines("SK1103", source)

    assert expected == actual


def test_WHEN_none_returned_from_optional_generator_or_nested_function_THEN_untyped_return_accepts_it():
    source = """
        from typing import Callable, Iterator, Optional

        def find(title: str) -> Optional[str]:
            return None

        def pages(count: int) -> Iterator[int]:
            if count == 0:
                return
            yield count

        def make_logger(prefix: str) -> Callable[[str], None]:
            def log(text: str):
                print(prefix, text)
                return
            return log
        """

    expected: List[int] = []
    actual = flagged_lines("SK1103", source)

    assert expected == actual


def test_WHEN_tuples_in_private_helper_pair_variadic_or_sort_key_THEN_untyped_return_accepts_them():
    source = """
        from typing import Tuple

        def _split(amount: float) -> Tuple[float, float, float]:
            return amount, amount, amount

        def divide(total: int, parts: int) -> Tuple[int, int]:
            return total // parts, total % parts

        def readings(count: int) -> Tuple[int, ...]:
            return tuple(range(count))

        def sort_key(book: dict) -> Tuple[str, str, int]:
            return book["author"], book["title"], book["year"]
        """

    expected: List[int] = []
    actual = flagged_lines("SK1103", source)

    assert expected == actual


def test_WHEN_unannotated_test_returns_tuple_THEN_untyped_return_accepts_it():
    source = """
        def make_order():
            return 1, 2, 3

        def test_WHEN_order_made_THEN_three_parts():
            assert (1, 2, 3) == make_order()
        """

    expected: List[int] = []
    actual = flagged_lines("SK1103", source, path=TEST_PATH)

    assert expected == actual


# SK1104 implicit-import-or-global

def test_WHEN_relative_star_import_and_global_THEN_explicit_flags_both():
    source = """
        from .models import *

        def bump() -> None:
            global counter, total
            counter += 1
        """

    expected = [2, 5]
    actual = flagged_lines("SK1104", source)

    assert expected == actual


def test_WHEN_star_import_in_later_notebook_cell_THEN_explicit_flags_that_cell():
    cells = [(0, "import json\n"), (1, "from inventory import *\n")]

    expected = [(1, 1)]
    actual = flagged_cells("SK1104", cells)

    assert expected == actual


def test_WHEN_explicit_imports_and_nonlocal_THEN_explicit_accepts_them():
    source = """
        from inventory import reserve, release

        def counter() -> object:
            count = 0

            def bump() -> int:
                nonlocal count
                count += 1
                return count
            return bump
        """

    expected: List[int] = []
    actual = flagged_lines("SK1104", source)

    assert expected == actual


def test_WHEN_module_name_star_in_text_but_not_import_THEN_explicit_accepts_it():
    source = """
        import math

        PATTERN = "from x import *"

        def area(radius: float) -> float:
            return math.pi * radius ** 2
        """

    expected: List[int] = []
    actual = flagged_lines("SK1104", source)

    assert expected == actual


# SK1107 long-function

def _long_function(name: str, statements: int) -> str:
    body = "\n".join(f"    step_{index} = {index}  # step" for index in range(statements))
    return f"def {name}() -> None:\n    \"\"\"Run the import.\"\"\"\n{body}\n"


def test_WHEN_function_has_51_code_lines_THEN_long_function_flags_its_def_line():
    source = _long_function("import_orders", 51)

    expected = [1]
    actual = flagged_lines("SK1107", source)

    assert expected == actual


def test_WHEN_function_has_50_code_lines_plus_blanks_and_comments_THEN_long_function_accepts_it():
    padding = "\n\n    # a comment line\n"
    source = _long_function("import_orders", 50).replace("step_10 = 10  # step", f"step_10 = 10{padding}")

    expected: List[int] = []
    actual = flagged_lines("SK1107", source)

    assert expected == actual


def test_WHEN_long_test_function_THEN_long_function_accepts_it():
    source = _long_function("test_WHEN_import_called_THEN_rows_saved", 80)

    expected: List[int] = []
    actual = flagged_lines("SK1107", source) + flagged_lines("SK1107", _long_function("helper", 80), path=TEST_PATH)

    assert expected == actual


def test_WHEN_nested_helper_uses_only_its_parameters_THEN_long_function_flags_it():
    source = """
        def print_invoices(invoices: list) -> None:
            def _line(number: str, amount: float) -> str:
                label = number.upper()
                return f"{label}: {amount}"

            for invoice in invoices:
                print(_line(invoice.number, invoice.amount))
        """

    expected = [3]
    actual = flagged_lines("SK1107", source)

    assert expected == actual


def test_WHEN_nested_def_is_closure_callback_or_uses_outer_locals_THEN_long_function_accepts_them():
    source = """
        import threading
        from typing import Callable

        def get_formatter(currency: str) -> Callable[[float], str]:
            def format_amount(amount: float) -> str:
                return f"{amount} {currency}"
            return format_amount

        def start_worker(queue: list) -> None:
            def work() -> None:
                print("working")
            threading.Thread(target=work).start()

        def total(invoices: list, rate: float) -> float:
            def taxed(amount: float) -> float:
                return amount * rate
            return sum(taxed(invoice) for invoice in invoices)
        """

    expected: List[int] = []
    actual = flagged_lines("SK1107", source)

    assert expected == actual


# SK0201 missing-annotation and SK0251 missing-none-return

def test_WHEN_function_returns_nothing_without_annotation_THEN_only_none_return_rule_at_info():
    source = textwrap.dedent("""
        def archive(title: str):
            print(title)
            return
        """)

    report = check_source(source, path=PRODUCTION_PATH)

    expected = [("SK0251", "info")]
    actual = [(finding.rule, finding.severity.value) for finding in report.findings
              if finding.rule in ("SK0201", "SK0251")]
    assert expected == actual


def test_WHEN_function_returns_value_or_yields_without_annotation_THEN_missing_annotation_warns():
    source = textwrap.dedent("""
        def count(titles: list):
            def inner():
                return None
            return len(titles)

        def each(titles: list):
            yield from titles
        """)

    report = check_source(source, path=PRODUCTION_PATH)

    expected = [("SK0201", 2), ("SK0201", 7)]
    actual = [(finding.rule, finding.line) for finding in report.findings if finding.rule in ("SK0201", "SK0251")
              and finding.line != 3]
    assert expected == actual


def test_WHEN_eq_lacks_type_check_and_annotation_THEN_each_rule_says_its_own_part():
    source = textwrap.dedent("""
        class Book:
            def __init__(self, isbn: str) -> None:
                self.isbn = isbn

            def __eq__(self, other) -> bool:
                return self.isbn == other.isbn
        """)

    messages = {finding.rule: finding.message for finding in check_source(source, path=PRODUCTION_PATH).findings}

    expected = (True, False)
    actual = ("other" in messages["SK0201"], "annotate" in messages["SK1204"])
    assert expected == actual


def test_WHEN_test_class_methods_unannotated_outside_test_file_THEN_annotation_rules_accept_them():
    source = """
        from unittest import TestCase

        class TestLoanLedger(TestCase):
            def setUp(self):
                self.ledger = []

            def test_WHEN_empty_THEN_no_loans(self):
                assert [] == self.ledger
        """

    expected = []
    actual = flagged_lines("SK0201", source) + flagged_lines("SK0251", source)
    assert expected == actual
