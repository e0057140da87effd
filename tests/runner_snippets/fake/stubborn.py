"""Ignores SIGTERM (as robyn 0.88 does) and starts a worker that ignores it too."""

import signal
import subprocess
import sys

signal.signal(signal.SIGTERM, signal.SIG_IGN)
worker = subprocess.Popen(
    [sys.executable, "-c", "import signal, time\nsignal.signal(signal.SIGTERM, signal.SIG_IGN)\nwhile True: time.sleep(1)"]
)
print(f"worker pid {worker.pid}", flush=True)
import runpy  # noqa: E402

sys.argv = ["ok.py", sys.argv[1]]
runpy.run_path("ok.py")
