"""Inferred parents: region ancestry, period overlap, domain, level; never asserted."""
from __future__ import annotations

from graph.infer import infer_parents
from graph.lineage import ancestors, ancestors_map, asserted_edges, documents_graph, \
    inferred_edges, write_graphml
from graph.lineage_model import DocInfo
from eval.seed_measures import seed_doc


def d(iri, level, code, period, title="市场监管规划", issuer=("某市场监督管理局",)):
    return DocInfo(iri=iri, title=title, issuer=issuer, level=level, region_code=code,
                   period=period)


def test_seed_city_and_district_get_the_province_as_inferred_parent():
    hunan, kaifu, changde = seed_doc("hunan"), seed_doc("kaifu"), seed_doc("changde")
    links = infer_parents([hunan, kaifu, changde])
    pairs = {(x.child, x.parent) for x in links}
    assert (changde.iri, hunan.iri) in pairs        # 常德市 is in 湖南省, 2023 ⊂ 2021-2025
    assert (kaifu.iri, hunan.iri) in pairs          # 开福区 → 长沙市 → 湖南省
    assert all(x.kind == "inferred" and 0 <= x.confidence <= 1 and x.reasons for x in links)
    assert not any(x.parent in (kaifu.iri, changde.iri) for x in links)


def test_other_province_and_disjoint_period_are_not_candidates():
    prov = d("hn", "province", "430000", "2021-2025")
    other = d("hb", "province", "420000", "2021-2025")
    old = d("old", "province", "430000", "2016-2020")
    child = d("cd", "city", "430700", "2023")
    parents = {x.parent for x in infer_parents([prov, other, old, child])}
    assert parents == {"hn"}


def test_nearer_region_is_more_confident_and_asserted_pairs_are_not_repeated():
    prov = d("hn", "province", "430000", "2021-2025")
    city = d("cs", "city", "430100", "2022-2026")
    dist = d("kf", "district", "430105", "2022-2026")
    links = infer_parents([prov, city, dist])
    conf = {(x.child, x.parent): x.confidence for x in links}
    assert conf[("kf", "cs")] > conf[("kf", "hn")]
    again = infer_parents([prov, city, dist], asserted=[("kf", "cs")])
    assert ("kf", "cs") not in {(x.child, x.parent) for x in again}


def test_same_level_or_other_domain_is_not_a_parent():
    a = d("a", "city", "430100", "2021-2025")
    b = d("b", "city", "430100", "2021-2025")
    env = d("env", "province", "430000", "2021-2025", title="生态环境保护规划", issuer=("湖南省生态环境厅",))
    assert infer_parents([a, b, env]) == []


def test_graph_keeps_asserted_over_inferred_and_exports_graphml(tmp_path):
    g = documents_graph([("kf", "cs", "asserted", None), ("kf", "cs", "inferred", 0.7),
                         ("cs", "hn", "inferred", 0.9)],
                        nodes=[("kf", "开福区方案", "district", "430105", False)])
    assert g.edges["kf", "cs"]["kind"] == "asserted"
    assert ancestors(g, "kf") == ["cs", "hn"]
    assert ancestors(g, "kf", include_inferred=False) == ["cs"]
    assert ancestors_map(g)["kf"] == ["cs", "hn"]
    p = write_graphml(g, tmp_path / "lineage.graphml")
    text = p.read_text(encoding="utf-8")
    assert "开福区方案" in text and "inferred" in text


def test_edge_rows_from_the_algorithms():
    hunan, kaifu = seed_doc("hunan"), seed_doc("kaifu")
    rows = inferred_edges(infer_parents([hunan, kaifu])) + asserted_edges([hunan, kaifu])
    g = documents_graph(rows)
    assert hunan.iri in ancestors(g, kaifu.iri)


def test_paths_follow_one_candidate_per_level_and_keep_every_candidate():
    """A dense corpus has several plans per region: all stay candidates, the lineage path
    follows the most plausible one per level (confidence, then the nearest period), and
    none at a level where the child names its parent itself."""
    from graph.infer import path_parents
    five_year = d("cs-plan", "city", "430100", "2021-2025")
    work_2023 = d("cs-2023", "city", "430100", "2023", title="市场监管工作要点")
    work_2024 = d("cs-2024", "city", "430100", "2024", title="市场监管工作要点")
    prov = d("hn", "province", "430000", "2021-2025")
    child = d("kf", "district", "430105", "2023", title="市场监管工作要点")
    docs = [five_year, work_2023, work_2024, prov, child]
    links = infer_parents(docs)
    assert {x.parent for x in links if x.child == "kf"} == {"cs-plan", "cs-2023", "hn"}
    on = {(x.child, x.parent) for x in path_parents(links, docs)}
    # 2023 work points: same type and the same year as the child's
    assert ("kf", "cs-2023") in on and ("kf", "cs-plan") not in on and ("kf", "hn") in on
    # the child names the five-year plan: no inferred city parent on its path
    on = {(x.child, x.parent) for x in path_parents(links, docs, asserted={("kf", "cs-plan")})}
    assert not any(p.startswith("cs-") for c, p in on if c == "kf") and ("kf", "hn") in on
