"""Identity across documents: title folding for matching, stub IRIs.

The IRIs of one document's own resources are minted by ``loaders.to_rdf`` (re-exported
here so graph code has one place to look).
"""
from __future__ import annotations

import re
import unicodedata

from pyoxigraph import NamedNode

from loaders.to_rdf import doc_iri, doc_key, org_iri, region_iri, segment, short_hash, source_iri
from loaders.vocab import ID

_DROP = re.compile(r"[\s\"'“”‘’「」『』《》〈〉<>＜＞()（）\[\]【】〔〕{}·・]")


def fold(s: str | None) -> str:
    """Fold for matching: full/half width (NFKC), quotes, brackets and spaces dropped."""
    if not s:
        return ""
    return _DROP.sub("", unicodedata.normalize("NFKC", s))


def stub_iri(title: str) -> NamedNode:
    """A document known only by a citation: keyed by its folded title."""
    return NamedNode(f"{ID}doc/stub/{short_hash(fold(title))}")


__all__ = ["fold", "stub_iri", "doc_iri", "doc_key", "org_iri", "region_iri", "segment",
           "short_hash", "source_iri"]
