"""Targeted cases for SK1201 late-constant (§12 Meta Patterns),
beyond its documentation's examples."""
from stylekit.notebook import check_cells
from tests.rules.checking import flagged_rules


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

    actual = flagged_rules("SK1201", source)

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

    actual = flagged_rules("SK1201", source)

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

    actual = flagged_rules("SK1201", source)

    assert [] == actual


def test_WHEN_test_file_keeps_data_at_end_THEN_late_constant_accepts_it():
    source = """
        def test_WHEN_event_parsed_THEN_instance_found():
            assert "i-123" == parse(TEST_EVENT)["instance"]

        TEST_EVENT = {"detail": {"instance-id": "i-123"}}
    """

    actual = flagged_rules("SK1201", source, path="tests/test_events.py")

    assert [] == actual


def test_WHEN_notebook_defines_constant_in_later_cell_THEN_late_constant_accepts_it():
    cells = [
        (0, "def celsius(fahrenheit: float) -> float:\n    return (fahrenheit - 32) / 1.8\n"),
        (1, "FREEZING_F = 32  # water freezes, in Fahrenheit\ncelsius(FREEZING_F)\n"),
    ]

    report = check_cells(cells, path="lesson.ipynb")
    actual = [finding.rule for finding in report.findings if finding.rule == "SK1201"]

    assert [] == actual
