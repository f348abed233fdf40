"""Scrapy glue that is neither a spider nor a pipeline.

``retry`` and ``redirects`` are downloader middlewares, ``stopping`` and
``progress`` extensions, ``parsepool`` the worker processes that parse pages,
``crawlstate`` the per-URL memory across runs, ``kinds`` the named outcomes (failure kinds, drop reasons, duplicate kinds)
and their stat keys, ``logformat`` Scrapy's log lines, ``addon`` the Scrapy
add-on that wires them (and newscrawl's pipelines) into any Scrapy project.
"""
