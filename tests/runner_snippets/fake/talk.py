"""Writes one line to each standard stream, then answers every GET with 200."""

import sys
from http.server import BaseHTTPRequestHandler, HTTPServer

print('{"stream": "stdout"}', flush=True)
print("to standard error", file=sys.stderr, flush=True)


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


HTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
