"""The ceiling: nginx (Debian) serving a static JSON body, measured by the same wrk in the same run.

Every framework figure is also given as a ratio to it, so runs on different machines compare.
"""

from __future__ import annotations

import contextlib
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

from atlas.harness.runner import HOST, free_port, start_process, stop_group

CONFIG = """
daemon off;
worker_processes 1;
pid {root}/nginx.pid;
error_log {root}/error.log warn;
events {{ worker_connections 4096; }}
http {{
  access_log off;
  client_body_temp_path {root}/body;
  proxy_temp_path {root}/proxy;
  fastcgi_temp_path {root}/fastcgi;
  uwsgi_temp_path {root}/uwsgi;
  scgi_temp_path {root}/scgi;
  keepalive_requests 1000000;
  server {{
    listen {host}:{port};
    location = /hello {{
      default_type application/json;
      return 200 '{{"message": "Hello, World!"}}';
    }}
  }}
}}
"""


def version() -> str:
    out = subprocess.run(["nginx", "-v"], capture_output=True, text=True)
    return (out.stderr or out.stdout).strip().split("/")[-1]


@contextlib.contextmanager
def ceiling(cpus: str | None) -> Iterator[str]:
    """nginx with one worker on `cpus`; yields its base URL."""
    root = Path(tempfile.mkdtemp(prefix="atlas-nginx-"))
    port = free_port()
    (root / "nginx.conf").write_text(CONFIG.format(root=root, host=HOST, port=port))
    argv = ["nginx", "-c", str(root / "nginx.conf"), "-p", str(root)]
    if cpus:
        argv = ["taskset", "--cpu-list", cpus, *argv]
    proc = start_process(argv, root / "out.log")
    try:
        import socket
        import time

        for _ in range(100):
            with contextlib.suppress(OSError), socket.create_connection((HOST, port), timeout=0.2):
                break
            time.sleep(0.05)
        yield f"http://{HOST}:{port}"
    finally:
        stop_group(proc, 5)
