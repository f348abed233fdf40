"""Test support: the CLI runner (``cli``), the archive builder (``archive``), Scrapy crawlers (``crawler``).

The hostile and demo web servers live in ``newscrawl.demo`` because ``bench/`` serves them too.
"""
