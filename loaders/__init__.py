"""PolicyKG loaders: reading and parsing policy documents (pure stages except reading)."""
from .errors import LoaderError
from .model import PolicyDoc, SourceDoc, Span
from .parse import PARSER_VERSION, parse, parse_file
from .read import read

__all__ = ["LoaderError", "PolicyDoc", "SourceDoc", "Span", "parse", "parse_file", "read",
           "PARSER_VERSION"]
