"""A read-only SPARQL 1.1 Protocol endpoint over the embedded store, for scripts.

``policykg serve`` runs Oxigraph's own server, ``oxigraph serve-read-only``, on the
store directory: queries at ``/query`` (GET or form POST, the union of all graphs as
the default graph, like ``queries/*.rq`` expect), Graph Store reads at ``/store``;
``/update`` and every write answer 403.  Queries are cancelled after ``timeout_s``
seconds (Oxigraph then answers 200 with a truncated body: clients must treat JSON
that does not parse as an error, TOOLING.md §2.1).

The store must not be open by a writer at the same time (``policykg build``, the app
adding a document): RocksDB allows one writer, and a read-only open while another
process writes is undefined behaviour.  Stop the server, build, start it again.  The
server has no authentication; it binds to 127.0.0.1 unless told otherwise.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from .store import StoreMissing, store_exists

DEFAULT_PORT = 7878
DEFAULT_TIMEOUT_S = 30


def oxigraph_binary() -> str:
    """The ``oxigraph`` CLI of the pyoxigraph/oxigraph wheel next to this Python, or on PATH."""
    here = Path(sys.executable).parent / "oxigraph"
    if here.exists():
        return str(here)
    found = shutil.which("oxigraph")
    if not found:
        raise FileNotFoundError("the oxigraph server binary is not installed (pip install oxigraph)")
    return found


def serve_command(store: str | Path, port: int = DEFAULT_PORT, host: str = "127.0.0.1",
                  timeout_s: int | None = DEFAULT_TIMEOUT_S) -> list[str]:
    cmd = [oxigraph_binary(), "serve-read-only", "--location", str(store),
           "--bind", f"{host}:{port}", "--union-default-graph"]
    if timeout_s:
        cmd += ["--timeout-s", str(int(timeout_s))]
    return cmd


def start(store: str | Path, port: int = DEFAULT_PORT, host: str = "127.0.0.1",
          timeout_s: int | None = DEFAULT_TIMEOUT_S, **popen) -> subprocess.Popen:
    """Start the server in the background; the caller stops it (``terminate()``)."""
    if not store_exists(store):
        raise StoreMissing(str(store))
    return subprocess.Popen(serve_command(store, port, host, timeout_s), **popen)


def run(store: str | Path, port: int = DEFAULT_PORT, host: str = "127.0.0.1",
        timeout_s: int | None = DEFAULT_TIMEOUT_S) -> int:
    """Serve in the foreground: this process BECOMES the server (``exec``), so a signal
    sent to it (Ctrl-C, ``kill PID``) stops the server and leaves no orphan behind."""
    if not store_exists(store):
        raise StoreMissing(str(store))
    cmd = serve_command(store, port, host, timeout_s)
    sys.stdout.flush()
    sys.stderr.flush()
    os.execv(cmd[0], cmd)
    return 0    # not reached


__all__ = ["serve_command", "start", "run", "oxigraph_binary", "DEFAULT_PORT", "DEFAULT_TIMEOUT_S"]
