"""How news sites write dates in visible text (en/fr/nl), turned into plain date text.

This module only rewrites strings; it never decides what a date means. It knows
the words sites put around a date ("Publié le", "Bijgewerkt:", "Updated"), the
way they write times ("à 23h12", "om 08.12 uur", "14u05", "9.12pm") and the
words of relative dates ("il y a 3 heures", "gisteren"), so that the remaining
text is something :mod:`newscrawl.dates.parsing` or dateparser can read.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Words announcing a modification date, longest first so "last updated" wins over "updated".
_UPDATE_MARKERS = (
    r"laatst\s+bijgewerkt(?:\s+op)?",
    r"laatste\s+(?:update|wijziging)",
    r"bijgewerkt(?:\s+op)?",
    r"aangepast(?:\s+op)?",
    r"gewijzigd(?:\s+op)?",
    r"mis\s+[àa]\s+jour(?:\s+le)?",
    r"derni[èe]re\s+mise\s+[àa]\s+jour(?:\s+le)?",
    r"actualis[ée]e?(?:\s+le)?",
    r"modifi[ée]e?(?:\s+le)?",
    r"m[àa]j(?:\s+le)?",
    r"last\s+(?:updated|modified)(?:\s+on)?",
    r"updated(?:\s+on)?",
    r"modified(?:\s+on)?",
    r"update",
)
# Words announcing a publication date (or just a date).
_PUBLISH_MARKERS = (
    r"first\s+published(?:\s+on)?",
    r"published(?:\s+on)?",
    r"posted(?:\s+on)?",
    r"publi[ée]e?(?:\s+le)?",
    r"paru(?:\s+le)?",
    r"mis\s+en\s+ligne(?:\s+le)?",
    r"gepubliceerd(?:\s+op)?",
    r"geplaatst(?:\s+op)?",
    r"gepost(?:\s+op)?",
    r"verschenen(?:\s+op)?",
    r"date",
    r"datum",
)
_UPDATE_RE = re.compile(r"(?<!\w)(?:" + "|".join(_UPDATE_MARKERS) + r")(?!\w)\s*:?", re.I)
_PUBLISH_RE = re.compile(r"(?<!\w)(?:" + "|".join(_PUBLISH_MARKERS) + r")(?!\w)\s*:?", re.I)
# Leading filler words left once a marker is gone ("le 2 mai", "op 3 mei", "on May 2").
_LEADING_FILLER = re.compile(r"^(?:(?:le|op|on|at|à|om|du|,|:|-|–|—|\|)(?!\w)\s*)+", re.I)
# Authors and other trailing bylines: the date ends where these begin.
_TRAILING_NOISE = re.compile(
    r"\s(?:by|par|door|van|von|source|bron|photo|foto|lecture|read|leestijd|min\s+read|\|).*$", re.I
)
_PARENTHESES_AT_END = re.compile(r"\s*\((?![a-z]{2,5}\))[^()]*\)\s*$", re.I)
_SEPARATORS = re.compile(r"\s*(?:\||•|·|/{2}|\s-\s|\s–\s|\s—\s)\s*")

# Times: "23h12", "23 h 12", "21h", "14u05", "08.12 uur", "om 8 uur", "9.12pm".
_TIME_H = re.compile(r"(?<![\d:])([01]?\d|2[0-3])\s*[hu]\s*([0-5]\d)(?![\d])", re.I)
_TIME_H_ONLY = re.compile(r"(?<![\d:.])([01]?\d|2[0-3])\s*(?:h|u|uur)(?![\w])", re.I)
_TIME_DOT = re.compile(r"(?<![\d.])([01]?\d|2[0-3])\.([0-5]\d)(?=\s*(?:uur|u|h|am|pm|a\.m\.|p\.m\.)(?!\w))", re.I)
_TIME_DOT_AFTER_WORD = re.compile(r"(?<!\w)(om|à|at)\s+([01]?\d|2[0-3])\.([0-5]\d)(?![\d.])", re.I)
_TIME_DOT_AFTER_YEAR = re.compile(r"(\d{4},?\s+)([01]?\d|2[0-3])\.([0-5]\d)(?![\d.])")
_CLOCK_12H = re.compile(r"(?<![\d:])(\d{1,2})(?::([0-5]\d))?(:[0-5]\d)?\s([ap])m(?!\w)", re.I)
_UUR = re.compile(r"(?<=\d)\s*uur\b", re.I)
_AMPM = re.compile(r"(\d)\s*([ap])\.?\s?m\.?(?!\w)", re.I)
# Connecting words between date and time.
_CONNECTORS = re.compile(r"(?<!\w)(?:à|a|om|at|,)(?=\s*\d{1,2}:\d{2})", re.I)
_ORDINAL = re.compile(r"(?<=\d)(?:er|ère|e|st|nd|rd|th)(?!\w)", re.I)
_RELATIVE = re.compile(
    r"(?<!\w)(?:ago|geleden|il\s+y\s+a|voici|moins\s+de|sinds|today|yesterday|vandaag|gisteren|eergisteren|"
    r"aujourd'hui|aujourd’hui|hier|avant-hier|just\s+now|zojuist|[àa]\s+l'instant)(?!\w)",
    re.I,
)
_SUBDAY_UNIT = re.compile(
    r"(?<!\w)(?:h|hr|hrs|hours?|min|mins|minutes?|minuten|minuut|mn|sec|secs|seconds?|secondes?|"
    r"seconden|heures?|uur|u|an\s+hour|une\s+heure|een\s+uur|just\s+now|zojuist|[àa]\s+l'instant)(?!\w)",
    re.I,
)
# Units of a relative date coarser than a day: the date is then known to the month or year.
_YEAR_UNIT = re.compile(r"(?<!\w)(?:\d+\s*y|years?|yrs?|decades?|ans?|ann[ée]es?|jaar|jaren)(?!\w)", re.I)
_MONTH_UNIT = re.compile(r"(?<!\w)(?:months?|mois|maand|maanden)(?!\w)", re.I)
_DAY_UNIT = re.compile(
    r"(?<!\w)(?:\d+\s*d|days?|weeks?|jours?|semaines?|dagen|dag|weken|week)(?!\w)", re.I
)
_MONTH_WORD = (
    r"(?:jan|feb|f[ée]v|mar|mrt|maa|apr|avr|ma[iy]|mei|jun|jui|jul|aug|ao[uû]|sep|o[ck]t|nov|d[ée]c)"
    r"[a-zéû]*\.?"
)
_CLOCK = r"(?:[,\s]+(?:à|om|at)?\s*\d{1,2}:\d{2}(?::\d{2})?(?:\s?[ap]m)?)?"
_DATE_SPAN = re.compile(
    rf"\b\d{{1,2}}\.?\s+{_MONTH_WORD}(?:\s+\d{{4}})?{_CLOCK}"
    rf"|\b{_MONTH_WORD}\s+\d{{1,2}},?\s+\d{{4}}{_CLOCK}"
    rf"|\b\d{{1,2}}[./-]\d{{1,2}}[./-]\d{{2,4}}{_CLOCK}"
    rf"|\b\d{{4}}-\d{{2}}-\d{{2}}(?:[t\s]\d{{2}}:\d{{2}}(?::\d{{2}})?)?",
    re.I,
)
# "may 2 2024" -> "2 may 2024": a month name settles the order, whatever DATE_ORDER says.
_MONTH_FIRST = re.compile(rf"\b({_MONTH_WORD})\s+(\d{{1,2}}),?\s+(\d{{4}})\b", re.I)
_DIGIT_OR_WORD = re.compile(r"\d|[a-z]{3}", re.I)
# "ago", "il y a": a duration ("3 h") follows or precedes, not a clock time.
_RELATIVE_WORD = re.compile(r"(?<!\w)(?:ago|geleden|il\s+y\s+a|voici|moins\s+de)(?!\w)", re.I)
_SECONDS_OR_LESS = re.compile(r"(?<!\w)(?:just\s+now|zojuist|[àa]\s+l'instant)(?!\w)", re.I)


@dataclass(frozen=True)
class DateText:
    """A date string reduced to the date itself, with what the reduction learned."""

    text: str
    """The date words only, times written ``HH:MM``, lower-case."""
    relative: bool
    """Whether the text is relative to the fetch time ("3 hours ago", "gisteren")."""
    subday: bool
    """Whether a relative text counts in hours, minutes or seconds (so it has a time)."""
    unit: str = "day"
    """For a relative text, the finest unit it counts in: ``year``, ``month``, ``day`` or ``minute``."""


def _normalise_space(raw: str) -> str:
    text = unicodedata.normalize("NFKC", raw).replace("\u2019", "'")
    return " ".join(text.split())


def _part_for_kind(text: str, kind: str | None) -> str:
    """The part of a byline that dates ``kind`` ("Publié le X, mis à jour le Y")."""
    update = _UPDATE_RE.search(text)
    if update is None:
        publish = _PUBLISH_RE.search(text)
        return text[publish.end():] if publish else text
    if kind == "modified" or update.start() == 0:
        return text[update.end():]
    before = text[: update.start()]
    publish = _PUBLISH_RE.search(before)
    before = before[publish.end():] if publish else before
    # A byline that only says "updated" still dates the article when asked for publication.
    return before if _DIGIT_OR_WORD.search(before) else text[update.end():]


def _twenty_four_hour(match: re.Match[str]) -> str:
    hour, minute, half = int(match.group(1)), match.group(2) or "00", match.group(4).lower()
    if not 1 <= hour <= 12:
        return match.group(0)
    return f"{hour % 12 + (12 if half == 'p' else 0):02d}:{minute}{match.group(3) or ''}"


def _write_times(text: str) -> str:
    text = _AMPM.sub(lambda m: f"{m.group(1)} {m.group(2).lower()}m", text)
    text = _TIME_DOT.sub(r"\1:\2", text)
    # dateparser drops "pm" after "2 may 2024 9:12": write 24-hour times ourselves.
    text = _CLOCK_12H.sub(_twenty_four_hour, text)
    text = _TIME_DOT_AFTER_WORD.sub(r"\1 \2:\3", text)
    text = _TIME_DOT_AFTER_YEAR.sub(r"\1\2:\3", text)
    text = _TIME_H.sub(r"\1:\2", text)
    text = _TIME_H_ONLY.sub(r"\1:00", text)
    text = _UUR.sub("", text)
    return _CONNECTORS.sub(" ", text)


def date_text(raw: str, kind: str | None = None) -> DateText:
    """Reduce a visible date string to its date words.

    ``kind`` picks the part of a byline holding two dates: ``"modified"`` keeps
    what follows the update marker, anything else what precedes it.
    """
    text = _normalise_space(raw)
    text = _part_for_kind(text, kind)
    text = _SEPARATORS.sub(" ", text)
    text = _PARENTHESES_AT_END.sub("", text)
    text = _TRAILING_NOISE.sub("", text)
    text = _LEADING_FILLER.sub("", text.strip())
    relative = bool(_RELATIVE.search(text))
    subday = relative and bool(_SUBDAY_UNIT.search(text))
    if not (relative and _RELATIVE_WORD.search(text)):
        # "3 h" in "il y a 3 h" is a duration, not a clock time.
        text = _write_times(text)
    text = _ORDINAL.sub("", text)
    text = _MONTH_FIRST.sub(r"\2 \1 \3", text)
    text = text.strip(" ,.;:-–—|").lower()
    return DateText(text=" ".join(text.split()), relative=relative, subday=subday,
                    unit=_finest_unit(text, subday) if relative else "day")


def _finest_unit(text: str, subday: bool) -> str:
    if subday:
        return "minute"
    if _DAY_UNIT.search(text) or not (_MONTH_UNIT.search(text) or _YEAR_UNIT.search(text)):
        return "day"  # "3 days ago", or "hier", "gisteren": a day
    return "month" if _MONTH_UNIT.search(text) else "year"


def is_instant(text: str) -> bool:
    """Whether a relative text means "now" ("just now", "à l'instant")."""
    return bool(_SECONDS_OR_LESS.search(text))


def date_span(text: str) -> str | None:
    """The first date-looking part of a reduced text ("… reporter 2 may 2024" -> "2 may 2024")."""
    match = _DATE_SPAN.search(text)
    return match.group(0).strip(" ,") if match else None
