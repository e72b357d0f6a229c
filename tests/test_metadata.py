"""Metadata: title, issuer, date, doc number, level, region, period, type, body bounds.

On the seed documents against the gold facts, and on small unseen-style documents
(a county plan with a notice, a portal page, an untitled work-points text, a plan
signed at its end, a national plan) to show the rules are general.
"""
from __future__ import annotations

import pytest

from conftest import gold_for, seed_paths
from loaders import metadata, structure
from loaders.model import SourceDoc
from loaders.read import read


def meta_of(text: str):
    src = SourceDoc(path="", name="unseen.txt", text=text, sha256="", text_sha256="", encoding="utf-8",
                    format="txt")
    return src, metadata.extract(src, structure.sections(src.text))


def check_spans(text, m):
    spans = [m.title_span, m.date_span, m.doc_number_span, m.period_span, *m.issuer_spans]
    for sp in spans:
        if sp is not None:
            assert text[sp.start:sp.end] == sp.text
    assert 0 <= m.body_start <= m.body_end <= len(text)


# --- seeds against gold ---------------------------------------------------------------------

@pytest.mark.parametrize("path", seed_paths(), ids=lambda p: p.name[:3])
def test_seed_metadata_matches_gold(path):
    gold = gold_for(path)
    src = read(path)
    m = metadata.extract(src, structure.sections(src.text))
    check_spans(src.text, m)
    if gold.get("title"):
        assert m.title == gold["title"] and not m.title_inferred
    else:
        assert m.title_inferred and m.title
    for key in ("date", "doc_number", "level", "region_code", "period"):
        assert getattr(m, key) == gold.get(key), key
    assert m.region == gold["region"]
    if gold.get("published"):
        assert m.published == gold["published"]
    for name in gold["issuer"]:
        short = name.replace("市场监督管理局", "市场监管局")
        assert any(name == i or short.endswith(i.replace("市场监督管理局", "市场监管局")) for i in m.issuer), m.issuer


def test_untitled_work_points_compose_a_title(parsed):
    m = parsed["001_b6f628332cf1f593.txt"].meta
    assert m.title_inferred and m.issuer_inferred
    assert "2023" in m.title and "常德" in m.title and m.title.endswith("工作要点")
    assert m.doc_type == "工作要点"
    assert m.body_start == 0


def test_district_issuer_inferred_from_self_reference(parsed):
    m = parsed["000_d4b74f1350e2b71b.txt"].meta
    assert m.issuer == ("长沙市开福区市场监督管理局",) and m.issuer_inferred
    assert m.date is None                 # never invent a date


def test_notice_wraps_plan(parsed):
    doc = parsed["002_cc10d02186e4a576.txt"]
    m, text = doc.meta, doc.source.text
    assert m.notice_title.endswith("关于印发湖南省“十四五”市场监管规划的通知")
    assert m.issuer == ("湖南省发展和改革委员会", "湖南省市场监督管理局")
    assert text[m.body_start:].startswith("湖南省“十四五”市场监管规划")
    assert "推荐产品" not in text[m.body_start:m.body_end]
    assert m.doc_type == "规划"


def test_portal_block_and_footer(parsed):
    doc = parsed["004_8808ba02f2afebfc.txt"]
    m, text = doc.meta, doc.source.text
    assert m.doc_number is None           # an empty 文号 field
    assert m.doc_type == "纲要"
    assert "扫一扫" not in text[m.body_start:m.body_end]
    assert "索 引 号" not in text[m.body_start:m.body_end]


def test_table_of_contents_is_after_body_start(parsed):
    doc = parsed["003_4314df77ff9555c6.txt"]
    assert doc.meta.doc_number_span.start < doc.meta.body_start


# --- unseen documents of the same genre -----------------------------------------------------

COUNTY_NOTICE = """萧县市场监督管理局关于印发《萧县“十四五”市场监管规划》的通知
萧市监〔2022〕7号
各乡镇市场监管所,局机关各股室:
现将《萧县“十四五”市场监管规划》印发给你们,请认真贯彻执行。
萧县市场监督管理局
二〇二二年六月八日
萧县“十四五”市场监管规划
依据《宿州市“十四五”市场监管现代化规划》(宿市监发〔2022〕40号)和《萧县国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要》,结合我县实际,制定本规划。
一、发展基础
全县市场主体稳步增长。
二、主要任务
(一)严格食品安全监管。认真执行《中华人民共和国食品安全法》。
"""


def test_county_plan_with_notice():
    src, m = meta_of(COUNTY_NOTICE)
    check_spans(src.text, m)
    assert m.title == "萧县“十四五”市场监管规划"
    assert m.notice_title.startswith("萧县市场监督管理局关于印发")
    assert m.issuer == ("萧县市场监督管理局",)
    assert m.date == "2022-06-08"
    assert m.doc_number == "萧市监〔2022〕7号"
    assert (m.level, m.region_code, m.period, m.doc_type) == ("district", "341322", "2021-2025", "规划")
    assert src.text[m.body_start:].startswith("萧县“十四五”市场监管规划\n依据")


PORTAL = """网站首页 > 政务公开 > 规划计划
索 引 号: 123456/2023-00012 主题分类: 市场监管
发布机构: 鼓楼区市场监督管理局 成文日期: 2023-03-15
文　　号: 鼓市监[2023]3号 发布日期: 2023-03-20
标　　题: 鼓楼区2023年市场监管工作要点

鼓楼区2023年市场监管工作要点

为贯彻落实《福州市2023年市场监管工作要点》,结合我区实际,制定本要点。
一、优化营商环境
全区新增市场主体1万户。
二、强化安全监管
守住福州市鼓楼区食品安全底线。

【打印本页】【关闭窗口】
扫一扫在手机上查看当前页面
"""


def test_portal_page_with_traditional_doc_number_and_ambiguous_district():
    src, m = meta_of(PORTAL)
    check_spans(src.text, m)
    assert m.title == "鼓楼区2023年市场监管工作要点"
    assert m.issuer == ("鼓楼区市场监督管理局",)
    assert (m.date, m.published) == ("2023-03-15", "2023-03-20")
    assert m.doc_number == "鼓市监[2023]3号"
    assert (m.level, m.region_code) == ("district", "350102")    # the 鼓楼区 of 福州市
    assert (m.period, m.doc_type) == ("2023", "工作要点")
    body = src.text[m.body_start:m.body_end]
    assert body.startswith("鼓楼区2023年") and body.endswith("食品安全底线。")


UNTITLED = """2024年,全市市场监管系统要坚持稳中求进,为建设现代化新岳阳贡献力量。主要任务是:
一、优化营商环境
1.落实《岳阳市优化营商环境若干措施》,全市新增经营主体3万户。(责任单位:登记注册科)
2.市局牵头开展信用监管。(责任单位:信用监管科)
二、守牢安全底线
3.全市食品抽检合格率稳定在98%以上。(责任单位:食品抽检科)
"""


def test_untitled_city_work_points():
    src, m = meta_of(UNTITLED)
    check_spans(src.text, m)
    assert m.title_inferred and m.title == "2024年岳阳市市场监管工作要点"
    assert m.issuer == ("岳阳市市场监督管理局",) and m.issuer_inferred
    assert (m.level, m.region_code, m.period, m.date) == ("city", "430600", "2024", None)


SIGNED_AT_END = """古丈县市场监管领域行动方案（2023—2025年）

为推动高质量发展,根据《湘西土家族苗族自治州市场监管行动方案》要求,制定本方案。
一、工作目标
到2025年,全县市场主体达到2万户。
二、工作措施
加强监管。

古丈县市场监督管理局
2023年4月12日
"""


def test_plan_signed_at_its_end():
    src, m = meta_of(SIGNED_AT_END)
    check_spans(src.text, m)
    assert m.title == "古丈县市场监管领域行动方案（2023—2025年）"
    assert m.issuer == ("古丈县市场监督管理局",)
    assert (m.date, m.period, m.doc_type) == ("2023-04-12", "2023-2025", "行动方案")
    assert (m.level, m.region_code) == ("district", "433126")


NATIONAL = """“十四五”市场监管现代化规划
国家市场监督管理总局
为加快推进市场监管现代化,编制本规划。
第一章 发展环境
内容。
"""


def test_national_plan():
    src, m = meta_of(NATIONAL)
    assert m.issuer == ("国家市场监督管理总局",)
    assert (m.level, m.region_code, m.period) == ("national", "100000", "2021-2025")


@pytest.mark.parametrize("text", ["", "\n\n", "一、\n", "《》", "关于印发的通知", "2023年", "x" * 500])
def test_odd_input_does_not_crash(text):
    src, m = meta_of(text)
    check_spans(src.text, m)


WRAPPED_TITLE = """附件
株洲市荷塘区市场监管
现代化规划
为推进“十四五”时期(2021—2025年)市场监管现代化,编制本规划。
一、发展基础
全区经营主体稳步增长。
"""


def test_title_wrapped_over_two_lines_and_period_from_the_preamble():
    src, m = meta_of(WRAPPED_TITLE)
    check_spans(src.text, m)
    assert m.title == "株洲市荷塘区市场监管现代化规划" and not m.title_inferred
    assert src.text[m.body_start:].startswith("株洲市荷塘区市场监管\n")
    assert (m.period, m.doc_type) == ("2021-2025", "规划")
    # no issuer named: inferred from the division the text names at its level (全区)
    assert m.issuer == ("株洲市荷塘区市场监督管理局",) and m.region_code == "430202"


SIGNER = """关于印发《临澧县2023年市场监管工作要点》的通知
临市监发〔2023〕3号          签发人：王某
局机关各股室:
现将《临澧县2023年市场监管工作要点》印发给你们。
临澧县市场监督管理局
2023年2月1日
临澧县2023年市场监管工作要点
一、工作目标
全县新增市场主体3000户。
"""


def test_doc_number_line_with_signer():
    src, m = meta_of(SIGNER)
    check_spans(src.text, m)
    assert m.doc_number == "临市监发〔2023〕3号"
    assert (m.region_code, m.period, m.date) == ("430724", "2023", "2023-02-01")


PORTAL_NO_REGION = """发布机构: 区市场监管局 发文日期: 2022-09-01
西湖区市场监管“十四五”规划

为推动杭州市西湖区市场监管现代化,结合全区实际,编制本规划。
一、发展环境
全区市场主体持续增长,西湖区市场监管能力提升。
"""


def test_issuer_without_a_division_name_takes_the_text_region():
    src, m = meta_of(PORTAL_NO_REGION)
    assert m.issuer == ("区市场监管局",)
    assert (m.level, m.region_code) == ("district", "330106")   # the 西湖区 of 杭州市


RED_HEAD = """长沙县市场监督管理局文件
长县市监发〔2022〕12号
关于优化营商环境的实施方案
为深入贯彻落实《长沙市优化营商环境若干措施》,制定本方案。
一、工作目标
全县新增市场主体1万户。
"""


def test_red_head_names_the_issuer_and_is_not_the_title():
    src, m = meta_of(RED_HEAD)
    check_spans(src.text, m)
    assert m.title == "关于优化营商环境的实施方案" and m.doc_type == "实施方案"
    assert m.issuer == ("长沙县市场监督管理局",) and not m.issuer_inferred
    assert (m.doc_number, m.level, m.region_code) == ("长县市监发〔2022〕12号", "district", "430121")
    assert src.text[m.body_start:].startswith("关于优化营商环境")


SECOND_NAME = """黔东南州2022年知识产权工作要点

黔东南州市场监督管理局（知识产权局）

2022年,全州知识产权工作要以高质量发展为主线。
一、加强知识产权创造
内容。
"""


def test_an_issuer_written_with_its_second_name_in_brackets():
    src, m = meta_of(SECOND_NAME)
    check_spans(src.text, m)
    assert m.issuer == ("黔东南州市场监督管理局",)
    assert (m.level, m.region_code, m.period) == ("city", "522600", "2022")
