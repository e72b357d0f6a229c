"""Crash consistency: a build killed with SIGKILL part-way leaves only whole documents.

The build runs as ``policykg build DIR --store S`` in a child process over the seeds plus
generated documents.  The test polls the build's progress journal (graph/publish.py: one
line per committed write in the unpublished generation) and kills the child once
documents are in, or as soon as the new generation exists.  Then:

* the published store still opens and is the previous generation, every document whole;
* the killed generation (never published) opens too, and every document graph in it
  carries its completion record and exactly the quads a clean load of that version of
  the document writes: old or new version, never a mix, never a part;
* the next build completes: every document in its new version, the leftover removed.

Helpers here (``expected_counts``, ``whole_document_problems``) are shared with the
concurrency test.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from app.cli import main
from graph.build import parse_to_nquads
from graph.publish import current_generation, journal_entries, open_for_read
from graph.store import GraphStore, OxigraphStore
from loaders.vocab import PKG

from conftest import CORPUS, ROOT

SHARED_GRAPHS = "https://w3id.org/policykg/graph/"
POLICYKG = str(Path(sys.executable).with_name("policykg"))


# --- shared helpers ------------------------------------------------------------------------

def expected_counts(folder: Path) -> dict[str, tuple[str, int]]:
    """load activity IRI -> (document graph, quads a clean load writes), for every file."""
    out = {}
    for f in sorted(folder.glob("*.txt")):
        p = parse_to_nquads(f)
        assert p.error is None, p.error
        act = next(q.subject.value for q in ox.parse(p.nquads, format=ox.RdfFormat.N_QUADS)
                   if q.predicate == PKG.loadComplete)
        out[act] = (p.iri, p.triples)
    return out


def document_graphs(store: GraphStore) -> dict[str, tuple[list[str], int]]:
    """document graph -> (its completed load activities, its quad count)."""
    counts = dict(store.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } "
                              "GROUP BY ?g").rows)
    acts: dict[str, list[str]] = {}
    for g, a in store.query("SELECT ?g ?a WHERE { GRAPH ?g { ?a <%s> true } }"
                            % PKG.loadComplete.value).rows:
        acts.setdefault(g, []).append(a)
    return {g: (sorted(acts.get(g, [])), int(n)) for g, n in counts.items()
            if not g.startswith(SHARED_GRAPHS)}


def whole_document_problems(store: GraphStore, expected: dict[str, tuple[str, int]]
                            ) -> list[str]:
    """Every named document graph has one completion record and exactly the quads a
    clean load of that version writes.  Returns what is wrong (empty: all whole)."""
    problems = []
    for g, (acts, n) in sorted(document_graphs(store).items()):
        if len(acts) != 1:
            problems.append(f"{g}: {len(acts)} completion records, {n} quads")
        elif acts[0] not in expected:
            problems.append(f"{g}: unknown load activity {acts[0]}")
        elif expected[acts[0]] != (g, n):
            problems.append(f"{g}: {n} quads, a clean load of {acts[0]} writes "
                            f"{expected[acts[0]][1]} into {expected[acts[0]][0]}")
    return problems


def versions(store: GraphStore) -> dict[str, str]:
    """document graph -> its completed load activity."""
    return {g: acts[0] for g, (acts, _) in document_graphs(store).items() if acts}


def make_corpus(folder: Path, generated: int = 0) -> Path:
    """The seeds (plus ``generated`` bench documents) copied into ``folder``."""
    folder.mkdir(parents=True)
    for f in CORPUS.glob("*.txt"):
        shutil.copy(f, folder / f.name)
    if generated:
        gen = folder.parent / (folder.name + "_gen")
        subprocess.run([sys.executable, "-m", "bench", "generate", "--docs", str(generated),
                        "--out", str(gen)], cwd=ROOT, check=True, capture_output=True)
        for f in gen.glob("*.txt"):
            shutil.copy(f, folder / f"gen_{f.name}")
    return folder


def edit_every_document(folder: Path, tag: str) -> None:
    """A new version of every file: ``tag`` before every 加强 (new measure texts, new
    source hashes, same document IRIs)."""
    for f in sorted(folder.glob("*.txt")):
        text = f.read_text(encoding="utf-8")
        new = text.replace("加强", f"{tag}加强")
        assert new != text, f.name
        f.write_text(new, encoding="utf-8")


# --- the test --------------------------------------------------------------------------------

def _build_and_kill(docs: Path, store: Path, when: str) -> tuple[subprocess.Popen, list[dict]]:
    proc = subprocess.Popen([POLICYKG, "build", str(docs), "--store", str(store)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    gens = Path(str(store) + ".d")
    while proc.poll() is None:
        if when == "early" and any(gens.glob("*.partial")):
            break
        if when == "documents" and any(e["op"] == "load_documents" for e in journal_entries(store)):
            break
        time.sleep(0.01)
    assert proc.poll() is None, ("the build finished before it could be killed: "
                                 + proc.stdout.read() + proc.stderr.read())
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate()
    assert proc.returncode == -signal.SIGKILL
    return proc, journal_entries(store)


@pytest.mark.parametrize("when", ["documents", "early"])
def test_killed_build_leaves_whole_documents_and_the_next_build_completes(tmp_path, capsys, when):
    docs = make_corpus(tmp_path / "docs", generated=4)
    store = tmp_path / "store"
    v1 = expected_counts(docs)
    assert main(["build", str(docs), "--store", str(store)]) == 0
    capsys.readouterr()
    first = current_generation(store)

    edit_every_document(docs, "切实")
    v2 = expected_counts(docs)
    assert not set(v1) & set(v2)
    _, journal = _build_and_kill(docs, store, when)

    # the published store: untouched, whole, the first version of every document
    assert current_generation(store) == first
    s = open_for_read(store)
    assert whole_document_problems(s, v1) == []
    assert sorted(versions(s).values()) == sorted(v1)
    del s

    # the killed generation: never published, but whole documents only (old or new)
    partial = next(Path(str(store) + ".d").glob("*.partial"), None)
    if when == "documents":
        assert partial is not None and journal
    if partial is not None:
        killed = OxigraphStore(partial, read_only=True)
        assert whole_document_problems(killed, v1 | v2) == []
        written = {g for e in journal if e["op"] == "load_documents" for g in e["graphs"]}
        now = versions(killed)
        assert all(now[g] in v2 for g in written)        # journalled writes are in, whole
        if when == "documents":
            assert written and len(now) == len(v1)
        del killed

    # the next build completes the rest and removes the leftover
    assert main(["build", str(docs), "--store", str(store)]) == 0
    assert current_generation(store) not in (first, None)
    assert not list(Path(str(store) + ".d").glob("*.partial*"))
    s = open_for_read(store)
    assert whole_document_problems(s, v2) == []
    assert sorted(versions(s).values()) == sorted(v2)
