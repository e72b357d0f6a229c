"""The app's query box is read-only and bounded; document strings are text everywhere;
bad uploads are refused with a message."""
from __future__ import annotations

import http.server
import threading
import time

import pytest

from app_fixtures import serving_store, iframes, open_page, problems

SCRIPT_TITLE = "关于<script>alert(1)</script><b>粗体</b>&amp;市场监管工作方案"
PLAN = f"""{SCRIPT_TITLE}

为贯彻落实市场监管工作部署，结合本区实际，制定本方案。

一、总体要求
坚持问题导向，提升监管效能。

二、主要任务
（一）加强食品安全监管。开展食品安全抽检监测，食品安全评价性抽检合格率保持在98%以上。（责任单位：食品安全监管科，配合单位：各市场监管所）
（二）优化营商环境。推进企业开办便利化改革。（责任单位：行政审批科）

三、保障措施
加强组织领导，落实工作责任。

某某区市场监督管理局
2023年3月1日
"""


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    yield from serving_store(tmp_path_factory.mktemp("sec") / "store")


def _count(store_path: str) -> int:
    from graph.publish import open_for_read
    return int(open_for_read(store_path).query(
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }").rows[0][0])


def _run_in_editor(text: str):
    at = open_page("sparql")
    at.text_area(key="sparql_q").input(text)
    at.button(key="sparql_run").click().run()
    return at


@pytest.mark.parametrize("update", [
    "INSERT DATA { GRAPH <urn:x> { <urn:a> <urn:b> <urn:c> } }",
    "DROP ALL",
    "SELECT * WHERE { ?s ?p ?o } ; DELETE WHERE { ?s ?p ?o }",
    "CLEAR DEFAULT",
    "LOAD <http://127.0.0.1:9/data.ttl>",
    "CREATE GRAPH <urn:g>",
])
def test_update_from_the_editor_changes_nothing(store, update):
    before = _count(store)
    at = _run_in_editor(update)
    assert not problems(at)
    assert at.error and ("not allowed" in at.error[0].value or "read-only" in at.error[0].value), \
        [e.value for e in at.error]
    assert _count(store) == before


class _Recorder(http.server.BaseHTTPRequestHandler):
    hits: list = []

    def _hit(self):
        _Recorder.hits.append((self.command, self.path))
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.end_headers()
        self.wfile.write(b'{"head":{"vars":["x"]},"results":{"bindings":[]}}')

    do_GET = do_POST = _hit

    def log_message(self, *a):
        pass


@pytest.fixture()
def recorder():
    _Recorder.hits = []
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    th = threading.Thread(target=srv.serve_forever, daemon=True)
    th.start()
    yield srv.server_address[1]
    srv.shutdown()


@pytest.mark.parametrize("template", [
    "SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}",
    "select * where {{ optional {{ service silent <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }} }}",
    "SELECT * WHERE {{ {{ SELECT ?s WHERE {{ SERVICE <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }} }} }}",
])
def test_service_never_reaches_a_local_server(store, recorder, template):
    at = _run_in_editor(template.format(port=recorder))
    assert at.error and "SERVICE" in at.error[0].value
    from app.sandbox import run_user_query
    out = run_user_query(store, template.format(port=recorder))
    assert out.kind == "refused"
    time.sleep(0.3)
    assert _Recorder.hits == []


def test_runaway_query_is_stopped_and_the_app_keeps_serving(store, monkeypatch):
    from app import sandbox
    monkeypatch.setattr(sandbox, "TIMEOUT_S", 2.0)
    t0 = time.monotonic()
    at = _run_in_editor("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
    took = time.monotonic() - t0
    assert not problems(at)
    assert at.error and ("2 s" in at.error[0].value or "2 秒" in at.error[0].value), \
        [e.value for e in at.error]
    assert took < 15
    monkeypatch.setattr(sandbox, "TIMEOUT_S", 30.0)
    at = _run_in_editor("SELECT ?d WHERE { ?d a <http://data.europa.eu/eli/ontology#LegalResource> }")
    assert not at.error and at.dataframe[0].value.shape[0] > 5


def test_row_cap(store, monkeypatch):
    from app.sandbox import run_user_query
    out = run_user_query(store, "SELECT * WHERE { ?s ?p ?o }", max_rows=100)
    assert out.kind == "select" and len(out.rows) == 100 and out.truncated


def test_script_title_is_text_in_every_view(store):
    from app.uploads import add_document, parse_upload
    from dataclasses import replace
    doc = parse_upload("script.txt", PLAN.encode("utf-8"))
    # whatever the title parser makes of markup, the store may hold such a title: put it there
    doc = replace(doc, meta=replace(doc.meta, title=SCRIPT_TITLE, title_inferred=False,
                                    level="district", region="开福区", region_code="430105"))
    loaded = add_document(store, doc)
    import streamlit as st
    st.cache_data.clear()
    raw = "<script>alert(1)</script>"
    for page, query in (("overview", None), ("document", {"doc": loaded.iri}),
                        ("lineage", {"doc": loaded.iri}), ("units", None), ("targets", None)):
        at = open_page(page, query)
        assert not problems(at), (page, problems(at))
        for html in iframes(at):
            assert raw not in html and "alert(1)</script>" not in html, page
            assert "\\u003cscript\\u003ealert" not in html, page     # escaped before pyvis
        for h in at.get("html"):
            assert raw not in h.proto.body, page
        for m in list(at.markdown) + list(at.subheader) + list(at.title) + list(at.caption):
            assert raw not in m.value, (page, m.value)
    at = open_page("overview")
    assert "\\u0026lt;script\\u0026gt;alert(1)" in iframes(at)[0]          # the label, escaped
    at = open_page("document", {"doc": loaded.iri})
    assert "\\<script\\>" in at.subheader[0].value                          # shown as characters


@pytest.mark.parametrize("name,raw,expect", [
    ("big.txt", "关于市场监管的方案\n一、任务\n".encode() + b"x" * (10 * 1024 * 1024 + 10), "过大"),
    ("image.txt", b"\x89PNG\r\n\x1a\n" + b"\x00" * 2000, "binary"),
    ("tool.txt", b"\x7fELF" + bytes(range(256)) * 20, "binary"),
    ("noise.pdf", b"not a pdf at all", ""),
])
def test_oversized_or_binary_upload_is_refused(store, name, raw, expect):
    at = open_page("add")
    at.file_uploader(key="add_file").upload(name, raw, "application/octet-stream").run()
    assert not problems(at), problems(at)
    assert at.error, "a bad upload gives a message"
    assert expect in at.error[0].value.lower() or expect in at.error[0].value, at.error[0].value
    assert not [b for b in at.button if b.key == "add_go"]
