"""A Jupyter Server extension that makes the live coach's feedback arrive without Nagle's delay.

A keystroke's update is a small websocket message that often follows another one closely; with Nagle's
algorithm on, the kernel websocket holds it until the browser acknowledges the previous packet, which
measured as ~30 ms of median latency (benchmarks/bench_widget_latency.py: median 52 ms stock, 22 ms with
TCP_NODELAY, against 22 ms for a trivial callback). `make lab` enables it:
    jupyter lab --ServerApp.jpserver_extensions stylekit.server_extension=True
"""
import logging
from typing import Any, Dict, List

logger = logging.getLogger(__name__)

NODELAY_LOG = "stylekit: TCP_NODELAY set on the kernel websockets"  # the benchmark looks for this line
# Handler classes already patched: loading the extension twice must not wrap `open` twice.
PATCHED: set = set()


def _jupyter_server_extension_points() -> List[Dict[str, str]]:
    return [{"module": "stylekit.server_extension"}]


def _load_jupyter_server_extension(server_app: Any) -> None:
    from jupyter_server.services.kernels.websocket import KernelWebsocketHandler

    if KernelWebsocketHandler in PATCHED:
        return
    open_with_nagle = KernelWebsocketHandler.open

    async def open_without_nagle(self: Any, *args: Any, **kwargs: Any) -> Any:
        self.set_nodelay(True)
        return await open_with_nagle(self, *args, **kwargs)

    setattr(KernelWebsocketHandler, "open", open_without_nagle)  # a method swap, which mypy will not allow directly
    PATCHED.add(KernelWebsocketHandler)
    server_app.log.info(NODELAY_LOG)
