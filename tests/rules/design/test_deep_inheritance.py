"""Targeted cases for SK0805 deep-inheritance (§8 Design Patterns & Principles),
beyond its documentation's examples."""
from tests.rules.checking import flagged_rules


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

    actual = flagged_rules("SK0805", source)

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

    actual = flagged_rules("SK0805", source)

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

    actual = flagged_rules("SK0805", source)

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

    actual = flagged_rules("SK0805", source)

    assert [] == actual
