"""Kit widget outputs saved as their static view (stylekit/notebooks/widget_outputs.py), and the server extension's
pre-save hook that does it."""
import copy
from typing import Any, Dict, List

from stylekit.notebooks.widget_outputs import WIDGET_STATE, WIDGET_VIEW, keep_static_views, static_view_metadata
from stylekit.server_extension import save_static_views

STATIC = '<div class="stylekit-static">Style coach is not running</div>'


def _view(model_id: str) -> Dict[str, Any]:
    return {"version_major": 2, "version_minor": 0, "model_id": model_id}


def _output(model_id: str, kit: bool) -> Dict[str, Any]:
    data: Dict[str, Any] = {"text/plain": "VBox()", WIDGET_VIEW: _view(model_id)}
    if kit:
        data["text/html"] = STATIC
    return {"output_type": "display_data", "data": data, "metadata": static_view_metadata() if kit else {}}


def _notebook(outputs: List[Dict[str, Any]], state: Dict[str, Any]) -> Dict[str, Any]:
    return {"cells": [{"cell_type": "code", "source": "", "metadata": {}, "outputs": outputs}],
            "metadata": {"widgets": {WIDGET_STATE: {"version_major": 2, "version_minor": 0, "state": state}}}}


def _model(*children: str) -> Dict[str, Any]:
    return {"model_name": "VBoxModel", "state": {"children": [f"IPY_MODEL_{child}" for child in children]}}


def test_WHEN_kit_widget_output_saved_THEN_only_its_static_view_is_kept() -> None:
    notebook = _notebook([_output("aa", kit=True)], {})

    changed = keep_static_views(notebook)

    expected = (1, {"text/plain": "VBox()", "text/html": STATIC})
    actual = (changed, notebook["cells"][0]["outputs"][0]["data"])
    assert expected == actual


def test_WHEN_other_widget_output_saved_THEN_left_as_it_is() -> None:
    notebook = _notebook([_output("bb", kit=False)], {"bb": _model()})
    before = copy.deepcopy(notebook)

    changed = keep_static_views(notebook)

    expected = (0, before)
    actual = (changed, notebook)
    assert expected == actual


def test_WHEN_widget_state_saved_THEN_only_models_no_other_output_uses_are_dropped() -> None:
    # The kit's coach aa holds a1 and a shared layout s; another widget bb holds s too; cc belongs to nobody (a link).
    state = {"aa": _model("a1", "s"), "a1": _model(), "s": _model(), "bb": _model("s"), "cc": _model("bb")}
    notebook = _notebook([_output("aa", kit=True), _output("bb", kit=False)], state)

    keep_static_views(notebook)

    expected = ["bb", "cc", "s"]
    actual = sorted(notebook["metadata"]["widgets"][WIDGET_STATE]["state"])
    assert expected == actual


def test_WHEN_output_marked_but_without_its_static_view_THEN_live_view_kept() -> None:
    output = _output("aa", kit=True)
    del output["data"]["text/html"]
    notebook = _notebook([output], {})

    expected = 0
    actual = keep_static_views(notebook)
    assert expected == actual


def test_WHEN_contents_manager_saves_a_notebook_THEN_hook_keeps_static_views_and_leaves_files_alone() -> None:
    notebook_model = {"type": "notebook", "content": _notebook([_output("aa", kit=True)], {})}
    file_model = {"type": "file", "content": "plain text", "format": "text"}

    save_static_views(model=notebook_model, path="lesson.ipynb")
    save_static_views(model=file_model, path="notes.txt")

    expected = (False, "plain text")
    actual = (WIDGET_VIEW in notebook_model["content"]["cells"][0]["outputs"][0]["data"], file_model["content"])
    assert expected == actual
