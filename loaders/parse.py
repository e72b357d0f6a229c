"""Parsing: SourceDoc -> PolicyDoc, one pure stage per concept.

    structure  -> sections (numbered headings, table of contents skipped)
    metadata   -> title, issuer, date, doc number, level, region, period, type
    citations  -> 《》 titles: basis (eli:based_on) and references (eli:cites)
    measures   -> numbered tasks with their responsible units (units.py)
    indicators -> rows of indicator tables (专栏 … 指标)
    targets    -> targets stated in prose
"""
from __future__ import annotations

from pathlib import Path

from . import fold
from . import citations, indicators, measures, metadata, structure, targets
from .errors import LoaderError
from .model import PolicyDoc, SourceDoc
from .read import read

#: Bump when parsing changes what it extracts: it is recorded with every load.
PARSER_VERSION = "1"


def parse(src: SourceDoc) -> PolicyDoc:
    """Parse one document.  Raises LoaderError (and nothing else) for bad input.

    Matching runs on simplified characters: when :func:`fold.view` changes the
    text (traditional characters, pinyin glosses), the stages parse the folded
    copy and every value and span is mapped back to the text as written.

    A document with no numbered section, no measure and no title line of its
    own (a missing or composed title) is "not a policy document".
    """
    try:
        v = fold.view(src.text)
        if not v.changed:
            return _checked(_parse(src))
        return _checked(fold.restore(_parse(fold.fold_source(src, v)), src, v))
    except RecursionError:
        raise LoaderError(src.path, "document structure nested too deeply") from None


def _checked(doc: PolicyDoc) -> PolicyDoc:
    if not doc.sections and not doc.measures and (doc.meta.title is None or doc.meta.title_inferred):
        raise LoaderError(doc.source.path, "not a policy document: no title and no numbered sections",
                          hint="a plan has a title line or numbered headings (一、 （一） 1.)")
    return doc


def _parse(src: SourceDoc) -> PolicyDoc:
    first = structure.sections(src.text)
    meta = metadata.extract(src, first)
    secs = structure.sections(src.text, meta.body_start, meta.body_end)
    cits = citations.extract(src.text, meta, secs)
    ms, doc_units = measures.extract(src.text, secs, meta)
    rows = indicators.extract(src, secs, meta)
    tgts = targets.extract(src.text, secs, meta, ms, rows)
    warnings = []
    if not secs and not ms:
        warnings.append("no numbered sections found")
    return PolicyDoc(source=src, meta=meta, sections=secs, citations=cits, measures=ms,
                     indicators=rows, targets=tgts, collective_units=doc_units,
                     warnings=tuple(warnings))


def parse_file(path: str | Path) -> PolicyDoc:
    """Read and parse one file; every failure is a LoaderError naming the file."""
    return parse(read(path))
