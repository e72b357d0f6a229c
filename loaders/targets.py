"""Targets stated in prose."""
from __future__ import annotations

from .model import IndicatorRow, Measure, Metadata, Section, Target


def extract(text: str, sections: tuple[Section, ...], meta: Metadata,
            measures: tuple[Measure, ...], indicators: tuple[IndicatorRow, ...]) -> tuple[Target, ...]:
    return ()
