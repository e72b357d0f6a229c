"""Publishing store generations: one writer builds aside, readers switch atomically.

    with open_for_write(location) as store:   # a GraphStore on a new generation
        build(paths, store)                   # published on success, discarded on error
    store = open_for_read(location)           # read-only, on the published generation
    current_generation(location)              # "g000007" (None: no store)
    reader = Reader(location); reader.store() # reopens when a newer generation is published

The protocol (docs/store_protocol.md has the reasons and the failure analysis):

* **Layout.**  The store location (default ``.policykg/store``) is a *symlink* to the
  published generation ``.policykg/store.d/g000007``, a complete pyoxigraph (RocksDB)
  directory that nobody writes to once published.  ``.policykg/store.lock`` serialises
  writers; ``store.d/.leases/`` holds reader leases; ``store.d/.gc.lock`` orders lease
  taking against garbage collection.
* **Writer.**  Takes an exclusive ``flock`` on ``store.lock`` (waits for another writer,
  or fails at once with ``wait=False``); makes ``g<N+1>.partial`` as a hard-link copy of
  the published generation (``Store.read_only(current).backup(dir)``: the published
  directory is never opened writable again, so RocksDB never compacts or deletes files
  under a reader) or empty (``fresh=True``); yields a ``GraphStore`` on it; on success
  flushes, releases the RocksDB handle (checked by reopening it), renames
  ``.partial`` → ``g<N+1>``, fsyncs, and swaps the symlink with ``os.replace`` of a
  temporary symlink (atomic on POSIX); on an exception the partial directory is
  deleted.  A SIGKILLed writer leaves ``g<N+1>.partial`` behind: it was never
  published, readers never see it, the next writer deletes it.
* **Readers.**  Resolve the symlink once, take a lease on that generation and open
  ``Store.read_only(<generation dir>)``: a consistent, immutable snapshot with no writer
  (so none of the "read-only while another process writes" undefined behaviour).  To see
  newer builds, compare ``current_generation`` and reopen (``Reader`` does it).
* **Garbage collection** (by the writer after publishing, under the writer lock): keeps
  the new and the previous generation always; deletes older generations and abandoned
  ``.partial`` directories unless a live lease names them.  A lease is a file locked with
  ``flock`` by the reader process, so it dies with the process (no stale leases after a
  crash).  Readers that do not take leases (plain ``open_store`` through the symlink) are
  safe for one further publish.
* **Migration.**  A plain store directory made before this protocol is moved to
  ``store.d/g000001`` and replaced by a symlink, by the first writer (under the lock);
  a reader that had it open keeps working (the paths resolve to the same files).
* **Progress journal.**  While writing, ``store.d/g<N>.journal`` gets one JSON line per
  committed write (``load_documents``, ``replace_graph``, ``drop_graphs``) with the
  graphs written: ``policykg`` and the crash tests can see how far a build got without
  opening a store that is being written.

Remote stores (URLs) have no generations: ``open_for_write`` yields the server's store
and the server's own transactions apply.
"""
from __future__ import annotations

import contextlib
import errno
import fcntl
import gc
import json
import os
import re
import shutil
import uuid
from pathlib import Path
from typing import Iterator

import pyoxigraph as ox

from .store import (DEFAULT_STORE, GraphStore, OxigraphStore, StoreError, StoreMissing,
                    is_remote, open_store)

GEN_RE = re.compile(r"^g(\d{6,})(\.partial)?$")
PLAIN = "plain"          # current_generation() of a pre-protocol plain directory


class StoreBusy(StoreError):
    """Another writer holds the store's writer lock."""


# --- layout ------------------------------------------------------------------------------

def _paths(location: str | Path) -> tuple[Path, Path, Path]:
    loc = Path(location)
    return loc, loc.parent / (loc.name + ".d"), loc.parent / (loc.name + ".lock")


def _gen_name(n: int) -> str:
    return f"g{n:06d}"


def _fsync_dir(d: Path) -> None:
    try:
        fd = os.open(d, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def current_generation(location: str | Path = DEFAULT_STORE) -> str | None:
    """The published generation's name (``g000007``), ``"plain"`` for a store directory
    made before this protocol, None when there is no store."""
    loc = Path(location)
    if loc.is_symlink():
        return Path(os.readlink(loc)).name
    if loc.is_dir():
        return PLAIN
    return None


def generation_path(location: str | Path = DEFAULT_STORE) -> Path | None:
    """The published generation's directory (resolved), None when there is no store."""
    loc = Path(location)
    if loc.is_symlink():
        return loc.parent / os.readlink(loc)
    return loc if loc.is_dir() else None


def _generations(gens: Path) -> list[tuple[int, str, Path]]:
    out = []
    if gens.is_dir():
        for p in gens.iterdir():
            m = GEN_RE.match(p.name)
            if m and p.is_dir():
                out.append((int(m.group(1)), p.name, p))
    return sorted(out)


# --- locks and leases --------------------------------------------------------------------

@contextlib.contextmanager
def _flock(path: Path, mode: int, wait: bool = True) -> Iterator[int]:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, mode | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            raise StoreBusy(f"another writer is building into {path.name[:-len('.lock')]} "
                            f"(lock {path})") from None
        yield fd
    finally:
        os.close(fd)          # releases the flock


class _Lease:
    """A reader's claim on one generation: a file flock'ed while the reader lives."""

    def __init__(self, gens: Path, generation: str):
        d = gens / ".leases"
        d.mkdir(parents=True, exist_ok=True)
        self.path = d / f"{generation}.{os.getpid()}.{uuid.uuid4().hex[:8]}"
        self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        fcntl.flock(self.fd, fcntl.LOCK_SH)

    def release(self) -> None:
        if self.fd is not None:
            with contextlib.suppress(OSError):
                os.unlink(self.path)
            os.close(self.fd)
            self.fd = None

    def __del__(self):
        with contextlib.suppress(Exception):
            self.release()


def _leased(gens: Path) -> set[str]:
    """Generations named by a live lease; stale leases (their process died) removed."""
    live: set[str] = set()
    d = gens / ".leases"
    if not d.is_dir():
        return live
    for p in d.iterdir():
        try:
            fd = os.open(p, os.O_RDWR)
        except OSError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            live.add(p.name.split(".", 1)[0])
        else:
            with contextlib.suppress(OSError):
                os.unlink(p)
        finally:
            os.close(fd)
    return live


# --- reading -----------------------------------------------------------------------------

def open_for_read(location: str | Path = DEFAULT_STORE) -> GraphStore:
    """The published generation, read-only, leased while the returned store lives.

    ``store.generation`` names it.  Raises ``StoreMissing`` when there is no store.
    """
    loc, gens, _ = _paths(location)
    if is_remote(str(location)):
        return open_store(str(location), read_only=True)
    for _ in range(20):
        if loc.is_dir() and not loc.is_symlink():          # pre-protocol plain directory
            store = open_store(str(loc), read_only=True)
            store.generation = PLAIN
            return store
        if not loc.is_symlink():
            raise StoreMissing(str(location))
        with _flock(gens / ".gc.lock", fcntl.LOCK_SH):
            target = generation_path(loc)
            name = target.name
            if not target.is_dir():        # published then collected under us: look again
                continue
            lease = _Lease(gens, name)
        try:
            store = OxigraphStore(target, read_only=True)
        except StoreError:
            lease.release()
            raise
        store.generation = name
        store._policykg_lease = lease      # released when the store is collected
        return store
    raise StoreError(f"cannot open a stable generation of {location}")


class Reader:
    """A long-lived reader (app, server): ``store()`` is the published generation, reopened
    when a newer one has been published since the last call."""

    def __init__(self, location: str | Path = DEFAULT_STORE):
        self.location = str(location)
        self._store: GraphStore | None = None

    @property
    def generation(self) -> str | None:
        return getattr(self._store, "generation", None)

    def store(self) -> GraphStore:
        if self._store is None or current_generation(self.location) != self.generation:
            self._store = None
            self._store = open_for_read(self.location)
        return self._store


# --- writing -----------------------------------------------------------------------------

class _WriteSession:
    """The GraphStore handed to a writer: delegates to the store of the new generation,
    journals committed writes, and refuses use after the generation is published."""

    def __init__(self, inner: GraphStore, journal: Path, generation: str):
        self._inner = inner
        self._journal = journal
        self.generation = generation

    def _target(self) -> GraphStore:
        if self._inner is None:
            raise StoreError(f"generation {self.generation} is closed (published or discarded)")
        return self._inner

    def _log(self, op: str, graphs: list[str]) -> None:
        with open(self._journal, "a", encoding="utf-8") as f:
            f.write(json.dumps({"op": op, "graphs": graphs}, ensure_ascii=False) + "\n")

    def load_documents(self, batch) -> None:
        batch = list(batch)
        self._target().load_documents(batch)
        self._log("load_documents", [d.graph for d in batch])

    def replace_graph(self, graph_iri, quads, drop=()) -> int:
        n = self._target().replace_graph(graph_iri, quads, drop=drop)
        self._log("replace_graph", [str(getattr(graph_iri, "value", graph_iri))])
        return n

    def drop_graphs(self, graphs) -> None:
        graphs = [str(getattr(g, "value", g)) for g in graphs]
        self._target().drop_graphs(graphs)
        self._log("drop_graphs", graphs)

    def __getattr__(self, name):          # query, construct, quads, dump, flush, …
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self._target(), name)

    @property
    def location(self) -> str:
        return self._target().location

    @property
    def read_only(self) -> bool:
        return False

    def _close(self) -> None:
        self._inner = None


GraphStore.register(_WriteSession)


def journal_entries(location: str | Path = DEFAULT_STORE) -> list[dict]:
    """The journal lines of every unpublished generation (a build in progress, or one
    that was killed): what has been committed there so far."""
    _, gens, _ = _paths(location)
    out = []
    for j in sorted(gens.glob("g*.partial.journal")) if gens.is_dir() else []:
        for line in j.read_text(encoding="utf-8").splitlines():
            with contextlib.suppress(ValueError):
                out.append(json.loads(line))
    return out


def _migrate(loc: Path, gens: Path) -> None:
    """A plain pre-protocol store directory becomes generation 1 (or the next number)."""
    if not loc.is_dir() or loc.is_symlink():
        return
    gens.mkdir(parents=True, exist_ok=True)
    n = max([g[0] for g in _generations(gens)] or [0]) + 1
    dest = gens / _gen_name(n)
    os.rename(loc, dest)
    _point(loc, dest)


def _point(loc: Path, target: Path) -> None:
    """Atomically make the symlink ``loc`` point to ``target`` (relative link)."""
    rel = os.path.relpath(target, loc.parent)
    tmp = loc.parent / f".{loc.name}.{os.getpid()}.{uuid.uuid4().hex[:6]}.tmp"
    os.symlink(rel, tmp)
    os.replace(tmp, loc)
    _fsync_dir(loc.parent)


def _release(path: Path) -> None:
    """Make sure no RocksDB handle on ``path`` survives in this process."""
    gc.collect()
    try:
        probe = ox.Store(str(path))
    except OSError as e:
        raise StoreError(f"the store at {path} is still open in this process (keep no "
                         f"reference to the write session after the with block): {e}") from None
    probe.flush()
    del probe
    gc.collect()


def _collect(gens: Path, keep: set[str]) -> list[str]:
    """Delete generations other than ``keep`` that no live lease names.  Returns them."""
    removed = []
    with _flock(gens / ".gc.lock", fcntl.LOCK_EX):
        leased = _leased(gens)
        doomed = [p for _, name, p in _generations(gens)
                  if name not in keep and name.split(".")[0] not in leased]
        trash = []
        for p in doomed:
            t = gens / f".trash.{p.name}.{uuid.uuid4().hex[:6]}"
            os.rename(p, t)
            trash.append(t)
            removed.append(p.name)
    for t in trash:
        shutil.rmtree(t, ignore_errors=True)
    for j in gens.glob("g*.journal"):
        if j.name[:-len(".journal")] not in keep:
            with contextlib.suppress(OSError):
                j.unlink()
    return removed


@contextlib.contextmanager
def open_for_write(location: str | Path = DEFAULT_STORE, fresh: bool = False,
                   wait: bool = True) -> Iterator[GraphStore]:
    """A writable store on a new generation; published atomically when the block ends
    normally, deleted when it raises.

    ``fresh``: start empty (a full rebuild, an import) instead of from a hard-link copy
    of the published generation.  ``wait``: wait for another writer to finish (False:
    raise ``StoreBusy`` at once).  Keep no reference to the yielded store after the block.
    """
    if is_remote(str(location)):
        yield open_store(str(location))
        return
    loc, gens, lock = _paths(location)
    with _flock(lock, fcntl.LOCK_EX, wait=wait):
        _migrate(loc, gens)
        gens.mkdir(parents=True, exist_ok=True)
        current = generation_path(loc) if loc.is_symlink() else None
        n = max([g[0] for g in _generations(gens)] or [0]) + 1
        name = _gen_name(n)
        partial = gens / f"{name}.partial"
        journal = gens / f"{name}.partial.journal"
        journal.write_text("", encoding="utf-8")
        try:
            if current is not None and not fresh:
                src = ox.Store.read_only(str(current))
                src.backup(str(partial))
                del src
            session = _WriteSession(OxigraphStore(partial), journal, name)
        except OSError as e:
            shutil.rmtree(partial, ignore_errors=True)
            raise StoreError(f"cannot make generation {name} of {location}: {e}") from None
        try:
            yield session
            session.flush()
        except BaseException:
            session._close()
            del session
            gc.collect()
            shutil.rmtree(partial, ignore_errors=True)
            with contextlib.suppress(OSError):
                journal.unlink()
            raise
        session._close()
        del session
        _release(partial)
        final = gens / name
        os.rename(partial, final)
        _fsync_dir(gens)
        _point(loc, final)
        with contextlib.suppress(OSError):
            journal.unlink()
        _collect(gens, keep={name} | ({current.name} if current is not None else set()))


__all__ = ["open_for_write", "open_for_read", "current_generation", "generation_path",
           "journal_entries", "Reader", "StoreBusy", "PLAIN"]
