"""`newscrawl --version`, and `newscrawl stats` listing the days that have articles."""

from __future__ import annotations

import json
import re
from importlib.metadata import version

from tests.support.cli import run_cli


def test_version():
    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"newscrawl, version {version('newscrawl')}"


def test_stats_lists_the_days_that_have_articles(demo_archive):
    text = run_cli("stats", "--db", str(demo_archive)).stdout
    days = re.findall(r"^  (\d{4}-\d\d-\d\d)\s+(\d+)", text, re.M)
    # The demo's articles fall on 8 days between March and June: every one listed, no empty day.
    assert len(days) == 8 and all(int(n) > 0 for _, n in days)
    assert days[0][0] == "2024-03-13" and days[-1][0] == "2024-06-05"
    assert "16 of 16 articles" in text
    data = json.loads(run_cli("stats", "--db", str(demo_archive), "--json").stdout)
    assert sum(data["by_day"].values()) == data["articles"] == 16
    # An explicit --days still counts calendar days, empty ones included.
    window = json.loads(run_cli("stats", "--db", str(demo_archive), "--json", "--days", "3").stdout)
    assert window["by_day"] == {"2024-06-03": 0, "2024-06-04": 0, "2024-06-05": 2}
