"""Named failures of page parsing."""

from __future__ import annotations


class ParseError(Exception):
    """The input is not an HTML document at all (empty, binary, no markup)."""
