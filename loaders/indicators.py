"""Indicator tables (专栏 … 主要指标)."""
from __future__ import annotations

from .model import IndicatorRow, Metadata, Section, SourceDoc


def extract(src: SourceDoc, sections: tuple[Section, ...], meta: Metadata) -> tuple[IndicatorRow, ...]:
    return ()
