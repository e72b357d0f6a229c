"""Start the Streamlit app on a store (the lead wires `policykg app` to ``run_app``).

    run_app(store=".policykg/store", port=None, headless=False) -> exit status

Streamlit is bound to 127.0.0.1 with telemetry off, no file watcher.  When the store does
not exist, the bundled corpus is built into it first (a fresh machine works at once);
the app process then holds the store's single writer (see app/data.py).
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

from graph.store import open_store, store_exists

from .data import ENV_STORE

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
                **{ENV_STORE: str(Path(store).resolve())},
                PYTHONPATH=os.pathsep.join([root] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]))


def ensure_store(store: str) -> None:
    """Build the bundled corpus into ``store`` when there is no store there yet."""
    if store_exists(store):
        return
    from graph.build import build
    print(f"no store at {store}: building the bundled corpus…", file=sys.stderr)
    s = open_store(store)
    report = build(None, s)
    print(f"loaded {len(report.loaded)} document(s)", file=sys.stderr)
    del s


def start(store: str, port: int | None = None, headless: bool = True, **popen) -> tuple[subprocess.Popen, int]:
    """Spawn the server (tests use this); returns the process and its port."""
    ensure_store(store)
    port = port or free_port()
    proc = subprocess.Popen(streamlit_command(port, headless), env=app_env(store), **popen)
    return proc, port


def run_app(store: str, port: int | None = None, headless: bool = False) -> int:
    proc, port = start(store, port or 8501, headless)
    print(f"PolicyKG app on http://127.0.0.1:{port}  (store {store}; Ctrl+C stops it)", file=sys.stderr)
    try:
        return proc.wait()
    except KeyboardInterrupt:
        proc.terminate()
        try:
            return proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            return 130


__all__ = ["run_app", "start", "ensure_store", "free_port", "streamlit_command", "app_env"]
