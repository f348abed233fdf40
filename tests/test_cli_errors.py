"""Bad archives and bad configuration: a clear message, a distinct exit code, nothing overwritten."""

from __future__ import annotations

from tests.support.cli import run_cli

GARBAGE = b"this file is not a SQLite database " * 200


def test_crawl_into_a_corrupt_archive_exits_4_and_leaves_the_file_alone(tmp_path):
    db = tmp_path / "football.db"
    db.write_bytes(GARBAGE)
    result = run_cli("crawl", "--demo", "--db", str(db), "--demo-port", "0")
    assert result.returncode == 4
    assert "cannot open archive" in result.stderr and "not a database" in result.stderr
    assert "Traceback" not in result.stderr
    assert db.read_bytes() == GARBAGE


def test_queries_on_a_missing_archive_say_what_to_do(tmp_path):
    for command in (["search", "Mbemba"], ["stories"], ["stats"]):
        result = run_cli(*command, "--db", str(tmp_path / "none.db"))
        assert result.returncode == 4, command
        assert "run `newscrawl crawl` first" in result.stderr
        assert not (tmp_path / "none.db").exists(), "reading must not create an archive"


def test_unknown_source_and_bad_registry_are_configuration_errors(tmp_path):
    unknown = run_cli("crawl", "--source", "no-such-site", "--db", str(tmp_path / "a.db"))
    assert unknown.returncode == 2 and "no source named 'no-such-site'" in unknown.stderr
    registry = tmp_path / "broken.toml"
    registry.write_text("[[source]]\nname = 'x'\nhomepage = 'https://x.example/'\n", "utf-8")
    broken = run_cli("crawl", "--registry", str(registry), "--db", str(tmp_path / "a.db"))
    assert broken.returncode == 2 and "has no 'languages'" in broken.stderr
