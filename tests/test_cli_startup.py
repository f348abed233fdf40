"""Start-up: ``newscrawl --help`` (and a query command's help) load none of the heavy libraries.

Scrapy, trafilatura, datasketch, dateparser, lingua, py3langid (and numpy, which sqlite-utils
pulls in) are imported by the commands that use them, not by the command line itself.
Checked in a fresh interpreter, from the modules it ended with: not a timing test.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.support.cli import REPO

HEAVY = ("scrapy", "twisted", "trafilatura", "datasketch", "scipy", "dateparser", "lingua", "py3langid",
         "numpy", "sqlite_utils", "lxml")

_PROBE = """
import json, sys
sys.argv = ["newscrawl", *json.loads(sys.argv[1])]
from newscrawl.cli import cli
try:
    cli()
except SystemExit as exit:
    code = exit.code
print(json.dumps({"code": code, "modules": sorted({name.split(".")[0] for name in sys.modules})}))
"""


def _modules_after(*args: str) -> dict:
    result = subprocess.run([sys.executable, "-c", _PROBE, json.dumps(list(args))], cwd=REPO,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("args", [["--help"], ["search", "--help"], ["crawl", "--help"], ["ingest", "--help"]])
def test_help_imports_no_heavy_library(args):
    probe = _modules_after(*args)
    assert probe["code"] in (0, None)
    loaded = set(probe["modules"]) & set(HEAVY)
    assert not loaded, f"newscrawl {' '.join(args)} imported {sorted(loaded)}"


def test_the_probe_sees_an_import_when_there_is_one():
    # the same probe on a command that does load the archive: the check above can fail
    probe = _modules_after("stats", "--db", str(REPO / "no-such-archive.db"))
    assert probe["code"] == 4
    assert "sqlite_utils" in probe["modules"]


def test_the_crawl_process_leaves_page_parsing_to_its_workers():
    # With parse workers (the default), the crawl process never parses a page: the spider, the
    # pipelines and the parse pool load no extraction library; the workers' fork server does.
    probe = subprocess.run([sys.executable, "-c", (
        "import json, sys\n"
        "import newscrawl.runs.crawl, spiders.news, newscrawl.crawling.parsepool\n"
        "import pipelines.analyse, pipelines.clean, pipelines.language, pipelines.dates, pipelines.dedup\n"
        "import pipelines.stories, pipelines.store\n"
        "print(json.dumps(sorted({name.split('.')[0] for name in sys.modules})))")],
        cwd=REPO, capture_output=True, text=True, timeout=120)
    assert probe.returncode == 0, probe.stderr
    loaded = set(json.loads(probe.stdout.strip().splitlines()[-1]))
    assert "scrapy" in loaded  # the probe did load the crawl
    assert not loaded & {"trafilatura", "htmldate", "justext", "courlan"}
