"""The main text of an article page: paragraphs, no boilerplate."""

from __future__ import annotations

import re

import trafilatura
from lxml import html

_BLOCK_TAGS = {"p", "head", "list", "item", "quote", "table", "row", "lb", "code"}


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
            for row in element.iter("row"):
                cells = [_text(cell) for cell in row.iter("cell")]
                line = " | ".join(c for c in cells if c)
                if line:
                    paragraphs.append(line)
        else:
            text = _text(element)
            if text:
                paragraphs.append(text)
    return paragraphs


def _text(element: html.HtmlElement) -> str:
    for line_break in element.iter("lb"):
        line_break.tail = " " + (line_break.tail or "")
    return re.sub(r"\s+", " ", "".join(element.itertext())).strip()


def _fold(text: str) -> str:
    return re.sub(r"\W+", "", text.casefold())
