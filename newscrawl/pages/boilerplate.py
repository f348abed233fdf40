"""Paragraph-level boilerplate that survives main-text extraction.

Extractors keep whole blocks; inside the article container publishers still put
"read more" teasers, newsletter and subscription prompts, photo credits, agency
contribution lines, ad labels, live-ticker time stamps, embedded tweets and bylines. Each rule here is a pattern in the
languages newscrawl crawls (en, fr, nl, plus de), never a site-specific case.
Rules only ever drop short paragraphs: a long paragraph that happens to start
with "Read more" is text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

#: Paragraphs longer than this are never treated as boilerplate.
_MAX_BOILERPLATE_CHARS = 320
#: Teasers under a "Most read" heading are shorter than this; a longer paragraph is text again.
_MAX_TEASER_CHARS = 200

_PREFIXES = re.compile(
    r"^\W*(?:"
    # en
    r"read\s+more|read\s+also|also\s+read|related(?:\s+articles?|\s+stories|\s+content)?\s*:|"
    r"recommended(?:\s+videos?|\s+for\s+you)?$|more\s+from|more\s+on\s+this|see\s+also|watch\s*:|"
    r"listen\s*:|advertisement|story\s+continues|article\s+continues|continue\s+reading|"
    r"article\s+content$|sponsored\b|share\s+this|follow\s+us|sign\s+up\b|subscribe\b|"
    r"click\s+here|get\s+the\s+latest|get\s+daily|don't\s+miss|trending\s+now|"
    # fr
    r"[àa]\s+lire\s+aussi|lire\s+aussi|lire\s+la\s+suite|voir\s+aussi|[àa]\s+voir\s+aussi|"
    r"regarder\s+aussi|publicit[ée]|il\s+vous\s+reste|la\s+suite\s+est\s+r[ée]serv[ée]e|"
    r"abonnez-vous|inscrivez-vous|pour\s+lire\s+la\s+suite|pour\s+acc[ée]der|"
    r"retrouvez|suivez-nous|[ée]galement\s+[àa]\s+lire|sur\s+le\s+m[êe]me\s+sujet|"
    # nl
    r"lees\s+ook|lees\s+meer|lees\s+verder|bekijk\s+ook|ook\s+interessant|meer\s+over\s*:|"
    r"meer\s+over\s+dit\s+onderwerp|"
    r"het\s+artikel\s+gaat\s+verder|advertentie|schrijf\s+je\s+in|abonneer|"
    r"volg\s+ons|gerelateerd|"
    # de
    r"lesen\s+sie\s+auch|mehr\s+zum\s+thema|anzeige$|weiterlesen|auch\s+interessant|"
    # live-ticker labels and video prompts
    r"live(?:\s+updates?|\s*blog|-?ticker)?\W*$|en\s+direct\W*$|direct\W*$|"
    r"bekijk\s+(?:hier\s+)?de\s+(?:video|beelden)|regardez\s+la\s+vid[ée]o|watch\s+the\s+video|"
    # share bars and copyright lines
    r"deel\s+dit\s+artikel|partager\s+(?:cet\s+article|sur)|share\s+on\b|(?:©|\(c\)|copyright)\s"
    r")",
    re.IGNORECASE,
)
_ANYWHERE = re.compile(
    r"newsletter|in\s+your\s+inbox|dans\s+votre\s+bo[îi]te|in\s+je\s+mailbox|"
    r"(?:accept|accepter|accepteer|akzeptieren)\w*\s.{0,40}cookies|cookies?\s+(?:policy|settings)|"
    r"(?:réservée?|reserved)\s+(?:aux|to)\s+(?:abonnés|subscribers)|"
    r"affiliate\s+commission|may\s+earn\s+(?:us\s+)?a?\s*commission|"
    r"bookmark\s+\S+\s+and\s+sign\s+up|invest\s+in\s+journalism|support\s+our\s+journalism|"
    r"javascript\s+(?:is\s+)?(?:disabled|required)|enable\s+javascript|"
    r"got\s+a\s+story\W|for\s+more\s+stories\s+like\s+this|follow\s+(?:\S+\s+){1,3}on\s+(?:twitter|facebook|x\b|instagram)|"
    r"we\s+want\s+to\s+hear|tell\s+us\s+what\s+you\s+think|submit\s+(?:your|a)\s+letter|"
    r"share\s+your\s+(?:thoughts|story)\b|donnez\s+votre\s+avis|laat\s+het\s+ons\s+weten|"
    r"privacy\s+(?:policy|notice)|d[ée]couvrez\s+nos\s+offres|offres?\s+premium|"
    r"politique\s+de\s+confidentialit[ée]|privacyverklaring|privacybeleid|"
    r"commenting\s+forum|join\s+the\s+(?:conversation|discussion)|join\s+thought-provoking|"
    r"comments?\s+(?:are|have\s+been)\s+closed|more\s+to\s+follow|"
    r"laisser\s+un\s+commentaire|r[ée]agissez|plaats\s+een\s+reactie",
    re.IGNORECASE,
)
_CREDIT = re.compile(
    r"^\W*(?:photos?|foto'?s?|images?|pictures?|cr[ée]dits?(?:\s+photos?)?|bild(?:er)?|vid[ée]o|"
    r"illustration|source)\s*:\s*.{0,80}$",
    re.IGNORECASE,
)
_CAPTION = re.compile(r"^\W*(?:pictured|above|top|below|main\s+image)\b\s*[:,(]?", re.IGNORECASE)
# Headings that open the teaser lists closing many article pages: everything after goes.
_TAIL_HEADING = re.compile(
    r"^\W*(?:popular|most\s+popular|most\s+read|most\s+viewed|trending|related(?:\s+articles|\s+stories)?|"
    r"recommended(?:\s+for\s+you)?|more\s+stories|you\s+may\s+also\s+like|les\s+plus\s+lus|"
    r"[àa]\s+lire\s+aussi|sur\s+le\s+m[êe]me\s+sujet|meest\s+gelezen|lees\s+ook|meer\s+nieuws|"
    r"meistgelesen|mehr\s+zum\s+thema)\W*$",
    re.IGNORECASE,
)
_CONTRIBUTION = re.compile(
    r"^\W*(?:with\s+(?:files|reporting|reports|additional\s+reporting)\s+(?:from|by)|"
    r"additional\s+reporting\s+by|.{0,80}contributed\s+to\s+this\s+report|"
    r"avec\s+(?:afp|reuters|ap|agences)\W*$|met\s+dank\s+aan)",
    re.IGNORECASE,
)
# A labelled contact address ("Email: jane@paper.test"); a bare address may be content.
_EMAIL_LINE = re.compile(r"^\W*(?:e-?mail|courriel|mail)\s*:\s*\S+@\S+\.\w+\W*$", re.IGNORECASE)
_DATE_LINE = re.compile(
    r"^\W*(?:(?:updated|published|mis\s+[àa]\s+jour|publi[ée]\s+le|bijgewerkt|gepubliceerd)\W*)?"
    r"(?:\d{1,2}[:h.]\d{2}\s*(?:[ap]\.?m\.?)?\s*[A-Z]{0,4},?\s*)?"
    r"(?:\w+,?\s+)?\d{1,2}\.?\s*\w+\.?,?\s+\d{4}(?:,?\s*\d{1,2}[:h.]\d{2}\s*(?:[ap]\.?m\.?)?\s*[A-Z]{0,4})?\W*$"
    r"|^\W*(?:\w+\s+)?\w+\.?\s+\d{1,2},?\s+\d{4}(?:\s*[-,|]?\s*\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?\s*[A-Z]{0,4})?\W*$",
    re.IGNORECASE,
)
# A live-ticker time stamp on its own line ("21:12", "90+2'").
_TIME_LINE = re.compile(
    r"^\W*(?:\d{1,2}[:h.]\d{2}\s*(?:[ap]\.?m\.?)?(?-i:\s*[A-Z]{2,4})?|\d{1,3}(?:\+\d{1,2})?\s*['’′])\W*$",
    re.I,
)
# An embedded tweet as extractors flatten it: picture link or "— Name (@handle) May 2, 2024".
_TWEET = re.compile(
    r"pic\.twitter\.com/\w+|[—-]\s*[^—\n]{1,80}\(@\w{1,15}\)\s+\w+\.?\s+\d{1,2},?\s+\d{4}\W*$"
)
_MAX_TWEET_CHARS = 600
# A teaser printed twice (link text + heading): "Title Title".
_DOUBLED = re.compile(r"^(.{12,}?)\s+\1$")
_BY_LINE = re.compile(r"^\s*(?:by|par|door|von)\s+(.{2,80})$", re.IGNORECASE)
#: A paragraph repeated later in the body is kept once.
_DEDUPLICATE = True


def drop_boilerplate(paragraphs: Iterable[str], authors: Iterable[str] = ()) -> list[str]:
    """The paragraphs that are article text, in order, without repeated paragraphs."""
    author_keys = {_fold(a) for a in authors if a}
    paragraphs = _drop_teaser_tail(list(paragraphs))
    kept: list[str] = []
    seen: set[str] = set()
    for paragraph in paragraphs:
        key = _fold(paragraph)
        if not key or (_DEDUPLICATE and key in seen):
            continue
        if len(paragraph) <= _MAX_BOILERPLATE_CHARS and _is_boilerplate(paragraph, author_keys):
            continue
        if len(paragraph) <= _MAX_TWEET_CHARS and _TWEET.search(paragraph):
            continue
        seen.add(key)
        kept.append(paragraph)
    return kept


def _drop_teaser_tail(paragraphs: list[str]) -> list[str]:
    """Remove a "Most read"/"Lees ook" heading in the second half and the short teasers after it."""
    for index in range(len(paragraphs) // 2, len(paragraphs)):
        if _TAIL_HEADING.match(paragraphs[index]):
            end = index + 1
            while end < len(paragraphs) and len(paragraphs[end]) < _MAX_TEASER_CHARS:
                end += 1
            return paragraphs[:index] + paragraphs[end:]
    return paragraphs


def _is_boilerplate(paragraph: str, author_keys: set[str]) -> bool:
    if (
        _PREFIXES.match(paragraph)
        or _ANYWHERE.search(paragraph)
        or _CREDIT.match(paragraph)
        or _CAPTION.match(paragraph)
        or _DOUBLED.match(paragraph)
        or _CONTRIBUTION.match(paragraph)
        or _EMAIL_LINE.match(paragraph)
        or _DATE_LINE.match(paragraph)
        or _TIME_LINE.match(paragraph)
    ):
        return True
    return bool(author_keys) and _is_byline(paragraph, author_keys)


def _is_byline(paragraph: str, author_keys: set[str]) -> bool:
    by_line = _BY_LINE.match(paragraph)
    candidate = by_line.group(1) if by_line else paragraph
    parts = [p for p in re.split(r"\s*(?:/|,|&|\band\b|\bet\b|\ben\b)\s*", candidate) if p]
    return bool(parts) and all(_fold(p) in author_keys for p in parts)


def _fold(text: str) -> str:
    return re.sub(r"\W+", "", text.casefold())
