"""`pip install .` into a fresh venv with the pip that comes with Python, then `newscrawl extract`.

Python 3.11 bundles pip 23.x, which installs jusText without its ``lxml[html_clean]`` extra;
``newscrawl extract`` then failed on ``import lxml.html.clean``. The venv's pip is never
upgraded here. Slow (it installs every dependency), so it runs on CI (``CI=true``) or when
``NEWSCRAWL_INSTALL_TEST=1``, and is skipped elsewhere with the reason.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.cli import REPO
from tests.test_cli_extract import PAGE

OPT_IN = "NEWSCRAWL_INSTALL_TEST"
#: Left out of the copy that is installed: environments, build output, archives, artefacts.
NOT_SOURCE = (".git", ".venv", "build", "*.egg-info", "__pycache__", "*.db", "*.db-*", "test-artifacts",
              ".pytest_cache", ".ruff_cache", "logs")


def _base_python() -> Path:
    """The interpreter this environment was made from (its bundled pip is the one under test)."""
    for name in ("python3", "python"):
        candidate = Path(sys.base_prefix) / "bin" / name
        if candidate.exists():
            return candidate
    pytest.skip(f"no python3 under {sys.base_prefix}")


@pytest.mark.timeout(1800)
def test_pip_install_into_a_fresh_venv_gives_a_working_extract(tmp_path):
    if os.environ.get("CI") != "true" and os.environ.get(OPT_IN) != "1":
        pytest.skip(f"slow (installs every dependency into a new venv): runs when CI=true or {OPT_IN}=1")
    source = tmp_path / "src"
    shutil.copytree(REPO, source, ignore=shutil.ignore_patterns(*NOT_SOURCE))
    venv = tmp_path / "venv"
    subprocess.run([str(_base_python()), "-m", "venv", str(venv)], check=True, timeout=300)
    pip = venv / "bin" / "pip"
    pip_version = subprocess.run([str(pip), "--version"], capture_output=True, text=True, check=True).stdout
    print(f"installing with {pip_version.strip()}")  # kept in the CI log: which pip was checked
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    installed = subprocess.run([str(pip), "install", str(source)], capture_output=True, text=True,
                               timeout=1500, env=env, cwd=tmp_path)
    assert installed.returncode == 0, installed.stdout[-3000:] + installed.stderr[-3000:]
    after = subprocess.run([str(pip), "--version"], capture_output=True, text=True, check=True).stdout
    assert after == pip_version  # nothing upgraded pip along the way

    newscrawl = venv / "bin" / "newscrawl"
    version = subprocess.run([str(newscrawl), "--version"], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert version.returncode == 0 and version.stdout.startswith("newscrawl, version "), version.stderr
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    result = subprocess.run(
        [str(newscrawl), "extract", str(page), "--url", "https://vestiaire.example.fr/europe/om-atalanta.html",
         "--timezone", "Europe/Paris"],
        capture_output=True, text=True, timeout=300, env=env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    data = json.loads(result.stdout)
    assert data["title"] == "L'OM et l'Atalanta dos à dos"
    assert data["language"] == "fr" and "Mbemba" in data["body"]
