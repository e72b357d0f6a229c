"""Bad input: every case is one LoaderError naming the file and the problem."""
from __future__ import annotations

import io
import os
import random
import zipfile
from importlib import import_module
from pathlib import Path

import pytest

from conftest import seed_paths
from loaders import LoaderError, parse, parse_file
from loaders import formats
from loaders.read import read, read_bytes
from test_formats import INDICATORS, make_docx, make_pdf

read_mod = import_module("loaders.read")   # the module (the package exports the function `read`)
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"
       b"\x1f\xf3\xffa\x00\x00\x00\x00IEND\xaeB`\x82") * 40
PLAN = ["某区市场监管局2024年工作要点", "一、总体要求", "（一）优化营商环境", "1.深化改革。责任单位：登记注册科"]


def rejected(raw: bytes, name: str, *problem: str) -> LoaderError:
    with pytest.raises(LoaderError) as e:
        parse(read_bytes(raw, name))
    msg = str(e.value)
    assert name in msg, msg
    for p in problem:
        assert p in msg, msg
    return e.value


# -------------------------------------------------------------- empty / binary

@pytest.mark.parametrize("name", ["a.txt", "a.docx", "a.html", "a.pdf"])
@pytest.mark.parametrize("raw", [b"", b" \n\t\r\n "])
def test_empty_files(name, raw):
    rejected(raw, name, "empty")


def test_empty_web_page():
    rejected("<html><head><title>x</title></head><body><nav>首页</nav> </body></html>".encode(), "e.html",
             "no text")


@pytest.mark.parametrize("raw,kind", [(PNG, "PNG"), (b"\xff\xd8\xff\xe0" + bytes(500), "JPEG"),
                                      (b"%PDF-1.4\n" + bytes(300), "PDF"),
                                      (b"PK\x03\x04" + bytes(300), "zip"),
                                      (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(300), "Office")])
def test_binary_renamed_txt(raw, kind):
    rejected(raw, "notes.txt", "binary", kind)


@pytest.mark.parametrize("seed", range(5))
def test_random_bytes(seed):
    raw = random.Random(seed).randbytes(20_000)
    rejected(raw, "random.txt", "binary")


def test_nul_bytes_that_are_not_utf16():
    raw = bytes([0, 1, 2, 3, 0, 0, 7, 0, 0x80, 0]) * 500
    rejected(raw, "nul.txt", "binary")


def test_binary_error_names_the_line():
    text = "一、总则\n正文\n" + "\x01\x02\x03" * 50
    err = rejected(text.encode(), "ctl.txt", "binary")
    assert err.line == 3


@pytest.mark.parametrize("name,raw,problem", [
    ("x.docx", PNG, "not a docx"), ("x.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), ".doc"),
    ("x.pdf", PNG, "not a PDF"), ("x.html", PNG, "binary"),
])
def test_binary_in_structured_suffix(name, raw, problem):
    rejected(raw, name, problem)


def test_zip_that_is_not_a_word_file():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
    rejected(buf.getvalue(), "sheet.docx", "no word/document.xml")


# ------------------------------------------------------------------ truncation

@pytest.mark.parametrize("cut", [0.5, 0.9, 0.1])
def test_truncated_docx(cut):
    raw = make_docx(PLAN + [INDICATORS])
    rejected(raw[: int(len(raw) * cut)], "cut.docx", "corrupt/truncated docx")


@pytest.mark.parametrize("cut", [0.5, 0.9])
def test_truncated_pdf(cut):
    raw = make_pdf(PLAN)
    rejected(raw[: int(len(raw) * cut)], "cut.pdf", "corrupt/truncated pdf")


def test_damaged_docx_member():
    raw = bytearray(make_docx(PLAN))
    i = raw.find(b"word/document.xml") + 200
    raw[i:i + 200] = bytes(200)
    rejected(bytes(raw), "dmg.docx", "docx")


def test_pdf_without_text_layer():
    raw = make_pdf([])
    rejected(raw, "scan.pdf", "no text layer (scanned PDF?)")


def test_zip_bomb_docx(monkeypatch):
    monkeypatch.setattr(formats, "MAX_UNPACKED_BYTES", 1000)
    rejected(make_docx(PLAN), "bomb.docx", "unpacks to", "limit")


# ------------------------------------------------------------------------ size

def test_50mb_file_rejected_before_reading(tmp_path, monkeypatch):
    big = tmp_path / "big.txt"
    with big.open("wb") as f:
        f.truncate(50 * 1024 * 1024)        # sparse: nothing to read
    def no_read(*a, **k):
        raise AssertionError("the file was opened")
    monkeypatch.setattr(Path, "open", no_read)
    monkeypatch.setattr(Path, "read_bytes", no_read)
    with pytest.raises(LoaderError) as e:
        read(big)
    assert "big.txt" in str(e.value) and "too large" in str(e.value)


def test_oversized_bytes_rejected(monkeypatch):
    monkeypatch.setattr(read_mod, "MAX_BYTES", 1000)
    rejected(("一、总则\n" * 400).encode(), "long.txt", "too large", "limit 1,000")


def test_file_growing_past_the_limit_is_read_no_further(tmp_path, monkeypatch):
    p = tmp_path / "grow.txt"
    p.write_bytes(("一、总则\n" * 400).encode())
    monkeypatch.setattr(read_mod, "MAX_BYTES", 1000)
    real_stat = Path.stat

    def small(self, **k):                   # stat says 10 bytes: the read itself must stop
        st = real_stat(self, **k)
        return os.stat_result((st.st_mode, 0, 0, 1, 0, 0, 10, 0, 0, 0)) if self == p else st
    monkeypatch.setattr(Path, "stat", small)
    with pytest.raises(LoaderError) as e:
        read(p)
    assert "too large" in str(e.value)


# ------------------------------------------------------------------- structure

@pytest.mark.parametrize("text", [
    "这是一段没有标题也没有编号的文字，说的是天气很好。\n明天也许会下雨。",
    "hello world\nthis is not a plan",
    "。。。。\n，，，，",
])
def test_text_without_structure(text):
    rejected(text.encode(), "prose.txt", "not a policy document: no title and no numbered sections")


def test_seeds_are_policy_documents(parsed):
    assert len(parsed) == len(seed_paths())


# ---------------------------------------------------------------- broken tables

def test_table_too_wide():
    rows = [[f"列{i}" for i in range(80)], [str(i) for i in range(80)]]
    err = rejected(make_docx(PLAN[:2] + [rows]), "wide.docx", "80 columns", "limit 64")
    assert err.line == 3


def test_html_table_with_huge_colspan():
    page = f"<html><body><p>一、总则</p><table><tr><td colspan='999999'>x</td></tr></table></body></html>"
    rejected(page.encode(), "span.html", "columns", "limit 64")


@pytest.mark.parametrize("table", [
    "<table><tr><td rowspan='9999'>类别</td><td>指标</td></tr><tr></tr><tr><td>a</td><td>b</td><td>c</td></tr></table>",
    "<table><tr><td colspan='abc' rowspan='-3'>x</td></tr><tbody></tbody><td>stray</td></table>",
    "<table></table><table><tr></tr></table><table><tr><td></td></tr></table>",
    "<table><tr><td>未闭合<tr><td>第二行</table>",
])
def test_broken_html_tables_still_read(table):
    page = f"<html><body><p>某市市场监管规划</p><p>一、总则</p>{table}<p>二、任务</p></body></html>"
    doc = parse(read_bytes(page.encode(), "broken.html"))
    assert [s.heading for s in doc.sections][:2] == ["一、总则", "二、任务"]
    for t in doc.source.tables:
        assert doc.source.text[t.span.start:t.span.end] == t.span.text


def test_broken_docx_table_still_read():
    import docx
    from docx.oxml.ns import qn
    d = docx.Document()
    d.add_paragraph("一、总则")
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text, t.cell(1, 1).text = "甲", "乙"
    tc = t._tbl.tr_lst[0].tc_lst[0]
    pr = tc.get_or_add_tcPr()
    span = pr.makeelement(qn("w:gridSpan"), {qn("w:val"): "zz"})
    pr.append(span)
    vm = t._tbl.tr_lst[1].tc_lst[0].get_or_add_tcPr()
    vm.append(vm.makeelement(qn("w:vMerge"), {}))
    t._tbl.tr_lst[1].remove(t._tbl.tr_lst[1].tc_lst[1])      # a ragged row
    d.add_paragraph("二、任务")
    buf = io.BytesIO()
    d.save(buf)
    src = read_bytes(buf.getvalue(), "ragged.docx")
    assert src.tables[0].rows == (("甲", ""), ("甲",))
    assert src.text.split("\n")[-1] == "二、任务"


# -------------------------------------------------------------- deep nesting

def test_deeply_nested_html():
    page = "<html><body>" + "<div>" * 300 + "一、总则" + "</div>" * 300 + "</body></html>"
    rejected(page.encode(), "deep.html", "nested too deeply")


@pytest.mark.parametrize("depth", [50, 150])   # past MAX_DEPTH; past libxml2's own 256 levels
def test_deeply_nested_docx_tables(depth):
    import docx
    d = docx.Document()
    d.add_paragraph("一、总则")
    cell = d.add_table(rows=1, cols=1).cell(0, 0)
    for _ in range(depth):
        cell = cell.add_table(rows=1, cols=1).cell(0, 0)
    cell.text = "最里面"
    buf = io.BytesIO()
    d.save(buf)
    rejected(buf.getvalue(), "deep.docx", "nested too deeply")


# sizes kept small: units.document_units is quadratic in the length of a line without
# punctuation (40,000 characters take ~14 s) -- reported to the measures stage
@pytest.mark.parametrize("text", [
    "一、总则\n" + "《" * 2000 + "》" * 2000,
    "一、总则\n" + "（" * 2000 + "）" * 2000,
    "\n".join(f"{'（' * (i % 7)}{i}、标题" for i in range(5000)),
    "一、总则\n" + "1.2.3." * 1000,
    "一、总则\n" + "\n".join("（" * i + "一）" for i in range(1, 300)),
])
def test_deeply_nested_text_is_a_document_or_an_error(text):
    try:
        doc = parse(read_bytes(text.encode(), "nest.txt"))
    except LoaderError as e:
        assert "nest.txt" in str(e)
    else:
        assert doc.source.name == "nest.txt"


def test_parse_file_names_the_path(tmp_path):
    p = tmp_path / "prose.txt"
    p.write_text("没有结构的一句话。", encoding="utf-8")
    with pytest.raises(LoaderError) as e:
        parse_file(p)
    assert str(p) in str(e.value)


@pytest.mark.parametrize("raw", ["一、总则\n正文".encode("utf-16")[:-1],
                                 b"\xef\xbb\xbf" + "一、总则\n正文".encode("utf-8")[:-1]])
def test_truncated_text_with_a_bom_names_the_line(raw):
    err = rejected(raw, "cut.txt", "truncated")
    assert err.line == 2
