"""`policykg lineage DOC` (placeholder until the lineage command lands)."""
from __future__ import annotations


def register(sub, store_option) -> None:
    pass
