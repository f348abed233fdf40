"""The main text of an article page: paragraphs, no boilerplate.

trafilatura finds the main content block (its default already arbitrates per page between
its own extractor, readability-lxml and jusText: its ``fast``, ``favor_recall`` and
``favor_precision`` modes all measured lower on unseen pages). This module turns its output
tree into paragraphs and removes what it lets through: the page header (breadcrumbs, kicker,
the headline again), paragraphs that are nothing but a link (related-article teasers), text
printed twice, and the short boilerplate lines of :mod:`newscrawl.pages.boilerplate`. Each
rule here earned its place in ``bench/extraction.py --ablate`` on the half of the corpus it
was not written for.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lxml import etree, html
from trafilatura import bare_extraction

from newscrawl.pages.boilerplate import drop_boilerplate

# Soft hyphens, zero-width spaces and byte-order marks: invisible, but they split words.
_INVISIBLE = re.compile("[\u00ad\u200b\u2060\ufeff]")
#: A paragraph with at least this share of its characters inside links is a teaser list item.
_LINK_SHARE = 0.9
_WORD = re.compile(r"\w+")
_NON_WORD = re.compile(r"\W+")
_SPACES = re.compile(r"\s+")
_MAX_TEASER_CHARS = 250
_MIN_STANDFIRST_CHARS = 40
#: A paragraph of at least this many word 4-grams, this share of them already in the body, is a copy.
_MIN_REPEAT_GRAMS = 8
_REPEAT_SHARE = 0.8
#: The header lines above a repeated headline are looked for among this many first paragraphs.
_LEAD_WINDOW = 4
_MAX_KICKER_CHARS = 100
# Script and style hold only text; noscript and template hold whole hidden subtrees.
_HIDDEN = "parent::script or parent::style or ancestor::noscript or ancestor::template"
# Text nodes a reader sees that contain a probe word ($word), and the text a reader sees under
# one element (compiled once: lxml walks the tree in C, no Python loop over every node).
_VISIBLE_TEXT_WITH = etree.XPath(f"//body//text()[contains(., $word)][not({_HIDDEN})]")
_VISIBLE_TEXT_UNDER = etree.XPath(f".//text()[not({_HIDDEN})]", smart_strings=False)
#: The standfirst is looked for at most this many elements above a text node holding its probe word.
_STANDFIRST_LEVELS = 3
_INLINE_TAGS = frozenset((
    "a", "abbr", "b", "bdi", "cite", "code", "em", "font", "i", "mark", "q", "s", "small",
    "span", "strong", "sub", "sup", "time", "u",
))  # fmt: skip
_STANDFIRST_SPAN = 4
_PROBE_WORD = re.compile(r"[^\W\d_]{5,}")


def extract_body(
    tree: html.HtmlElement,
    headlines: Iterable[str] = (),
    description: str | None = None,
    declared_body: str | None = None,
) -> str | None:
    """Main text of the page, paragraphs separated by exactly one blank line.

    The page header is not part of the body: breadcrumbs, kicker and ``headlines`` repeated
    at the start are dropped. A standfirst (the ``description`` shown on the page itself)
    that the extractor left out is put back as the first paragraph. The body is either the
    page's text or ``declared_body`` (JSON-LD ``articleBody``), never both: see
    :func:`choose_body`. Text the page prints twice comes out once.
    """
    # No URL for trafilatura: it would only resolve every link target, which nothing here reads.
    document = bare_extraction(
        tree,
        include_comments=False,
        include_tables=True,
        include_links=True,
        with_metadata=False,
    )
    paragraphs = (
        _paragraphs(document.body) if document is not None and document.body is not None else []
    )
    if declared_body:
        paragraphs = choose_body(paragraphs, declared_body)
    paragraphs = _drop_leading_headlines(paragraphs, headlines)
    if (
        description
        and len(description) >= _MIN_STANDFIRST_CHARS
        and _fold(description) not in _fold(" ".join(paragraphs[:3]))
        and _visible_standfirst(tree, description)
    ):
        paragraphs.insert(0, description)
    return "\n\n".join(_drop_repeated_text(drop_boilerplate(paragraphs))) or None


def _drop_repeated_text(paragraphs: list[str]) -> list[str]:
    """Keep the article once when a page prints it twice (or the extractor took two copies).

    A paragraph whose word 4-grams mostly occurred earlier in the body is a second copy,
    whatever its dashes, quotes or paragraph breaks: punctuation is not part of a word.
    """
    seen: set[tuple[str, ...]] = set()
    kept: list[str] = []
    for paragraph in paragraphs:
        words = _words(paragraph)
        grams = set(zip(words, words[1:], words[2:], words[3:], strict=False))
        if len(grams) >= _MIN_REPEAT_GRAMS and len(grams & seen) >= _REPEAT_SHARE * len(grams):
            continue
        seen |= grams
        kept.append(paragraph)
    return kept


def _drop_leading_headlines(paragraphs: list[str], headlines: Iterable[str]) -> list[str]:
    """Drop the page header the extractor kept: breadcrumbs, kicker and the headline again.

    A headline repeat among the first few paragraphs goes, with the short lines above it
    (section trail, kicker, label): nothing of the article is printed above its headline.
    """
    headline_keys = {_fold(h) for h in headlines if h}
    for index, paragraph in enumerate(paragraphs[:_LEAD_WINDOW]):
        if _fold(paragraph) in headline_keys:
            if all(len(p) <= _MAX_KICKER_CHARS for p in paragraphs[:index]):
                paragraphs = paragraphs[index + 1 :]
            break
        if len(paragraph) > _MAX_KICKER_CHARS:
            break
    while paragraphs and _fold(paragraphs[0]) in headline_keys:
        paragraphs = paragraphs[1:]
    return paragraphs


def choose_body(paragraphs: list[str], declared_body: str) -> list[str]:
    """The page's extracted ``paragraphs`` or the declared ``articleBody``: one, never both.

    The declared text is taken only when nothing was extracted. Taking it when it was far
    longer than the extraction helped one page the rule was written for and no other
    (``bench/extraction.py --ablate``), and the two texts often differ in small ways
    (dashes, quotes) that keeping both would print twice.
    """
    if paragraphs:
        return paragraphs
    if "<" in declared_body:  # some publishers put the article's HTML in articleBody
        fragment = html.fromstring(f"<div>{declared_body}</div>")
        blocks = fragment.findall(".//p") or [fragment]
        declared_body = "\n".join(block.text_content() for block in blocks)
    declared = (" ".join(line.split()) for line in _INVISIBLE.sub("", declared_body).splitlines())
    return [line for line in declared if line]


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def _visible_standfirst(tree: html.HtmlElement, description: str) -> bool:
    """Whether the page also shows ``description`` as text (a standfirst).

    Only the elements around a text node holding the description's longest word are read,
    not the whole page's text: a standfirst is one block (or a few) of the page.
    """
    folded = _fold(description)
    words = _PROBE_WORD.findall(description)
    if not folded or not words:
        return False
    probe = max(words, key=len)
    for node in _VISIBLE_TEXT_WITH(tree, word=probe):
        if folded in _fold(node):
            return True
        element = node.getparent()
        if node.is_tail and element is not None:  # text after an element belongs to its parent
            element = element.getparent()
        while element is not None and element.tag in _INLINE_TAGS:
            element = element.getparent()
        # The block holding the word, then the few blocks around it while they stay short
        # (a standfirst split over two paragraphs), never the whole article's text.
        for level in range(_STANDFIRST_LEVELS):
            if element is None:
                break
            text = "".join(_VISIBLE_TEXT_UNDER(element))
            if level and len(text) > _STANDFIRST_SPAN * len(description):
                break
            if folded in _fold(text):
                return True
            element = element.getparent()
    return False


def _paragraphs(body: html.HtmlElement) -> list[str]:
    paragraphs: list[str] = []
    for element in body:
        if element.tag == "list":
            paragraphs.extend(_block_text(item) for item in element.iter("item"))
        elif element.tag == "table":
            paragraphs.extend(_table_paragraphs(element))
        else:
            paragraphs.append(_block_text(element))
    return [p for p in paragraphs if p]


def _table_paragraphs(table: html.HtmlElement) -> list[str]:
    """Data tables give one line per row; layout tables (cells holding paragraphs) give their paragraphs."""
    lines: list[str] = []
    for row in table.iter("row"):
        cells = list(row.iter("cell"))
        if any(cell.find(".//p") is not None or cell.find(".//head") is not None for cell in cells):
            for cell in cells:
                lines.extend(_paragraphs(cell) if len(cell) else [_block_text(cell)])
            continue
        line = " | ".join(text for text in (_text(cell) for cell in cells) if text)
        if line:
            lines.append(line)
    return [line for line in lines if line]


def _block_text(element: html.HtmlElement) -> str:
    """Text of a block, or "" when it is a short block made (almost) only of links."""
    text = _text(element)
    if not text or len(text) > _MAX_TEASER_CHARS:
        return text
    linked = sum(
        len(_text(ref))
        for ref in element.iter("ref")
        if not (ref.get("target") or "").startswith("mailto:")
    )
    return "" if linked >= _LINK_SHARE * len(text) else text


def _text(element: html.HtmlElement) -> str:
    for line_break in element.iter("lb"):
        line_break.tail = " " + (line_break.tail or "")
    return _SPACES.sub(" ", _INVISIBLE.sub("", "".join(element.itertext()))).strip()


def _fold(text: str) -> str:
    return _NON_WORD.sub("", text.casefold())
