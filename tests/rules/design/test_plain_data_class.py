"""Targeted cases for SK0801 plain-data-class (§8 Design Patterns & Principles),
beyond its documentation's examples."""
from tests.rules.checking import flagged_rules


def test_WHEN_class_init_only_copies_parameters_THEN_plain_data_class_flagged():
    source = """
        class Sensor:
            def __init__(self, sensor_id: str, room: str) -> None:
                self.sensor_id = sensor_id
                self.room = room
    """

    actual = flagged_rules("SK0801", source)

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

    actual = flagged_rules("SK0801", source)

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

    actual = flagged_rules("SK0801", source)

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

    actual = flagged_rules("SK0801", source)

    assert [] == actual


def test_WHEN_init_leaves_a_parameter_unstored_THEN_plain_data_class_accepts_it():
    source = """
        class Window:
            def __init__(self, width, height, scale):
                self.width = width
                self.height = height
    """

    actual = flagged_rules("SK0801", source)

    assert [] == actual
