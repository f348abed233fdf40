"""The ``newscrawl`` command: crawl into the archive, parse saved pages, query the archive.

A thin click layer: options are parsed and library errors turned into
messages and exit codes here; the work happens in the modules it calls.
Commands live by topic: ``crawl`` (crawl, sources check), ``pages`` (extract,
ingest: articles from saved pages or other tools) and ``query`` (search,
stories, story, matches, export, stats, reindex, serve); shared options and
output helpers are in ``options``, errors -> exit codes in ``errors``.
"""

from __future__ import annotations

import click


@click.group()
@click.version_option(package_name="newscrawl")
def cli() -> None:
    """newscrawl: football news in English, French and Dutch, crawled into a SQLite archive.

    Example:

        newscrawl crawl --demo && newscrawl search "Mbemba"
    """


from newscrawl.cli import crawl, pages, query, scale  # noqa: E402  (commands register on import)

for _module in (crawl, pages, query, scale):
    for _command in _module.COMMANDS:
        cli.add_command(_command)
from newscrawl.cli.fixtures import fixtures as _fixtures  # noqa: E402

cli.add_command(_fixtures)
