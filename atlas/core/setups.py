"""Benchmark setups: the server configurations a framework is measured under (their one home).

A figure measures a framework *and* its server. So each framework is measured under labelled
setups, and tables say which:

- **as deployed**: what the framework's own deployment docs recommend (`snippets.deployed` in
  its data, cited), or, until that is written, the snippet's own test command, labelled so;
- **common server**: one server configuration for every framework of an interface, so the
  framework is what differs: Granian, which serves both ASGI and WSGI, so even an ASGI and a
  WSGI framework are compared on the same server (one worker, HTTP/1.1 with keep-alive, no
  access log, uvloop for ASGI);
- **gunicorn sync**: gunicorn's default sync worker for every WSGI framework, because it is
  what many deploy (it closes the connection after every response);
- **own server**: frameworks that ship their own (Sanic, Tornado, Robyn, CherryPy, aiohttp's
  runner, Emmett) are measured as deployed on it.

A setup whose command and packages equal another's for the same framework is measured once.
"""

from __future__ import annotations

from dataclasses import dataclass

from atlas.core.catalog import Entry
from atlas.core.snippets import fill

#: Setup kinds, in the order tables show them.
SETUP_KINDS = ("as-deployed", "common", "gunicorn-sync")
SETUP_LABELS = {
    "as-deployed": "as deployed",
    "common": "common server",
    "gunicorn-sync": "gunicorn sync",
    "test-command": "snippet test command",  # runs before setups existed (2026-11)
}

#: The common server, pinned: Granian serves ASGI and WSGI apps alike.
GRANIAN = ("granian==2.8.9", "uvloop==0.23.0")
COMMON_COMMAND = {
    "asgi": "granian --interface asgi --loop uvloop --http 1 --no-access-log --workers {workers} "
    "--host 127.0.0.1 --port {port} {module}:{app}",
    "wsgi": "granian --interface wsgi --http 1 --no-access-log --workers {workers} --host 127.0.0.1 --port {port} {module}:{app}",
}
COMMON_SOURCE = "https://github.com/emmett-framework/granian#readme"
GUNICORN = ("gunicorn==27.0.1",)
GUNICORN_SYNC = "gunicorn --worker-class sync --no-control-socket --workers {workers} --bind 127.0.0.1:{port} {module}:{app}"
GUNICORN_SOURCE = "https://gunicorn.org/reference/settings/#worker_class"


@dataclass(frozen=True)
class Setup:
    """One way to serve a framework's snippets: a command template, packages on top of its lock."""

    kind: str
    server: str  # an entry id (uvicorn, gunicorn, granian...) or the framework's own id
    worker_class: str
    command: str  # template: {module}, {port}, {workers}
    packages: tuple[str, ...] = ()
    source: str | None = None
    detail: str = ""

    @property
    def label(self) -> str:
        return SETUP_LABELS[self.kind]

    def same_as(self, other: Setup) -> bool:
        """Two setups that would measure the same thing: same server, worker class and packages."""
        mine = (self.server, self.worker_class.lower(), set(self.packages) - set(GUNICORN))
        return mine == (other.server, other.worker_class.lower(), set(other.packages) - set(GUNICORN))


def _app_template(entry: Entry, template: str) -> str:
    return template.replace("{app}", entry.snippets["app"]["attribute"])


def as_deployed(entry: Entry) -> Setup:
    """The entry's documented production setup, or its snippets' test command, labelled as such."""
    snippets = entry.snippets or {}
    if deployed := snippets.get("deployed"):
        return Setup(
            "as-deployed",
            deployed["server"],
            deployed["worker_class"],
            deployed["command"],
            tuple(deployed.get("packages", ())),
            deployed["source"],
            deployed["detail"],
        )
    return Setup(
        "as-deployed",
        snippets["server"],
        "the snippets' test command",
        snippets["command"],
        detail="No deployment page is cited for this entry yet: the snippets' own test command stands in.",
    )


def setups_for(entry: Entry) -> list[Setup]:
    """Every distinct setup the entry is measured under, as-deployed first."""
    out = [as_deployed(entry)]
    app = (entry.snippets or {}).get("app")
    if app:
        interface = app["interface"]
        out.append(
            Setup(
                "common",
                "granian",
                f"granian {interface.upper()}, 1 runtime thread",
                _app_template(entry, COMMON_COMMAND[interface]),
                GRANIAN,
                COMMON_SOURCE,
                f"The common {interface.upper()} server: Granian, HTTP/1.1 with keep-alive, no access log"
                + (", uvloop" if interface == "asgi" else ""),
            )
        )
        if interface == "wsgi":
            out.append(
                Setup(
                    "gunicorn-sync",
                    "gunicorn",
                    "sync",
                    _app_template(entry, GUNICORN_SYNC),
                    GUNICORN,
                    GUNICORN_SOURCE,
                    "gunicorn's default sync worker: one request at a time per worker, and `Connection: close` "
                    "after every response.",
                )
            )
    distinct: list[Setup] = []
    for setup in out:
        if not any(setup.same_as(kept) for kept in distinct):
            distinct.append(setup)
    return distinct


def setup_ids(entry: Entry) -> list[str]:
    return [s.kind for s in setups_for(entry)]


def command_of(setup: Setup, module: str, port: int | str, workers: int = 1) -> str:
    """The concrete command: only {module}, {port} and {workers} are filled (data is never code)."""
    return fill(setup.command, module=module, port=port, workers=workers)
