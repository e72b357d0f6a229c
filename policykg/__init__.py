"""PolicyKG: Chinese market-regulation plans as a knowledge graph.

The library lives in ``loaders`` (reading, parsing, RDF mapping) and ``graph``
(store, linking, queries, export); ``app`` holds the CLI and the Streamlit pages.
"""
from importlib.metadata import PackageNotFoundError, version

from loaders import LoaderError, PolicyDoc, parse, parse_file, read

try:
    __version__ = version("policykg")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0"

__all__ = ["__version__", "LoaderError", "PolicyDoc", "parse", "parse_file", "read"]
