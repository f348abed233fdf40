"""Kick-off date of the match an article is about, inferred from its text and publication date.

Cues, strongest first: an explicit date ("on May 2", "jeudi 2 mai", "2 mei 2024"); a weekday
("Thursday", "jeudi", "donderdag", optionally "last"/"next"/"prochain"/"vorige"...); a relative
day ("last night", "hier soir", "gisteravond", "tonight", "ce soir", "vanavond"). A weekday
without modifier points forward in a preview and backward in a report. Cues in sentences that
name a team outside the match ("Monday's win over Salernitana") are about another game and are
skipped. Without any cue the publication date is used (basis ``published``) and the grouper
widens its tolerance accordingly.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from newscrawl.matching import folding
from newscrawl.matching.attachment import about_other_game
from newscrawl.matching.scores import clause_near, find_scores
from newscrawl.matching.vocabulary import alternation, cue, in_earlier_result

_MONTHS = {
    "january": 1, "jan": 1, "janvier": 1, "januari": 1,
    "february": 2, "feb": 2, "février": 2, "fevrier": 2, "februari": 2,
    "march": 3, "mar": 3, "mars": 3, "maart": 3,
    "april": 4, "apr": 4, "avril": 4,
    "may": 5, "mai": 5, "mei": 5,
    "june": 6, "jun": 6, "juin": 6, "juni": 6,
    "july": 7, "jul": 7, "juillet": 7, "juli": 7,
    "august": 8, "aug": 8, "août": 8, "aout": 8, "augustus": 8,
    "september": 9, "sep": 9, "sept": 9, "septembre": 9,
    "october": 10, "oct": 10, "octobre": 10, "oktober": 10, "okt": 10,
    "november": 11, "nov": 11, "novembre": 11,
    "december": 12, "dec": 12, "décembre": 12, "decembre": 12,
}
_WEEKDAYS = {
    "monday": 0, "lundi": 0, "maandag": 0,
    "tuesday": 1, "mardi": 1, "dinsdag": 1,
    "wednesday": 2, "mercredi": 2, "woensdag": 2,
    "thursday": 3, "jeudi": 3, "donderdag": 3,
    "friday": 4, "vendredi": 4, "vrijdag": 4,
    "saturday": 5, "samedi": 5, "zaterdag": 5,
    "sunday": 6, "dimanche": 6, "zondag": 6,
}
#: Month and weekday words of the three languages (never a name, see :mod:`newscrawl.matching.names`).
CALENDAR_WORDS = frozenset(_MONTHS) | frozenset(_WEEKDAYS)
# Relative days by language; None = any language. "hier" is "here" in Dutch, "morgen" is Dutch only.
_RELATIVE: list[tuple[str, int, str | None]] = [
    (r"last night|yesterday", -1, None),
    (r"hier soir|hier", -1, "fr"),
    (r"gisteravond|gisteren", -1, None),
    (r"tonight|this evening|today", 0, None),
    (r"ce soir|aujourd'hui|aujourd’hui", 0, None),
    (r"vanavond|vandaag", 0, None),
    (r"tomorrow", 1, None),
    (r"demain soir|demain", 1, "fr"),
    (r"morgenavond|morgen", 1, "nl"),
]
_RELATIVE_RE = [(re.compile(rf"\b(?:{p})\b", re.IGNORECASE), offset, lang, tuple(p.split("|")))
                for p, offset, lang in _RELATIVE]
#: "Two days on from", "deux jours après", "twee dagen na": a reaction counts back to its game.
_DAY_COUNTS = {"one": 1, "two": 2, "three": 3, "four": 4, "un": 1, "deux": 2, "trois": 3, "quatre": 4,
               "een": 1, "één": 1, "twee": 2, "drie": 3, "vier": 4}
_DAYS_AFTER_RE = re.compile(
    rf"\b(?P<n>{'|'.join(_DAY_COUNTS)}|[1-4])\s+(?:days?\s+(?:on\s+from|after)|jours?\s+après|dag(?:en)?\s+na)\b",
    re.IGNORECASE,
)
#: Strength of a reaction's own day counted back: as sure as a calendar date.
DAYS_AFTER_STRENGTH = 3.0
_MONTH_ALT = "|".join(sorted(_MONTHS, key=len, reverse=True))
_WEEKDAY_ALT = "|".join(_WEEKDAYS)
#: A weekday in any of the languages ("Thursday", "jeudi", "donderdagavond").
WEEKDAY_WORD = re.compile(rf"\b(?:{_WEEKDAY_ALT})(?:middag|avond|ochtend)?\b", re.IGNORECASE)
_CLOCK = r"\d{1,2}(?:h\d{0,2}|[.:]\d{2})(?:\s*(?:uur|[ap]m))?|\d{1,2}\s*[ap]m"
#: A kick-off clock time: "samedi (17h)", "(20.45 uur)", "(14h, heure belge)", "kick-off at
#: 20:00", "aftrap om 20.30 uur". Leads give it for a game to come; a report tells the game.
KICKOFF_CLOCK = re.compile(
    rf"\(\s*(?:{_CLOCK})\s*(?:,[^)]{{0,20}})?\)|\b(?:{alternation('kickoff_word')})\b[^.\n]{{0,25}}?\b(?:{_CLOCK})",
    re.IGNORECASE,
)
#: A weekday or "last night" in any of the languages: the day a match is placed on.
MATCH_DAY = re.compile(
    rf"{WEEKDAY_WORD.pattern}|\b(?:last night|yesterday|hier soir|gisteravond|gisteren)\b",
    re.IGNORECASE,
)
_DATE_DM_RE = re.compile(
    rf"\b(?P<day>[0-3]?\d)(?:st|nd|rd|th|er|e)?\s+(?P<month>{_MONTH_ALT})\.?(?:\s+(?P<year>20\d\d))?\b",
    re.IGNORECASE,
)
_DATE_MD_RE = re.compile(
    rf"\b(?P<month>{_MONTH_ALT})\.?\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>20\d\d))?",
    re.IGNORECASE,
)


def has_calendar_date(text: str) -> bool:
    """Whether ``text`` writes a calendar date ("10 mars", "March 10th") in any of the languages."""
    return _may_name_month(folding.lowered(text)) and (folding.found(_DATE_DM_RE, text)
                                                       or folding.found(_DATE_MD_RE, text))


# Prefilters: the case-insensitive month and weekday alternations try every name at every word,
# so a text is first lowered once and tested for the names by plain word or substring checks
# (exact: see :mod:`newscrawl.matching.folding`; a text it will not lower is never prefiltered).
_WORD = re.compile(r"\w+")
_MONTH_WORDS = frozenset(_MONTHS)


def _may_name_month(lowered: str | None) -> bool:
    """False when no month of :data:`_MONTHS` is a word of the text: the date patterns both
    need one as a whole word (after a space or a word boundary, before a space, dot or boundary)."""
    return lowered is None or not _MONTH_WORDS.isdisjoint(_WORD.findall(lowered))


def _may_name_weekday(lowered: str | None) -> bool:
    """False when no weekday of :data:`_WEEKDAYS` is in the text, even inside a word."""
    return lowered is None or any(day in lowered for day in _WEEKDAYS)


_BEFORE_MOD = (
    r"(?P<mod>last|next|this|coming|ce|cette|vorige|volgende|komende|afgelopen|aanstaande|"
    r"next week|volgende week|la semaine prochaine)\s+(?:on\s+)?"
)
_WEEKDAY_RE = re.compile(
    rf"\b(?:{_BEFORE_MOD})?(?P<day>{_WEEKDAY_ALT})(?:middag|avond|ochtend|namiddag)?(?P<poss>'s|’s)?(?:\s+(?P<after>prochain|dernier|soir|avond))?\b",
    re.IGNORECASE,
)
_NEXT_MODS = {"next", "coming", "volgende", "komende", "aanstaande", "prochain", "next week",
              "volgende week", "la semaine prochaine"}
_LAST_MODS = {"last", "vorige", "afgelopen", "dernier"}


_LATER_GAME = cue("later_game")
_SAID_BEFORE = re.compile(rf"\b(?:{alternation('said_day')})\b(?:\s+[\w'’]+){{0,6}}?\s+(?:on\s+)?$", re.IGNORECASE)
_SAID_AFTER = re.compile(rf"^(?:\s+[\w'’]+){{0,3}}?\s+(?:{alternation('said_day_after')})\b", re.IGNORECASE)
#: Words that put a weekday back on the pitch ("said after Sunday's game").
_AFTER_GAME_WORD = re.compile(r"\b(?:after|following|après|na|sinds|since)\b", re.IGNORECASE)
_EARLIER_GAME = cue("earlier_game")
#: A live blog is written during its match: a first leg or last week it names is an earlier game.
_RECALLED_LEG = cue("earlier_leg")
#: A clause about another meeting of the same two teams ("they meet again in the cup on ...").
ANOTHER_MEETING = cue("another_meeting")
#: Days before publication past which a report's explicit date is taken for a recalled game's...
STALE_REPORT_DAYS = 6
#: ... and weighs less than any weekday or relative day of the text.
STALE_DATE_STRENGTH = 0.5
#: Bonus of a played match's weekday in the clause of its score: it beats a day later in the text
#: (the day a coach "noemde de nederlaag maandag een les").
SCORE_CLAUSE_BONUS = 0.5
#: Bonus of the earliest day ahead in a preview.
NEAREST_DAY_BONUS = 1.0


@dataclass(frozen=True)
class KickoffGuess:
    """A kick-off date and how it was found."""

    day: date
    basis: str
    """``explicit``, ``weekday``, ``relative`` or ``published``."""


def _resolve_day_month(day: int, month: int, year: int | None, published: date | None) -> date | None:
    if year is None:
        if published is None:
            return None
        options = []
        for y in (published.year - 1, published.year, published.year + 1):
            try:
                options.append(date(y, month, day))
            except ValueError:
                continue
        return min(options, key=lambda d: abs((d - published).days)) if options else None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _weekday_date(weekday: int, published: date, direction: int) -> date:
    """Nearest ``weekday`` at or after (direction 1) / at or before (direction -1) ``published``."""
    delta = (weekday - published.weekday()) % 7
    if direction > 0:
        return published + timedelta(days=delta)
    return published - timedelta(days=(7 - delta) % 7)


def infer_kickoff(
    title: str,
    body: str,
    *,
    published: date | None,
    article_type: str,
    language: str | None,
    team_spans: list[tuple[int, int, bool]],
    skip: Callable[[str], bool] | None = None,
) -> KickoffGuess | None:
    """Guess the kick-off date; ``team_spans`` are (start, end, in_pair) of team mentions in
    ``title + "\\n" + body``: cues attached to a team outside the match are skipped, and so are
    cues whose clause ``skip`` flags (the other leg of a tie, the final of the competition)."""
    text = f"{title}\n{body}"
    lead_end = len(title) + 1 + min(len(body), 400)
    forward = article_type == "preview"
    played = article_type in ("report", "reaction", "live")
    other_game = _EARLIER_GAME if forward else _LATER_GAME if played else None
    found: list[tuple[float, int, KickoffGuess]] = []
    # "Feyenoord en PSV treffen elkaar opnieuw" in the headline: the meeting again is the article's own.
    meets_again = folding.found(ANOTHER_MEETING, text) and not folding.found(ANOTHER_MEETING, title)

    def consider(start: int, end: int, guess: KickoffGuess | None, strength: float) -> None:
        if guess is None:
            return
        if published is not None and not _on_the_right_side(guess.day, published, article_type):
            return  # a report's kick-off is on or before publication, a preview's on or after
        if about_other_game(text, start, end, team_spans):
            return
        clause = clause_near(text, start, end)
        if skip is not None and skip(clause):
            return
        if meets_again and folding.found(ANOTHER_MEETING, clause):
            return  # "the two clubs meet again in the cup on 24 February": not this meeting
        if other_game is not None and folding.found(other_game, clause):
            return  # "the return leg on Wednesday 12 March", "after last Tuesday's win"
        if article_type == "live" and folding.found(_RECALLED_LEG, clause):
            return  # a live blog's "Donderdag eindigde de heenwedstrijd in 1-1"
        if forward and (in_earlier_result(text, start, bare_score=True) or recalled_defeat(text, start)):
            return  # a preview's "after Sunday's 3-1 defeat": another game's day
        weight = strength + (2 if start < len(title) else 1 if start < lead_end else 0)
        found.append((weight, start, guess))

    lowered = folding.lowered(text)
    date_regexes = (_DATE_DM_RE, _DATE_MD_RE) if _may_name_month(lowered) else ()
    for regex in date_regexes:
        for m in folding.matches(regex, text):
            month = _MONTHS[m.group("month").lower()]
            year = int(m.group("year")) if m.group("year") else None
            day = _resolve_day_month(int(m.group("day")), month, year, published)
            if day is not None and m.group("month").lower() in {"mar", "may", "jun"} and not m.group("month")[0].isupper():
                continue  # lower-case "may"/"mar" are words, not months
            strength = 3.0
            if played and day is not None and published is not None and (published - day).days > STALE_REPORT_DAYS:
                # A report comes out within days of its match: a date weeks back is a game it
                # recalls ("the replay of the game abandoned on 17 October"), unless nothing else.
                strength = STALE_DATE_STRENGTH
            consider(m.start(), m.end(), KickoffGuess(day, "explicit") if day else None, strength)
    named_days = _named_days(text, team_spans)
    if published is not None:
        for m in folding.matches(_WEEKDAY_RE, text) if _may_name_weekday(lowered) else ():
            if _dated(text, m.end()):
                continue  # "dimanche 23 mars": the date decides, and is another game's if it was skipped
            if not m.group("poss") and _said_day(text, m.start(), m.end()):
                continue  # "zei hij maandag", "trained on Friday": the day of a quote, not of the match
            if _club_day(text, m, named_days):
                continue  # "Wednesday's winning run" with Sheffield Wednesday playing: the club
            weekday = _WEEKDAYS[m.group("day").lower()]
            mod = (m.group("mod") or m.group("after") or "").lower()
            if mod in _NEXT_MODS:
                if not forward:
                    continue  # a report's "next Thursday" is the following game
                day = _weekday_date(weekday, published + timedelta(days=1), 1)
            elif mod in _LAST_MODS:
                day = _weekday_date(weekday, published - timedelta(days=1), -1)
            else:
                day = _weekday_date(weekday, published, 1 if forward else -1)
            strength = 1.5 if m.group("poss") else 2
            if played and _in_score_clause(text, m.start(), m.end()) and not in_earlier_result(text, m.start()):
                strength += SCORE_CLAUSE_BONUS  # "vrijdag na de verloren derby (1-2)": the result's day
            consider(m.start(), m.end(), KickoffGuess(day, "weekday"), strength)
        for regex, offset, lang, words in _RELATIVE_RE:
            if lang is not None and language not in (lang, None):
                continue
            if lowered is not None and not any(word in lowered for word in words):
                continue  # none of its words (plain letters, apostrophes, spaces) is in the text
            for m in folding.matches(regex, text):
                consider(m.start(), m.end(), KickoffGuess(published + timedelta(days=offset), "relative"), 1.5)
        if article_type == "reaction":
            # Only in the headline or the lead's opening: later, "four days after" is an earlier game.
            for m in folding.matches(_DAYS_AFTER_RE, text[: _opening_end(text, len(title))]):
                back = _DAY_COUNTS.get(m.group("n").lower()) or int(m.group("n"))
                consider(m.start(), m.end(), KickoffGuess(published - timedelta(days=back), "relative"),
                         DAYS_AFTER_STRENGTH)
    if found:
        return _best(found, forward=forward)
    if published is not None:
        return KickoffGuess(published, "published")
    return None


_BEATEN_OPENING = re.compile(rf"\s*(?:{alternation('beaten_opening')})\b", re.IGNORECASE)


def recalled_defeat(text: str, pos: int) -> bool:
    """Whether the score or day at ``pos`` is in a sentence that opens on a defeat's participle and
    names two days, before the last of them: the first day is the game recalled, the last the one
    ahead ("Battues 1-2 vendredi, les Red Flames retrouvent les Pays-Bas mardi"). With one day it is
    the match's own ("Tenus en échec 2-2 jeudi soir, les Unionistes se qualifient")."""
    lo = max(text.rfind(c, 0, pos) for c in ".!?\n") + 1
    if not _BEATEN_OPENING.match(text, lo):
        return False
    hi = min([i for i in (text.find(c, pos) for c in ".!?\n") if i != -1] + [len(text)])
    days = [m.start() for m in WEEKDAY_WORD.finditer(text, lo, hi)]
    return len(days) >= 2 and pos < days[-1]


def _in_score_clause(text: str, start: int, end: int) -> bool:
    """Whether the clause of the weekday at ``text[start:end]`` holds a played score (not a
    prediction nor an aggregate); the caller leaves out a day inside an earlier result ("na de 2-1
    zege van donderdag")."""
    return any(not s.prediction and not s.aggregate for s in find_scores(clause_near(text, start, end)))


def _named_days(text: str, team_spans: list[tuple[int, int, bool]]) -> set[str]:
    """Weekdays that end a name of the match's teams ("Sheffield Wednesday")."""
    return {w for a, b, in_pair in team_spans if in_pair for w in text[a:b].lower().split()[-1:] if w in _WEEKDAYS}


def _club_day(text: str, m: re.Match[str], named_days: set[str]) -> bool:
    """Whether the weekday match ``m`` is a club's short name ("Wednesday lost at Boro") rather
    than a day: a word of ``named_days`` without a day word before it ("on Wednesday")."""
    return (m.group("day").lower() in named_days and not m.group("mod")
            and not _ON_BEFORE.search(text[max(0, m.start() - 8) : m.start()]))


def _said_day(text: str, start: int, end: int) -> bool:
    """Whether the weekday at ``text[start:end]`` is the day something was said or done off the
    pitch: just after a speech verb ("he said on Monday", "a reconnu mercredi", "zei hij maandag")
    or just before a press event ("on Thursday at his press conference"), in one clause."""
    lo = max(0, start - 60)
    before = text[lo:start]
    cut = max(before.rfind(c) for c in ".!?\n,;:")
    before = before[cut + 1 :]
    if folding.found(_SAID_BEFORE, before) and not folding.found(_AFTER_GAME_WORD, before):
        return True
    after = text[end : end + 40]
    cut = min([i for i in (after.find(c) for c in ".!?\n,;") if i != -1] + [len(after)])
    return bool(_SAID_AFTER.match(after[:cut]))


#: "on Wednesday", "op woensdag", "le mercredi": a weekday as a day, not a club's short name.
_ON_BEFORE = re.compile(r"\b(?:on|op|le|this|last|next|since|until|by)\s+$", re.IGNORECASE)
_DATE_GAP = re.compile(r"[\s,]*(?:the\s+|le\s+)?")


def _dated(text: str, end: int) -> bool:
    """Whether the weekday ending at ``end`` opens an explicit date ("Wednesday 12 March",
    "Sunday, May 5", "zondag 23 maart")."""
    pos = _DATE_GAP.match(text, end).end()
    return bool(_DATE_DM_RE.match(text, pos) or _DATE_MD_RE.match(text, pos))


def _opening_end(text: str, title_end: int) -> int:
    """End of the body's first sentence."""
    ends = [i for i in (text.find(c, title_end + 1) for c in ".!?") if i != -1]
    return min(ends, default=len(text))


def _on_the_right_side(day: date, published: date, article_type: str) -> bool:
    if article_type in ("report", "reaction"):
        return day <= published
    if article_type == "live":
        return day <= published + timedelta(days=1)
    if article_type == "preview":
        return day >= published
    return True


def _best(found: list[tuple[float, int, KickoffGuess]], *, forward: bool) -> KickoffGuess:
    """The strongest cue; in a preview the earliest day ahead gets :data:`NEAREST_DAY_BONUS`,
    since the later days it names are later games' (the return leg, the next league game). Ties
    go to the cue named first in a preview, to the later day otherwise."""
    days = {g.day for _, _, g in found}
    nearest = min(days) if forward else None
    scored = [(w + (NEAREST_DAY_BONUS if g.day == nearest and len(days) > 1 else 0), -start, g)
              for w, start, g in found]
    if forward:
        return max(scored, key=lambda s: (s[0], s[1]))[2]
    # Looking back, of two equally strong days the later is the match: the earlier one is the
    # game it followed ("na de zege van donderdag ging Oranje zondag onderuit").
    return max(scored, key=lambda s: (s[0], s[2].day, s[1]))[2]


def written_weekday(
    title: str,
    body: str,
    *,
    article_type: str,
    team_spans: list[tuple[int, int, bool]],
    skip: Callable[[str], bool] | None = None,
) -> int | None:
    """The weekday (0 = Monday) the text gives the match, for articles without a publication
    date: the first weekday cue of the title or lead that is not another game's."""
    text = f"{title}\n{body}"
    lead_end = len(title) + 1 + min(len(body), 400)
    other_game = _EARLIER_GAME if article_type == "preview" else _LATER_GAME
    recalled = None
    named_days = _named_days(text, team_spans)
    if not _may_name_weekday(folding.lowered(text[:lead_end])):
        return None
    for m in _WEEKDAY_RE.finditer(text, 0, lead_end):
        if _club_day(text, m, named_days):
            continue
        if not m.group("poss") and _said_day(text, m.start(), m.end()):
            continue  # "zei hij dinsdag": the day of the quote, as in infer_kickoff
        if _dated(text, m.end()):
            continue  # "le dimanche 9 février": the date's own weekday, a recalled game's as often as not
        clause = clause_near(text, m.start(), m.end())
        if about_other_game(text, m.start(), m.end(), team_spans) or folding.found(other_game, clause):
            continue
        if article_type == "live" and folding.found(_RECALLED_LEG, clause):
            continue
        if skip is not None and skip(clause):
            continue
        if in_earlier_result(text, m.start(), bare_score=article_type == "preview") or (
                article_type == "preview" and recalled_defeat(text, m.start())):
            # "Na de zege van donderdag ging Oranje zondag onderuit": the recalled game's day
            # only when the lead gives no other.
            recalled = _WEEKDAYS[m.group("day").lower()] if recalled is None else recalled
            continue
        return _WEEKDAYS[m.group("day").lower()]
    return recalled
