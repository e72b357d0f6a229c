"""`policykg serve`: a read-only SPARQL endpoint over a built store, queried with requests."""
from __future__ import annotations

import subprocess
import sys

import pytest
import requests

from graph.build import build
from graph.store import OxigraphStore

from servers import free_port, wait_http


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    path = tmp_path_factory.mktemp("serve") / "store"
    store = OxigraphStore(path)
    build(None, store)
    store.flush()
    del store                       # release the writer's lock before serving
    import gc
    gc.collect()
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "app.cli", "serve", "--store", str(path),
                             "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_http(f"http://127.0.0.1:{port}/query", proc, 30)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=15)


def test_queries_see_the_union_of_the_document_graphs(endpoint):
    from graph.queries import load_query
    q = load_query("documents").text
    r = requests.post(endpoint + "/query", data={"query": q},
                      headers={"Accept": "application/sparql-results+json"}, timeout=30)
    assert r.status_code == 200
    rows = r.json()["results"]["bindings"]
    assert sum(1 for b in rows if b["stub"]["value"] == "false") == 5


def test_updates_are_refused(endpoint):
    r = requests.post(endpoint + "/update", data={"update": "DROP ALL"}, timeout=30)
    assert r.status_code == 403
    r = requests.get(endpoint + "/query", params={"query": "ASK { ?s ?p ?o }"},
                     headers={"Accept": "application/sparql-results+json"}, timeout=30)
    assert r.json()["boolean"] is True


def test_serve_without_a_store_is_a_usage_error(tmp_path):
    from app.cli import main
    assert main(["serve", "--store", str(tmp_path / "none"), "--port", str(free_port())]) == 2
