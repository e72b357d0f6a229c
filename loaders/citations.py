"""Citations: every 《》 title, split into the document's basis and other references."""
from __future__ import annotations

from .model import Citation, Metadata, Section


def extract(text: str, meta: Metadata, sections: tuple[Section, ...]) -> tuple[Citation, ...]:
    return ()
