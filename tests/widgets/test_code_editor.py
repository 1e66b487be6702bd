"""The coach's code box: the committed bundle is built from its current source, and the widget carries it."""
from stylekit.widgets.code_editor import BUNDLE, FRONTEND, CodeEditor, bundle_digest, source_digest


def test_WHEN_bundle_compared_with_its_source_THEN_built_from_the_current_source_and_lock() -> None:
    # A change to frontend/code_editor/ (the module or a locked version) needs `make editor`, as sections need a build.
    expected = source_digest(FRONTEND)

    actual = bundle_digest(BUNDLE)

    assert expected == actual


def test_WHEN_editor_created_THEN_it_carries_the_bundle_the_code_and_its_label() -> None:
    editor = CodeEditor("x = 1", label="Python code for the style coach", min_lines=4)

    expected = (True, "x = 1", "Python code for the style coach", 4)
    actual = (editor._esm == BUNDLE.read_text(encoding="utf-8"), editor.value, editor.label, editor.min_lines)
    assert expected == actual
