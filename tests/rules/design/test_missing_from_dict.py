"""Targeted cases for SK0802 missing-from-dict (§8 Design Patterns & Principles),
beyond its documentation's examples."""
from tests.rules.checking import flagged_rules


def test_WHEN_dataclass_has_to_dict_only_THEN_missing_from_dict_flagged():
    source = """
        from dataclasses import dataclass

        @dataclass
        class Invoice:
            number: str

            def to_dict(self):
                return {"number": self.number}
    """

    actual = flagged_rules("SK0802", source)

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

    actual = flagged_rules("SK0802", source)

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

    actual = flagged_rules("SK0802", source)

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

    actual = flagged_rules("SK0802", source)

    assert [] == actual
