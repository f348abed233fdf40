"""Extraction outside a crawl: a saved page -> a normalised article dict (``newscrawl extract``).

The same functions the pipelines call, in the same order (parse, clean text,
language, dates), minus the decisions that need an archive (dedup, store) and
minus dropping: a caller of ``extract`` wants to see what was found.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from newscrawl.dates import apply_dates, resolve_dates
from newscrawl.errors import PageTooLargeError
from newscrawl.items import ArticleItem
from newscrawl.language import detect_language
from newscrawl.pages import ParseError, parse_article
from newscrawl.text import clean_text

#: Keys every ``extract`` result has (``None`` when not found).
RESULT_KEYS = (
    "url", "canonical_url", "title", "body", "authors", "published_at", "published_raw",
    "published_precision", "published_source", "modified_at", "modified_raw", "language",
    "language_hints", "site_name", "description", "section", "tags", "image_url", "page_type",
)


def extract_article(
    html: bytes | str, url: str | None, *, tz: str = "UTC", fetched_at: datetime | None = None
) -> ArticleItem:
    """Parse one page and normalise its text, language and dates."""
    item = parse_article(html, url)
    item.title = clean_text(item.title or "").replace("\n", " ") or None
    item.body = clean_text(item.body or "") or None
    item.language = detect_language(f"{item.title or ''}\n\n{item.body or ''}", item.language_hints)
    resolution = resolve_dates(
        item.date_candidates,
        tz=tz,
        fetched_at=fetched_at or datetime.now(UTC),
        languages=(item.language,) if item.language else (),
    )
    apply_dates(item, resolution)
    return item


def read_page(path: Path, max_bytes: int | None) -> bytes:
    """The bytes of a saved page; :class:`PageTooLargeError` over ``max_bytes``, as a crawl refuses it.

    The size is checked before reading: parsing a 50 MB page takes minutes and gigabytes.
    """
    size = path.stat().st_size
    if max_bytes and size > max_bytes:
        raise PageTooLargeError(f"{path} is {size:,} bytes, over the page cap of {max_bytes:,} "
                                "(DOWNLOAD_MAXSIZE; raise it with --max-size)")
    return path.read_bytes()


def extract_file(path: Path, url: str | None, *, tz: str = "UTC", fetched_at: datetime | None = None,
                 max_bytes: int | None = None) -> dict[str, Any]:
    """The ``extract`` JSON object for a saved page; an ``error`` key instead of an exception for bad pages.

    ``max_bytes``: the page cap (a crawl's ``DOWNLOAD_MAXSIZE``); larger pages are not parsed.
    """
    try:
        html = read_page(path, max_bytes)
    except PageTooLargeError as exc:
        return {"url": url, "error": str(exc)}
    except OSError as exc:
        return {"url": url, "error": f"cannot read {path}: {exc.strerror or exc}"}
    try:
        item = extract_article(html, url, tz=tz, fetched_at=fetched_at)
    except ParseError as exc:
        return {"url": url, "error": f"cannot parse {path}: {exc}"}
    data = item.to_dict()
    return {key: data.get(key) for key in RESULT_KEYS}
