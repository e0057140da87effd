"""What a running server actually does, seen from outside it, so a figure's labels are observed
rather than assumed from its command line.

- HTTP parser and event loop: the compiled modules mapped into the server's processes
  (/proc/<pid>/maps). uvicorn with httptools installed picks it silently, and another package
  can pull it in: only the running process says which parser serves the requests.
- Keep-alive: two requests on one connection; the second must be answered on the same socket.
- Connections per request: the kernel's count of TCP connections opened (Tcp ActiveOpens in
  /proc/net/snmp) across a load run, divided by the requests completed. The counter is
  machine-wide, so it is read only around the hello-json load, which opens no other connections.
- Access log: lines the server wrote per request during a load run.
"""

from __future__ import annotations

import http.client
import re
from pathlib import Path

from atlas.harness.runner import group_members

SITE = re.compile(r"/site-packages/(.+?)(?:\.cpython[^/]*)?\.so$")


def native_modules(pgid: int) -> list[str]:
    """Compiled modules of installed packages mapped into the group's processes (e.g. httptools/parser/parser)."""
    found: set[str] = set()
    for pid in group_members(pgid):
        try:
            lines = Path(f"/proc/{pid}/maps").read_text().splitlines()
        except OSError:
            continue
        for line in lines:
            m = SITE.search(line)
            if m:
                found.add(m.group(1))
    return sorted(found)


#: (module prefix, words) in order of precedence: the first match names the parser.
PARSERS = (
    ("granian/", "hyper (Rust, in Granian)"),
    ("robyn/", "actix (Rust, in Robyn)"),
    ("httptools/", "httptools (llhttp, C)"),
    ("aiohttp/_http_parser", "aiohttp's llhttp (C)"),
)
#: Parsers of servers that have no compiled one, by server id.
PYTHON_PARSERS = {
    "uvicorn": "h11 (Python)",
    "hypercorn": "h11 (Python)",
    "gunicorn": "gunicorn's own (Python)",
    "tornado": "Tornado's own (Python)",
    "cherrypy": "cheroot (Python)",
    "daphne": "Twisted (Python)",
    "waitress": "waitress's own (Python)",
    "sanic": "Sanic's own (Python)",
}


def http_parser(modules: list[str], server: str) -> str:
    for prefix, words in PARSERS:
        if any(m.startswith(prefix) for m in modules):
            return words
    return PYTHON_PARSERS.get(server, "Python")


def event_loop(modules: list[str], threaded: bool) -> str:
    """None for a WSGI app or a sync worker (`threaded`: Granian may load uvloop for itself, but a WSGI
    app never runs on it); else uvloop or rloop when loaded, or asyncio."""
    if threaded:
        return "none (WSGI, threads)"
    if any(m.startswith("uvloop/") for m in modules):
        return "uvloop"
    if any(m.startswith("rloop/") for m in modules):
        return "rloop"
    return "asyncio"


def keep_alive(port: int, path: str) -> bool | None:
    """Whether a second request is answered on the connection of the first (None: no answer at all)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        conn.request("GET", path)
        first = conn.getresponse()
        first.read()
        sock = conn.sock
        if first.will_close or sock is None:
            return False
        conn.request("GET", path)
        second = conn.getresponse()
        second.read()
        return conn.sock is sock
    except (OSError, http.client.HTTPException):
        return None
    finally:
        conn.close()


def active_opens() -> int:
    """Tcp ActiveOpens: TCP connections this machine has opened since boot."""
    lines = Path("/proc/net/snmp").read_text().splitlines()
    names, values = (x.split() for x in lines if x.startswith("Tcp:"))
    return int(values[names.index("ActiveOpens")])


def lines_in(path: Path) -> int:
    try:
        with open(path, "rb") as f:
            return sum(1 for _ in f)
    except OSError:
        return 0


def installed_version(venv: Path, distribution: str) -> str | None:
    """The version of a distribution installed in an environment, from its dist-info folder name."""
    want = re.sub(r"[-_.]+", "_", distribution).lower()
    for info in venv.glob("lib/python*/site-packages/*.dist-info"):
        name, _, version = info.name.removesuffix(".dist-info").rpartition("-")
        if re.sub(r"[-_.]+", "_", name).lower() == want:
            return version
    return None
