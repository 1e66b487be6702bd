"""Targeted cases for SK0205 pydantic-schema-undocumented (§2 Type System & Annotations),
beyond its documentation's examples."""
from typing import List

from tests.rules.checking import flagged_cells, flagged_lines


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
