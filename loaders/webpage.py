"""Web pages (.html/.htm) -> SourceDoc, for :mod:`loaders.formats`.

HTML: the page is decoded with its BOM, its ``<meta charset>`` (GB2312/GBK read
as GB18030) or, failing both, the text detector of ``read.decode``.  Page chrome
is dropped: ``script style noscript template head nav aside iframe button
select textarea svg``, ``header``/``footer`` outside an ``article``/``main``,
ARIA roles navigation/banner/contentinfo, ``display:none``, and elements whose
class or id names navigation, menus, breadcrumbs, sharing, search, copyright or
the "current position" bar.  Block elements become lines; white space in the
markup collapses as in a browser (dropped between two CJK characters),
``&nbsp;`` becomes a space.  A table holding another table, or a cell of more
than ``LAYOUT_CELL_CHARS`` characters, is page layout: its cells are read as
blocks.

Limits: ``formats.MAX_DEPTH`` levels of element nesting (libxml2 itself flattens
beyond 255), ``formats.MAX_COLUMNS`` columns per table (colspan included).
"""
from __future__ import annotations

import re

from .errors import LoaderError
from .formats import LAYOUT_CELL_CHARS, MAX_DEPTH, assemble, grid
from .model import SourceDoc

CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.I)
XML_ENC = re.compile(rb"""^\s*<\?xml[^>]{0,100}encoding\s*=\s*["']([A-Za-z0-9_.:\-]+)""", re.I)
GB_ALIASES = {"gb2312", "gbk", "x-gbk", "gb_2312-80", "cp936", "csgb2312", "euc-cn", "gb18030"}


def decode_html(raw: bytes, name: str) -> tuple[str, str]:
    from .read import decode
    if raw.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return decode(raw, name)
    m = CHARSET.search(raw[:8192]) or XML_ENC.search(raw[:200])
    if m:
        enc = m.group(1).decode("ascii").lower()
        enc = "gb18030" if enc in GB_ALIASES else ("big5hkscs" if enc == "big5" else enc)
        try:
            return raw.decode(enc), enc
        except (LookupError, UnicodeDecodeError):
            pass                     # a wrong declaration: detect instead
    return decode(raw, name)


DROP = {"script", "style", "noscript", "template", "head", "title", "nav", "aside", "iframe",
        "button", "select", "option", "textarea", "input", "svg", "canvas", "object", "embed",
        "map", "audio", "video"}
BLOCKS = {"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li",
          "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "center", "address", "figure",
          "figcaption", "form", "fieldset", "tr", "header", "footer", "hr", "body", "caption"}
CHROME = re.compile(
    r"(?:^|[\s_\-])(?:nav|navbar|navigation|menu|menus|breadcrumbs?|crumbs?|bread|footer|foot"
    r"|sidebar|share|fenxiang|copyright|toolbar|topbar|login|search|gotop|backtop|position"
    r"|dqwz|location|qrcode|ewm|skip)(?:$|[\s_\-\d])", re.I)
CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
CJK_BREAK = re.compile(rf"(?<=[{CJK}])[ \t\r\f]*\n[ \t\r\n\f]*(?=[{CJK}])")
SPACES = re.compile(r"[ \t\r\n\f]+")


def _chrome(el, in_article: bool) -> bool:
    tag = el.tag.lower()
    if tag in DROP:
        return True
    if tag in ("header", "footer") and not in_article:
        return True
    if (el.get("role") or "").lower() in ("navigation", "banner", "contentinfo"):
        return True
    if re.search(r"display\s*:\s*none", el.get("style") or "", re.I):
        return True
    return bool(CHROME.search(el.get("class") or "") or CHROME.search(el.get("id") or ""))


def _inline(s: str | None) -> str:
    return SPACES.sub(" ", CJK_BREAK.sub("", s)) if s else ""


class _Lines:
    def __init__(self):
        self.blocks: list = []
        self.buf: list[str] = []

    def text(self, s: str | None) -> None:
        if s:
            self.buf.append(_inline(s))

    def newline(self) -> None:
        line = "".join(self.buf).replace("\xa0", " ").strip(" ")
        self.buf = []
        if line:
            self.blocks.append(line)

    def blank(self) -> None:
        """An empty paragraph or a second <br>: one blank line (never two in a row)."""
        if self.blocks and self.blocks[-1] != "":
            self.blocks.append("")

    def table(self, rows: list[list[str]]) -> None:
        self.newline()
        self.blocks.append(rows)


def read_html(raw: bytes, name: str, path: str) -> SourceDoc:
    import lxml.etree
    import lxml.html

    text, enc = decode_html(raw, name)
    text = re.sub(r"^\s*<\?xml[^>]*>", "", text)
    if not text.strip():
        raise LoaderError(name, "empty file")
    try:
        root = lxml.html.document_fromstring(text)
    except (lxml.etree.ParserError, ValueError) as e:
        raise LoaderError(name, f"not readable as HTML ({e})") from None
    out = _Lines()

    def tag_of(el) -> str | None:
        return el.tag.lower() if isinstance(el.tag, str) else None

    def layout(tbl) -> bool:
        if any(tag_of(d) == "table" for d in tbl.iterdescendants()):
            return True
        return any(len(c.text_content()) > LAYOUT_CELL_CHARS
                   for c in tbl.iterdescendants() if tag_of(c) in ("td", "th"))

    def table_rows(tbl) -> list[list[str]]:
        trs = [c for c in tbl if tag_of(c) == "tr"]
        for sec in (c for c in tbl if tag_of(c) in ("thead", "tbody", "tfoot")):
            trs.extend(c for c in sec if tag_of(c) == "tr")
        rows = []
        for tr in trs:
            row = []
            for td in (c for c in tr if tag_of(c) in ("td", "th")):
                cell = " ".join(_inline(t).strip() for t in td.itertext(tag=lxml.etree.Element)
                                if t and t.strip())
                row.append((cell, _int(td.get("colspan")), _int(td.get("rowspan"))))
            rows.append(row)
        return grid(rows)

    def walk(el, depth: int, in_article: bool) -> None:
        if depth > MAX_DEPTH:
            raise LoaderError(name, f"HTML nested too deeply (more than {MAX_DEPTH} levels)",
                              line=el.sourceline)
        tag = tag_of(el)
        if tag is None or _chrome(el, in_article):
            return
        if tag == "table" and not layout(el):
            out.table(table_rows(el))
            return
        block = tag in BLOCKS or tag in ("table", "td", "th")
        if block:
            out.newline()
        if tag == "br":
            if "".join(out.buf).replace("\xa0", " ").strip(" "):
                out.newline()
            else:
                out.blank()
        mark = len(out.blocks)
        out.text(el.text)
        inner = in_article or tag in ("article", "main")
        for ch in el:
            walk(ch, depth + 1, inner)
            out.text(ch.tail)
        if block:
            out.newline()
            if tag == "p" and len(out.blocks) == mark:
                out.blank()

    body = root.find("body")
    walk(body if body is not None else root, 0, False)
    out.newline()
    while out.blocks and out.blocks[-1] == "":
        out.blocks.pop()
    while out.blocks and out.blocks[0] == "":
        out.blocks.pop(0)
    if not out.blocks:
        raise LoaderError(name, "no text in the page (only markup and page chrome)")
    return assemble(out.blocks, name, path, raw, "html", enc)


def _int(v: str | None) -> int:
    v = (v or "").strip()
    return max(1, min(int(v[:7]), 1_000_000)) if v.isdigit() else 1


