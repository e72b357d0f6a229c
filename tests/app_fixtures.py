"""Shared helpers of the app tests: a store of the bundled corpus, AppTest on one page."""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app" / "streamlit_app.py")
PAGES = {"overview": None, "document": "app_pages/document.py", "lineage": "app_pages/lineage.py",
         "targets": "app_pages/targets.py", "units": "app_pages/units.py",
         "sparql": "app_pages/sparql.py", "export": "app_pages/export.py", "add": "app_pages/add.py"}


def build_store(path: Path, sources=None, jobs: int = 1) -> str:
    """Build into a published generation at ``path`` (a symlink), as ``policykg build``."""
    from graph.build import build
    from graph.publish import open_for_write
    with open_for_write(str(path)) as s:
        build(sources, s, jobs=jobs)
    return str(path)


def serving_store(path: Path):
    """Build the bundled corpus at ``path`` and point the app at it (POLICYKG_STORE) while the
    generator is suspended; the previous value is restored afterwards."""
    import os
    built = build_store(path)
    old = os.environ.get("POLICYKG_STORE")
    os.environ["POLICYKG_STORE"] = built
    try:
        yield built
    finally:
        if old is None:
            os.environ.pop("POLICYKG_STORE", None)
        else:
            os.environ["POLICYKG_STORE"] = old


def open_page(name: str, query: dict | None = None, timeout: int = 60):
    from streamlit.testing.v1 import AppTest
    at = AppTest.from_file(APP, default_timeout=timeout)
    for k, v in (query or {}).items():
        at.query_params[k] = v
    at.run()
    if PAGES[name]:
        at.switch_page(PAGES[name])
        at.run()
    return at


def iframes(at) -> list[str]:
    return [el.proto.srcdoc for el in at.get("iframe")]


def problems(at) -> list[str]:
    return [str(e.value) for e in at.exception]
