"""Document metadata: title, issuer(s), date, doc number, level, region, period, type."""
from __future__ import annotations

from .model import Metadata, Section, SourceDoc


def extract(src: SourceDoc, sections: tuple[Section, ...]) -> Metadata:
    # placeholder until the metadata stage lands
    return Metadata(title=None, title_inferred=False, title_span=None, notice_title=None,
                    issuer=(), issuer_inferred=False, issuer_spans=(), date=None, date_span=None,
                    published=None, doc_number=None, doc_number_span=None, level=None,
                    region=None, region_code=None, period=None, period_span=None, doc_type=None,
                    body_start=0, body_end=len(src.text))
