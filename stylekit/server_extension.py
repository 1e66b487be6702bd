"""The kit's Jupyter Server extension: the live coach's feedback without Nagle's delay, and kit widgets saved as
their static view.

A keystroke's update is a small websocket message that often follows another one closely; with Nagle's
algorithm on, the kernel websocket holds it until the browser acknowledges the previous packet, which
measured as ~30 ms of median latency (benchmarks/bench_widget_latency.py: median 52 ms stock, 22 ms with
TCP_NODELAY, against 22 ms for a trivial callback). `make lab` enables it:
    jupyter lab --ServerApp.jpserver_extensions stylekit.server_extension=True

Before every save it also turns each kit widget's output into its static view (stylekit/notebooks/widget_outputs.py),
so a reopened notebook never shows "Error displaying widget: model not found" (stylekit/widgets/survival.py).
"""
import logging
from typing import Any, Dict, List

logger = logging.getLogger(__name__)

NODELAY_LOG = "stylekit: TCP_NODELAY set on the kernel websockets"  # the benchmark looks for this line
STATIC_VIEWS_LOG = "stylekit: kit widgets are saved as their static view"
# Handler classes already patched: loading the extension twice must not wrap `open` twice.
PATCHED: set = set()
# Contents managers (by id) that already run the kit's pre-save hook: loading the extension twice must not add it twice.
HOOKED: set = set()


def _jupyter_server_extension_points() -> List[Dict[str, str]]:
    return [{"module": "stylekit.server_extension"}]


def save_static_views(model: Dict[str, Any], path: str, **_: Any) -> None:
    """A contents manager's pre-save hook: a notebook's kit widget outputs are saved as their static view."""
    from stylekit.notebooks.widget_outputs import keep_static_views

    if model.get("type") == "notebook" and isinstance(model.get("content"), dict):
        changed = keep_static_views(model["content"])
        logger.debug("%s: %d kit widget outputs saved as their static view", path, changed)


def _load_jupyter_server_extension(server_app: Any) -> None:
    from jupyter_server.services.kernels.websocket import KernelWebsocketHandler

    if id(server_app.contents_manager) not in HOOKED:
        server_app.contents_manager.register_pre_save_hook(save_static_views)
        HOOKED.add(id(server_app.contents_manager))
        server_app.log.info(STATIC_VIEWS_LOG)
    if KernelWebsocketHandler in PATCHED:
        return
    open_with_nagle = KernelWebsocketHandler.open

    async def open_without_nagle(self: Any, *args: Any, **kwargs: Any) -> Any:
        self.set_nodelay(True)
        return await open_with_nagle(self, *args, **kwargs)

    setattr(KernelWebsocketHandler, "open", open_without_nagle)  # a method swap, which mypy will not allow directly
    PATCHED.add(KernelWebsocketHandler)
    server_app.log.info(NODELAY_LOG)
