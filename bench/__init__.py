"""Benchmarks for PolicyKG: a deterministic synthetic corpus and (later) timed builds.

    python -m bench generate --docs N --out DIR [--seed S]
    python -m bench run --docs N            # not implemented yet
"""
