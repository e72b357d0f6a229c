"""Reading: path -> SourceDoc (encoding detected, text NFC-normalised).

The only stage that touches the file system.  Encodings: UTF-8 with or without
BOM, UTF-16 (BOM or NUL pattern), GB18030 (a superset of GBK and GB2312);
charset-normalizer decides the rare remaining cases.  ``.docx``, ``.html``/``.htm``
and ``.pdf`` go to :mod:`loaders.formats` (dispatch by suffix); a text file
that is really an HTML page (``<!DOCTYPE html`` / ``<html`` first) is read as one.

Bad input is one :class:`LoaderError` naming the file and the problem:

* ``MAX_BYTES`` (10 MB): larger files are rejected from their size on disk,
  before they are read (and a read never takes more than ``MAX_BYTES + 1``);
* empty files, and files of blank lines only;
* binary data: a known file signature (PNG, JPEG, GIF, PDF, ZIP/.docx, OLE .doc,
  gzip, 7z, RAR, ELF) in a text file, NUL bytes that do not decode to plausible
  UTF-16, or more than ``MAX_CONTROL_SHARE`` control characters (the error names
  the line of the first one);
* garbled text: many U+FFFD replacement characters.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path

from .errors import LoaderError
from .model import SourceDoc

#: Hard limit on the size of one input file (documented in the README).
MAX_BYTES = 10 * 1024 * 1024
#: Share of control characters above which a decoded text is taken for binary data.
MAX_CONTROL_SHARE = 0.01

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
#: File signatures of binary formats that are never plain text.
SIGNATURES = {
    b"\x89PNG\r\n\x1a\n": "a PNG image", b"\xff\xd8\xff": "a JPEG image", b"GIF8": "a GIF image",
    b"%PDF-": "a PDF file", b"PK\x03\x04": "a zip archive (.docx?)",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1": "a legacy Office file (.doc/.xls/.wps)",
    b"\x1f\x8b": "a gzip archive", b"7z\xbc\xaf\x27\x1c": "a 7z archive", b"Rar!": "a RAR archive",
    b"\x7fELF": "an executable",
}
HTML_START = re.compile(rb"^(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)?<(?:!doctype\s+html|html)[\s>]",
                        re.I | re.S)


def sniff(raw: bytes) -> str | None:
    """What a known binary signature says the bytes are, or None."""
    for sig, kind in SIGNATURES.items():
        if raw.startswith(sig):
            return kind
    return None


def decode(raw: bytes, name: str = "<bytes>") -> tuple[str, str]:
    """Return (text, encoding) for the raw bytes of a text file."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return _strict(raw[3:], "utf-8", name), "utf-8-sig"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(raw, "utf-16", name), "utf-16"
    head = raw[:4096]
    if head and head.count(b"\x00") > len(head) // 8:
        # UTF-16 without BOM: NULs in every other byte of ASCII/CJK text
        even = head[0::2].count(b"\x00")
        odd = head[1::2].count(b"\x00")
        enc = "utf-16-be" if even > odd else "utf-16-le"
        try:
            text = raw.decode(enc)
        except UnicodeDecodeError:
            text = ""
        if not _plausible_text(text[:4000]):
            raise LoaderError(name, "binary data, not text (NUL bytes)")
        return text, enc
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if len(raw) % 2 == 0:
        for enc in ("utf-16-le", "utf-16-be"):
            try:
                candidate = raw.decode(enc)
            except UnicodeDecodeError:
                continue
            if _plausible_text(candidate):
                return candidate, enc
    try:
        return raw.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        pass
    try:
        from charset_normalizer import from_bytes
        best = from_bytes(raw).best()
    except Exception:  # pragma: no cover - charset-normalizer is a dependency
        best = None
    if best is not None:
        return str(best), best.encoding
    raise LoaderError(name, "binary or undecodable data: not UTF-8, UTF-16 or GB18030 text",
                      hint="save it as UTF-8")


def _strict(raw: bytes, enc: str, name: str) -> str:
    """Decode text whose BOM names the encoding; bad bytes are an error naming the line."""
    try:
        return raw.decode(enc)
    except UnicodeDecodeError as e:
        line = raw[: e.start].decode(enc, errors="ignore").count("\n") + 1
        what = "truncated" if e.end >= len(raw) else "corrupt"
        raise LoaderError(name, f"{what} {enc} text: {e.reason} at byte {e.start:,}", line=line) from None


def _plausible_text(s: str) -> bool:
    """Mostly CJK ideographs, CJK/full-width punctuation and printable ASCII."""
    if not s:
        return False
    ok = sum(1 for ch in s if "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f"
             or "\uff00" <= ch <= "\uffef" or ch in "\n\t" or " " <= ch <= "~" or ch in "“”‘’…—")
    return ok / len(s) > 0.9


def normalise(text: str) -> str:
    """NFC, with line breaks folded to \\n (offsets are code points of this text)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


#: the control characters (Unicode category Cc: U+0000-U+001F, U+007F-U+009F) but \n and \t
CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def check_text(text: str, name: str) -> None:
    if not text.strip():
        raise LoaderError(name, "empty document: no text")
    controls = len(CONTROLS.findall(text))
    if controls > max(8, len(text) * MAX_CONTROL_SHARE):
        line = text[: CONTROLS.search(text).start()].count("\n") + 1
        raise LoaderError(name, f"binary data, not text ({controls} control characters)", line=line)
    if "\ufffd" in text and text.count("\ufffd") > max(8, len(text) // 200):
        raise LoaderError(name, "garbled text: many undecodable characters")


def source_from_text(text: str, name: str, path: str = "", raw: bytes | None = None,
                     encoding: str = "utf-8", fmt: str = "txt", tables=()) -> SourceDoc:
    text = normalise(text)
    check_text(text, name)
    raw = raw if raw is not None else text.encode("utf-8")
    return SourceDoc(
        path=path or name, name=name, text=text,
        sha256=hashlib.sha256(raw).hexdigest(),
        text_sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        encoding=encoding, format=fmt, tables=tuple(tables),
    )


def read_bytes(raw: bytes, name: str, path: str = "") -> SourceDoc:
    """Read a document delivered as bytes (an upload, a test fixture)."""
    if len(raw) > MAX_BYTES:
        raise LoaderError(name, f"file too large: {len(raw):,} bytes (limit {MAX_BYTES:,})",
                          hint="split the file or raise loaders.read.MAX_BYTES")
    if not raw.strip():
        raise LoaderError(name, "empty file")
    suffix = Path(name).suffix.lower()
    if suffix in TEXT_SUFFIXES and HTML_START.match(raw[:1024]):
        suffix = ".html"
    if suffix in TEXT_SUFFIXES:
        kind = sniff(raw)
        if kind:
            raise LoaderError(name, f"binary data ({kind}), not text",
                              hint="give the file its proper suffix" if "PDF" in kind or "docx" in kind
                              else None)
        text, enc = decode(raw, name)
        return source_from_text(text, name, path, raw, enc, "txt")
    from . import formats  # docx / html / pdf readers
    return formats.read(raw, name, path, suffix)


def read(path: str | Path) -> SourceDoc:
    p = Path(path)
    name = p.name
    try:
        size = p.stat().st_size
    except OSError as e:
        raise LoaderError(str(p), f"cannot read: {e.strerror or e}") from None
    if p.is_dir():
        raise LoaderError(str(p), "is a folder, not a file")
    if size > MAX_BYTES:
        raise LoaderError(str(p), f"file too large: {size:,} bytes (limit {MAX_BYTES:,})",
                          hint="split the file or raise loaders.read.MAX_BYTES")
    try:
        with p.open("rb") as f:
            raw = f.read(MAX_BYTES + 1)   # never more, whatever stat said
    except OSError as e:
        raise LoaderError(str(p), f"cannot read: {e.strerror or e}") from None
    try:
        return read_bytes(raw, name, str(p))
    except LoaderError as e:
        if e.file == name:
            e.file = str(p)
            e.args = (e.message,)
        raise
