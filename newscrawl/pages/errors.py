"""Named failures of page parsing."""

from __future__ import annotations

from newscrawl.errors import ParseError  # noqa: F401  (raised here, defined with the others)

