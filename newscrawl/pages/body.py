"""The main text of an article page: paragraphs, no boilerplate."""

from __future__ import annotations

import re

import trafilatura
from lxml import html

# Soft hyphens, zero-width spaces and byte-order marks: invisible, but they split words.
_INVISIBLE = re.compile("[\u00ad\u200b\u2060\ufeff]")


def extract_body(tree: html.HtmlElement, url: str, title: str | None = None) -> str | None:
    """Main text of the page, paragraphs separated by exactly one blank line.

    The headline is not part of the body: a leading paragraph repeating ``title`` is dropped.
    """
    document = trafilatura.bare_extraction(
        tree,
        url=url,
        include_comments=False,
        include_tables=True,
        with_metadata=False,
    )
    if document is None or document.body is None:
        return None
    paragraphs = _paragraphs(document.body)
    if title and paragraphs and _fold(paragraphs[0]) == _fold(title):
        paragraphs = paragraphs[1:]
    return "\n\n".join(paragraphs) or None


def _paragraphs(body: html.HtmlElement) -> list[str]:
    paragraphs: list[str] = []
    for element in body:
        if element.tag == "list":
            items = [_text(item) for item in element.iter("item")]
            paragraphs.extend(item for item in items if item)
        elif element.tag == "table":
            paragraphs.extend(_table_paragraphs(element))
        else:
            text = _text(element)
            if text:
                paragraphs.append(text)
    return paragraphs


def _table_paragraphs(table: html.HtmlElement) -> list[str]:
    """Data tables give one line per row; layout tables (cells holding paragraphs) give their paragraphs."""
    lines: list[str] = []
    for row in table.iter("row"):
        cells = list(row.iter("cell"))
        if any(cell.find(".//p") is not None or cell.find(".//head") is not None for cell in cells):
            for cell in cells:
                lines.extend(_paragraphs(cell) if len(cell) else [_text(cell)])
            continue
        line = " | ".join(text for text in (_text(cell) for cell in cells) if text)
        if line:
            lines.append(line)
    return [line for line in lines if line]


def _text(element: html.HtmlElement) -> str:
    for line_break in element.iter("lb"):
        line_break.tail = " " + (line_break.tail or "")
    return re.sub(r"\s+", " ", _INVISIBLE.sub("", "".join(element.itertext()))).strip()


def _fold(text: str) -> str:
    return re.sub(r"\W+", "", text.casefold())
