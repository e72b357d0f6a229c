"""Real SPARQL servers for tests: Oxigraph server and Virtuoso 7 on free 127.0.0.1 ports.

Each starter returns a ``Server`` (its base URL, store location for ``open_store``,
process) and stops only the process it started, by its id.  Use them in module-scoped
fixtures::

    with oxigraph_server(tmp_path) as srv: ...
    with virtuoso_server(tmp_path) as srv: ...     # needs virtuoso-t and isql-vt
"""
from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import requests

VIRTUOSO_INI = """\
[Database]
DatabaseFile=./virtuoso.db
ErrorLogFile=./virtuoso.log
LockFile=./virtuoso.lck
TransactionFile=./virtuoso.trx
xa_persistent_file=./virtuoso.pxa
TempStorage=TempDatabase
[TempDatabase]
DatabaseFile=./virtuoso-temp.db
TransactionFile=./virtuoso-temp.trx
[Parameters]
ServerPort=127.0.0.1:{sql_port}
DisableUnixSocket=1
NumberOfBuffers=20000
MaxDirtyBuffers=15000
DirsAllowed=.
[HTTPServer]
ServerPort=127.0.0.1:{http_port}
ServerRoot=.
ServerThreads=10
[SPARQL]
ResultSetMaxRows=1000000
MaxQueryExecutionTime=120
"""


@dataclass
class Server:
    url: str           # http://127.0.0.1:PORT
    location: str      # what open_store takes: oxigraph+http://… / virtuoso+http://…
    process: subprocess.Popen
    workdir: Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def oxigraph_binary() -> str:
    here = Path(sys.executable).parent / "oxigraph"
    return str(here) if here.exists() else (shutil.which("oxigraph") or "oxigraph")


def wait_http(url: str, proc: subprocess.Popen, timeout: float, log: Path | None = None) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            r = requests.get(url, params={"query": "ASK {}"}, timeout=2,
                             headers={"Accept": "application/sparql-results+json"})
            if r.ok:
                return
        except requests.RequestException:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            tail = log.read_text(errors="replace")[-2000:] if log and log.exists() else ""
            raise RuntimeError(f"server at {url} did not come up (exit {proc.poll()}): {tail}")
        time.sleep(0.1)


def _stop(proc: subprocess.Popen, timeout: float = 15) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=timeout)


@contextlib.contextmanager
def oxigraph_server(workdir: Path, read_only: bool = False, extra: tuple[str, ...] = ()):
    workdir.mkdir(parents=True, exist_ok=True)
    port = free_port()
    log = workdir / "oxigraph.log"
    cmd = [oxigraph_binary(), "serve-read-only" if read_only else "serve",
           "--location", str(workdir / "data"), "--bind", f"127.0.0.1:{port}", *extra]
    with open(log, "wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}"
        wait_http(url + "/query", proc, 30, log)
        yield Server(url, "oxigraph+" + url, proc, workdir)
    finally:
        _stop(proc)


@contextlib.contextmanager
def virtuoso_server(workdir: Path, virtuoso_t: str = "virtuoso-t", isql: str = "isql-vt"):
    workdir.mkdir(parents=True, exist_ok=True)
    sql_port, http_port = free_port(), free_port()
    (workdir / "virtuoso.ini").write_text(VIRTUOSO_INI.format(sql_port=sql_port, http_port=http_port))
    log = workdir / "virtuoso.log"
    with open(workdir / "stdout.log", "wb") as out:
        proc = subprocess.Popen([virtuoso_t, "+configfile", "virtuoso.ini", "+foreground"],
                                cwd=workdir, stdout=out, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{http_port}"
        wait_http(url + "/sparql", proc, 90, log)
        yield Server(url, "virtuoso+" + url, proc, workdir)
    finally:
        if proc.poll() is None and shutil.which(isql):
            subprocess.run([isql, f"127.0.0.1:{sql_port}", "dba", "dba", "-K"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=30,
                           check=False)
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=20)
        _stop(proc)
