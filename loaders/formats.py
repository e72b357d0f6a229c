"""Readers for structured formats (.docx, .html/.htm, .pdf) -> SourceDoc.

Each reader turns the file into blocks in reading order: paragraphs (one line
each) and tables.  Tables are kept twice:

* as cells, in ``SourceDoc.tables`` (``SourceTable.rows``: one tuple of cell
  strings per row, merged cells repeated in every grid cell they cover, rows
  whose cells are all empty dropped);
* linearised into the text at their position, so the text parsers see them:
  **one row per line, cells joined by ``" | "``, every row ending in ``" |"``**
  (``类别 | 指标 | 2020年 | 2025年 | 属性 |``).  This is the convention of the
  Word-exported seed 003 (``cell |`` lines): a line ending in ``|`` is a table
  line and never a heading.  Inside a cell, line breaks become a space and a
  literal ``|`` becomes the full-width ``｜``.  ``SourceTable.span`` covers the
  table's lines.

Hard limits (every violation is a LoaderError naming the file):

* ``MAX_COLUMNS`` columns per table (64);
* ``MAX_DEPTH`` levels of element nesting in HTML and of tables in tables in
  .docx (128);
* ``MAX_UNPACKED_BYTES`` of uncompressed content in a .docx (100 MB: zip bombs);
* ``MAX_PDF_PAGES`` pages in a PDF (2,000).

DOCX: body paragraphs and tables in body order (content controls opened);
headers, footers, footnotes, comments and text boxes are not read.  A legacy
.doc (OLE) file is named as such, with the hint to save it as .docx.

HTML pages: see :mod:`loaders.webpage`.

PDF: the text layer of each page (pypdf), pages separated by a line break.  No
text layer -> "no text layer (scanned PDF?)"; no OCR is attempted.
"""
from __future__ import annotations

import io
import re
import zipfile
from dataclasses import replace

from .errors import LoaderError
from .model import SourceDoc, SourceTable, Span

MAX_COLUMNS = 64
MAX_DEPTH = 128
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_PDF_PAGES = 2000
LAYOUT_CELL_CHARS = 1000
CELL_SEP, ROW_END = " | ", " |"

# ---------------------------------------------------------------- assembling

def _cell(s: str) -> str:
    from .read import normalise
    return re.sub(r"\s*\n\s*", " ", normalise(s)).replace("|", "｜").strip()


def assemble(blocks: list, name: str, path: str, raw: bytes, fmt: str,
             encoding: str) -> SourceDoc:
    """Blocks (paragraph strings and tables as rows of cells) -> SourceDoc."""
    from .read import normalise, source_from_text
    parts: list[str] = []
    tables: list[SourceTable] = []
    pos = 0
    for block in blocks:
        if isinstance(block, str):
            lines = [normalise(block)]
        else:
            rows = [tuple(_cell(c) for c in row) for row in block]
            rows = [r for r in rows if any(r)]
            if not rows:
                continue
            width = max(len(r) for r in rows)
            if width > MAX_COLUMNS:
                line = sum(p.count("\n") + 1 for p in parts) + 1
                raise LoaderError(name, f"table with {width} columns (limit {MAX_COLUMNS})",
                                  line=line, hint="loaders.formats.MAX_COLUMNS")
            lines = [CELL_SEP.join(r) + ROW_END for r in rows]
            start = pos
            end = start + sum(len(x) + 1 for x in lines) - 1
            tables.append(SourceTable(rows=tuple(rows), span=Span(start, end, "")))
        for x in lines:
            parts.append(x)
            pos += len(x) + 1
    text = "\n".join(parts)
    src = source_from_text(text, name, path, raw, encoding, fmt)
    assert src.text == text, "format readers hand over NFC text"
    spans = tuple(SourceTable(t.rows, Span.of(text, t.span.start, t.span.end)) for t in tables)
    return replace(src, tables=spans)


def grid(rows: list[list[tuple[str, int, int]]]) -> list[list[str]]:
    """Rows of (text, colspan, rowspan) -> a grid, merged cells repeated where they reach."""
    out: list[list[str]] = []
    pending: dict[int, tuple[str, int]] = {}     # column -> (text, rows still covered)
    for row in rows:
        cells: list[str] = []
        queue = list(row)
        col = 0
        while (queue or any(c >= col for c in pending)) and col <= MAX_COLUMNS:
            if col in pending:
                text, left = pending.pop(col)
                if left > 1:
                    pending[col] = (text, left - 1)
            elif queue:
                text, colspan, rowspan = queue.pop(0)
                for _ in range(min(colspan, MAX_COLUMNS + 1) - 1):
                    cells.append(text)
                    if rowspan > 1:
                        pending[col] = (text, rowspan - 1)
                    col += 1
                if rowspan > 1:
                    pending[col] = (text, rowspan - 1)
            else:
                text = ""
            cells.append(text)
            col += 1
        out.append(cells)
    return out


# ---------------------------------------------------------------------- docx

def _zip_members(raw: bytes, name: str, kind: str) -> zipfile.ZipFile:
    if not raw.startswith(b"PK\x03\x04"):
        what = "a legacy Word .doc (OLE) file" if raw.startswith(b"\xd0\xcf\x11\xe0") else "not a zip"
        raise LoaderError(name, f"not a {kind} file ({what})", hint="save it as .docx")
    try:
        z = zipfile.ZipFile(io.BytesIO(raw))
        infos = z.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as e:
        raise LoaderError(name, f"corrupt/truncated {kind} ({e})") from None
    total = sum(i.file_size for i in infos)
    if total > MAX_UNPACKED_BYTES:
        raise LoaderError(name, f"{kind} unpacks to {total:,} bytes (limit {MAX_UNPACKED_BYTES:,})",
                          hint="loaders.formats.MAX_UNPACKED_BYTES")
    if "word/document.xml" not in z.namelist():
        raise LoaderError(name, f"not a {kind} file: no word/document.xml")
    return z


def read_docx(raw: bytes, name: str, path: str) -> SourceDoc:
    import docx
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    _zip_members(raw, name, "docx")
    try:
        body = docx.Document(io.BytesIO(raw)).element.body
    except Exception as e:   # python-docx/lxml/zipfile on damaged bytes raise many types
        if "excessive depth" in str(e).lower():   # libxml2 stops at 256 levels
            raise LoaderError(name, f"content nested too deeply ({e})") from None
        raise LoaderError(name, f"corrupt/truncated docx ({type(e).__name__}: {e})") from None
    P, TBL, SDT, TR, TC = qn("w:p"), qn("w:tbl"), qn("w:sdt"), qn("w:tr"), qn("w:tc")

    def para(el) -> str:
        return Paragraph(el, None).text

    def flat(el, depth: int) -> str:
        """All text of a cell, nested tables included, paragraphs joined by a space."""
        if depth > MAX_DEPTH:
            raise LoaderError(name, f"tables nested too deeply (more than {MAX_DEPTH} levels)")
        bits = []
        for ch in el.iterchildren():
            if ch.tag == P:
                bits.append(para(ch))
            elif ch.tag in (TBL, TR, TC, SDT) or ch.tag.endswith("}sdtContent"):
                bits.append(flat(ch, depth + 1))
        return " ".join(b for b in bits if b.strip())

    def table(tbl, depth: int) -> list[list[str]]:
        rows, above = [], {}
        for tr in tbl.iterchildren(TR):
            row, col = [], 0
            for tc in tr.iterchildren(TC):
                span, vmerge = 1, None
                pr = tc.find(qn("w:tcPr"))
                if pr is not None:
                    gs = pr.find(qn("w:gridSpan"))
                    if gs is not None and (gs.get(qn("w:val")) or "1").isdigit():
                        span = max(1, min(int(gs.get(qn("w:val"))), MAX_COLUMNS + 1))
                    vm = pr.find(qn("w:vMerge"))
                    if vm is not None:
                        vmerge = vm.get(qn("w:val")) or "continue"
                text = above.get(col, "") if vmerge == "continue" else flat(tc, depth + 1)
                for _ in range(span):
                    row.append(text)
                    above[col] = text
                    col += 1
            rows.append(row)
        return rows

    blocks: list = []

    def walk(el, depth: int) -> None:
        if depth > MAX_DEPTH:
            raise LoaderError(name, f"content nested too deeply (more than {MAX_DEPTH} levels)")
        for ch in el.iterchildren():
            if ch.tag == P:
                blocks.append(para(ch))
            elif ch.tag == TBL:
                blocks.append(table(ch, depth + 1))
            elif ch.tag == SDT or ch.tag.endswith("}sdtContent") or ch.tag.endswith("}customXml"):
                walk(ch, depth + 1)

    walk(body, 0)
    return assemble(blocks, name, path, raw, "docx", "utf-8")


# ----------------------------------------------------------------------- pdf

def read_pdf(raw: bytes, name: str, path: str) -> SourceDoc:
    from pypdf import PdfReader

    if b"%PDF-" not in raw[:1024]:
        raise LoaderError(name, "not a PDF file (no %PDF header)")
    if b"%%EOF" not in raw[-2048:]:
        raise LoaderError(name, "corrupt/truncated pdf (no %%EOF marker at the end)")
    pages: list[str] = []
    try:
        reader = PdfReader(io.BytesIO(raw), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise LoaderError(name, "encrypted pdf (needs a password)")
        if len(reader.pages) > MAX_PDF_PAGES:
            raise LoaderError(name, f"pdf with {len(reader.pages)} pages (limit {MAX_PDF_PAGES})")
        for page in reader.pages:
            pages.append(page.extract_text() or "")
    except LoaderError:
        raise
    except Exception as e:   # pypdf on damaged bytes raises many types; all mean "corrupt"
        raise LoaderError(name, f"corrupt/truncated pdf ({type(e).__name__}: {e})") from None
    text = "\n".join(p.strip("\n") for p in pages)
    if not text.strip():
        raise LoaderError(name, "no text layer (scanned PDF?)", hint="run OCR first")
    private = sum(1 for ch in text if "\ue000" <= ch <= "\uf8ff")
    if private > len(text) // 10:
        raise LoaderError(name, "no usable text layer (fonts without a Unicode mapping)")
    return assemble(text.split("\n"), name, path, raw, "pdf", "pdf")


def read(raw: bytes, name: str, path: str, suffix: str) -> SourceDoc:
    """Dispatch on the file suffix; an unknown suffix names the file and the suffix."""
    from . import webpage
    reader = {".docx": read_docx, ".pdf": read_pdf, ".html": webpage.read_html,
              ".htm": webpage.read_html, ".xhtml": webpage.read_html}.get(suffix)
    if reader is None:
        hint = ("save it as .docx" if suffix in (".doc", ".wps", ".rtf")
                else "PolicyKG reads .txt (UTF-8, GB18030, UTF-16), .docx, .html/.htm and .pdf")
        raise LoaderError(name, f"unsupported file type '{suffix}'", hint=hint)
    return reader(raw, name, path)
