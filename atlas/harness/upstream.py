"""The upstream service for the `upstream-call` task: a real HTTP server in its own process.

`GET /quote` answers `{"price": 42}`, slowly (5 s) or with a 500, depending on the mode set
by `POST /_mode` (body: healthy, slow or failing). "Down" is not a mode: the harness stops
this process, so connections are refused.
"""

from __future__ import annotations

import argparse
import json
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MODE = {"value": "healthy"}


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
        if self.path != "/quote":
            return self._send(404, {"error": "not found"})
        mode = MODE["value"]
        if mode == "slow":
            time.sleep(5)
        if mode == "failing":
            return self._send(500, {"error": "upstream failure"})
        return self._send(200, {"price": 42})

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", 0))
        mode = self.rfile.read(length).decode().strip()
        if self.path != "/_mode" or mode not in ("healthy", "slow", "failing"):
            return self._send(400, {"error": "POST /_mode with healthy, slow or failing"})
        MODE["value"] = mode
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
