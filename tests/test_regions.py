"""Region gazetteer: GB/T 2260 divisions from cpca's adcodes.csv, lookups and resolution."""
from __future__ import annotations

import pytest

from loaders.regions import COUNTRY_CODE, Region, gazetteer


@pytest.fixture(scope="module")
def g():
    return gazetteer()


def test_gazetteer_is_cached_and_complete(g):
    assert gazetteer() is g
    assert len(g) > 3000
    assert all(len(r.code) == 6 and r.code.isdigit() for r in g)
    # placeholders of the CSV are not divisions
    assert not g.by_name("市辖区") and not g.by_name("省直辖县级行政区划")


def test_country(g):
    c = g.by_code(COUNTRY_CODE)
    assert c.level == "national" and c.parent_code is None
    assert g.ancestors(COUNTRY_CODE) == ()


@pytest.mark.parametrize("code,name,short,level,parent", [
    ("430105", "开福区", "开福区", "district", "430100"),
    ("430100", "长沙市", "长沙", "city", "430000"),
    ("430000", "湖南省", "湖南", "province", COUNTRY_CODE),
    ("430700", "常德市", "常德", "city", "430000"),
    ("420104", "硚口区", "硚口区", "district", "420100"),
    ("341300", "宿州市", "宿州", "city", "340000"),
    ("450000", "广西壮族自治区", "广西", "province", COUNTRY_CODE),
    ("433100", "湘西土家族苗族自治州", "湘西", "city", "430000"),
    ("152900", "阿拉善盟", "阿拉善", "city", "150000"),
    ("110105", "朝阳区", "朝阳区", "district", "110000"),     # 直辖市: no 市辖区 level
    ("429004", "仙桃市", "仙桃市", "district", "420000"),     # county-level city under the province
])
def test_divisions(g, code, name, short, level, parent):
    r = g.by_code(code)
    assert isinstance(r, Region)
    assert (r.name, r.short_name, r.level, r.parent_code) == (name, short, level, parent)
    assert r.lat is not None and r.lon is not None


def test_ancestors(g):
    assert [a.code for a in g.ancestors("430105")] == ["430100", "430000", COUNTRY_CODE]
    assert [a.code for a in g.ancestors("420104")] == ["420100", "420000", COUNTRY_CODE]


def test_names(g):
    assert g.full_name("430105") == "长沙市开福区"
    assert g.full_name("110105") == "北京市朝阳区"
    assert g.full_name("430700") == "常德市"
    assert g.path_name("430105") == "湖南省长沙市开福区"
    assert g.path_name("341300") == "安徽省宿州市"


def test_by_name_returns_every_namesake(g):
    codes = {r.code for r in g.by_name("鼓楼区")}
    assert {"320106", "350102", "410204", "320302"} <= codes
    assert [r.code for r in g.by_name("常德")] == ["430700"]
    assert {r.level for r in g.by_name("海南")} == {"province", "city"}   # 海南省, 海南藏族自治州


def test_resolve_uses_context(g):
    assert g.resolve(["开福区"]).code == "430105"
    assert g.resolve(["硚口区"]).code == "420104"
    assert g.resolve(["长沙市", "开福区"]).code == "430105"
    # an ambiguous district: the one whose city or province the text also names
    assert g.resolve(["鼓楼区", "福州市"]).code == "350102"
    assert g.resolve(["鼓楼区"], hint_codes=["410200"]).code == "410204"
    assert g.resolve(["鼓楼区"], hint_codes=["320300", "320000"]).code == "320302"
    assert g.resolve(["湖南省"]).code == "430000"
    assert g.resolve(["国家市场监督管理总局"]).code == COUNTRY_CODE
    assert g.resolve(["火星"]) is None


def test_find_in_text(g):
    text = "长沙市开福区市场监管局，湖南省示范县建设，萧县、泗县和中心城区"
    names = [n for _s, _e, n in g.find(text)]
    assert names == ["长沙市", "开福区", "湖南省", "萧县", "泗县"]   # not 范县 in 示范县, not 城区
    for s, e, n in g.find(text):
        assert text[s:e] == n


def test_mention_codes_on_seeds(seeds):
    g = gazetteer()
    counts = {p.name: g.mention_codes(p.read_text(encoding="utf-8")) for p in seeds}
    assert counts["003_4314df77ff9555c6.txt"].most_common(1)[0][0] == "341300"
    assert counts["004_8808ba02f2afebfc.txt"].most_common(1)[0][0] == "420104"
