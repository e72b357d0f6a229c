"""Idempotency: building twice changes nothing; reloading a changed document leaves none
of its old facts behind (its own graph, citations, alignments, units, stubs)."""
from __future__ import annotations

import shutil

from app.cli import main
from graph.publish import current_generation, open_for_read
from graph.export import sorted_nquads

from conftest import CORPUS

KAIFU = "000_d4b74f1350e2b71b.txt"
# measure 3.(一).6 of the Kaifu plan: its text, its only responsible unit, a citation
OLD_MEASURE = ("6. 强化知识产权保护运用。运用行政等手段，深化知识产权服务便利化改革")
NEW_MEASURE = "6. 推行档案数字化管理。建立电子档案共享库，实行档案查阅一网通办"
OLD_UNIT = "（责任单位：知识产权监督管理科、各市场监管所）"
NEW_UNIT = "（责任单位：档案管理室、各市场监管所）"
OLD_CITATION = "《中共湖南省委湖南省人民政府关于实施强省会战略支持长沙市高质量发展的若干意见》"
NEW_CITATION = "《长沙市开福区优化营商环境三年行动计划》"
OLD_FACTS = ["深化知识产权服务便利化改革", "地理标志专项整治", "知识产权监督管理科",
             "强省会战略支持长沙市高质量发展的若干意见"]
NEW_FACTS = ["推行档案数字化管理", "档案管理室", "长沙市开福区优化营商环境三年行动计划"]


def export(store) -> bytes:
    s = open_for_read(store)
    return sorted_nquads(s)


def build(docs, store, capsys) -> None:
    assert main(["build", str(docs), "--store", str(store), "--jobs", "2"]) == 0
    capsys.readouterr()


def test_building_twice_gives_byte_identical_exports(tmp_path, capsys):
    store = tmp_path / "store"
    build(CORPUS, store, capsys)
    first, g1 = export(store), current_generation(store)
    build(CORPUS, store, capsys)
    assert current_generation(store) != g1          # a new generation was published
    assert export(store) == first and len(first) > 10_000
    # and the CLI export of both is the same file
    assert main(["export", "--store", str(store), "--format", "nquads",
                 "-o", str(tmp_path / "b.nq")]) == 0
    assert (tmp_path / "b.nq").read_bytes() == first


def _edit(path) -> None:
    text = path.read_text(encoding="utf-8")
    start = text.index(OLD_MEASURE)
    end = text.index(OLD_UNIT, start) + len(OLD_UNIT)
    text = text[:start] + NEW_MEASURE + "。" + NEW_UNIT + text[end:]
    assert text.count(OLD_CITATION) == 1
    text = text.replace(OLD_CITATION, NEW_CITATION)
    path.write_text(text, encoding="utf-8")


def test_reloading_a_changed_document_leaves_none_of_its_old_facts(tmp_path, capsys):
    docs = tmp_path / "docs"
    shutil.copytree(CORPUS, docs)
    store = tmp_path / "store"
    build(docs, store, capsys)
    before = export(store).decode("utf-8")
    for fact in OLD_FACTS:
        assert fact in before, fact
    s = open_for_read(store)
    measure = s.query("SELECT ?m WHERE { ?m a pkg:Measure ; pkg:text ?t "
                      "FILTER(CONTAINS(?t, '地理标志专项整治')) }").column("m")
    assert len(measure) == 1
    old_alignments = s.query("SELECT ?a ?p ?s WHERE { GRAPH ?g { ?a a pkg:Alignment ; "
                             "pkg:child ?m ; pkg:parent ?p ; pkg:score ?s } }".replace("?m", f"<{measure[0]}>")
                             ).rows
    del s

    _edit(docs / KAIFU)
    build(docs, store, capsys)
    after = export(store)
    text = after.decode("utf-8")
    for fact in OLD_FACTS:
        assert fact not in text, f"old fact left behind: {fact}"
    for fact in NEW_FACTS:
        assert fact in text, f"new fact missing: {fact}"

    s = open_for_read(store)
    m = f"<{measure[0]}>"                     # same structural IRI, new text, new unit
    assert s.query(f"SELECT ?t WHERE {{ {m} pkg:text ?t }}").column("t")[0].startswith(
        NEW_MEASURE[3:])
    assert sorted(s.query(f"SELECT ?l WHERE {{ ?r pkg:measure {m} ; pkg:asWritten ?l }}"
                          ).column("l")) == sorted(["档案管理室", "各市场监管所"])
    # no citation or stub still carries the old title; alignments recomputed from the new text
    assert s.query("SELECT ?x WHERE { ?x ?p ?t FILTER(isLiteral(?t) && CONTAINS(STR(?t), "
                   "'强省会战略支持长沙市')) }").rows == []
    new_alignments = s.query("SELECT ?a ?p ?s WHERE { GRAPH ?g { ?a a pkg:Alignment ; "
                             "pkg:child ?m ; pkg:parent ?p ; pkg:score ?s } }".replace("?m", m)).rows
    assert not set(old_alignments) & set(new_alignments) or not old_alignments
    del s

    # the strongest form: the same bytes as a fresh store built from the edited files
    fresh = tmp_path / "fresh"
    build(docs, fresh, capsys)
    assert export(fresh) == after
