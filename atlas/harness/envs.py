"""One pinned environment per framework, made on demand and cached.

Frameworks pin conflicting versions (hug wants falcon 2, nameko an old eventlet), so each
gets its own virtual environment built from `snippets/<id>/requirements.lock`. The
environment's folder is named after the lock's hash: change the lock and a new one is
built; keep it and the cached one is reused in milliseconds.

Environments use the tests' own CPython (PYTHON) unless ATLAS_SNIPPET_PYTHON names another
interpreter (a version uv finds, such as 3.14t, or a path): the Python-versions workflow checks the
same locks on each Python of its matrix that way. Locks are always resolved for PYTHON.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

from atlas.core.catalog import ROOT
from atlas.core.snippets import PYTHON, SNIPPETS_DIR, lock_file

ENVS_DIR = Path(os.environ.get("ATLAS_ENVS") or ROOT / ".envs")
#: Bumped when the way environments are built changes, so cached ones are rebuilt.
ENV_LAYOUT = b"bytecode-compiled"


class NotInstallable(RuntimeError):
    """The framework's pinned environment does not install on the chosen Python (uv's words say why)."""


def snippet_python() -> str:
    """The interpreter snippet environments are made with: ATLAS_SNIPPET_PYTHON, else PYTHON."""
    return os.environ.get("ATLAS_SNIPPET_PYTHON") or PYTHON


def interpreter_info() -> dict:
    """What the snippet interpreter says of itself: {"implementation": "CPython 3.14.2 free-threaded",
    "free_threaded": bool}, asked of the interpreter uv finds for snippet_python()."""
    found = subprocess.run([*uv(), "python", "find", snippet_python()], capture_output=True, text=True, check=True)
    probe = (
        "import platform, sysconfig; ft = bool(sysconfig.get_config_var('Py_GIL_DISABLED')); "
        "print(platform.python_implementation(), platform.python_version(), 'free-threaded' if ft else ''); print(ft)"
    )
    out = subprocess.run([found.stdout.strip(), "-c", probe], capture_output=True, text=True, check=True).stdout
    words, flag = out.splitlines()
    return {"implementation": words.strip(), "free_threaded": flag == "True"}


def uv() -> list[str]:
    """The uv that manages the site environment (a dependency of it), else `python -m uv`."""
    beside = Path(sys.executable).parent / "uv"
    if beside.exists():
        return [str(beside)]
    found = shutil.which("uv")
    return [found] if found else [sys.executable, "-m", "uv"]


def compile_lock(framework_id: str) -> Path:
    """Resolve snippets/<id>/requirements.txt into its lock, for the tested Python."""
    folder = SNIPPETS_DIR / framework_id
    subprocess.run(
        [*uv(), "pip", "compile", "--quiet", "--python-version", PYTHON, "requirements.txt", "-o", "requirements.lock"],
        cwd=folder,
        check=True,
    )
    return folder / "requirements.lock"


def ensure_env(framework_id: str, packages: tuple[str, ...] = ()) -> Path:
    """The framework's environment (its folder), built from its lock if not cached yet; with
    `packages` (a benchmark setup's server, parser, event loop), those pins installed on top, in an
    environment of their own so the snippets' tested one never changes."""
    lock = lock_file(framework_id)
    if not lock.exists():
        raise FileNotFoundError(f"{lock.relative_to(ROOT)} is missing: run `python -m atlas snippets lock {framework_id}`")
    python = snippet_python()
    extra = "\n".join(sorted(packages)).encode()
    digest = hashlib.sha256(lock.read_bytes() + python.encode() + ENV_LAYOUT + extra).hexdigest()[:12]
    env = ENVS_DIR / f"{framework_id}-{digest}"
    done = env / ".atlas-complete"
    if done.exists():
        return env
    ENVS_DIR.mkdir(parents=True, exist_ok=True)
    with open(ENVS_DIR / f"{framework_id}.lock", "w") as guard:
        fcntl.flock(guard, fcntl.LOCK_EX)  # two test workers may ask for the same env at once
        if done.exists():
            return env
        shutil.rmtree(env, ignore_errors=True)
        quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.PIPE, "text": True}
        for args in (
            ["venv", "--quiet", "--python", python, str(env)],
            # Compiled bytecode, as a production install has it: import times and cold starts are real.
            ["pip", "sync", "--quiet", "--compile-bytecode", "--python", str(env / "bin" / "python"), str(lock)],
            *(
                [["pip", "install", "--quiet", "--compile-bytecode", "--python", str(env / "bin" / "python"), *packages]]
                if packages
                else []
            ),
        ):
            proc = subprocess.run([*uv(), *args], **quiet)
            if proc.returncode and args[0] == "pip":
                shutil.rmtree(env, ignore_errors=True)
                raise NotInstallable(proc.stderr.strip() or f"uv pip sync exited with {proc.returncode}")
            if proc.returncode:
                raise RuntimeError(f"building the {framework_id} environment failed: uv {' '.join(args)}\n{proc.stderr}")
        done.touch()
    return env
