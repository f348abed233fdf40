"""``newscrawl serve``: the archive in Datasette, with the descriptions, facets and canned queries
of ``metadata.json`` (written for any database name: :func:`build_metadata` files it under the
archive's name, with the canned queries' SQL from :mod:`newscrawl.archive.canned`)."""

from __future__ import annotations

import json
import signal
import tempfile
from importlib import resources
from pathlib import Path
from typing import Any

from newscrawl.archive.canned import CANNED_QUERIES
from newscrawl.errors import DatasetteMissingError  # noqa: F401  (raised here, defined with the others)


def build_metadata(db_path: Path) -> dict[str, Any]:
    """Datasette metadata for the archive at ``db_path`` (its database name is the file stem)."""
    template = json.loads(resources.files(__package__).joinpath("metadata.json").read_text(encoding="utf-8"))
    database = template.pop("database")
    for name, query in database["queries"].items():
        query["sql"] = CANNED_QUERIES[name]  # the read side's SQL, not a copy of it
    return {**template, "databases": {db_path.stem: database}}


def datasette_args(db_path: Path, metadata_path: Path, *, host: str, port: int, immutable: bool) -> list[str]:
    """Arguments of ``datasette serve`` for the archive."""
    return [
        "serve",
        *(["--immutable", str(db_path)] if immutable else [str(db_path)]),
        "--metadata", str(metadata_path),
        "--host", host,
        "--port", str(port),
        "--setting", "default_page_size", "50",
        "--setting", "sql_time_limit_ms", "3000",
        "--setting", "facet_time_limit_ms", "500",
    ]


def run_datasette(db_path: Path, *, host: str, port: int, immutable: bool = True) -> None:
    """Serve the archive in this process until interrupted (Datasette handles SIGINT/SIGTERM)."""
    try:
        from datasette.cli import cli as datasette_cli
    except ImportError as exc:
        raise DatasetteMissingError(
            "Datasette is not installed: pip install 'newscrawl[serve]' (or pip install datasette)"
        ) from exc
    from datasette.plugins import pm

    from newscrawl.datasette import limits, plugin

    for module, name in ((plugin, "newscrawl"), (limits, "newscrawl-limits")):
        if not pm.is_registered(module):
            pm.register(module, name=name)
    # Uvicorn re-raises SIGTERM after its graceful shutdown; as an exception (like Ctrl-C's
    # KeyboardInterrupt) it lets the temporary metadata folder be removed.
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    with tempfile.TemporaryDirectory(prefix="newscrawl-serve-") as folder:
        metadata_path = Path(folder) / "metadata.json"
        metadata_path.write_text(json.dumps(build_metadata(db_path), ensure_ascii=False), encoding="utf-8")
        args = datasette_args(db_path, metadata_path, host=host, port=port, immutable=immutable)
        datasette_cli.main(args=args, prog_name="newscrawl serve", standalone_mode=False)


def _exit_on_sigterm(signum: int, frame: object) -> None:
    raise SystemExit(0)
