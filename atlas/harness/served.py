"""The built site served by `python -m atlas serve` as a managed process: for the tests, the
page-weight measurement and anything else that needs the real server on a port.

It starts the command line rather than importing the site's code, so the harness stays apart
from the site (atlas/README in CONTRIBUTING.md: the layers).
"""

from __future__ import annotations

import contextlib
import re
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from atlas.core.catalog import ROOT
from atlas.harness.runner import HOST, start_process, stop_group, tail

#: The first line `python -m atlas serve` prints names its URL.
_SERVING = re.compile(rf" on (http://{re.escape(HOST)}:[0-9]+/) ")


@contextlib.contextmanager
def serving(site_dir: Path, startup_timeout: float = 30.0) -> Iterator[str]:
    """`python -m atlas serve` for site_dir on a free 127.0.0.1 port; yields "http://127.0.0.1:PORT/".

    The server picks its own port (--port 0, so no other process can take it in between) and
    names it on its first line. Started through the runner, so a test session's no-orphan
    check covers it; always stopped."""
    log = Path(tempfile.mkdtemp(prefix="atlas-serve-")) / "serve.log"
    argv = [sys.executable, "-u", "-m", "atlas", "serve", "--dir", str(site_dir), "--port", "0"]
    proc = start_process(argv, log, cwd=ROOT)
    try:
        deadline = time.monotonic() + startup_timeout
        while not (found := _SERVING.search(log.read_text(errors="replace"))):
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"atlas serve did not start for {site_dir}:\n{tail(log)}")
            time.sleep(0.05)
        yield found.group(1)
    finally:
        stop_group(proc)
