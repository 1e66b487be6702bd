"""Targeted cases for SK1204 unsafe-eq (§12 Meta Patterns),
beyond its documentation's examples."""
from tests.rules.checking import flagged_rules


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

    actual = flagged_rules("SK1204", source)

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

    actual = flagged_rules("SK1204", source)

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

    actual = flagged_rules("SK1204", source)

    assert [] == actual
