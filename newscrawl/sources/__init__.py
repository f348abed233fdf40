"""The sources registry: news sites as data (``sources.toml``), loaded into :class:`Registry`.

``newscrawl.sources.check`` tries a source's listings before it is crawled
(``newscrawl sources check``); it is not imported here because it needs Scrapy.
"""

from __future__ import annotations

from newscrawl.errors import RegistryError
from newscrawl.sources.registry import DEFAULT_REGISTRY, Registry, Source, load_registry

__all__ = ["DEFAULT_REGISTRY", "Registry", "RegistryError", "Source", "load_registry"]
