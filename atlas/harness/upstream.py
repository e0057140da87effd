"""The upstream service the snippets call: a real HTTP server in its own process.

`GET /quote` answers `{"price": 42}`, slowly (5 s), with a 500, or with a 503 for the next two
calls and 200s after them, depending on the mode set by `POST /_mode` (body: healthy, slow,
failing or transient). "Down" is not a mode: the harness stops this process, so connections
are refused. `GET /_calls` says how many calls `/quote` has had and, for the latest ones, when
(monotonic seconds) and with which `traceparent` and `tracestate` headers.
"""

from __future__ import annotations

import argparse
import json
import threading
import time
from collections import deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MODES = ("healthy", "slow", "failing", "transient")
MODE = {"value": "healthy", "failures_left": 0}
#: Calls to /quote: a running total and the latest ones (bounded: the benchmarks send millions).
CALLS: dict = {"total": 0, "recent": deque(maxlen=200)}
LOCK = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body in one segment, sent at once: otherwise Nagle's algorithm and the
    # client's delayed ACK add ~40 ms to every sequential keep-alive call and the upstream,
    # not the framework, is what gets measured.
    disable_nagle_algorithm = True

    def _send(self, status: int, body: dict) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self._headers_buffer.append(b"\r\n" + data)  # end_headers() and the body, one write
        self.flush_headers()

    def do_GET(self) -> None:
        if self.path == "/_calls":
            with LOCK:
                calls = {"total": CALLS["total"], "recent": list(CALLS["recent"])}
            return self._send(200, calls)
        if self.path != "/quote":
            return self._send(404, {"error": "not found"})
        with LOCK:
            CALLS["total"] += 1
            CALLS["recent"].append(
                {
                    "at": time.monotonic(),
                    "traceparent": self.headers.get("traceparent"),
                    "tracestate": self.headers.get("tracestate"),
                }
            )
            mode = MODE["value"]
            if mode == "transient" and MODE["failures_left"] > 0:
                MODE["failures_left"] -= 1
                mode = "unavailable"
        if mode == "unavailable":
            return self._send(503, {"error": "upstream briefly unavailable"})
        if mode == "slow":
            time.sleep(5)
        if mode == "failing":
            return self._send(500, {"error": "upstream failure"})
        return self._send(200, {"price": 42})

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", 0))
        mode = self.rfile.read(length).decode().strip()
        if self.path != "/_mode" or mode not in MODES:
            return self._send(400, {"error": f"POST /_mode with one of {', '.join(MODES)}"})
        with LOCK:
            MODE["value"], MODE["failures_left"] = mode, 2 if mode == "transient" else 0
        return self._send(200, {"mode": mode})

    def log_message(self, format: str, *args: object) -> None:
        pass


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    ThreadingHTTPServer.daemon_threads = True
    ThreadingHTTPServer(("127.0.0.1", parser.parse_args().port), Handler).serve_forever()


if __name__ == "__main__":
    main()
