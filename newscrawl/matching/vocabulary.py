"""Cue words of match facts, kept as data per language (``words/en.toml``, ``fr.toml``, ``nl.toml``).

A cue is a named list of regular-expression fragments ("welcomes?", "reçoit", "ontvangt"). The
fragments of every language are pooled into one compiled pattern per cue, because headlines and
quotes mix languages ("LIVE", "l'OM" in an English text). Adding a word is a data change: edit the
TOML of its language; adding a language is one more file in :data:`LANGUAGES`.

Patterns that are not words (a scoreline, punctuation between two names) live in code next to
the rule that reads them.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources

from newscrawl.errors import VocabularyDataError

#: Languages whose cue files are pooled.
LANGUAGES = ("en", "fr", "nl")


@cache
def _tables() -> dict[str, dict[str, list[str]]]:
    folder = resources.files("newscrawl.matching").joinpath("words")
    tables = {}
    for lang in LANGUAGES:
        data = tomllib.loads(folder.joinpath(f"{lang}.toml").read_text("utf-8"))
        for name, fragments in data.items():
            if not isinstance(fragments, list) or not all(isinstance(f, str) for f in fragments):
                raise VocabularyDataError(f"{lang}.toml: {name} must be a list of strings")
        tables[lang] = data
    return tables


@cache
def words(name: str) -> tuple[str, ...]:
    """The fragments of cue ``name`` in every language, longest first (so "next week" beats
    "next"), without repeats."""
    found: dict[str, None] = {}
    known = False
    for table in _tables().values():
        if name in table:
            known = True
            found.update(dict.fromkeys(table[name]))
    if not known:
        raise VocabularyDataError(f"no language defines the cue {name!r}")
    return tuple(sorted(found, key=len, reverse=True))


def alternation(name: str) -> str:
    """``a|b|c`` of cue ``name``'s fragments, for embedding in a larger pattern."""
    return "|".join(words(name))


@cache
def cue(name: str) -> re.Pattern[str]:
    r"""Case-insensitive ``\b(?:...)\b`` pattern of cue ``name``."""
    return re.compile(rf"\b(?:{alternation(name)})\b", re.IGNORECASE)


@cache
def before(name: str, article_cue: str | None = None) -> re.Pattern[str]:
    """Pattern of cue ``name`` ending a string ("... in ", "... van het "), optionally followed by
    an article of ``article_cue``: used on the text just before a team name."""
    tail = ""
    if article_cue is not None:
        parts = [re.escape(w) if w.endswith(("'", "’")) else rf"{w}\s+" for w in words(article_cue)]
        tail = rf"(?:{'|'.join(parts)})?"
    return re.compile(rf"\b(?:{alternation(name)})\s*{tail}\s*$" if tail else rf"\b(?:{alternation(name)})\s+$",
                      re.IGNORECASE)


@cache
def earlier_result() -> re.Pattern[str]:
    """ "after the 2-1 win", "na de 3-1 nederlaag", "après sa victoire": a clause naming the result
    of an earlier game (its score and day are not this match's)."""
    article = r"(?:the|their|a|last\s+\w+'s|\w+['’]s|de|het|een|la|le|leur|sa|son|l'|l’)?"
    return re.compile(
        rf"\b(?:{alternation('after_word')})\s+{article}\s*(?:\d{{1,2}}\s*[-–]\s*\d{{1,2}}\s+)?"
        rf"(?:{alternation('result_word')})\b",
        re.IGNORECASE,
    )


@cache
def earlier_score() -> re.Pattern[str]:
    """ "na de 1-1 van donderdag", "après le 1-2 de Louvain", "after the 2-0 at Anfield": a bare
    score after an after-word. Looking ahead it is an earlier game's; in a report it may be the
    match's own running score ("na de 1-0 van Gimenez"), so only previews read it so."""
    article = r"(?:the|their|a|de|het|een|la|le|leur|sa|son|l'|l’)?"
    return re.compile(rf"\b(?:{alternation('after_word')})\s+{article}\s*\d{{1,2}}\s*[-–]\s*\d{{1,2}}\b",
                      re.IGNORECASE)


#: Characters between an "after the 3-1 defeat" phrase and a day that belongs to it ("van zondag").
EARLIER_RESULT_REACH = 15


def in_earlier_result(text: str, start: int, *, bare_score: bool = False) -> bool:
    """Whether the cue (a day, a score) at ``start`` belongs to an earlier result: inside "after
    Sunday's 3-1 defeat" or just after "na de 3-1 nederlaag (van zondag)"; a day later in the
    clause is this match's ("Vier dagen na de nederlaag in Eindhoven krijgt Ajax donderdagavond de kans")."""
    patterns = (earlier_result(), earlier_score()) if bare_score else (earlier_result(),)
    for pattern in patterns:
        for m in pattern.finditer(text, max(0, start - 80), min(len(text), start + 80)):
            if m.start() <= start <= m.end() + EARLIER_RESULT_REACH and not re.search(r"[.!?\n]", text[m.end():start]):
                return True
    return False
