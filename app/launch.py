"""Start the Streamlit app on a store (the lead wires `policykg app` to ``run_app``).

    run_app(store=".policykg/store", port=None, headless=False) -> exit status

Streamlit is bound to 127.0.0.1 with telemetry off, no file watcher.  When the store does
not exist, the bundled corpus is built into it first (a fresh machine works at once),
through the store protocol like ``policykg build``: ``open_for_write`` builds a new
generation aside and publishes it atomically (docs/store_protocol.md).  The app then
only reads the published generation; additions publish new ones (see app/data.py).
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

from graph.store import is_remote, store_exists

ENV_STORE = "POLICYKG_STORE"        # app/data.py reads it

APP = Path(__file__).resolve().parent / "streamlit_app.py"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def streamlit_command(port: int, headless: bool) -> list[str]:
    return [sys.executable, "-m", "streamlit", "run", str(APP),
            f"--server.headless={'true' if headless else 'false'}",
            "--server.address=127.0.0.1", f"--server.port={port}",
            "--browser.gatherUsageStats=false", "--server.fileWatcherType=none",
            "--server.runOnSave=false", "--global.developmentMode=false",
            "--server.maxUploadSize=20", "--client.toolbarMode=minimal"]


def app_env(store: str) -> dict[str, str]:
    root = str(APP.parent.parent)
    return dict(os.environ, STREAMLIT_BROWSER_GATHER_USAGE_STATS="false",
                **{ENV_STORE: store if is_remote(store) else os.path.abspath(store)},
                PYTHONPATH=os.pathsep.join([root] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]))


def ensure_store(store: str, quiet: bool = False) -> str | None:
    """Build the bundled corpus into ``store`` when there is no store there yet, as a new
    published generation.  Returns what was done (None: the store was there already).

    Two processes (or two app sessions) starting at once: the writer lock orders them and
    the second finds the documents of the first in its copy, so it builds nothing."""
    if store_exists(store):
        return None
    from graph.build import build
    from graph.publish import open_for_write
    loc = Path(store)
    if loc.is_dir() and not loc.is_symlink() and not any(loc.iterdir()):
        loc.rmdir()              # an empty folder is no store; the protocol wants a symlink
    if not quiet:
        print(f"no store at {store}: building the bundled corpus…", file=sys.stderr)
    with open_for_write(store) as s:
        if s.query(_HAS_DOCUMENTS).rows[0][0] == "true":
            return None
        report = build(None, s)
        n = len(report.loaded)
    if not quiet:
        print(f"loaded {n} document(s)", file=sys.stderr)
    return f"built the bundled corpus: {n} documents"


_HAS_DOCUMENTS = "ASK { ?d <https://w3id.org/policykg/ontology#sourceText> ?s }"


def start(store: str, port: int | None = None, headless: bool = True, **popen) -> tuple[subprocess.Popen, int]:
    """Spawn the server (tests use this); returns the process and its port."""
    ensure_store(store)
    port = port or free_port()
    proc = subprocess.Popen(streamlit_command(port, headless), env=app_env(store), **popen)
    return proc, port


def run_app(store: str, port: int | None = None, headless: bool = False) -> int:
    """Serve the app.  Streamlit itself always runs headless — otherwise its first run asks
    for an e-mail address on stdin, which fails without a terminal — and, unless
    ``headless``, the browser is opened here once the server answers."""
    proc, port = start(store, port or 8501, headless=True)
    url = f"http://127.0.0.1:{port}"
    print(f"PolicyKG app on {url}  (store {store}; Ctrl+C stops it)", file=sys.stderr)
    if not headless:
        _open_browser_when_ready(url, proc)
    try:
        return proc.wait()
    except KeyboardInterrupt:
        proc.terminate()
        try:
            return proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            return 130


def _open_browser_when_ready(url: str, proc: subprocess.Popen, wait_s: float = 60) -> None:
    import time
    import urllib.request
    import webbrowser
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            if urllib.request.urlopen(url + "/_stcore/health", timeout=2).read() == b"ok":
                webbrowser.open(url)      # no browser on the machine: returns False, nothing else
                return
        except OSError:
            time.sleep(0.3)


__all__ = ["run_app", "start", "ensure_store", "free_port", "streamlit_command", "app_env"]
