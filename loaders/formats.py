"""Readers for structured formats (.docx, .html, .pdf) -> SourceDoc.

Each reader linearises the document to text (one paragraph a line) and keeps
tables as tables (``SourceDoc.tables``) for the indicator parser.
"""
from __future__ import annotations

from .errors import LoaderError
from .model import SourceDoc


def read(raw: bytes, name: str, path: str, suffix: str) -> SourceDoc:
    raise LoaderError(name, f"unsupported file type '{suffix}'",
                      hint="PolicyKG reads .txt (UTF-8, GB18030, UTF-16)")
