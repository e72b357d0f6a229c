"""The app's store handle and cached page data (the only place with ``st.cache_*``).

Store ownership (decided here, DESIGN.md "one writer per store"):

* The app process holds the store's single writer: ``store_handle(path)`` opens it
  once per process (``st.cache_resource``) and every addition goes through the loader
  API the CLI uses (``graph.build.load_document`` + ``graph.link.link``), then a flush.
* User SPARQL never touches that handle: it runs in a child process that opens
  ``Store.read_only(path)`` (``app/sandbox.py``), which sees the data as of opening;
  the flush after each addition makes new documents visible to the next query.
* If another process already holds the writer (a ``policykg build`` running), the app
  opens the store read-only and says so; adding documents is then disabled.
* Page data is cached per (store path, generation); an addition bumps the generation,
  so every page shows the new document at once.

Everything cached is plain Python (lists, dicts, str, bytes): nothing of pyoxigraph is
kept across reruns (TOOLING.md §1.12).
"""
from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

import streamlit as st

from graph.store import DEFAULT_STORE, GraphStore, StoreError, open_store, store_exists  # noqa: F401

from . import lineage_view, pagedata

ENV_STORE = "POLICYKG_STORE"


def store_path() -> str:
    return str(Path(os.environ.get(ENV_STORE) or DEFAULT_STORE).resolve())


@dataclass
class StoreHandle:
    path: str
    store: GraphStore
    writable: bool
    generation: int = 0
    note: str = ""
    lock: threading.Lock = field(default_factory=threading.Lock)


@st.cache_resource(show_spinner=False)
def store_handle(path: str) -> StoreHandle:
    """Open the store once per process: the writer if possible, else read-only."""
    if not store_exists(path):
        h = StoreHandle(path, open_store(path), True)
        from graph.build import build
        report = build(None, h.store)
        h.note = f"built the bundled corpus: {len(report.loaded)} documents"
        return h
    try:
        return StoreHandle(path, open_store(path), True)
    except StoreError as e:
        return StoreHandle(path, open_store(path, read_only=True), False,
                           note=f"read-only: {e}")


def handle() -> StoreHandle:
    return store_handle(store_path())


def gen() -> int:
    return handle().generation


def bump() -> None:
    """After a write: new generation, fresh page data everywhere."""
    h = handle()
    h.generation += 1
    st.cache_data.clear()


# --- cached page data (keyed by path and generation) -------------------------------------

@st.cache_data(show_spinner=False, max_entries=4)
def documents(path: str, generation: int) -> list[dict]:
    return pagedata.documents(store_handle(path).store)


@st.cache_data(show_spinner=False, max_entries=4)
def counts(path: str, generation: int) -> dict:
    return pagedata.counts(store_handle(path).store, documents(path, generation))


@st.cache_data(show_spinner=False, max_entries=4)
def located(path: str, generation: int) -> list[dict]:
    return pagedata.located(documents(path, generation))


@st.cache_data(show_spinner=False, max_entries=4)
def lineage_edges(path: str, generation: int) -> list[tuple]:
    return pagedata.lineage_edges(store_handle(path).store)


@st.cache_data(show_spinner=False, max_entries=16)
def lineage_graph_html(path: str, generation: int, levels: tuple, province: str | None,
                       show_stubs: bool, focus: str | None, cap: int, height: int
                       ) -> tuple[str, list, int]:
    from .graph_html import level_layout, render
    nodes, edges, grouped = lineage_view.lineage_nodes(
        documents(path, generation), lineage_edges(path, generation), set(levels), province,
        show_stubs, focus, cap)
    return render(nodes, edges, level_layout(nodes, edges), height=height), grouped, len(nodes)


@st.cache_data(show_spinner=False, max_entries=32)
def document_detail(path: str, generation: int, doc: str) -> dict:
    return pagedata.document_detail(store_handle(path).store, doc)


@st.cache_data(show_spinner=False, max_entries=32)
def stored_alignment(path: str, generation: int, doc: str):
    return pagedata.stored_alignment(store_handle(path).store, doc)


@st.cache_data(show_spinner=False, max_entries=32)
def measures_of(path: str, generation: int, docs: tuple[str, ...]) -> dict[str, list[dict]]:
    return pagedata.measure_infos(store_handle(path).store, list(docs))


@st.cache_data(show_spinner=False, max_entries=16)
def alignment_preview(path: str, generation: int, child: str, ancestors: tuple[str, ...]):
    ms = measures_of(path, generation, (child, *ancestors))
    return lineage_view.alignment_preview(child, list(ancestors), ms)


@st.cache_data(show_spinner=False, max_entries=16)
def inferred_parents(path: str, generation: int, doc: str) -> list[tuple[str, float]]:
    return pagedata.inferred_parents(documents(path, generation), doc)


@st.cache_data(show_spinner=False, max_entries=4)
def observations(path: str, generation: int) -> list[dict]:
    return pagedata.all_observations(store_handle(path).store)


@st.cache_data(show_spinner=False, max_entries=4)
def cascade_rows(path: str, generation: int) -> list[dict]:
    return pagedata.cascade_rows(store_handle(path).store)


@st.cache_data(show_spinner=False, max_entries=4)
def canonical_labels(path: str, generation: int) -> dict[str, str]:
    return pagedata.canonical_labels(store_handle(path).store)


@st.cache_data(show_spinner=False, max_entries=4)
def unit_workload(path: str, generation: int) -> list[dict]:
    return pagedata.unit_workload(store_handle(path).store)


@st.cache_data(show_spinner=False, max_entries=4)
def unit_pairs(path: str, generation: int) -> list[dict]:
    return pagedata.unit_pairs(store_handle(path).store)


@st.cache_data(show_spinner=False, max_entries=1)
def canned_queries() -> list[dict]:
    from graph import queries as canned
    return [{"name": q.name, "title": q.title, "description": q.description, "text": q.text,
             "params": [{"name": p.name, "type": p.type, "description": p.description}
                        for p in q.params]} for q in canned.list_queries()]


__all__ = ["store_path", "store_handle", "handle", "gen", "bump", "StoreHandle", "ENV_STORE"]
