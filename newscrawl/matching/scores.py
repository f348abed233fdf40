"""Scores written in text: "1-1", "1:1", "2–1", "1 à 1", "1️⃣-1️⃣", and which of them is the result.

:func:`find_scores` lists every score-shaped string with the cues around it; a score inside a
prediction ("We say: 2-1", "Notre prono", "Onze voorspelling"), an aggregate ("3-2 on
aggregate") or a deficit to overturn ("moet 2-1 ombuigen", marked as an aggregate), a formation ("4-3-3") or a clock time ("20:45") is marked or skipped so that
:func:`newscrawl.matching.facts.extract_match_facts` can pick the match result.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

from newscrawl.matching import folding
from newscrawl.matching.vocabulary import alternation

_KEYCAP_RE = re.compile("(\\d)\ufe0f?\u20e3")
# Goals on each side: at most two digits, no leading zero, with a dash, colon or "à/a" between.
_SCORE_RE = re.compile(
    r"(?<![\w.,:/+\-–])(?P<a>[1-9]?\d)(?P<sep>\s*[-–—:]\s*|\s+(?:à|a)\s+)(?P<b>[1-9]?\d)(?![\w:/%°]|[.,]\d|\s?[-–]\s?\d|\s?(?:h|uur|pm|am|CET|GMT|BST|ET)\b)"
)
_PREDICTION_RE = re.compile(
    r"\b(?:we say|our prediction|prediction|predicted score|we predict|predict|tip|betting|odds|"
    r"notre prono|pronostic|prono|nos pronos|cote|onze voorspelling|voorspelling|voorspellen|"
    r"wij zeggen|we zeggen|gok|tipt?)\b",
    re.IGNORECASE,
)
_AGGREGATE_RE = re.compile(
    r"^\W{0,3}(?:\)?\s*)?(?:on aggregate|on agg|agg\.?|aggregate|au cumul|en cumulé|sur l'ensemble des deux matchs|"
    r"over twee (?:duels|wedstrijden)|in totaal|totaalscore)\b",
    re.IGNORECASE,
)
# Penalty shoot-outs: "4-2 on penalties", "aux tirs au but (4-2)", "na strafschoppen".
_SHOOTOUT_AFTER_RE = re.compile(
    r"^\W{0,3}(?:on penalties|on pens|pens|in the shoot-?out|aux tirs au but|aux t\.a\.b|tab|"
    r"na strafschoppen|na penalty's|strafschoppen)\b",
    re.IGNORECASE,
)
_SHOOTOUT_BEFORE_RE = re.compile(
    r"(?:penalties|shoot-?out|tirs au but|t\.a\.b\.?|strafschoppen|penaltyserie|penalty's)\W{0,4}$",
    re.IGNORECASE,
)
# A deficit to overturn ("Gent moet 2-1 ombuigen", "must overturn a 2-1 deficit", "un 2-1 à
# remonter"): the first leg's score written in a preview of the return, marked as an aggregate.
_DEFICIT_AFTER_RE = re.compile(rf"^\W{{0,3}}(?:[\w'’]+\s+){{0,2}}?(?:{alternation('deficit_after')})\b", re.IGNORECASE)
_DEFICIT_BEFORE_RE = re.compile(rf"\b(?:{alternation('deficit_before')})\s+$", re.IGNORECASE)
_AGGREGATE_BEFORE_RE = re.compile(
    r"\b(?:aggregate|au cumul|cumul|totaalscore|over twee wedstrijden)\b[^.]{0,25}$", re.IGNORECASE
)
_RESULT_CUE_RE = re.compile(
    r"\b(?:draw|drew|drawn|won|win|wins|beat|beats|beaten|victory|defeat|defeated|lost|lose|loses|"
    r"final score|full-time|full time|ft|ended|finished|thrash(?:ed)?|edged?|held|"
    r"match nul|nul|score final|victoire|défaite|battu|bat|s'impose|s'imposent|l'emporte|s'incline|"
    r"partage|égalité|score de parité|remporte|s'est imposée?|s'imposant|battant|victorieux|"
    r"neutralisent|neutralisés|départager|nul|accroché|accrochés|écrasant|"
    r"gelijk|gelijkgespeeld|gelijkspel|wint|winnen|wonnen|won|verslaat|versloeg|verliest|verloor|nederlaag|"
    r"zege|overwinning|eindstand|eindigde|klopt|klopte|te sterk|gewonnen|verloren|werd het|"
    r"gelijkgespeeld|doelpuntloos|verslagen|geklopt|onderuit|stunned|cruised|eased|overcame|downed|"
    r"saw off|routed|triomphe|domine|dominé|écrase|écrasé|corrige|chute|battue|battus|incliné|inclinée|"
    r"revers)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ScoreMention:
    """A score-shaped string in a text."""

    first: int
    second: int
    start: int
    end: int
    prediction: bool
    """Inside a forecast sentence: never a result."""
    aggregate: bool
    """An aggregate over two legs or a penalty shoot-out: never the match score."""
    result_cue: bool
    """A result word ("draw", "wint", "s'impose"...) in the same sentence."""


# A draw written in words: "2 partout", "deux partout" (French), "2-all".
_WORD_NUMBERS = {"un": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5}
_ALL_SQUARE_RE = re.compile(r"\b(\d|un|deux|trois|quatre|cinq)(?:\s+partout|-all)\b", re.IGNORECASE)


def _all_square(m: re.Match[str]) -> str:
    word = m.group(1).lower()
    goals = _WORD_NUMBERS.get(word, word)
    return f"{goals}-{goals}"


# The English scoreline "Villa 2 Brighton 2", "FT: Newcastle 1 Aston Villa 0": each side's name
# (capitalised words, not a division's "Ligue 1") followed by its goals, at the end of a headline
# or line or before a full stop or colon.
_NAME = r"(?!(?:Ligue|League|Liga|Serie|Division|Bundesliga|Round|Week|Matchday|Game|Part)\b)[A-Z][\w'’.&-]*"
_SIDES_SCORE_RE = re.compile(
    rf"\b(?P<a>{_NAME}(?:\s+{_NAME}){{0,3}})\s+(?P<x>[1-9]?\d)\s+(?P<b>{_NAME}(?:\s+{_NAME}){{0,3}})"
    rf"\s+(?P<y>[1-9]?\d)(?=\s*(?:$|[.:;,)]))",
    re.MULTILINE,
)


def _sides_score(m: re.Match[str]) -> str:
    # "A 2 B 1" -> "A 2-1 B": the same length, so offsets stay put.
    return f"{m.group('a')} {m.group('x')}-{m.group('y')} {m.group('b')}"


# A score written in words: "deux buts à zéro", "deux à un", "één-één", "two-nil". French
# "X à Y" without "buts" needs two different numbers ("un à un" is "one by one").
_GOAL_WORDS = {"zéro": 0, "zero": 0, "nil": 0, "nul": 0, "un": 1, "une": 1, "one": 1, "één": 1,
               "deux": 2, "two": 2, "twee": 2, "trois": 3, "three": 3, "drie": 3, "quatre": 4,
               "four": 4, "vier": 4, "cinq": 5, "five": 5, "vijf": 5}
_FR_GOAL = r"zéro|un|deux|trois|quatre|cinq"
_WORDS_SCORE_RE = re.compile(
    rf"\b(?:(?P<fa>{_FR_GOAL})\s+buts?\s+à\s+(?P<fb>{_FR_GOAL})|(?P<wa>{_FR_GOAL})\s+à\s+(?P<wb>{_FR_GOAL})"
    r"|(?P<ha>nil|one|two|three|four|five|nul|één|twee|drie|vier|vijf)-"
    r"(?P<hb>nil|one|two|three|four|five|nul|één|twee|drie|vier|vijf))\b",
    re.IGNORECASE,
)


def _words_score(m: re.Match[str]) -> str:
    a, b = (g.lower() for g in m.groups() if g is not None)
    if m.group("wa") and a == b:
        return m.group(0)
    if m.group("ha") and (_GOAL_WORDS[a], _GOAL_WORDS[b]) == (1, 2):
        return m.group(0)  # "a one-two", "een één-twee": a passing move
    # Padded to the phrase's length, so offsets stay put.
    return f"{_GOAL_WORDS[a]}-{_GOAL_WORDS[b]}".ljust(len(m.group(0)))


# A draw without goals told in words: "a goalless draw", "een doelpuntloos gelijkspel", "un match
# nul et vierge". Only the adjective becomes "0-0" (padded), so the draw word still reads as a
# result; "a goalless first half" names no draw and stays words.
_GOALLESS_RE = re.compile(
    r"\b(?:goalless|scoreless|doelpuntloze?)(?=\s+(?:draw|stalemate|gelijkspel|remise)\b)|\bnul et vierge\b",
    re.IGNORECASE,
)


def _goalless(m: re.Match[str]) -> str:
    return "0-0".ljust(len(m.group(0)))


#: What every "A 2 B 1" of :data:`_SIDES_SCORE_RE` contains (its "2 B 1" without the names'
#: exclusions): a cheap test before the costly one, which tries every capitalised word.
_SIDES_SCORE_HINT = re.compile(r"\d\s+[A-Z][\w'’.&-]*(?:\s+[A-Z][\w'’.&-]*){0,3}\s+[1-9]?\d(?=\s*(?:$|[.:;,)]))",
                               re.MULTILINE)


@lru_cache(maxsize=256)
def normalise_score_text(text: str) -> str:
    """Replace keycap emoji digits ("1️⃣") by plain digits, scores and draws in words ("deux buts à
    un", "2 partout") and the English "Villa 2 Brighton 2" by a scoreline, keeping offsets stable
    enough for cues."""
    # Cached: an article's title and body are normalised by the type and by both fact readers.
    # Each substitution runs only when the text holds what its pattern needs (the letters of
    # "partout" and "-all" have no case-insensitive match outside ASCII, so lower() is exact).
    if "\u20e3" in text:
        text = _KEYCAP_RE.sub(r"\1", text)
    lowered = text.lower()
    # Every score in words has a hyphen or an "à"; the folded search (lowered text, no
    # IGNORECASE) is a faster yes/no than the substitution over a text without one.
    if ("-" in text or "à" in lowered) and folding.found(_WORDS_SCORE_RE, text):
        text = _WORDS_SCORE_RE.sub(_words_score, text)
    if "goalless" in lowered or "scoreless" in lowered or "doelpuntlo" in lowered or "vierge" in lowered:
        text = _GOALLESS_RE.sub(_goalless, text)
    if "partout" in lowered or "-all" in lowered:
        text = _ALL_SQUARE_RE.sub(_all_square, text)
    if _SIDES_SCORE_HINT.search(text):
        text = _SIDES_SCORE_RE.sub(_sides_score, text)
    return text


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Start and end offsets of the sentence (or line) around ``text[start:end]``."""
    # The breaks of a text are listed once (the fact readers ask about the same text thousands
    # of times): the last ". ", "! ", "? " or newline that ends before ``start``, the first one
    # at or after ``end``.
    pairs, lines = _breaks(text)
    i, j = bisect_right(pairs, start - 2) - 1, bisect_right(lines, start - 1) - 1
    lo = max(pairs[i] if i >= 0 else -1, lines[j] if j >= 0 else -1)
    lo = lo + 1 if lo >= 0 else 0
    i, j = bisect_left(pairs, end), bisect_left(lines, end)
    hi = min(pairs[i] if i < len(pairs) else len(text), lines[j] if j < len(lines) else len(text))
    return lo, hi


_PAIR_BREAK = re.compile(r"[.!?] ")


@lru_cache(maxsize=64)
def _breaks(text: str) -> tuple[list[int], list[int]]:
    """Offsets of every ". ", "! ", "? " (they cannot overlap) and of every newline of ``text``."""
    return [m.start() for m in _PAIR_BREAK.finditer(text)], [m.start() for m in re.finditer("\n", text)]


def clause_near(text: str, start: int, end: int, reach: int = 60) -> str:
    """The clause around ``text[start:end]`` (sentence cut at , ; and dashes), at most ``reach``
    characters either side: the words that qualify a score or a date."""
    lo, hi = sentence_bounds(text, start, end)
    cut_lo = max([text.rfind(c, lo, start) for c in (",", ";", " – ", " - ")] + [lo - 1]) + 1
    ends = [i for i in (text.find(c, end, hi) for c in (",", ";", " – ", " - ")) if i != -1]
    cut_hi = min(ends) if ends else hi
    return text[max(cut_lo, start - reach) : min(cut_hi, end + reach)]


def find_scores(text: str) -> list[ScoreMention]:
    """Every score-shaped string of ``text`` (already passed through :func:`normalise_score_text`)."""
    return list(_find_scores(text))


@lru_cache(maxsize=64)  # the type asks about the same title and lead several times
def _find_scores(text: str) -> tuple[ScoreMention, ...]:
    found: list[ScoreMention] = []
    for m in _SCORE_RE.finditer(text):
        a, b = int(m.group("a")), int(m.group("b"))
        sep = m.group("sep").strip()
        if sep == ":" and max(a, b) > 12:
            continue  # a clock time, not a score
        if max(a, b) > 15:
            continue
        lo, hi = sentence_bounds(text, m.start(), m.end())
        before = text[lo : m.start()]
        sentence = text[lo:hi]
        found.append(
            ScoreMention(
                first=a,
                second=b,
                start=m.start(),
                end=m.end(),
                prediction=folding.found(_PREDICTION_RE, before),
                aggregate=bool(_AGGREGATE_RE.search(text[m.end() : m.end() + 40])
                               or _AGGREGATE_BEFORE_RE.search(text[max(lo, m.start() - 40) : m.start()])
                               or _SHOOTOUT_AFTER_RE.search(text[m.end() : m.end() + 30])
                               or _SHOOTOUT_BEFORE_RE.search(text[max(lo, m.start() - 30) : m.start()])
                               or _DEFICIT_AFTER_RE.search(text[m.end() : min(hi, m.end() + 40)])
                               or _DEFICIT_BEFORE_RE.search(text[max(lo, m.start() - 30) : m.start()])),
                result_cue=folding.found(_RESULT_CUE_RE, sentence),
            )
        )
    return tuple(found)
