"""Concurrent reading and the publish protocol (graph/publish.py, docs/store_protocol.md).

* End to end: a reader process loops over the store (``Reader``: the published
  generation, reopened when a newer one appears), checking every document graph against
  the quads a clean load of one version of that document writes, while ``policykg build``
  runs twice, switching the documents between two versions.  It never sees half a
  document, never fails to open, and sees every published generation.
* The protocol's parts: migration of a plain store directory, discard on error, one
  writer at a time, garbage collection that spares leased and previous generations.
"""
from __future__ import annotations

import gc
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from app.cli import main
from graph.publish import (Reader, StoreBusy, current_generation, open_for_read,
                           open_for_write)
from graph.store import OxigraphStore

from test_crash import edit_every_document, expected_counts, versions, whole_document_problems
from conftest import CORPUS, ROOT

TESTS = Path(__file__).resolve().parent


# --- the reader process -----------------------------------------------------------------------

def reader_main(location: str, expected_path: str, progress_path: str, stop_path: str) -> None:
    """Loop until ``stop_path`` exists; after every pass write progress as JSON."""
    expected = {k: tuple(v) for k, v in json.loads(Path(expected_path).read_text()).items()}
    n_docs = len({g for g, _ in expected.values()})
    reader = Reader(location)
    seen: dict[str, int] = {}
    errors: list[str] = []
    checks = 0
    while True:
        stop = os.path.exists(stop_path)
        try:
            store = reader.store()
            problems = whole_document_problems(store, expected)
            found = len(versions(store))
            if found != n_docs:
                problems.append(f"{found} whole documents, expected {n_docs}")
            for p in problems:
                errors.append(f"{reader.generation}: {p}")
            seen[reader.generation] = seen.get(reader.generation, 0) + 1
            checks += 1
        except Exception as e:        # a lock error, a vanished file: all count as failures
            errors.append(f"{type(e).__name__}: {e}")
        tmp = progress_path + ".tmp"
        Path(tmp).write_text(json.dumps({"seen": seen, "checks": checks, "errors": errors[:20]}))
        os.replace(tmp, progress_path)
        if stop:
            return


def _progress(path: Path) -> dict:
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return {"seen": {}, "checks": 0, "errors": []}


def test_readers_never_see_half_a_document_while_builds_publish(tmp_path, capsys):
    docs = tmp_path / "docs"
    shutil.copytree(CORPUS, docs, ignore=shutil.ignore_patterns("*.md"))
    originals = {f.name: f.read_bytes() for f in docs.glob("*.txt")}
    store = tmp_path / "store"
    v1 = expected_counts(docs)
    edit_every_document(docs, "切实")
    v2 = expected_counts(docs)
    for name, data in originals.items():
        (docs / name).write_bytes(data)
    assert main(["build", str(docs), "--store", str(store)]) == 0

    expected = tmp_path / "expected.json"
    expected.write_text(json.dumps(v1 | v2))
    progress, stop = tmp_path / "progress.json", tmp_path / "stop"
    code = ("import sys; sys.path[:0] = [%r, %r]; from test_concurrency import reader_main; "
            "reader_main(*sys.argv[1:])" % (str(TESTS), str(ROOT)))
    reader = subprocess.Popen([sys.executable, "-c", code, str(store), str(expected),
                               str(progress), str(stop)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    published = [current_generation(store)]
    try:
        for step in range(2):
            if step % 2 == 0:
                edit_every_document(docs, "切实")
            else:
                for name, data in originals.items():
                    (docs / name).write_bytes(data)
            # the reader is mid-loop while this build writes and publishes
            assert main(["build", str(docs), "--store", str(store)]) == 0
            published.append(current_generation(store))
            deadline = time.monotonic() + 120      # a hang guard, not a timing assertion
            while published[-1] not in _progress(progress)["seen"]:
                assert reader.poll() is None, reader.communicate()
                assert time.monotonic() < deadline, "reader never reached the new generation"
                time.sleep(0.05)
    finally:
        stop.touch()
        out, err = reader.communicate(timeout=120)
    capsys.readouterr()
    assert reader.returncode == 0, err
    result = _progress(progress)
    assert result["errors"] == []
    assert set(published) <= set(result["seen"])
    assert len(set(published)) == 3 and result["checks"] >= 3
    assert "lock" not in err.lower()
    # the final generation holds the original version of every document
    s = open_for_read(store)
    assert sorted(versions(s).values()) == sorted(v1)


# --- the protocol's parts (small stores, no build) --------------------------------------------

def _quad(n: int, g: str = "g") -> ox.Quad:
    return ox.Quad(ox.NamedNode(f"http://example.org/s{n}"), ox.NamedNode("http://example.org/p"),
                   ox.Literal(n), ox.NamedNode(f"http://example.org/{g}"))


def _write(location, n: int, **kw) -> None:
    with open_for_write(location, **kw) as s:
        s.replace_graph(f"http://example.org/g{n}", [_quad(n, f"g{n}")])
        del s


def _graphs(location) -> list[str]:
    s = open_for_read(location)
    return [g.rsplit("/", 1)[1] for g in s.named_graphs()]


def test_a_plain_store_directory_is_migrated(tmp_path):
    loc = tmp_path / "store"
    old = OxigraphStore(loc)
    old.replace_graph("http://example.org/g0", [_quad(0, "g0")])
    old.flush()
    del old
    gc.collect()
    assert current_generation(loc) == "plain" and _graphs(loc) == ["g0"]
    _write(loc, 1)
    assert loc.is_symlink() and current_generation(loc) == "g000002"
    assert _graphs(loc) == ["g0", "g1"]
    assert (tmp_path / "store.d" / "g000001").is_dir()      # the old directory, kept once


def test_an_error_discards_the_new_generation(tmp_path):
    loc = tmp_path / "store"
    _write(loc, 1)
    with pytest.raises(RuntimeError):
        with open_for_write(loc) as s:
            s.replace_graph("http://example.org/g2", [_quad(2, "g2")])
            raise RuntimeError("parse failed")
    assert current_generation(loc) == "g000001" and _graphs(loc) == ["g1"]
    assert sorted(p.name for p in (tmp_path / "store.d").iterdir()
                  if not p.name.startswith(".")) == ["g000001"]


def test_one_writer_at_a_time(tmp_path):
    loc = tmp_path / "store"
    with open_for_write(loc) as s:
        with pytest.raises(StoreBusy):
            with open_for_write(loc, wait=False):
                pass
        s.replace_graph("http://example.org/g1", [_quad(1, "g1")])
        del s
    assert _graphs(loc) == ["g1"]
    # a fresh generation starts empty; an incremental one from the published data
    _write(loc, 2)
    assert _graphs(loc) == ["g1", "g2"]
    _write(loc, 3, fresh=True)
    assert _graphs(loc) == ["g3"]


def test_garbage_collection_spares_leased_and_previous_generations(tmp_path):
    loc = tmp_path / "store"
    gens = tmp_path / "store.d"
    _write(loc, 1)
    held = open_for_read(loc)                    # a long-lived reader on g000001
    for n in (2, 3, 4):
        _write(loc, n)
    names = sorted(p.name for p in gens.iterdir() if not p.name.startswith("."))
    assert names == ["g000001", "g000003", "g000004"]    # g000002: unleased, not previous
    assert len(held.named_graphs()) == 1 and len(held.quads()) == 1   # still readable
    del held
    gc.collect()
    _write(loc, 5)
    names = sorted(p.name for p in gens.iterdir() if not p.name.startswith("."))
    assert names == ["g000004", "g000005"]
    assert _graphs(loc) == ["g1", "g2", "g3", "g4", "g5"]


def test_a_dead_readers_lease_does_not_pin_its_generation(tmp_path):
    loc = tmp_path / "store"
    gens = tmp_path / "store.d"
    _write(loc, 1)
    code = ("import sys, os, signal; sys.path.insert(0, %r); from graph.publish import "
            "open_for_read; s = open_for_read(sys.argv[1]); print(s.generation, flush=True); "
            "os.kill(os.getpid(), signal.SIGKILL)" % str(ROOT))
    p = subprocess.run([sys.executable, "-c", code, str(loc)], capture_output=True, text=True)
    assert p.stdout.strip() == "g000001"
    assert list((gens / ".leases").iterdir())       # the killed reader's lease file is left
    for n in (2, 3):
        _write(loc, n)
    assert not (gens / "g000001").exists()           # its flock died with it
    assert not list((gens / ".leases").iterdir())


def test_the_check_sees_a_partial_document(tmp_path):
    """Control: the readers' check does report a document graph missing one quad."""
    from graph.build import parse_to_nquads
    f = sorted(CORPUS.glob("*.txt"))[0]
    (tmp_path / "docs").mkdir()
    shutil.copy(f, tmp_path / "docs" / f.name)
    expected = expected_counts(tmp_path / "docs")
    quads = list(ox.parse(parse_to_nquads(f).nquads, format=ox.RdfFormat.N_QUADS))
    store = OxigraphStore()
    store.replace_graph(quads[0].graph_name, quads)
    assert whole_document_problems(store, expected) == []
    store.replace_graph(quads[0].graph_name, [q for q in quads if "loadComplete" not in str(q)][1:])
    assert whole_document_problems(store, expected)
