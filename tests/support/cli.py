"""Running the installed ``newscrawl`` command in a subprocess, as a user would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def newscrawl_command() -> list[str]:
    """The installed ``newscrawl`` console script of this interpreter's environment."""
    script = Path(sys.executable).with_name("newscrawl")
    return [str(script)] if script.exists() else [sys.executable, "-m", "newscrawl.cli"]


def run_cli(*args: str, input: str | None = None, timeout: float = 300, cwd: Path | None = None,
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``newscrawl ARGS`` in a subprocess, as a user would."""
    return subprocess.run(
        [*newscrawl_command(), *args],
        input=input,
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=cwd or REPO,
        env={**os.environ, **(env or {})},
    )
