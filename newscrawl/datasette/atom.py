"""Atom 1.0 feeds of match stories: one entry per story, linking its page and listing its articles.

Built with ElementTree, so every title and link is escaped by the XML writer.
"""

from __future__ import annotations

from datetime import UTC, datetime
from html import escape
from typing import Any
from xml.etree import ElementTree as ET

from newscrawl.datasette.display import clean_link, long_day, score

ATOM = "http://www.w3.org/2005/Atom"
CONTENT_TYPE = "application/atom+xml; charset=utf-8"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    if text is not None:
        element.text = text
    return element


def _updated(value: str | None) -> str:
    """An RFC 3339 time for Atom (stored times are ISO 8601 with an offset)."""
    if value:
        try:
            return datetime.fromisoformat(value).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        except ValueError:
            pass
    return "1970-01-01T00:00:00Z"


def entry_title(card: dict[str, Any]) -> str:
    """``Olympique de Marseille 1–1 Atalanta (Europa League, semi-final)``."""
    where = ", ".join(v for v in (card["competition_label"], card.get("stage")) if v)
    middle = score(card) if card["played"] else "v"
    title = f"{card['home']} {middle} {card['away']}"
    if not card["played"]:
        title += " (preview)"
    return f"{title} — {where}" if where else title


def _content(card: dict[str, Any]) -> str:
    lines = [f"<p>{escape(card['headline'])}</p>" if card["headline"] else "",
             f"<p>Kick-off {escape(long_day(card['kickoff_date']))}</p>" if card.get("kickoff_date") else "",
             "<ul>"]
    for article in card["articles"]:
        kind = f" {escape(article['article_type'])}" if article["article_type"] else ""
        lines.append(
            f'<li>[{escape(article["language"] or "?")}{kind}] <a href="{escape(clean_link(article["canonical_url"]))}">'
            f"{escape(article['title'] or 'untitled')}</a> ({escape(article['source'] or '')})</li>")
    lines.append("</ul>")
    return "".join(lines)


def build_feed(cards: list[dict[str, Any]], *, title: str, feed_url: str, page_url: str,
               story_url: str, stylesheet: str | None = None) -> bytes:
    """The Atom document for ``cards``; ``story_url`` has a ``{id}`` slot for a story page's URL.

    ``stylesheet`` (a CSS URL) is how a browser shows the feed when someone opens it directly.
    """
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    _sub(feed, f"{{{ATOM}}}id", feed_url)
    _sub(feed, f"{{{ATOM}}}title", title)
    _sub(feed, f"{{{ATOM}}}updated", max((_updated(c["last_published_at"]) for c in cards),
                                         default=_updated(None)))
    _sub(feed, f"{{{ATOM}}}link", rel="self", type="application/atom+xml", href=feed_url)
    _sub(feed, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=page_url)
    author = _sub(feed, f"{{{ATOM}}}author")
    _sub(author, f"{{{ATOM}}}name", "newscrawl")
    _sub(feed, f"{{{ATOM}}}generator", "newscrawl")
    for card in cards:
        entry = _sub(feed, f"{{{ATOM}}}entry")
        link = story_url.format(id=card["id"])
        _sub(entry, f"{{{ATOM}}}id", link)
        _sub(entry, f"{{{ATOM}}}title", entry_title(card))
        _sub(entry, f"{{{ATOM}}}summary", card["headline"] or entry_title(card))
        _sub(entry, f"{{{ATOM}}}updated", _updated(card["last_published_at"]))
        _sub(entry, f"{{{ATOM}}}published", _updated(card["first_published_at"]))
        _sub(entry, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=link)
        for article in card["articles"]:
            _sub(entry, f"{{{ATOM}}}link", rel="related", href=clean_link(article["canonical_url"]),
                 title=article["title"] or "", hreflang=article["language"] or "")
        if card["competition_label"]:
            _sub(entry, f"{{{ATOM}}}category", term=card["competition"] or "", label=card["competition_label"])
        _sub(entry, f"{{{ATOM}}}content", _content(card), type="html")
    ET.indent(feed)
    head = '<?xml version="1.0" encoding="utf-8"?>\n'
    if stylesheet:
        head += f'<?xml-stylesheet type="text/css" href="{escape(stylesheet)}"?>\n'
    return head.encode() + ET.tostring(feed, encoding="utf-8")
