"""Title folding and citation resolution: real seeds plus small synthetic documents."""
from __future__ import annotations

import pytest

from graph.lineage_model import CitedTitle, DocInfo
from graph.resolve import DocIndex, fold_title, merge_stub, stub_key, unwrap
from eval.seed_measures import seed_doc

TITLE = "关于贯彻落实强省会战略的工作方案（2022-2026年）"


def doc(iri, title, issuer=(), level=None, code=None, number=None, stub=False):
    return DocInfo(iri=iri, title=title, issuer=tuple(issuer), level=level, region_code=code,
                   doc_number=number, stub=stub)


@pytest.mark.parametrize("a, b", [
    ("《湖南省“十四五”市场监管规划》", "湖南省\"十四五\"市场监管规划"),
    ("湖南省发展和改革委员会 湖南省市场监督管理局关于印发湖南省“十四五”市场监管规划的通知",
     "湖南省“十四五”市场监管规划"),
    ("長沙市市場監督管理局印發<關於貫徹落實強省會戰略的工作方案（2022-2026年）>的通知", TITLE),
    ("关于贯彻落实强省会战略的工作方案(2022-2026年)", TITLE),
    ("关于强化知识产权保护的实施意见（湘办发〔2020〕16号）", "〈关于强化知识产权保护的实施意见〉"),
    ("湖南省国民经济和社会发展第十四个五年规划和二○三五年远景目标纲要",
     "湖南省国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要"),
])
def test_fold_title_equates_variants(a, b):
    assert fold_title(a) == fold_title(b)


def test_fold_title_keeps_different_plans_apart():
    assert fold_title("关于贯彻落实强省会战略的行动方案（2022-2026年）") != fold_title(TITLE)


def test_unwrap_nested_notice_keeps_outer_issuer_and_number():
    issuer, title, number = unwrap("国务院关于印发《关于转发<市场监管办法>的通知》的通知（国发〔2021〕30号）")
    assert (issuer, title, number) == ("国务院", "市场监管办法", "国发〔2021〕30号")


def test_identical_titles_different_issuers_choose_by_issuer():
    city = doc("city", TITLE, ["长沙市市场监督管理局"], "city", "430100")
    kaifu = doc("kaifu", TITLE, ["长沙市开福区市场监督管理局"], "district", "430105")
    idx = DocIndex([city, kaifu])
    cit = CitedTitle(TITLE, issuer="长沙市市场监督管理局")
    assert idx.resolve(cit, kaifu) == ("city", "title+issuer")


def test_never_resolves_to_itself():
    kaifu = doc("kaifu", TITLE, ["长沙市开福区市场监督管理局"], "district", "430105")
    iri, how = DocIndex([kaifu]).resolve(CitedTitle(TITLE, issuer="长沙市市场监督管理局"), kaifu)
    assert iri is None


def test_issuer_naming_another_region_is_not_resolved_to_a_namesake():
    # Kaifu cites the district's 行动方案; only the city's, word for word the same title, is loaded
    action = "关于贯彻落实强省会战略的行动方案（2022-2026年）"
    city_plan = doc("city-action", action, ["中共长沙市委", "长沙市人民政府"], "city", "430100")
    kaifu = doc("kaifu", TITLE, ["长沙市开福区市场监督管理局"], "district", "430105")
    idx = DocIndex([city_plan, kaifu])
    assert idx.resolve(CitedTitle(action, "中共长沙市开福区委长沙市开福区人民政府"), kaifu)[0] is None
    assert idx.resolve(CitedTitle(action, "中共长沙市委长沙市人民政府"), kaifu)[0] == "city-action"


def test_drafting_department_prefix_still_resolves_by_title():
    national = doc("nat", "“十四五”市场监管现代化规划", ["国务院"], "national", "100000")
    hunan = doc("hunan", "湖南省“十四五”市场监管规划", ["湖南省市场监督管理局"], "province", "430000")
    cit = CitedTitle("“十四五”市场监管现代化规划", issuer="国家市场监管总局")
    assert DocIndex([national, hunan]).resolve(cit, hunan)[0] == "nat"


def test_issuer_prefix_inside_the_title():
    opinion = doc("op", "关于实施强省会战略支持长沙市高质量发展的若干意见",
                  ["中共湖南省委", "湖南省人民政府"], "province", "430000")
    kaifu = doc("kaifu", TITLE, [], "district", "430105")
    cit = CitedTitle("中共湖南省委湖南省人民政府关于实施强省会战略支持长沙市高质量发展的若干意见")
    assert DocIndex([opinion, kaifu]).resolve(cit, kaifu) == ("op", "title-after-issuer")


def test_traditional_citation_with_doc_number():
    a = doc("a", "关于强化知识产权保护的实施意见", ["中共湖南省委办公厅"], "province", "430000",
            number="湘办发〔2020〕16号")
    b = doc("b", "关于强化知识产权保护的实施意见", ["某市人民政府"], "city", "430700")
    cit = CitedTitle("關於強化知識產權保護的實施意見（湘辦發〔2020〕16號）")
    assert DocIndex([a, b]).resolve(cit, None) == ("a", "title+number")


def test_equal_titles_prefer_the_level_above_the_citing_document():
    prov = doc("prov", "市场监管工作要点", [], "province", "430000")
    dist = doc("dist", "市场监管工作要点", [], "district", "430105")
    city = doc("city", "某市方案", [], "city", "430100")
    assert DocIndex([prov, dist, city]).resolve(CitedTitle("市场监管工作要点"), city)[0] == "prov"


def test_stub_keys_separate_namesakes_by_region_and_merge_when_the_real_one_arrives():
    action = "关于贯彻落实强省会战略的行动方案（2022-2026年）"
    k_city = stub_key(CitedTitle(action, "中共长沙市委长沙市人民政府"))
    k_dist = stub_key(CitedTitle(action, "中共长沙市开福区委长沙市开福区人民政府"))
    assert k_city != k_dist
    assert stub_key(CitedTitle("“十四五”市场监管现代化规划", "国家市场监管总局")) == \
        stub_key(CitedTitle("《“十四五”市场监管现代化规划》", "国务院"))
    arrived = doc("city-action", action, ["长沙市人民政府"], "city", "430100")
    assert merge_stub("stub:1", k_city, arrived) == {"stub:1": "city-action"}
    assert merge_stub("stub:2", k_dist, arrived) == {}


def test_stub_never_merges_into_its_citer():
    kaifu = doc("kaifu", TITLE, [], "district", "430105")
    assert merge_stub("stub:x", fold_title(TITLE), kaifu, citers=["kaifu"]) == {}


def test_ambiguous_district_name_gives_no_region():
    from graph.infer import region_tree
    t = region_tree()
    assert t.find("鼓楼区人民政府") is None
    assert t.find("福州市鼓楼区人民政府") == "350102"


def test_seed_bases_do_not_resolve_to_the_seeds_themselves():
    kaifu, hunan = seed_doc("kaifu"), seed_doc("hunan")
    if not kaifu.bases:
        pytest.skip("citations stage yields no basis yet")
    idx = DocIndex([kaifu, hunan, seed_doc("changde")])
    for b in kaifu.bases + hunan.bases:
        # none of the seeds is a basis of another seed: all stay stubs
        assert idx.resolve(b, kaifu if b in kaifu.bases else hunan)[0] is None
    # Kaifu's city and district 行动方案 are two different stubs
    keys = {stub_key(b) for b in kaifu.bases}
    assert len(keys) == len(kaifu.bases)
