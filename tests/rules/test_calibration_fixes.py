"""Cases from calibrating the catalogue against the guide's reference code: SK0751 (new), SK0601, SK1103,
SK0303 and SK0605, each pinning the fix of a false positive or a missed finding."""
from typing import List

from tests.rules.checking import TEST_PATH, flagged_lines, flagged_messages


# SK0751 unhandled-error-fallthrough

def test_WHEN_error_code_checked_by_one_if_without_else_THEN_error_fallthrough_flags_the_if():
    source = """
        from warehouse import StockClient, StockError


        class ShelfEmpty(Exception):
            def __init__(self, sku: str) -> None:
                super().__init__(f"No stock left for {sku}")


        def reserve(client: StockClient, sku: str) -> int:
            try:
                reservation = client.reserve(sku)
            except StockError as error:
                if error.response["Error"]["Code"] == "OutOfStock":
                    raise ShelfEmpty(sku)
            return reservation.number
        """

    expected = [14]
    actual = flagged_lines("SK0751", source)

    assert expected == actual


def test_WHEN_error_codes_mapped_by_if_elif_returning_results_THEN_error_fallthrough_flags_the_chain():
    source = """
        from warehouse import ShelfStatus, StockClient, StockError


        def shelf_status(client: StockClient, shelf: str) -> ShelfStatus:
            try:
                client.inspect(shelf)
                return ShelfStatus.IN_USE
            except StockError as error:
                if error.code == "NoAccess":
                    return ShelfStatus.LOCKED
                elif error.code == "NoSuchShelf":
                    return ShelfStatus.MISSING
        """

    expected = [10]
    actual = flagged_lines("SK0751", source)

    assert expected == actual


def test_WHEN_error_code_read_into_variable_before_chain_THEN_error_fallthrough_flags_the_chain():
    source = """
        from warehouse import ShelfStatus, StockClient, StockError


        def shelf_status(client: StockClient, shelf: str) -> ShelfStatus:
            try:
                client.inspect(shelf)
                return ShelfStatus.IN_USE
            except StockError as error:
                code = error.response["Error"]["Code"]
                if code == "NoSuchShelf":
                    return ShelfStatus.MISSING
        """

    expected = [11]
    actual = flagged_lines("SK0751", source)

    assert expected == actual


def test_WHEN_error_fallthrough_reported_THEN_message_teaches_else_raise():
    source = """
        def shelf_status(client, shelf):
            try:
                client.inspect(shelf)
            except StockError as error:
                if error.code == "NoSuchShelf":
                    return None
        """

    expected = ["End this if/elif chain with 'else: raise' so that an error it does not list is re-raised "
                "instead of silently swallowed"]
    actual = flagged_messages("SK0751", source)

    assert expected == actual


def test_WHEN_chain_ends_in_else_or_is_followed_by_a_statement_THEN_error_fallthrough_accepts_it():
    source = """
        import logging

        from warehouse import ShelfStatus, StockClient, StockError

        logger = logging.getLogger(__name__)


        def shelf_status(client: StockClient, shelf: str) -> ShelfStatus:
            try:
                client.inspect(shelf)
                return ShelfStatus.IN_USE
            except StockError as error:
                if error.code == "NoSuchShelf":
                    return ShelfStatus.MISSING
                else:
                    raise
            try:
                client.inspect(shelf)
            except StockError as error:
                if error.code == "NoSuchShelf":
                    return ShelfStatus.MISSING
                logger.error(f"Inspecting {shelf} failed: {error}")
                raise
        """

    expected: List[int] = []
    actual = flagged_lines("SK0751", source)

    assert expected == actual


def test_WHEN_branch_only_logs_or_chain_ignores_error_THEN_error_fallthrough_accepts_it():
    source = """
        import logging

        from warehouse import StockClient, StockError

        logger = logging.getLogger(__name__)


        def create_shelf(client: StockClient, shelf: str, dry_run: bool) -> None:
            try:
                client.create(shelf)
            except StockError as error:
                if error.code == "ShelfAlreadyYours":
                    logger.debug(f"Shelf {shelf} exists already")
                elif error.code == "ShelfTaken":
                    raise
            try:
                client.label(shelf)
            except StockError as error:
                if dry_run:
                    return
            try:
                client.light(shelf)
            except StockError:
                if dry_run:
                    return
        """

    expected: List[int] = []
    actual = flagged_lines("SK0751", source)

    assert expected == actual


def test_WHEN_open_dispatch_in_test_file_THEN_error_fallthrough_accepts_it():
    source = """
        def test_WHEN_shelf_missing_THEN_status_missing():
            try:
                inspect("B-12")
            except StockError as error:
                if error.code == "NoSuchShelf":
                    return
        """

    expected: List[int] = []
    actual = flagged_lines("SK0751", source, path=TEST_PATH)

    assert expected == actual


# SK0601 naming-convention: a field's name no longer excuses a computed camelCase variable

def test_WHEN_computed_camel_case_local_shares_a_field_name_THEN_naming_flags_it():
    source = """
        from dataclasses import dataclass


        @dataclass
        class PackingBox:
            boxType: str
            isFragile: bool


        def choose_box(item_kind: str) -> PackingBox:
            isFragile = not item_kind.startswith("book")
            return PackingBox(boxType="standard", isFragile=isFragile)
        """

    expected = [12]
    actual = flagged_lines("SK0601", source)

    assert expected == actual


def test_WHEN_free_function_parameter_shares_a_field_name_THEN_naming_flags_it():
    source = """
        from dataclasses import dataclass


        @dataclass
        class PackingBox:
            boxType: str


        def make_box(boxType: str) -> PackingBox:
            return PackingBox(boxType=boxType)
        """

    expected = [10]
    actual = flagged_lines("SK0601", source)

    assert expected == actual


def test_WHEN_fields_own_method_parameters_keywords_and_key_reads_THEN_naming_accepts_them():
    source = """
        from dataclasses import dataclass
        from typing import Any, Dict, Type, TypeVar

        T_PackingBox = TypeVar("T_PackingBox", bound="PackingBox")


        @dataclass
        class PackingBox:
            boxType: str
            isFragile: bool
            maxWeight: float

            def __init__(self, boxType: str, isFragile: bool, maxWeight: float) -> None:
                self.boxType = boxType
                self.isFragile = isFragile
                self.maxWeight = maxWeight

            @classmethod
            def from_dict(cls: Type[T_PackingBox], raw: Dict[str, Any]) -> T_PackingBox:
                boxType = raw["boxType"]
                isFragile = raw.get("isFragile")
                maxWeight = float(raw["maxWeight"])
                return cls(boxType, isFragile, maxWeight)


        def copy_box(box: PackingBox, item_kind: str) -> PackingBox:
            boxType = box.boxType
            is_fragile = not item_kind.startswith("book")
            return PackingBox(boxType=boxType, isFragile=is_fragile, maxWeight=box.maxWeight)
        """

    expected: List[int] = []
    actual = flagged_lines("SK0601", source)

    assert expected == actual


def test_WHEN_key_read_under_another_name_THEN_naming_flags_it():
    source = """
        from dataclasses import dataclass
        from typing import Any, Dict


        @dataclass
        class PackingBox:
            boxType: str


        def read_box(raw: Dict[str, Any]) -> PackingBox:
            boxType = raw["type"]
            return PackingBox(boxType=boxType)
        """

    expected = [12]
    actual = flagged_lines("SK0601", source)

    assert expected == actual


# SK1103 untyped-return: a TypeVar return does not admit None

def test_WHEN_factory_annotated_with_bound_typevar_returns_none_THEN_untyped_return_flags_it():
    source = """
        from typing import Any, Dict, Type, TypeVar

        T_Shipment = TypeVar("T_Shipment", bound="Shipment")


        class Shipment:
            def __init__(self, weight: float) -> None:
                self.weight = weight

            @classmethod
            def from_dict(cls: Type[T_Shipment], raw: Dict[str, Any]) -> T_Shipment:
                if not raw:
                    return None
                return cls(raw["weight"])
        """

    expected = [14]
    actual = flagged_lines("SK1103", source)

    assert expected == actual


def test_WHEN_unbounded_typevar_return_is_none_THEN_untyped_return_flags_it():
    source = """
        import typing
        from typing import List

        T = typing.TypeVar("T")


        def first(items: List[T]) -> T:
            if not items:
                return None
            return items[0]
        """

    expected = [10]
    actual = flagged_lines("SK1103", source)

    assert expected == actual


def test_WHEN_imported_typevar_return_is_none_THEN_untyped_return_flags_it():
    source = """
        from typing import Any, Dict, Type

        from shipping.types import T_Shipment


        def load(cls: Type[T_Shipment], raw: Dict[str, Any]) -> T_Shipment:
            if not raw:
                return None
            return cls(**raw)
        """

    expected = [9]
    actual = flagged_lines("SK1103", source)

    assert expected == actual


def test_WHEN_typevar_admits_none_or_return_is_optional_THEN_untyped_return_accepts_it():
    source = """
        from typing import List, Optional, TypeVar

        MaybeWeight = Optional[float]
        T_Label = TypeVar("T_Label", bound=Optional[str])
        T_Code = TypeVar("T_Code", str, None)
        T_Item = TypeVar("T_Item")


        def label(labels: List[T_Label]) -> T_Label:
            return None


        def code(codes: List[T_Code]) -> T_Code:
            return None


        def first(items: List[T_Item]) -> Optional[T_Item]:
            return None


        def weight() -> MaybeWeight:
            return None
        """

    expected: List[int] = []
    actual = flagged_lines("SK1103", source)

    assert expected == actual


# SK0303 undocumented-constant: explanations written as strings above, or heading a run of constants

def test_WHEN_string_block_directly_above_constant_THEN_undocumented_constant_accepts_it():
    source = '''
        import logging

        logger = logging.getLogger(__name__)

        """
        Share of the raw sensor volume that ends up in the archive, after compression (about 1:20) and
        after dropping the readings that only repeat the previous value.
        """
        ARCHIVE_FACTOR = 0.03

        """Bump when the archive format changes incompatibly."""
        ARCHIVE_VERSION = 2
        '''

    expected: List[int] = []
    actual = flagged_lines("SK0303", source)

    assert expected == actual


def test_WHEN_comment_heads_run_of_constants_THEN_undocumented_constant_accepts_the_whole_run():
    source = """
        # Seconds; the sensor gateway drops connections idle for longer than a minute.
        CONNECT_TIMEOUT = 5
        GATEWAY_NAME = "north"
        READ_TIMEOUT = 55  # the gateway's limit, less a margin
        WRITE_TIMEOUT = 30
        """

    expected: List[int] = []
    actual = flagged_lines("SK0303", source)

    assert expected == actual


def test_WHEN_constant_has_nothing_around_it_THEN_undocumented_constant_still_flags_it():
    source = """
        ARCHIVE_CLASS = "COLD"
        ARCHIVE_DAYS = 30
        """

    expected = [3]
    actual = flagged_lines("SK0303", source)

    assert expected == actual


def test_WHEN_blank_line_or_inline_comment_only_separates_constant_THEN_undocumented_constant_flags_it():
    source = '''
        # Seconds; the sensor gateway drops connections idle for longer than a minute.
        CONNECT_TIMEOUT = 5

        READ_TIMEOUT = 55
        BATCH_SIZE = 250  # readings; the gateway's page size
        RETRY_LIMIT = 4

        """Explains nothing below: a blank line follows."""

        SAMPLE_RATE = 50
        '''

    expected = [5, 7, 11]
    actual = flagged_lines("SK0303", source)

    assert expected == actual


def test_WHEN_module_docstring_directly_above_constant_THEN_undocumented_constant_flags_it():
    source = '''"""Sensor archive settings."""
ARCHIVE_DAYS = 30
'''

    expected = [2]
    actual = flagged_lines("SK0303", source)

    assert expected == actual


# SK0605 old-string-format: chains wrapped over several lines lay out text and are left alone

def test_WHEN_plus_chain_wrapped_over_lines_THEN_old_string_format_accepts_it():
    source = """
        def summary(self) -> str:
            report_text = (
                "Sensors:\\n"
                + self._line("Active", self.previous.active, self.current.active)
                + self._line("Failed", self.previous.failed, self.current.failed)
                + "Archive:\\n"
                + self._line("Days kept", self.previous.days, self.current.days)
            )
            prompt = ("Apply these settings? " + self.owner + " must approve: "
                      + report_text)
            return prompt
        """

    expected: List[int] = []
    actual = flagged_lines("SK0605", source)

    assert expected == actual


def test_WHEN_plus_chain_on_one_line_THEN_old_string_format_still_flags_it():
    source = """
        import core.constants as constants


        def test_WHEN_prefix_built_THEN_tool_path_used():
            expected_value = constants.get_repo_root_dir() + "/node_modules/.bin/cdk"
            assert expected_value == build_prefix()
        """

    expected = [6]
    actual = flagged_lines("SK0605", source, path=TEST_PATH)

    assert expected == actual


def test_WHEN_only_a_part_of_the_chain_spans_lines_THEN_old_string_format_flags_it():
    source = """
        from typing import List


        def total_line(amounts: List[float]) -> str:
            return "Total: " + str(sum(
                amounts))
        """

    expected = [6]
    actual = flagged_lines("SK0605", source)

    assert expected == actual
