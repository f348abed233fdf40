"""The project's shape: our spiders/pipelines packages, scrapy list, the installed command."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import click
import pytest

from tests.support.cli import REPO, run_cli


def test_spiders_and_pipelines_are_ours_not_an_installed_namesake():
    import pipelines
    import spiders

    assert REPO in Path(spiders.__file__).resolve().parents
    assert REPO in Path(pipelines.__file__).resolve().parents


def test_scrapy_list_works_from_the_repo_root():
    scrapy = Path(sys.executable).with_name("scrapy")
    result = subprocess.run([str(scrapy), "list"], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["news"]


def test_pipelines_are_ordered_one_concern_each():
    from newscrawl.crawling.addon import ITEM_PIPELINES

    order = [path.rsplit(".", 1)[1] for path, _ in sorted(ITEM_PIPELINES.items(), key=lambda kv: kv[1])]
    assert order[0] == "CleanPipeline" and order[-1] == "StorePipeline"
    assert order.index("LanguagePipeline") < order.index("DatePipeline") < order.index("DedupPipeline")


def _commands(group: click.Group, prefix: tuple[str, ...] = ()):
    for name, command in sorted(group.commands.items()):
        yield (*prefix, name), command
        if isinstance(command, click.Group):
            yield from _commands(command, (*prefix, name))


def test_every_command_has_help_with_an_example():
    from newscrawl.cli import cli

    commands = list(_commands(cli))
    assert len(commands) >= 5
    for path, command in commands:
        assert command.help and "Example:" in command.help, f"`newscrawl {' '.join(path)}` has no Example in its help"


@pytest.mark.parametrize("args", [["--help"], ["crawl", "--help"], ["extract", "--help"], ["search", "--help"]])
def test_installed_command_prints_help(args):
    result = run_cli(*args)
    assert result.returncode == 0, result.stderr
    assert "Usage: newscrawl" in result.stdout
