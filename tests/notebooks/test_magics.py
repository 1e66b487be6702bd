"""IPython's own syntax made into plain Python of the same line count."""
from stylekit.notebooks.magics import mask_ipython


def test_WHEN_line_magic_masked_THEN_line_count_and_indentation_kept() -> None:
    source = "for item in range(3):\n    %time item\nx = !ls"

    expected = "for item in range(3):\n    pass\nx = None"
    actual = mask_ipython(source)
    assert expected == actual


def test_WHEN_cell_magic_with_foreign_body_THEN_blank_lines() -> None:
    expected = "\n\n"
    actual = mask_ipython("%%bash\nls\necho hi")
    assert expected == actual


def test_WHEN_cell_magic_with_python_body_THEN_only_first_line_goes() -> None:
    expected = "\nx = 1"
    actual = mask_ipython("%%time\nx = 1")
    assert expected == actual
