"""Shared fixtures: the bundled seed documents, their gold facts, golden-file updating."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "data" / "corpus"
GOLD = Path(__file__).resolve().parent / "gold"       # copy of ../shared/gold (hand-checked facts)
GOLDEN = Path(__file__).resolve().parent / "golden"   # expected parse and graph per seed


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true",
                     default=False, help="rewrite tests/golden/* from the current code")


@pytest.fixture(scope="session")
def update_golden(request) -> bool:
    return request.config.getoption("--update-golden")


def seed_paths() -> list[Path]:
    return sorted(CORPUS.glob("*.txt"))


def gold_for(path: Path) -> dict:
    for g in GOLD.glob("*.json"):
        data = json.loads(g.read_text(encoding="utf-8"))
        if data["file"] == path.name:
            return data
    raise KeyError(path.name)


@pytest.fixture(scope="session")
def seeds() -> list[Path]:
    return seed_paths()


@pytest.fixture(scope="session")
def parsed():
    """path name -> PolicyDoc for every seed (parsed once per session)."""
    from loaders import parse_file
    return {p.name: parse_file(p) for p in seed_paths()}


def require_program(path_or_name: str, why: str):
    """Skip (with a visible reason) when a system program is missing.

    CI sets POLICYKG_REQUIRE_SYSTEM=1 after installing chromium and virtuoso:
    there a missing program is a failure, never a silent skip.
    """
    import os
    import shutil

    found = shutil.which(path_or_name) or (os.path.isabs(path_or_name) and os.path.exists(path_or_name))
    if found:
        return shutil.which(path_or_name) or path_or_name
    msg = f"{path_or_name} not installed ({why}); `.ci/run` installs it"
    if os.environ.get("POLICYKG_REQUIRE_SYSTEM") == "1":
        pytest.fail(msg + " — POLICYKG_REQUIRE_SYSTEM=1 makes this a failure")
    pytest.skip(msg)


@pytest.fixture(scope="module")
def built(parsed):
    """An in-memory store holding the seeds, the ontology and the links (one per test module)."""
    from graph.build import load_document, load_ontology
    from graph.link import link
    from graph.store import OxigraphStore
    store = OxigraphStore()
    for doc in parsed.values():
        load_document(store, doc)
    load_ontology(store)
    link(store)
    return store
