"""Kit widget outputs as a notebook file keeps them: the static view alone, never a reference to a model.

A kit widget's output carries its live view (`application/vnd.jupyter.widget-view+json`, a reference to a model in
the kernel) beside a static view (`text/html`, `text/plain`), and the kit's mark in the output's metadata
(stylekit/widgets/survival.py says why). JupyterLab renders the live view whenever the output has one, so a
notebook reopened without that model shows "Error displaying widget: model not found"; saved without the
reference, the output shows its static view in any JupyterLab, trusted or not. `keep_static_views` does that to a
notebook about to be saved (the kit's server extension runs it before every save), and drops the saved widget state
("save widget state" on) of the models only those outputs used.
"""
import logging
import re
from typing import Any, Dict, Iterable, Iterator, List, Set

logger = logging.getLogger(__name__)

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
STATIC_VIEW_KEY = "stylekit"  # the output metadata's key for the kit's mark
MODEL_REFERENCE = re.compile(r"IPY_MODEL_([0-9a-f]+)")  # how one widget's state names another model


def static_view_metadata() -> Dict[str, Any]:
    """The metadata a kit widget's output carries: its MIME bundle has a static view to keep when saved."""
    return {STATIC_VIEW_KEY: {"static_view": "text/html"}}


def is_kit_widget_output(output: Dict[str, Any]) -> bool:
    data = output.get("data") or {}
    mark = (output.get("metadata") or {}).get(STATIC_VIEW_KEY) or {}
    return isinstance(mark, dict) and mark.get("static_view") in data and WIDGET_VIEW in data


def _widget_outputs(notebook: Dict[str, Any]) -> Iterator[Dict[str, Any]]:
    for cell in notebook.get("cells") or []:
        for output in cell.get("outputs") or []:
            if WIDGET_VIEW in (output.get("data") or {}):
                yield output


def _reachable(roots: Iterable[str], state: Dict[str, Any]) -> Set[str]:
    """The models `roots` name and every model their saved state names, transitively."""
    seen: Set[str] = set()
    pending: List[str] = list(roots)
    while pending:
        model_id = pending.pop()
        if model_id in seen or model_id not in state:
            continue
        seen.add(model_id)
        pending.extend(MODEL_REFERENCE.findall(repr(state[model_id])))
    return seen


def keep_static_views(notebook: Dict[str, Any]) -> int:
    """Strip the live view from every kit widget output of `notebook` (a notebook's JSON as a dict, changed in
    place), and the saved state of the models that only those outputs used; returns how many outputs changed."""
    kit_models: List[str] = []
    other_models: List[str] = []
    changed = 0
    for output in _widget_outputs(notebook):
        model_id = str(output["data"][WIDGET_VIEW].get("model_id", ""))
        if is_kit_widget_output(output):
            del output["data"][WIDGET_VIEW]
            kit_models.append(model_id)
            changed += 1
        else:
            other_models.append(model_id)
    saved = ((notebook.get("metadata") or {}).get("widgets") or {}).get(WIDGET_STATE) or {}
    state = saved.get("state") if isinstance(saved, dict) else None
    if changed and isinstance(state, dict):
        for model_id in _reachable(kit_models, state) - _reachable(other_models, state):
            del state[model_id]
    return changed
