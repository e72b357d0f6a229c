"""The link step on the real seeds: regions, parents and stubs, inferred lineage, alignment,
cascade — as the built graph and the named queries show them."""
from __future__ import annotations

import functools

import pytest
import rdflib
from pyoxigraph import NamedNode

from graph import queries as Q
from graph.build import build
from graph.link import link, link_quads
from graph.store import OxigraphStore
from loaders import parse_file
from loaders.regions import gazetteer
from loaders.to_rdf import doc_iri
from loaders.vocab import GRAPH

from conftest import CORPUS, seed_paths

KAIFU, CHANGDE, HUNAN, SUZHOU, QIAOKOU = (p.name for p in seed_paths())
TITLE_KAIFU = "关于贯彻落实强省会战略的工作方案（2022-2026年）"
ACTION = "关于贯彻落实强省会战略的行动方案（2022-2026年）"
NATIONAL = "“十四五”市场监管现代化规划"
HUNAN_OUTLINE = "湖南省国民经济和社会发展第十四个五年规划和二○三五年远景目标纲要"
ANHUI_TITLE = "安徽省“十四五”市场监管规划"

#: a small provincial plan written for these tests: the document Suzhou names as its basis
ANHUI = """安徽省市场监督管理局关于印发安徽省“十四五”市场监管规划的通知

各市市场监督管理局：
现将《安徽省“十四五”市场监管规划》印发给你们，请认真贯彻落实。

安徽省市场监督管理局
2021年12月20日

安徽省“十四五”市场监管规划

为深入推进市场监管现代化，根据《“十四五”市场监管现代化规划》，制定本规划。规划期为2021—2025年。

一、主要任务
（一）优化营商环境
1.深化商事制度改革。推进企业开办全程网上办理，压缩企业开办时间。
2.加强知识产权保护。完善知识产权快速协同保护机制，严厉打击侵权假冒行为。
（二）守牢安全底线
3.强化食品安全监管。落实食品安全主体责任，开展食品安全评价性抽检。
4.加强特种设备安全监察。推进电梯检验检测改革，完善隐患排查治理。
"""


@functools.lru_cache(maxsize=None)
def iri(name: str) -> str:
    return doc_iri(parse_file(CORPUS / name)).value


@pytest.fixture(scope="module")
def store():
    s = OxigraphStore()
    build(None, s)
    return s


def ancestors(store, name, kind=None):
    rows = Q.run(store, "lineage", {"doc": iri(name)}).dicts()
    return [r for r in rows if kind is None or r["kind"] == kind]


# --- regions ---------------------------------------------------------------------------------

def test_qiaokou_region_resolves_up_to_the_country(store):
    rows = store.query("""SELECT ?doc ?g ?code ?name ?lat WHERE {
        ?doc eli:jurisdiction ?r . ?r skos:broader* ?a .
        GRAPH ?g { ?a skos:notation ?code ; skos:prefLabel ?name . OPTIONAL { ?a geo:lat ?lat } } }""",
                       {"doc": doc_iri(parse_file(CORPUS / QIAOKOU)), "g": GRAPH.regions}).rows
    chain = {code: name for _d, _g, code, name, _ in rows}
    assert chain == {"420104": "硚口区", "420100": "武汉市", "420000": "湖北省", "100000": "中华人民共和国"}
    assert all(lat for *_x, lat in rows)


def test_every_gazetteer_division_is_a_region_and_the_graph_is_loaded_once(store):
    n = store.query("SELECT ?g (COUNT(DISTINCT ?r) AS ?n) WHERE { GRAPH ?g { ?r a pkg:Region } } "
                    "GROUP BY ?g", {"g": GRAPH.regions}).rows[0][1]
    assert int(n) == len(gazetteer())
    assert link(store).regions_loaded is False          # unchanged: not rewritten


# --- parents, stubs ------------------------------------------------------------------------------

def test_hunan_is_based_on_the_national_plan_and_its_outline_both_stubs(store):
    rows = ancestors(store, HUNAN, "asserted")
    assert {r["title"] for r in rows} == {NATIONAL, HUNAN_OUTLINE}
    assert all(r["stub"] == "true" for r in rows)


def test_suzhou_is_based_on_the_anhui_plan_stub(store):
    rows = ancestors(store, SUZHOU, "asserted")
    anhui = [r for r in rows if r["title"] == ANHUI_TITLE]
    assert len(anhui) == 1 and anhui[0]["stub"] == "true"


def test_kaifu_is_based_on_the_four_documents_it_names_and_stays_apart_from_its_namesake(store):
    rows = ancestors(store, KAIFU, "asserted")
    got = sorted((r["title"], r["issuer"]) for r in rows)
    assert got == sorted([
        ("中共湖南省委湖南省人民政府关于实施强省会战略支持长沙市高质量发展的若干意见", None),
        (ACTION, "中共长沙市委长沙市人民政府"),
        (TITLE_KAIFU, "长沙市市场监督管理局"),
        (ACTION, "中共长沙市开福区委长沙市开福区人民政府"),
    ])
    # the city bureau's plan has Kaifu's title: a separate (stub) node, never Kaifu itself
    assert iri(KAIFU) not in {r["ancestor"] for r in rows}
    assert len({r["ancestor"] for r in rows}) == 4


@pytest.mark.parametrize("child", [KAIFU, CHANGDE])
def test_kaifu_and_changde_infer_the_hunan_plan_and_never_assert_it(store, child):
    rows = [r for r in ancestors(store, child, "inferred") if r["ancestor"] == iri(HUNAN)]
    assert len(rows) == 1
    assert 0.5 <= float(rows[0]["confidence"]) <= 1 and "湖南省" in rows[0]["reasons"]
    based = store.query("SELECT ?c ?p WHERE { ?c eli:based_on ?p }",
                        {"c": doc_iri(parse_file(CORPUS / child))}).rows
    assert iri(HUNAN) not in {p for _c, p in based}


def test_stub_arriving_later_merges_and_no_link_is_lost(store, tmp_path):
    s = OxigraphStore()
    build(None, s)
    before = Q.run(s, "lineage", {"doc": iri(SUZHOU)}).dicts()
    stub = next(r["ancestor"] for r in before if r["title"] == ANHUI_TITLE)
    (tmp_path / "anhui.txt").write_text(ANHUI, encoding="utf-8")
    build([tmp_path / "anhui.txt"], s)                  # the real document arrives later
    anhui = doc_iri(parse_file(tmp_path / "anhui.txt")).value
    assert s.query("SELECT ?s ?p ?o WHERE { ?s ?p ?o }", {"s": NamedNode(stub)}).rows == []
    assert s.query("SELECT ?s ?p ?o WHERE { ?o ?p ?s }", {"s": NamedNode(stub)}).rows == []
    after = Q.run(s, "lineage", {"doc": iri(SUZHOU)}).dicts()
    based = {r["ancestor"] for r in after if r["kind"] == "asserted"}
    assert anhui in based and stub not in based
    assert len(based) == len({r["ancestor"] for r in before if r["kind"] == "asserted"})
    docs = Q.run(s, "documents").dicts()
    assert [r["stub"] for r in docs if r["title"] == ANHUI_TITLE] == ["false"]
    # the Anhui plan's own basis is the national plan Hunan cites: one stub for both
    nat = {r["ancestor"] for r in Q.run(s, "lineage", {"doc": anhui}).dicts() if r["title"] == NATIONAL}
    assert nat == {r["ancestor"] for r in Q.run(s, "lineage", {"doc": iri(HUNAN)}).dicts()
                   if r["title"] == NATIONAL}


def test_links_graph_is_deterministic(store):
    a, _ = link_quads(store)
    b, _ = link_quads(store)
    assert a == b


# --- alignment and cascade ----------------------------------------------------------------------

@pytest.mark.parametrize("child", [KAIFU, CHANGDE])
def test_every_measure_gets_ranked_hunan_candidates(store, child):
    measures = {r["measure"] for r in Q.run(store, "measures", {"doc": iri(child)}).dicts()}
    rows = [r for r in Q.run(store, "alignment", {"child_doc": iri(child)}).dicts()
            if r["parent_doc"] == iri(HUNAN)]
    by_child: dict[str, list[dict]] = {}
    for r in rows:
        by_child.setdefault(r["child"], []).append(r)
    assert set(by_child) == measures
    for cands in by_child.values():
        cands.sort(key=lambda r: int(r["rank"]))
        assert [int(r["rank"]) for r in cands] == [1, 2, 3]
        scores = [float(r["score"]) for r in cands]
        assert scores == sorted(scores, reverse=True)
        assert all(r["parent_heading"] for r in cands)


def test_store_alignments_keep_the_published_evaluation(store):
    from eval.evaluate import evaluate_store
    from test_align import PUBLISHED
    f = evaluate_store(store)
    assert not f.unmatched
    for name, floor in PUBLISHED.items():
        assert getattr(f, name) >= floor, (name, getattr(f, name))


def test_cascade_food_safety_pass_rate_hunan_against_kaifu(store):
    rows = Q.run(store, "cascade", {"parent_doc": iri(HUNAN), "child_doc": iri(KAIFU)}).dicts()
    food = [r for r in rows if r["child_indicator"] == "食品安全评价性抽检合格率"]
    assert len(food) == 1
    r = food[0]
    assert (r["parent_target"], r["parent_binding"], r["parent_year"]) == ("≥98", "约束性", "2025")
    assert r["child_target"] == "≥98" and "98%以上" in r["child_as_written"]
    assert (r["label"], r["binding_change"], float(r["ratio"])) == ("kept", "unstated", 1.0)


def test_indicator_tables_only(store):
    rows = Q.run(store, "indicators").dicts()
    per = {}
    for r in rows:
        per[(r["doc"], r["table"])] = per.get((r["doc"], r["table"]), 0) + 1
    assert per == {(iri(HUNAN), "专栏1"): 20, (iri(SUZHOU), "专栏1"): 29, (iri(SUZHOU), "专栏5"): 12}
    # values as the tables write them (gold: tests/gold/002_hunan.json, 003_suzhou.json)
    by_name = {r["indicator"]: r for r in rows}
    assert (by_name["重点工业产品监督抽查批次数"]["baseline"], by_name["重点工业产品监督抽查批次数"]["target"]) == ("10000", ">11000")
    assert (by_name["企业开办时间"]["baseline"], by_name["企业开办时间"]["target"]) == ("≤1", "≤1")
    assert by_name["知识产权质押融资金额"]["unit"] == "亿元/年" and by_name["知识产权质押融资金额"]["target"] == "10"
    prose = Q.run(store, "targets", {"doc": iri(KAIFU)}).dicts()
    assert any(r["indicator"] == "食品安全评价性抽检合格率" for r in prose)


def test_validate_conforms_and_the_new_shapes_bite(store):
    from graph.validate import data_graph, validate_graph
    pkg = rdflib.Namespace("https://w3id.org/policykg/ontology#")
    g = data_graph(store)
    a = sorted(g.subjects(rdflib.RDF.type, pkg.Alignment))[0]
    g.remove((a, pkg.rank, None))
    report = validate_graph(g)
    assert [(v.focus, v.path) for v in report.violations] == [(str(a), str(pkg.rank))]
