"""Formats: the seeds converted to .docx, .html, .pdf, GB18030, UTF-16 and traditional
characters extract as well as the plain text; readers keep tables and drop page chrome.

The converters live here (the tests make their own fixtures, nothing is checked in):
one paragraph per line of the seed.  The seeds' tables are text already (seed 003's
one-cell-per-line ``cell |`` export cannot be cut back into rows without the indicator
parser's own logic), so structured tables are tested on a synthetic indicator table.
"""
from __future__ import annotations

import html
import importlib.util
import io
import json
import re
from pathlib import Path

import pytest

from conftest import GOLD, ROOT, seed_paths
from loaders import LoaderError, parse_file
from loaders.read import read, read_bytes

SCORER = ROOT.parent / "shared" / "eval" / "score_extraction.py"


# ------------------------------------------------------------------ converters

def blocks(text: str) -> list:
    """Lines of a seed, one paragraph each."""
    return text.split("\n")


def make_docx(items: list) -> bytes:
    """Paragraphs (str) and tables (list of rows) -> .docx bytes."""
    import docx
    d = docx.Document()
    for it in items:
        if isinstance(it, str):
            d.add_paragraph(it)
        else:
            width = max(len(r) for r in it)
            t = d.add_table(rows=len(it), cols=width)
            for i, row in enumerate(it):
                for j, cell in enumerate(row):
                    t.cell(i, j).text = cell
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


CHROME_HEAD = """<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>市场监管局门户网站</title><style>p {{ margin: 0 }}</style>
<script>var nav = "首页 机构概况 政务公开";</script></head>
<body><div id="top"><header class="site-header"><img src="logo.png" alt="市场监督管理局">
<nav class="main-nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li>
<li><a href="/bsfw">办事服务</a></li><li><a href="/hdjl">互动交流</a></li></ul></nav></header></div>
<div class="breadcrumb">当前位置：首页 &gt; 政务公开 &gt; 规划计划</div>
<div class="share-bar">分享到：微信 微博</div>
<div class="article"><div class="TRS_Editor">
"""
CHROME_FOOT = """</div></div>
<div class="sidebar"><h3>相关链接</h3><a href="#">国家市场监督管理总局</a></div>
<footer><p>主办单位：某市市场监督管理局 版权所有</p><p>网站标识码：4301000001 备案号：湘ICP备00000000号</p>
<p><a href="#">联系我们</a> | <a href="#">网站地图</a></p></footer>
<script>document.write("访问量");</script></body></html>
"""


def _p(line: str) -> str:
    return "<p>" + (html.escape(line).replace(" ", "&nbsp;") or "&nbsp;") + "</p>"


def make_html(items: list, charset: str = "utf-8") -> bytes:
    body = []
    for it in items:
        if isinstance(it, str):
            body.append(_p(it))
        else:
            rows = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>"
                           for r in it)
            body.append(f"<table border=\"1\"><tbody>{rows}</tbody></table>")
    page = CHROME_HEAD.format(charset=charset) + "\n".join(body) + CHROME_FOOT
    return page.encode("gb18030" if charset.lower() in ("gb2312", "gbk", "gb18030") else charset)


def s2t(obj):
    """OpenCC s2t over every string of a JSON value (the traditional copies and their gold)."""
    conv = _s2t_converter()
    if isinstance(obj, str):
        return conv.convert(obj)
    if isinstance(obj, list):
        return [s2t(x) for x in obj]
    if isinstance(obj, dict):
        return {k: (v if k == "file" else s2t(v)) for k, v in obj.items()}
    return obj


_CONV = []


def _s2t_converter():
    if not _CONV:
        import opencc
        _CONV.append(opencc.OpenCC("s2t"))
    return _CONV[0]


CONVERSIONS = {
    "docx": (".docx", lambda t: make_docx(blocks(t))),
    "html": (".html", lambda t: make_html(blocks(t), "gb2312")),
    "gb18030": (".txt", lambda t: t.encode("gb18030")),
    "utf16": (".txt", lambda t: t.encode("utf-16")),
    "traditional": (".txt", lambda t: s2t(t).encode("utf-8")),
}


def make_pdf(lines: list[str]) -> bytes:
    """A minimal PDF whose text layer holds ``lines`` (Type0 font, Identity-H, ToUnicode CMap).

    No glyphs are embedded (the page would render as blanks); the text layer is what
    PolicyKG reads, and pypdf decodes it through the ToUnicode map.
    """
    chars = sorted({ch for ln in lines for ch in ln})
    code = {ch: i + 1 for i, ch in enumerate(chars)}
    bf = "\n".join(f"<{code[ch]:04X}> <{ch.encode('utf-16-be').hex().upper()}>" for ch in chars)
    cmap = ("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
            "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
            f"{len(chars)} beginbfchar\n{bf}\nendbfchar\nendcmap\n"
            "CMapName currentdict /CMap defineresource pop\nend\nend\n")
    ops = ["BT", "/F1 12 Tf", "14 TL", "50 800 Td"]
    for ln in lines:
        ops.append("<" + "".join(f"{code[ch]:04X}" for ch in ln) + "> Tj T*")
    ops.append("ET")
    content = "\n".join(ops)
    objs = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(content.encode())} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H "
        "/DescendantFonts [6 0 R] /ToUnicode 7 0 R >>",
        "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo "
        "<< /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 /FontDescriptor 8 0 R >>",
        f"<< /Length {len(cmap.encode())} >>\nstream\n{cmap}endstream",
        "<< /Type /FontDescriptor /FontName /SimSun /Flags 4 /FontBBox [0 -200 1000 800] "
        "/ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n{body}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _pdf(text: str) -> bytes:
    return make_pdf(text.split("\n"))


CONVERSIONS["pdf"] = (".pdf", _pdf)   # a text layer, one PDF line per text line


# ------------------------------------------------------- seeds in every format

def _load_scorer():
    if not SCORER.exists():
        pytest.skip(f"scorer not found at {SCORER}: cannot compare formats by score")
    spec = importlib.util.spec_from_file_location("score_extraction", SCORER)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _gold() -> dict[str, dict]:
    out = {}
    for g in sorted(GOLD.glob("*.json")):
        data = json.loads(g.read_text(encoding="utf-8"))
        out[data["file"]] = data
    return out


@pytest.fixture(scope="module")
def format_scores(tmp_path_factory):
    """format -> (mean score, per-document means) over the five seeds."""
    scorer = _load_scorer()
    gold = _gold()
    folder = tmp_path_factory.mktemp("formats")
    result = {}
    for fmt in ["plain", *CONVERSIONS]:
        values, per_doc = [], {}
        for seed in seed_paths():
            text = read(seed).text
            g = gold[seed.name]
            if fmt == "plain":
                path = seed
            else:
                suffix, convert = CONVERSIONS[fmt]
                path = folder / f"{seed.stem}.{fmt}{suffix}"
                path.write_bytes(convert(text))
                if fmt == "traditional":
                    g = s2t(g)
            report = json.loads(json.dumps(parse_file(path).report(spans=False), ensure_ascii=False))
            s = scorer.score_doc(g, report)
            values.extend(s.values())
            per_doc[seed.name[:3]] = round(sum(s.values()) / len(s), 3)
        result[fmt] = (sum(values) / len(values), per_doc)
    print("\nformat scores (mean over all scored fields of the five seeds):")
    for fmt, (mean, per_doc) in result.items():
        print(f"  {fmt:12s} {mean:.3f}  {per_doc}")
    return result


@pytest.mark.parametrize("fmt", list(CONVERSIONS))
def test_converted_seeds_score_like_plain_text(format_scores, fmt):
    # traditional: gold values go through the same OpenCC s2t.  The scorer's short/full issuer
    # rule only knows the simplified 市场监督管理局, so 礄口區市場監管局 vs 武漢市礄口區市場監督管理局
    # costs one field (1/51); values as written are checked field by field below.
    plain, _ = format_scores["plain"]
    mean, per_doc = format_scores[fmt]
    assert abs(mean - plain) <= 0.02, f"{fmt}: {mean:.3f} vs plain {plain:.3f} {per_doc}"


@pytest.mark.parametrize("fmt", ["docx", "html", "gb18030", "utf16", "traditional"])
def test_converted_seed_text_is_the_plain_text(tmp_path, fmt):
    """Up to page chrome and blank lines, every format reads back the seed's lines."""
    seed = seed_paths()[3]                     # the one with '|' cell lines
    text = read(seed).text
    suffix, convert = CONVERSIONS[fmt]
    src = read_bytes(convert(text), f"x{suffix}")
    want = [ln.strip() for ln in text.split("\n") if ln.strip()]
    got = [ln.strip() for ln in src.text.split("\n") if ln.strip()]
    if fmt == "traditional":
        want = [s2t(ln) for ln in want]
    if fmt == "html":
        want = [re.sub(r" +", " ", ln) for ln in want]
        got = [re.sub(r" +", " ", ln) for ln in got]
    assert got == want


@pytest.mark.parametrize("seed", seed_paths(), ids=lambda p: p.name[:3])
def test_traditional_values_stay_as_written(tmp_path, seed):
    """Matching on the folded copy finds what the plain text gives; values keep 繁體 characters."""
    from loaders.fold import fold_chars
    plain = parse_file(seed).report(spans=False)
    path = tmp_path / seed.name
    path.write_bytes(CONVERSIONS["traditional"][1](read(seed).text))
    doc = parse_file(path)
    trad, text = doc.report(spans=False), doc.source.text

    def strings(r):
        yield from [r["title"] or "", *r["issuer"], *r["basis"], *r["references"], *r["sections_top"]]
        for m in r["measures"]:
            yield from [m["heading"], *m["units"]]
        for i in r["indicators"]:
            yield i["name"]

    got, want = list(strings(trad)), list(strings(plain))
    assert [fold_chars(x) for x in got] == want
    quoted = [*trad["sections_top"], *trad["basis"], *(m["heading"] for m in trad["measures"])]
    assert all(x in text for x in quoted)      # (titles and issuers may be composed)
    changed = [x for x, y in zip(got, want) if x != y]
    assert changed, "traditional values were folded to simplified"
    for sec in doc.sections:
        assert text[sec.span.start:sec.span.end] == sec.span.text


# ------------------------------------------------------------------------ docx

INDICATORS = [
    ["类别", "序号", "指标名称", "2020年", "2025年", "属性"],
    ["营商环境", "1", "全省市场主体数(万户)", "488.84", "650", "预期性"],
    ["营商环境", "2", "企业开办平均时间(天)", "2", "≤2", "预期性"],
    ["市场安全", "3", "食品安全评价性抽检合格率(%)", "98", "≥98", "约束性"],
]


def test_docx_keeps_body_order_and_tables():
    raw = make_docx(["宿州市市场监管规划", "一、发展基础", "专栏1 主要指标", INDICATORS, "二、主要任务"])
    src = read_bytes(raw, "plan.docx")
    assert src.format == "docx"
    lines = src.text.split("\n")
    assert lines[:3] == ["宿州市市场监管规划", "一、发展基础", "专栏1 主要指标"]
    assert lines[3] == "类别 | 序号 | 指标名称 | 2020年 | 2025年 | 属性 |"
    assert lines[-1] == "二、主要任务"
    (t,) = src.tables
    assert t.rows == tuple(tuple(r) for r in INDICATORS)
    assert src.text[t.span.start:t.span.end] == t.span.text
    assert t.span.text.split("\n")[-1] == "市场安全 | 3 | 食品安全评价性抽检合格率(%) | 98 | ≥98 | 约束性 |"


@pytest.mark.parametrize("fmt", ["docx", "html"])
def test_structured_indicator_table_is_parsed(tmp_path, fmt):
    """A real table in a .docx/.html reaches the indicator parser as cells."""
    items = ["某市“十四五”市场监管规划", "一、发展目标", "专栏1 “十四五”市场监管主要指标",
             INDICATORS, "二、主要任务", "（一）优化营商环境", "1.深化商事制度改革。"]
    path = tmp_path / f"plan.{fmt}"
    path.write_bytes(make_docx(items) if fmt == "docx" else make_html(items))
    doc = parse_file(path)
    assert doc.source.tables
    rows = [(r.name, r.target, r.attribute) for r in doc.indicators]
    assert rows == [("全省市场主体数", "650", "预期性"), ("企业开办平均时间", "≤2", "预期性"),
                    ("食品安全评价性抽检合格率", "≥98", "约束性")]


def test_docx_merged_cells_repeat_their_text():
    import docx
    d = docx.Document()
    d.add_paragraph("一、指标")
    t = d.add_table(rows=3, cols=3)
    t.cell(0, 0).merge(t.cell(0, 2)).text = "专栏1 主要指标"
    t.cell(1, 0).merge(t.cell(2, 0)).text = "营商环境"
    t.cell(1, 1).text, t.cell(1, 2).text = "市场主体数", "650"
    t.cell(2, 1).text, t.cell(2, 2).text = "开办时间", "≤2"
    buf = io.BytesIO()
    d.save(buf)
    src = read_bytes(buf.getvalue(), "m.docx")
    assert src.tables[0].rows == (("专栏1 主要指标",) * 3, ("营商环境", "市场主体数", "650"),
                                  ("营商环境", "开办时间", "≤2"))


def test_docx_cell_pipes_and_breaks_stay_inside_the_cell():
    src = read_bytes(make_docx(["一、总则", [["甲|乙", "第一行\n第二行"]]]), "c.docx")
    assert src.text.split("\n")[1] == "甲｜乙 | 第一行 第二行 |"


# ------------------------------------------------------------------------ html

def test_html_drops_chrome_and_keeps_article():
    raw = make_html(["关于印发某市市场监管规划的通知", "一、总体要求", "（一）指导思想"], "utf-8")
    src = read_bytes(raw, "page.html")
    assert src.format == "html"
    assert src.text.split("\n") == ["关于印发某市市场监管规划的通知", "一、总体要求", "（一）指导思想"]
    for chrome in ("首页", "当前位置", "版权所有", "分享到", "相关链接", "访问量", "var nav"):
        assert chrome not in src.text


@pytest.mark.parametrize("declared,encoding", [("gb2312", "gb18030"), ("GBK", "gb18030"),
                                               ("utf-8", "utf-8"), (None, None)])
def test_html_charset_from_meta_or_detection(declared, encoding):
    page = ("<html><head>" + (f'<meta charset="{declared}">' if declared else "") +
            "</head><body><p>硚口区市场监管局“十四五”规划</p><p>一、发展基础</p></body></html>")
    raw = page.encode(encoding or "gb18030")
    src = read_bytes(raw, "p.htm")
    assert src.text == "硚口区市场监管局“十四五”规划\n一、发展基础"


def test_html_tables_spans_and_layout():
    page = """<html><body><div><p>专栏1 主要指标</p>
    <table><tr><th rowspan="2">类别</th><th colspan="2">指标</th></tr>
    <tr><td>市场主体数</td><td>650</td></tr></table>
    <table><tr><td><table><tr><td>内层</td></tr></table><p>正文一</p></td></tr></table>
    <p>二、主要<br>任务</p></div></body></html>"""
    src = read_bytes(page.encode(), "t.html")
    assert src.tables[0].rows == (("类别", "指标", "指标"), ("类别", "市场主体数", "650"))
    assert "类别 | 指标 | 指标 |" in src.text.split("\n")
    assert len(src.tables) == 2 and src.tables[1].rows == (("内层",),)   # the layout table is not one
    assert "正文一" in src.text.split("\n")
    assert src.text.endswith("二、主要\n任务")


def test_html_markup_line_breaks_between_cjk_are_not_spaces():
    src = read_bytes("<html><body><p>市场\n  监管 规划\nABC\nDEF</p></body></html>".encode(), "w.html")
    assert src.text == "市场监管 规划 ABC DEF"


def test_text_file_holding_a_web_page_is_read_as_html():
    src = read_bytes("<!DOCTYPE html><html><body><p>一、总则</p></body></html>".encode(), "saved.txt")
    assert src.format == "html" and src.text == "一、总则"


# ------------------------------------------------------------------------- pdf

def test_pdf_text_layer_is_read():
    lines = ["宿州市“十四五”市场监管现代化规划", "一、发展基础", "1.优化营商环境。责任单位：登记注册科"]
    src = read_bytes(make_pdf(lines), "plan.pdf")
    assert src.format == "pdf" and src.text.split("\n") == lines


# --------------------------------------------------------------------- suffix

@pytest.mark.parametrize("name,hint", [("plan.xls", "reads .txt"), ("plan.doc", ".docx"),
                                       ("plan.wps", ".docx")])
def test_unknown_suffix_names_file_and_suffix(name, hint):
    with pytest.raises(LoaderError) as e:
        read_bytes(b"whatever", name)
    msg = str(e.value)
    assert name in msg and Path(name).suffix in msg and hint in msg
