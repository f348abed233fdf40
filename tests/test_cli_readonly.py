"""A read-only archive (a read-only mount: a backup, a shared volume, a CD) is read by every read
command and refused with one line and exit 4 by every write.

Root writes through ``chmod``, so the archive is put on a tmpfs mount remounted read-only; where
mounting is not allowed (no root, a container without CAP_SYS_ADMIN) the tests skip with the reason.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import urllib.parse

import pytest

from newscrawl.runs.exit_codes import ExitCode
from tests.conftest import FIXTURES
from tests.support.archive import build_archive
from tests.support.cli import run_cli
from tests.support.serve import get, serving


def _mount(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["mount", *args], capture_output=True, text=True)


@pytest.fixture(scope="module")
def readonly_db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("readonly") / "mnt"
    folder.mkdir()
    if shutil.which("mount") is None:
        pytest.skip("no mount command to make a read-only file system")
    mounted = _mount("-t", "tmpfs", "-o", "size=32m", "tmpfs", str(folder))
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs to make read-only (needs root): {mounted.stderr.strip()}")
    try:
        db = folder / "football.db"
        build_archive(db)
        shutil.copy(FIXTURES / "ingest" / "articles.jsonl", folder / "articles.jsonl")
        remounted = _mount("-o", "remount,ro", str(folder))
        if remounted.returncode != 0:
            pytest.skip(f"cannot remount read-only: {remounted.stderr.strip()}")
        yield db
    finally:
        subprocess.run(["umount", str(folder)], capture_output=True)


@pytest.mark.parametrize("command", [["stats"], ["search", "Mbemba"], ["stories"], ["export"],
                                     ["matches"], ["story", "1"]])
def test_every_read_command_reads_a_read_only_archive(readonly_db, command):
    result = run_cli(*command, "--db", str(readonly_db))
    assert result.returncode == ExitCode.OK, result.stderr
    assert result.stdout.strip()
    assert not (readonly_db.parent / "football.db-shm").exists()


@pytest.mark.parametrize("command", [
    ["ingest", "{folder}/articles.jsonl"],
    ["reindex"],
    ["crawl", "--demo", "--demo-port", "0"],
])
def test_every_write_to_a_read_only_archive_is_exit_4_with_one_line(readonly_db, command):
    args = [part.format(folder=readonly_db.parent) for part in command]
    result = run_cli(*args, "--db", str(readonly_db), timeout=120)
    assert result.returncode == ExitCode.ARCHIVE, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "read-only" in lines[0].lower(), result.stderr


def test_serve_reads_a_read_only_archive_and_refuses_costly_searches(readonly_db):
    pytest.importorskip("datasette")
    with serving(readonly_db) as root:
        base = f"{root}/football"
        found = get(f"{base}/search.json?q=egalise&_shape=array")
        assert found[0] == 200 and json.loads(found[1])
        flood = urllib.parse.quote(" ".join(["a*"] * 3333))
        status, body = get(f"{base}/search.json?q={flood}")
        assert status == 400
        assert json.loads(body)["error"] == "prefix a* is too short: give at least 2 letters before *"
        status, body = get(f"{base}/articles?_search={flood}")
        # the table's search box goes through the same parsing (the plugin's escape_fts)
        assert (status, body.strip()) == (400, "Search refused: prefix a* is too short: give at least 2 letters before *")



@pytest.fixture
def immutable_db(tmp_path):
    """An archive file made immutable with ``chattr +i`` (root cannot write it either), in a writable folder."""
    db = tmp_path / "football.db"
    build_archive(db)
    shutil.copy(FIXTURES / "ingest" / "articles.jsonl", tmp_path / "articles.jsonl")
    if shutil.which("chattr") is None:
        pytest.skip("no chattr to make a file read-only for root")
    done = subprocess.run(["chattr", "+i", str(db)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"chattr +i is not possible here (needs root and a file system with attributes): {done.stderr}")
    try:
        yield db
    finally:
        subprocess.run(["chattr", "-i", str(db)], capture_output=True)


@pytest.mark.parametrize("command", [["ingest", "{folder}/articles.jsonl"], ["reindex"]])
def test_a_write_to_a_read_only_file_is_exit_4_with_one_line(immutable_db, command):
    args = [part.format(folder=immutable_db.parent) for part in command]
    result = run_cli(*args, "--db", str(immutable_db))
    assert result.returncode == ExitCode.ARCHIVE, result.stderr
    assert result.stderr.strip() == (f"error: cannot write archive {immutable_db}: the file is read-only "
                                     "(read commands still work)")
    assert run_cli("stats", "--db", str(immutable_db)).returncode == ExitCode.OK
