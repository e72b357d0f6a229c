"""The app's store access and cached page data (the only place with ``st.cache_*``).

Store protocol (docs/store_protocol.md, ``graph/publish.py``):

* ``store_path()`` is the store *location* (``$POLICYKG_STORE`` or ``.policykg/store``),
  made absolute but never resolved: it is a symlink that every build moves to a newly
  published generation.
* Reading: one ``graph.publish.Reader`` per location and process (``st.cache_resource``).
  ``store(path)`` returns its read-only, leased store of the published generation and
  reopens it when a newer generation has been published.  ``gen()`` is the published
  generation's name (one ``readlink``); every cached page-data function takes it as part
  of its key, so a build or an addition shows on the next rerun of every page.
* Writing: never through a handle kept across reruns.  An addition
  (``app.uploads.add_document``) opens ``open_for_write(path)``, loads the document, links
  and recomputes the stats graph, and publishes a new generation when the block ends;
  then ``refresh()`` drops the cached data.
* User SPARQL runs in a child process that opens the generation published when it starts,
  read-only and leased (``app/sandbox.py``).

Everything cached is plain Python (lists, dicts, str, bytes): nothing of pyoxigraph is
kept across reruns except the Reader's store, which only ever answers ``query()`` with
plain rows inside the call (TOOLING.md §1.12).
"""
from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field

import streamlit as st

from graph.publish import Reader, current_generation
from graph.store import DEFAULT_STORE, GraphStore, is_remote, store_exists  # noqa: F401

from . import lineage_view, pagedata

ENV_STORE = "POLICYKG_STORE"


def store_path() -> str:
    """The store location, absolute; the symlink is left alone (it moves with each build)."""
    raw = os.environ.get(ENV_STORE) or DEFAULT_STORE
    return raw if is_remote(raw) else os.path.abspath(raw)


@dataclass
class _ReaderBox:
    reader: Reader
    lock: threading.Lock = field(default_factory=threading.Lock)


@st.cache_resource(show_spinner=False)
def _reader(path: str) -> _ReaderBox:
    return _ReaderBox(Reader(path))


def store(path: str | None = None) -> GraphStore:
    """The published generation, read-only (reopened when a newer one was published)."""
    box = _reader(path or store_path())
    with box.lock:
        return box.reader.store()


def gen(path: str | None = None) -> str:
    """The published generation's name: the page-data cache key."""
    path = path or store_path()
    return "remote" if is_remote(path) else (current_generation(path) or "none")


def refresh() -> None:
    """After a write: drop every cached page datum (the new generation keys new entries)."""
    st.cache_data.clear()


# --- cached page data (keyed by path and generation) -------------------------------------

@st.cache_data(show_spinner=False, max_entries=4)
def documents(path: str, generation: str) -> list[dict]:
    return pagedata.documents(store(path))


@st.cache_data(show_spinner=False, max_entries=4)
def counts(path: str, generation: str) -> dict:
    return pagedata.counts(store(path), documents(path, generation))


@st.cache_data(show_spinner=False, max_entries=4)
def located(path: str, generation: str) -> list[dict]:
    return pagedata.located(documents(path, generation))


@st.cache_data(show_spinner=False, max_entries=4)
def lineage_edges(path: str, generation: str) -> list[tuple]:
    return pagedata.lineage_edges(store(path))


@st.cache_data(show_spinner=False, max_entries=16)
def lineage_graph_html(path: str, generation: str, levels: tuple, province: str | None,
                       show_stubs: bool, focus: str | None, cap: int, height: int
                       ) -> tuple[str, list, int]:
    from .graph_html import level_layout, render
    nodes, edges, grouped = lineage_view.lineage_nodes(
        documents(path, generation), lineage_edges(path, generation), set(levels), province,
        show_stubs, focus, cap)
    return render(nodes, edges, level_layout(nodes, edges), height=height), grouped, len(nodes)


@st.cache_data(show_spinner=False, max_entries=32)
def document_detail(path: str, generation: str, doc: str) -> dict:
    return pagedata.document_detail(store(path), doc)


@st.cache_data(show_spinner=False, max_entries=32)
def stored_alignment(path: str, generation: str, doc: str):
    return pagedata.stored_alignment(store(path), doc)


@st.cache_data(show_spinner=False, max_entries=32)
def measures_of(path: str, generation: str, docs: tuple[str, ...]) -> dict[str, list[dict]]:
    return pagedata.measure_infos(store(path), list(docs))


@st.cache_data(show_spinner=False, max_entries=16)
def alignment_preview(path: str, generation: str, child: str, ancestors: tuple[str, ...]):
    ms = measures_of(path, generation, (child, *ancestors))
    return lineage_view.alignment_preview(child, list(ancestors), ms)


@st.cache_data(show_spinner=False, max_entries=16)
def inferred_parents(path: str, generation: str, doc: str) -> list[tuple[str, float]]:
    return pagedata.inferred_parents(documents(path, generation), doc)


@st.cache_data(show_spinner=False, max_entries=4)
def indicator_index(path: str, generation: str) -> list[dict]:
    return pagedata.indicator_index(store(path))


@st.cache_data(show_spinner=False, max_entries=32)
def indicator_observations(path: str, generation: str, indicators: tuple[str, ...]) -> list[dict]:
    return pagedata.indicator_observations(store(path), list(indicators))


@st.cache_data(show_spinner=False, max_entries=32)
def cascade_rows(path: str, generation: str, canonical: tuple[str, ...]) -> list[dict]:
    return pagedata.cascade_rows(store(path), list(canonical)) if canonical else []


@st.cache_data(show_spinner=False, max_entries=8)
def unit_workload(path: str, generation: str, top: int | None = None,
                  issuer: str | None = None) -> list[dict]:
    return pagedata.unit_workload(store(path), top=top, issuer=issuer)


@st.cache_data(show_spinner=False, max_entries=4)
def unit_issuers(path: str, generation: str) -> list[tuple[str, int]]:
    return pagedata.unit_issuers(store(path))


@st.cache_data(show_spinner=False, max_entries=16)
def unit_pairs(path: str, generation: str, units: tuple[str, ...]) -> list[dict]:
    return pagedata.unit_pairs(store(path), list(units))


@st.cache_data(show_spinner=False, max_entries=1)
def canned_queries() -> list[dict]:
    from graph import queries as canned
    return [{"name": q.name, "title": q.title, "description": q.description, "text": q.text,
             "params": [{"name": p.name, "type": p.type, "description": p.description}
                        for p in q.params]} for q in canned.list_queries()]


__all__ = ["store_path", "store", "gen", "refresh", "ENV_STORE"]
