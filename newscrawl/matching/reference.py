"""The version of the data the archive's reference tables (teams, competitions) are written from.

The stories pipeline writes every team and competition of the gazetteer into the archive when a
crawl opens, so that queries and the browser view name them. Loading the gazetteer for that costs
the crawl process ~0.2 s at every start (with parse workers it needs the gazetteer for nothing
else), and the tables change only when the data or the code that reads it does: the archive keeps
:func:`reference_version` and the tables are written again only when it differs.
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import resources

#: What the teams and competitions are made from: the data files and the code that reads them.
SOURCES = ("teams.toml", "competitions.toml", "national.toml", "data/clubs.json", "gazetteer.py")


@cache
def reference_version() -> str:
    """A digest of :data:`SOURCES` (sha1, hex): equal digests give equal reference tables."""
    digest = hashlib.sha1()
    folder = resources.files("newscrawl.matching")
    for name in SOURCES:
        data = folder.joinpath(name).read_bytes()
        digest.update(f"{name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()
