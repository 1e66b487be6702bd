"""Rules of §8 Design Patterns, §10 Async and §12 Meta Patterns: SK0801-SK0805, SK1002, SK1201-SK1207."""
import textwrap
from typing import List

from stylekit import check_source
from stylekit.notebook import check_cells


def _rules(rule_id: str, source: str, path: str = "inventory.py") -> List[str]:
    """The ids of rule_id's findings on the (dedented) source, checked as if it were the file at path."""
    report = check_source(textwrap.dedent(source), path=path)
    return [finding.rule for finding in report.findings if finding.rule == rule_id]


# SK0801 plain-data-class

def test_WHEN_class_init_only_copies_parameters_THEN_plain_data_class_flagged():
    source = """
        class Sensor:
            def __init__(self, sensor_id: str, room: str) -> None:
                self.sensor_id = sensor_id
                self.room = room
    """

    actual = _rules("SK0801", source)

    assert ["SK0801"] == actual


def test_WHEN_record_class_has_repr_to_dict_and_annotated_copies_THEN_plain_data_class_flagged():
    source = """
        class Sensor(object):
            \"\"\"A sensor and the room it sits in.\"\"\"

            def __init__(self, sensor_id, room):
                self.sensor_id: str = sensor_id
                self.room = room

            def __repr__(self):
                return f"Sensor({self.sensor_id!r})"

            def to_dict(self):
                return {"sensor_id": self.sensor_id, "room": self.room}
    """

    actual = _rules("SK0801", source)

    assert ["SK0801"] == actual


def test_WHEN_class_init_has_logic_or_private_attributes_THEN_plain_data_class_accepts_it():
    source = """
        class RestClient:
            def __init__(self, base_url: str, timeout: float) -> None:
                self.base_url = base_url.rstrip("/")
                self.timeout = timeout

        class ClientProvider:
            def __init__(self, profile: str, region: str) -> None:
                self._profile = profile
                self._region = region
    """

    actual = _rules("SK0801", source)

    assert [] == actual


def test_WHEN_class_has_behaviour_base_or_decorator_THEN_plain_data_class_accepts_it():
    source = """
        from dataclasses import dataclass

        class Uploader:
            def __init__(self, client, bucket):
                self.client = client
                self.bucket = bucket

            def upload(self, key):
                self.client.put(self.bucket, key)

        class Reading(Base):
            def __init__(self, value, unit):
                self.value = value
                self.unit = unit

        @dataclass
        class Room:
            name: str
            floor: int

        class Label:
            def __init__(self, text):
                self.text = text
    """

    actual = _rules("SK0801", source)

    assert [] == actual


def test_WHEN_init_leaves_a_parameter_unstored_THEN_plain_data_class_accepts_it():
    source = """
        class Window:
            def __init__(self, width, height, scale):
                self.width = width
                self.height = height
    """

    actual = _rules("SK0801", source)

    assert [] == actual


# SK0802 missing-from-dict

def test_WHEN_dataclass_has_to_dict_only_THEN_missing_from_dict_flagged():
    source = """
        from dataclasses import dataclass

        @dataclass
        class Invoice:
            number: str

            def to_dict(self):
                return {"number": self.number}
    """

    actual = _rules("SK0802", source)

    assert ["SK0802"] == actual


def test_WHEN_dataclass_from_dict_is_staticmethod_or_instance_method_THEN_missing_from_dict_flagged():
    source = """
        import dataclasses

        @dataclasses.dataclass(frozen=True)
        class Invoice:
            number: str

            def to_dict(self):
                return {"number": self.number}

            @staticmethod
            def from_dict(raw):
                return Invoice(raw["number"])

        @dataclasses.dataclass
        class Receipt:
            number: str

            def from_dict(self, raw):
                return Receipt(raw["number"])
    """

    actual = _rules("SK0802", source)

    assert ["SK0802", "SK0802", "SK0802"] == actual


def test_WHEN_dataclass_has_to_dict_and_from_dict_classmethod_THEN_missing_from_dict_accepts_it():
    source = """
        from dataclasses import dataclass

        @dataclass
        class Invoice:
            number: str

            def to_dict(self):
                return {"number": self.number}

            @classmethod
            def from_dict(cls, raw):
                return cls(number=raw["number"])
    """

    actual = _rules("SK0802", source)

    assert [] == actual


def test_WHEN_printable_wrapper_or_plain_class_has_to_dict_only_THEN_missing_from_dict_accepts_it():
    source = """
        from dataclasses import dataclass
        from vendor.schema import SchemaObject

        @dataclass
        class PrintableSchemaObject(SchemaObject):
            show_all: bool = False

            def to_dict(self):
                return {"caption": self.caption}

        class Report:
            def to_dict(self):
                return {}
    """

    actual = _rules("SK0802", source)

    assert [] == actual


# SK0803 informal-interface

def test_WHEN_base_class_methods_raise_not_implemented_THEN_informal_interface_flagged():
    source = """
        class Notifier:
            \"\"\"Sends a message somewhere.\"\"\"

            def send(self, text: str) -> None:
                \"\"\"Deliver the text.\"\"\"
                raise NotImplementedError()

            def describe(self) -> str:
                return type(self).__name__
    """

    actual = _rules("SK0803", source)

    assert ["SK0803"] == actual


def test_WHEN_abc_has_no_abstract_method_but_unimplemented_ones_THEN_informal_interface_flagged():
    source = """
        import abc

        class Notifier(abc.ABC):
            def send(self, text):
                raise NotImplementedError

        class Pager(metaclass=abc.ABCMeta):
            def page(self, text):
                raise NotImplementedError
    """

    actual = _rules("SK0803", source)

    assert ["SK0803", "SK0803"] == actual


def test_WHEN_abc_uses_abstractmethod_THEN_informal_interface_accepts_it():
    source = """
        from abc import ABC, abstractmethod

        class Notifier(ABC):
            @abstractmethod
            def send(self, text: str) -> None:
                \"\"\"Deliver the text.\"\"\"

            def flush(self) -> None:
                raise NotImplementedError("this notifier does not buffer")
    """

    actual = _rules("SK0803", source)

    assert [] == actual


def test_WHEN_subclass_or_hook_or_test_double_raises_not_implemented_THEN_informal_interface_accepts_it():
    production = """
        class ReadOnlyStore(Store):
            def write(self, key, value):
                raise NotImplementedError("read-only store")

        class Plugin:
            def on_start(self):
                pass
    """
    test_module = """
        class FakeClock:
            def sleep(self, seconds):
                raise NotImplementedError("tests must not sleep")
    """

    actual = _rules("SK0803", production) + _rules("SK0803", test_module, path="tests/test_clock.py")

    assert [] == actual


# SK0805 deep-inheritance

def test_WHEN_local_classes_chain_three_levels_THEN_deep_inheritance_flagged():
    source = """
        class Vehicle:
            pass

        class Car(Vehicle):
            pass

        class SportsCar(Car):
            pass

        class RaceCar(SportsCar, mixins.Loggable):
            pass
    """

    actual = _rules("SK0805", source)

    assert ["SK0805"] == actual


def test_WHEN_dataclass_extends_dataclass_that_extends_dataclass_THEN_deep_inheritance_flagged():
    source = """
        from dataclasses import dataclass

        @dataclass
        class Address:
            street: str

        @dataclass
        class PostalAddress(Address):
            postcode: str

        @dataclass
        class BillingAddress(PostalAddress):
            vat_number: str
    """

    actual = _rules("SK0805", source)

    assert ["SK0805"] == actual


def test_WHEN_inheritance_is_shallow_or_third_party_THEN_deep_inheritance_accepts_it():
    source = """
        from dataclasses import dataclass
        from vendor.schema import SchemaObject, SchemaBase

        class Vehicle:
            pass

        class Car(Vehicle):
            pass

        class SportsCar(Car):
            pass

        @dataclass
        class Address:
            street: str

        @dataclass
        class PostalAddress(Address):
            postcode: str

        @dataclass
        class PrintableSchemaObject(SchemaObject):
            show_all: bool = False

        class Legacy(SchemaBase.Inner):
            pass
    """

    actual = _rules("SK0805", source)

    assert [] == actual


def test_WHEN_exception_hierarchy_is_deep_THEN_deep_inheritance_accepts_it():
    source = """
        class StoreError(Exception):
            pass

        class NetworkFailure(StoreError):
            pass

        class TimeoutFailure(NetworkFailure):
            pass

        class ConnectTimeout(TimeoutFailure):
            pass
    """

    actual = _rules("SK0805", source)

    assert [] == actual


# SK1002 public-async

def test_WHEN_event_loop_driven_by_hand_THEN_public_async_flagged():
    source = """
        import asyncio

        def refresh():
            asyncio.get_event_loop().run_until_complete(_refresh())

        def refresh_all():
            loop = asyncio.new_event_loop()
            try:
                loop.run_until_complete(_refresh())
            finally:
                loop.close()
    """

    actual = _rules("SK1002", source)

    assert ["SK1002", "SK1002"] == actual


def test_WHEN_sync_wrapper_runs_public_async_function_THEN_public_async_flagged():
    source = """
        import asyncio

        async def fetch_prices(skus):
            return [await lookup(sku) for sku in skus]

        def prices(skus):
            return asyncio.run(fetch_prices(skus))
    """

    actual = _rules("SK1002", source)

    assert ["SK1002"] == actual


def test_WHEN_sync_wrapper_runs_private_async_function_THEN_public_async_accepts_it():
    source = """
        import asyncio

        async def _fetch_prices(skus):
            return [await lookup(sku) for sku in skus]

        def prices(skus):
            return asyncio.run(_fetch_prices(skus))

        async def handle_request(request):
            return await _fetch_prices(request.skus)
    """

    actual = _rules("SK1002", source)

    assert [] == actual


def test_WHEN_loop_reused_or_async_exported_or_script_entry_THEN_public_async_accepts_it():
    source = """
        import asyncio

        __all__ = ["fetch_prices", "prices"]

        async def fetch_prices(skus):
            return skus

        def prices(skus):
            return asyncio.run(fetch_prices(skus))

        def warm_caches():
            loop = asyncio.new_event_loop()
            loop.run_until_complete(_warm("a"))
            loop.run_until_complete(_warm("b"))
            loop.close()

        async def main():
            await fetch_prices([])

        if __name__ == "__main__":
            asyncio.run(main())
    """

    actual = _rules("SK1002", source)

    assert [] == actual


def test_WHEN_test_runs_public_async_helper_THEN_public_async_accepts_it():
    source = """
        import asyncio

        async def fetch_twice(client):
            return [await client.get(), await client.get()]

        def test_WHEN_fetched_twice_THEN_two_answers():
            assert 2 == len(asyncio.run(fetch_twice(FakeClient())))
    """

    actual = _rules("SK1002", source, path="tests/test_fetch.py")

    assert [] == actual


# SK1201 late-constant

def test_WHEN_constant_assigned_after_first_definition_THEN_late_constant_flagged():
    source = """
        import os

        def data_folder():
            return os.environ.get("DATA", DEFAULT_FOLDER)

        DEFAULT_FOLDER = "/var/data"  # where the sensors upload

        class Sensor:
            pass

        MAX_SENSORS: int = 64  # licence limit
    """

    actual = _rules("SK1201", source)

    assert ["SK1201", "SK1201"] == actual


def test_WHEN_constant_depends_on_later_definition_or_declares_a_type_THEN_late_constant_accepts_it():
    source = """
        from typing import Dict, TypeVar

        def read_csv(path):
            return path

        class Sensor:
            pass

        HANDLERS = {"csv": read_csv}
        T_Sensor = TypeVar("T_Sensor", bound=Sensor)
        T = TypeVar("T")
        SENSOR_BY_ID: Dict[str, Sensor] = {}
        __all__ = ["read_csv", "Sensor"]
    """

    actual = _rules("SK1201", source)

    assert [] == actual


def test_WHEN_constants_at_top_THEN_late_constant_accepts_it():
    source = """
        import os

        DEFAULT_FOLDER = "/var/data"  # where the sensors upload

        def data_folder():
            return os.environ.get("DATA", DEFAULT_FOLDER)

        if __name__ == "__main__":
            FOLDER = data_folder()
    """

    actual = _rules("SK1201", source)

    assert [] == actual


def test_WHEN_test_file_keeps_data_at_end_THEN_late_constant_accepts_it():
    source = """
        def test_WHEN_event_parsed_THEN_instance_found():
            assert "i-123" == parse(TEST_EVENT)["instance"]

        TEST_EVENT = {"detail": {"instance-id": "i-123"}}
    """

    actual = _rules("SK1201", source, path="tests/test_events.py")

    assert [] == actual


def test_WHEN_notebook_defines_constant_in_later_cell_THEN_late_constant_accepts_it():
    cells = [
        (0, "def celsius(fahrenheit: float) -> float:\n    return (fahrenheit - 32) / 1.8\n"),
        (1, "FREEZING_F = 32  # water freezes, in Fahrenheit\ncelsius(FREEZING_F)\n"),
    ]

    report = check_cells(cells, path="lesson.ipynb")
    actual = [finding.rule for finding in report.findings if finding.rule == "SK1201"]

    assert [] == actual


# SK1203 open-without-with

def test_WHEN_file_opened_inline_or_closed_by_hand_THEN_open_without_with_flagged():
    source = """
        import json
        import sqlite3

        def load(path):
            return json.load(open(path))

        def first_line(path):
            return open(path).readline()

        def count_rows(db):
            conn = sqlite3.connect(db)
            total = conn.execute("select count(*) from rows").fetchone()[0]
            conn.close()
            return total
    """

    actual = _rules("SK1203", source)

    assert ["SK1203", "SK1203", "SK1203"] == actual


def test_WHEN_test_writes_file_without_with_THEN_open_without_with_flagged():
    source = """
        import zipfile

        def test_WHEN_archive_read_THEN_names_listed(tmp_path):
            open(tmp_path / "a.txt", "w").write("x")
            archive = zipfile.ZipFile(tmp_path / "a.zip", "w")
            archive.close()
    """

    actual = _rules("SK1203", source, path="tests/test_archive.py")

    assert ["SK1203", "SK1203"] == actual


def test_WHEN_resource_opened_in_with_or_closing_or_exit_stack_THEN_open_without_with_accepts_it():
    source = """
        import contextlib
        import sqlite3
        import tarfile

        def pack(folder, target):
            with tarfile.open(target, "w:gz") as tar, open("log.txt", "a") as log:
                tar.add(folder)
                log.write(folder)

        def count_rows(db):
            with contextlib.closing(sqlite3.connect(db)) as conn:
                return conn.execute("select 1").fetchone()

        def read_all(paths):
            with contextlib.ExitStack() as stack:
                files = [stack.enter_context(open(path)) for path in paths]
                return [handle.read() for handle in files]
    """

    actual = _rules("SK1203", source)

    assert [] == actual


def test_WHEN_resource_returned_or_owned_by_object_THEN_open_without_with_accepts_it():
    source = """
        import gzip
        import socket

        def open_log(path, zipped):
            return gzip.open(path, "rt") if zipped else open(path)

        def opened(path):
            handle = open(path, "rb")
            handle.seek(16)
            return handle

        def read_later(path):
            handle = open(path)
            with handle:
                return handle.read()

        class Connection:
            def __init__(self, host, port):
                self._socket = socket.socket()
                self._socket.connect((host, port))

        OPENER = lambda path: open(path, encoding="utf-8")

        def touch(path):
            open(path, "a").close()

        def find_module(path):
            handle = open(path)
            return handle, path
    """

    actual = _rules("SK1203", source)

    assert [] == actual


# SK1204 unsafe-eq

def test_WHEN_eq_reads_other_attributes_unchecked_THEN_unsafe_eq_flagged():
    source = """
        class Sku:
            def __init__(self, code):
                self.code = code

            def __eq__(self, other):
                return self.code == other.code

        class Basket:
            def __eq__(self, that: "Basket") -> bool:
                return self.to_dict() == that.to_dict()
    """

    actual = _rules("SK1204", source)

    assert ["SK1204", "SK1204"] == actual


def test_WHEN_eq_checks_type_first_THEN_unsafe_eq_accepts_it():
    source = """
        class Sku:
            def __eq__(self, other: object) -> bool:
                if not isinstance(other, Sku):
                    return NotImplemented
                return self.code == other.code

        class Basket:
            def __eq__(self, other: object) -> bool:
                return type(other) is type(self) and self.items == other.items
    """

    actual = _rules("SK1204", source)

    assert [] == actual


def test_WHEN_eq_catches_attribute_error_or_reads_no_attribute_THEN_unsafe_eq_accepts_it():
    source = """
        class Sku:
            def __eq__(self, other):
                try:
                    return self.code == other.code
                except AttributeError:
                    return NotImplemented

        class Tag:
            def __eq__(self, other):
                return str(self) == str(other)

        def __eq__(first, second):
            return first.code == second.code

        class Money:
            def __eq__(self, other):
                if not self._comparable(other):
                    return NotImplemented
                return self.cents == other.cents
    """

    actual = _rules("SK1204", source)

    assert [] == actual


# SK1207 str-not-json

def test_WHEN_str_formats_fields_by_hand_THEN_str_not_json_flagged():
    source = """
        class Parcel:
            def to_dict(self):
                return {"code": self.code, "kg": self.kg}

            def __str__(self):
                return "Parcel " + self.code + " (" + str(self.kg) + " kg)"

        class Crate:
            def to_dict(self):
                return {"code": self.code}

            def __str__(self):
                return "Crate {}".format(self.code)
    """

    actual = _rules("SK1207", source)

    assert ["SK1207", "SK1207"] == actual


def test_WHEN_str_uses_to_dict_or_class_has_no_to_dict_THEN_str_not_json_accepts_it():
    source = """
        import json

        class Parcel:
            def to_dict(self):
                return {"code": self.code}

            def __str__(self):
                return json.dumps(self.to_dict(), indent=2)

        class Crate:
            def to_dict(self):
                return {"code": self.code}

            def __str__(self):
                return f"Crate {self.to_dict()}"

        class Pallet:
            def __str__(self):
                return f"Pallet {self.code}"

        class Label:
            def to_dict(self):
                return {"text": self.text}

            def __str__(self):
                return self.text
    """

    actual = _rules("SK1207", source)

    assert [] == actual
