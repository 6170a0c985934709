"""A phone without a browser, for the room benchmark: one Streamlit session driven through Streamlit's own
websocket protocol (`/_stcore/stream`, protobuf BackMsg / ForwardMsg), as the browser's JavaScript drives it.

Why not Chromium: sixty browser contexts fit in memory (24 GB here), but on a 2-core machine their rendering
takes the CPU the server needs, so a room's p95 would measure the browsers, not the server. The server cannot
tell this client from a browser: it opens a session, runs the page for the URL, and every tap is a rerun
carrying the widget values, exactly the messages Streamlit's frontend sends. What it leaves out is the phone's
own drawing of the page (measured in the browser section instead).

A measurement helper only; never used by the app.
"""

from __future__ import annotations

import time
from urllib.parse import urlsplit

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.sync.client import connect


class Phone:
    """One session on `url` (e.g. http://127.0.0.1:8501/join?p=TOKEN). `open()` runs the page once."""

    def __init__(self, url: str, timeout: float = 120):
        parts = urlsplit(url)
        self.stream = f"ws://{parts.netloc}/_stcore/stream"
        self.query_string = parts.query
        self.page_name = parts.path.strip("/")
        self.timeout = timeout
        self.widgets: dict[str, WidgetState] = {}  # what the phone shows, sent with every rerun like a browser
        self.radios: list[tuple[str, str, list[str], str]] = []  # (id, label, options, fragment) in drawn order
        self.ws = None

    def open(self) -> float:
        """Connect and run the page; return the seconds until the run finished."""
        # No protocol-level pings (a browser sends none either): a busy server answers them late, and the
        # client would then drop the session with "keepalive ping timeout" in the middle of a room.
        self.ws = connect(
            self.stream, subprotocols=["streamlit"], max_size=None, open_timeout=self.timeout, ping_interval=None
        )
        return self._rerun()

    def tap(self, radio: int, option: int) -> float:
        """Choose `option` of the `radio`-th radio drawn (as a tap does); return when the rerun it starts ends.
        A radio drawn inside a fragment reruns that fragment alone, as the browser asks for it."""
        widget_id, _, options, fragment_id = self.radios[radio]
        self.widgets[widget_id] = WidgetState(id=widget_id, string_value=options[option])
        return self._rerun(fragment_id)

    def close(self) -> None:
        if self.ws is not None:
            self.ws.close()

    def _rerun(self, fragment_id: str = "") -> float:
        msg = BackMsg()
        msg.rerun_script.fragment_id = fragment_id
        msg.rerun_script.query_string = self.query_string
        msg.rerun_script.page_name = self.page_name
        msg.rerun_script.widget_states.widgets.extend(self.widgets.values())
        started = time.perf_counter()
        self.ws.send(msg.SerializeToString())
        radios = []
        while True:
            forward = ForwardMsg()
            forward.ParseFromString(self.ws.recv(timeout=self.timeout))
            kind = forward.WhichOneof("type")
            if kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
                element = forward.delta.new_element
                if element.WhichOneof("type") == "radio":
                    radio = element.radio
                    radios.append((radio.id, radio.label, list(radio.options), forward.delta.fragment_id))
            elif kind == "script_finished":
                if radios:
                    self.radios = radios
                return time.perf_counter() - started
            elif kind == "page_not_found":
                raise RuntimeError(f"no page {self.page_name!r}")
