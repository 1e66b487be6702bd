"""Targeted cases for SK1207 str-not-json (§12 Meta Patterns),
beyond its documentation's examples."""
from tests.rules.checking import flagged_rules


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

    actual = flagged_rules("SK1207", source)

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

    actual = flagged_rules("SK1207", source)

    assert [] == actual
