"""Paragraph-level boilerplate that survives main-text extraction.

Extractors keep whole blocks; inside the article container publishers still put
"read more" teasers, newsletter and subscription prompts, photo credits, agency
contribution lines, ad labels and embedded tweets. Each rule here is a pattern in the
languages newscrawl crawls (en, fr, nl, plus de), never a site-specific case, and each
earned its place in ``bench/extraction.py --ablate`` on the half of the corpus it was not
written for. Rules only ever drop short paragraphs: a long paragraph that happens to start
with "Read more" is text, and a list of short lines is never cut as a block.

Dropped because they did not help on unseen pages: a "Most read" heading cutting the short
lines after it (it cut recipe-like articles to a third), captions ("Pictured:"), doubled
teasers, e-mail lines, date lines, live-ticker time stamps, bylines naming the authors.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

#: Paragraphs longer than this are never treated as boilerplate.
_MAX_BOILERPLATE_CHARS = 320

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
# Every branch of _ANYWHERE contains one of these: a substring test skips the slow search
# (a case-insensitive alternation is tried at every position) for ordinary paragraphs.
_ANYWHERE_WORDS = (
    "newsletter", "inbox", "boîte", "boite", "mailbox", "cookie", "abonnés", "subscribers",
    "commission", "journalism", "javascript", "story", "stories", "follow", "hear", "think",
    "letter", "share", "avis", "weten", "privacy", "offre", "confidentialit", "forum",
    "conversation", "discussion", "thought", "closed", "commentaire", "agissez", "reactie",
    "bookmark",
)  # fmt: skip
_CREDIT = re.compile(
    r"^\W*(?:photos?|foto'?s?|images?|pictures?|cr[ée]dits?(?:\s+photos?)?|bild(?:er)?|vid[ée]o|"
    r"illustration|source)\s*:\s*.{0,80}$",
    re.IGNORECASE,
)
_CONTRIBUTION = re.compile(
    r"^\W*(?:with\s+(?:files|reporting|reports|additional\s+reporting)\s+(?:from|by)|"
    r"additional\s+reporting\s+by|.{0,80}contributed\s+to\s+this\s+report|"
    r"avec\s+(?:afp|reuters|ap|agences)\W*$|met\s+dank\s+aan)",
    re.IGNORECASE,
)
# An embedded tweet as extractors flatten it: picture link or "— Name (@handle) May 2, 2024".
_TWEET = re.compile(
    r"pic\.twitter\.com/\w+|[—-]\s*[^—\n]{1,80}\(@\w{1,15}\)\s+\w+\.?\s+\d{1,2},?\s+\d{4}\W*$"
)
_MAX_TWEET_CHARS = 600


def drop_boilerplate(paragraphs: Iterable[str]) -> list[str]:
    """The paragraphs that are article text, in order.

    Short lines repeated on purpose (a recipe's "1 green container" every day) are kept;
    text printed twice is :mod:`newscrawl.pages.body`'s concern.
    """
    return [
        paragraph
        for paragraph in paragraphs
        if not (len(paragraph) <= _MAX_BOILERPLATE_CHARS and _is_boilerplate(paragraph))
        and not (len(paragraph) <= _MAX_TWEET_CHARS and _TWEET.search(paragraph))
    ]


def _is_boilerplate(paragraph: str) -> bool:
    return bool(
        _PREFIXES.match(paragraph)
        or (_mentions(paragraph.casefold(), _ANYWHERE_WORDS) and _ANYWHERE.search(paragraph))
        or _CREDIT.match(paragraph)
        or _CONTRIBUTION.match(paragraph)
    )


def _mentions(folded: str, words: tuple[str, ...]) -> bool:
    return any(word in folded for word in words)
