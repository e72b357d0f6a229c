"""`policykg serve` (placeholder until the serve command lands)."""
from __future__ import annotations


def register(sub, store_option) -> None:
    pass
