"""Measures: numbered tasks with their responsible units."""
from __future__ import annotations

from .model import Measure, Metadata, Section, UnitRef


def extract(text: str, sections: tuple[Section, ...],
            meta: Metadata) -> tuple[tuple[Measure, ...], tuple[UnitRef, ...]]:
    return (), ()
