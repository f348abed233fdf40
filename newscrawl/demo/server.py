"""The embedded demo news web: small static news sites served on loopback ports.

Each folder under ``sites/`` is one site, served by its own HTTP server on
``127.0.0.1`` and a free port, so that every site has its own origin (and its
own robots.txt). Text files may name any site's base URL as ``{{site:NAME}}``;
it is filled in when served. Query strings are ignored when looking a file
up, which is how tracking-parameter URLs reach the same page.
"""

from __future__ import annotations

import hashlib
import mimetypes
import re
import threading
from collections.abc import Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from newscrawl.sources import Registry, load_registry

DEMO_DIR = Path(__file__).parent
SITES_DIR = DEMO_DIR / "sites"
DEMO_REGISTRY = DEMO_DIR / "sources.toml"

_PLACEHOLDER = re.compile(rb"\{\{site:([A-Za-z0-9_.-]+)\}\}")
_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".rss": "application/rss+xml; charset=utf-8",
    ".atom": "application/atom+xml; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".gz": "application/x-gzip",
}


class _SiteHandler(BaseHTTPRequestHandler):
    server: _SiteServer
    server_version = "newscrawl-demo/1"

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        self._respond(send_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._respond(send_body=False)

    def _respond(self, *, send_body: bool) -> None:
        site = self.server
        path = unquote(urlsplit(self.path).path)
        target = site.redirects.get(path)
        if target:
            self.send_response(301)
            self.send_header("Location", site.fill(target.encode()).decode())
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        file = site.resolve(path)
        if file is None:
            self.send_error(404, "Not Found")
            return
        body = file.read_bytes()
        suffix = file.suffix.lower()
        if suffix != ".gz":
            body = site.fill(body)
        ctype = _TYPES.get(suffix) or mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        # Validators like a real news site's, so a second crawl's conditional requests get 304s.
        etag = f'"{hashlib.sha1(body).hexdigest()[:16]}"'
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("ETag", etag)
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        self.server.hits.append(self.path)


class _SiteServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, root: Path, bases: Mapping[str, str], port: int = 0):
        super().__init__(("127.0.0.1", port), _SiteHandler)
        self.root = root.resolve()
        self.bases = bases
        self.hits: list[str] = []
        self.redirects = self._read_redirects()

    def _read_redirects(self) -> dict[str, str]:
        file = self.root / "_redirects.txt"
        if not file.exists():
            return {}
        pairs = (line.split() for line in file.read_text("utf-8").splitlines())
        return {p[0]: p[1] for p in pairs if len(p) == 2 and not p[0].startswith("#")}

    def resolve(self, path: str) -> Path | None:
        candidate = (self.root / path.lstrip("/")).resolve()
        if not candidate.is_relative_to(self.root):
            return None
        if candidate.is_dir():
            candidate = candidate / "index.html"
        if candidate.name.startswith("_") or not candidate.is_file():
            return None
        return candidate

    def fill(self, body: bytes) -> bytes:
        return _PLACEHOLDER.sub(lambda m: self.bases.get(m.group(1).decode(), m.group(0).decode()).encode(), body)


class DemoWeb:
    """All demo sites, served while the context is open.

    >>> with DemoWeb() as web:          # doctest: +SKIP
    ...     registry = web.registry()
    """

    def __init__(self, sites_dir: Path = SITES_DIR, registry_path: Path = DEMO_REGISTRY, base_port: int = 0):
        # base_port > 0: site i (sorted by name) on base_port + i, so URLs stay the same from run to run
        self.base_port = base_port
        self.sites_dir = sites_dir
        self.registry_path = registry_path
        self.bases: dict[str, str] = {}
        self._servers: dict[str, _SiteServer] = {}
        self._threads: list[threading.Thread] = []

    def __enter__(self) -> DemoWeb:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self) -> dict[str, str]:
        """Start one server per site; returns site name -> base URL."""
        folders = sorted(p for p in self.sites_dir.iterdir() if p.is_dir())
        try:
            for index, folder in enumerate(folders):
                server = _SiteServer(folder, self.bases, self.base_port + index if self.base_port else 0)
                self._servers[folder.name] = server
                self.bases[folder.name] = f"http://127.0.0.1:{server.server_address[1]}"
        except OSError:  # a fixed port is taken: release the ones bound so far
            for server in self._servers.values():
                server.server_close()
            self._servers.clear()
            self.bases.clear()
            raise
        for server in self._servers.values():
            thread = threading.Thread(target=server.serve_forever, name="demo-web", daemon=True)
            thread.start()
            self._threads.append(thread)
        return dict(self.bases)

    def stop(self) -> None:
        for server in self._servers.values():
            server.shutdown()
            server.server_close()
        self._servers.clear()

    def registry(self) -> Registry:
        """The demo sources registry with this run's base URLs filled in."""
        return load_registry(self.registry_path, sites=self.bases)

    def hits(self, site: str) -> list[str]:
        """Paths requested from one site so far (for tests and the demo summary)."""
        return list(self._servers[site].hits)
