"""Articles that name no team, placed by the people and places they share with one match.

A reaction headed "Fink : « Nous avons encore notre destin en main »", player ratings ("Kökcü en
Giménez blinken uit") or a coach's press conference often name neither club in a way the team
reading trusts, but they name the coach, the players, the scorer, the town: the same names the
reports of that match carry, in every language (a surname is not translated). So an article
whose type says it is about a match (a preview, live blog, report or reaction) and that gives no
team joins the match it shares names with, when exactly one match dated near its publication
holds those names:

* :func:`article_names` reads the names of a text: capitalised words that are not the first of
  a sentence, not part of a team, venue or competition name (those are the team reading's
  evidence), not a month or weekday, not all capitals (acronyms: VAR, UEFA), and not also
  written in lower case in the same text (a common word capitalised in a headline);
* :func:`choose_by_names` scores each candidate match by the names the article shares with it
  *and with no other candidate* (a name two matches share, a referee's or a city's, tells
  nothing); the article joins the best match when it has at least :data:`MIN_SHARED` such names
  and :data:`MIN_LEAD` times as many as the next one.

A one-team article without any date ("Genesio: we lacked an edge", read as Lille's, neither
published nor dated in its text) is placed the same way among *every* match of its team
(:func:`choose_undated`), with :data:`UNDATED_MIN_SHARED` names: its own team's players are in
all of them and so tell nothing, but the opponent's players, the scorer of that night, the
referee are in one. The more of its team's matches are stored, the fewer names single one out,
so the rule grows more cautious with the archive, never bolder.

A match's names are those of its articles that named its teams (never of articles placed by
names themselves), so a placement never depends on another placement, nor on arrival order.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache

from newscrawl.matching.evidence import ArticleFacts, MatchCluster
from newscrawl.matching.kickoff import CALENDAR_WORDS
from newscrawl.matching.lexicon import normalise_word, tokenize

#: Types of an article about one match: only these are placed by names (a transfer story or a
#: round-up names players of many matches).
MATCH_TYPES = frozenset({"preview", "live", "report", "reaction"})
#: Names an article must share with one match, and no other candidate, to join it.
MIN_SHARED = 1
#: ... and how many times the next candidate's count that must be.
MIN_LEAD = 3
#: Days between the publication day and a candidate match's kick-off: a report or reaction
#: follows its match by up to this, a preview precedes it by up to this.
NEAR_DAYS = 3
#: ... and a preview may follow its match by this: an article typed a preview the day after a
#: game is often that game's reaction ("we go again on Wednesday" under a coach's quote); its
#: names alone decide, and a name the team's next game shares tells nothing.
PREVIEW_AFTER_DAYS = 1
#: Names an undated one-team article must share with one match of its team, and no other: with
#: no date to narrow the candidates, one name is too often a coincidence (a team's own player
#: its other stored match happened not to mention). On the bench's read sets, text dates only:
#: 1 placed 43 articles right and 10 wrong, 2 placed 31 and 3, 3 placed 14 and 1.
UNDATED_MIN_SHARED = 2
#: A headline with at least this share of capitalised words is written in title case: its
#: capitals say nothing about names.
TITLE_CASE_SHARE = 0.6

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_CAPITALISED = re.compile(r"(?<![\w'’-])[A-ZÀ-ÖØ-ÞŒ][\w'’-]*")
_LOWER = re.compile(r"(?<![\w'’-])[a-zß-öø-ÿœ][\w'’-]*")
#: Possessive endings, and the apostrophes and hyphens a word may be cut at.
_POSSESSIVE = re.compile(r"['’]s?$")
#: Characters after which a capital opens a sentence (or a quote, or a line).
_OPENERS = frozenset(".!?:;«»\"“”‘'(—–-\n")


@dataclass(frozen=True)
class NamedMatch:
    """A candidate match for :func:`choose_by_names`: a handle, its kick-off and its names."""

    key: Hashable
    kickoff_date: date | None
    names: frozenset[str]


def article_names(title: str, body: str) -> frozenset[str]:
    """The names (folded keys) of people and places an article gives, outside team names."""
    team_words = _team_words()
    names: set[str] = set()
    for text, is_title in ((title, True), (body, False)):
        if not text:
            continue
        capitals = [(m.group(), m.start()) for m in _CAPITALISED.finditer(text)]
        if not capitals or (is_title and _title_case(text, len(capitals))):
            continue
        lower = set(_LOWER.findall(text))
        for word, start in capitals:
            if word.isupper() or _opens_sentence(text, start):
                continue
            word = _POSSESSIVE.sub("", word).strip("-'’")
            if len(word) < 3 or word.lower() in lower:
                continue
            key = normalise_word(word)
            # a word of a team, venue or competition name is the team reading's evidence
            if key not in CALENDAR_WORDS and not (team_words & set(key.split("-"))):
                names.add(key.replace("ij", "y"))  # Dutch "Nistelrooij" is English "Nistelrooy"
    return frozenset(names)


@cache
def _team_words() -> frozenset[str]:
    """Every word of a team, venue or competition name of the gazetteer, as lexicon keys."""
    from newscrawl.matching.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    phrases = [n for t in gaz.teams.values() for n in (*t.names, *t.context_only, *t.venues)]
    phrases += [n for c in gaz.competitions.values() for n in c.names]
    return frozenset(t.key for phrase in phrases for t in tokenize(phrase))


def _title_case(title: str, capitals: int) -> bool:
    words = len(_WORD.findall(title))
    return words >= 3 and capitals >= TITLE_CASE_SHARE * words


def _opens_sentence(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \t\u00a0":
        i -= 1
    return i < 0 or text[i] in _OPENERS


def names_window(published: date, article_type: str) -> tuple[date, date]:
    """The kick-off days an article published on ``published`` can be about."""
    near = timedelta(days=NEAR_DAYS)
    if article_type == "preview":
        return published - timedelta(days=PREVIEW_AFTER_DAYS), published + near
    if article_type in ("report", "reaction"):
        return published - near, published
    return published - near, published + near


def choose_by_names(names: frozenset[str], published: date, article_type: str,
                    matches: Sequence[NamedMatch]) -> Hashable | None:
    """The key of the one match an article with ``names`` is about, or None (see the module docstring)."""
    if article_type not in MATCH_TYPES or not names:
        return None
    first, last = names_window(published, article_type)
    near = [m for m in matches if m.kickoff_date is not None and first <= m.kickoff_date <= last]
    return _best_by_names(names, near, MIN_SHARED)


def choose_undated(names: frozenset[str], article_type: str, matches: Sequence[NamedMatch]) -> Hashable | None:
    """The key of the one match of ``matches`` (every match of the article's team, dated or
    not) that an article without any date is about, or None (see the module docstring)."""
    if article_type not in MATCH_TYPES or not names:
        return None
    return _best_by_names(names, matches, UNDATED_MIN_SHARED)


def _best_by_names(names: frozenset[str], candidates: Sequence[NamedMatch], min_shared: int) -> Hashable | None:
    """The candidate holding at least ``min_shared`` of ``names`` that no other candidate holds,
    and :data:`MIN_LEAD` times as many as the next one."""
    if not candidates:
        return None
    shared_by = Counter(n for m in candidates for n in m.names & names)
    scores = sorted(((sum(1 for n in m.names & names if shared_by[n] == 1), m.key) for m in candidates),
                    key=lambda s: -s[0])
    best, key = scores[0]
    runner_up = scores[1][0] if len(scores) > 1 else 0
    if best >= min_shared and best >= MIN_LEAD * runner_up:
        return key
    return None


def choose_for(a: ArticleFacts, matches: Sequence[NamedMatch]) -> Hashable | None:
    """:func:`choose_by_names` for an article; None when it has no publication day (nothing
    dates its names)."""
    if a.published_date is None or a.published_precision != "day":
        return None
    return choose_by_names(a.names, a.published_date, a.article_type, matches)


def match_names(members: Iterable[frozenset[str]]) -> frozenset[str]:
    """A match's names: those of its articles placed by their teams."""
    out: set[str] = set()
    for names in members:
        out |= names
    return frozenset(out)


def place_by_names(loose: Iterable[ArticleFacts], matches: Sequence[NamedMatch]) -> dict[str, Hashable]:
    """The match key each article of ``loose`` (no team ids) joins, by article id; an article
    without a publication day, or that no single match fits, is left out."""
    placed: dict[str, Hashable] = {}
    for a in loose:
        key = choose_for(a, matches)
        if key is not None:
            placed[a.article_id] = key
    return placed



def with_named(clusters: list[MatchCluster], loose: Sequence[ArticleFacts], names_of: dict[str, frozenset[str]],
               others: Sequence[NamedMatch] = ()) -> tuple[list[MatchCluster], dict[str, Hashable]]:
    """``clusters`` with the no-team articles of ``loose`` that their names place in them
    (:mod:`newscrawl.matching.names`; after the story ids are kept: a placement never moves an
    id), and the placements into ``others`` (matches decided before, by their keys) by article id.
    ``names_of``: the names of the clusters' articles, by article id."""
    targets = [NamedMatch(("cluster", i), c.kickoff_date,
                          match_names(names_of.get(aid, frozenset()) for aid in c.article_ids))
               for i, c in enumerate(clusters) if c.kickoff_date is not None]
    joined: dict[int, list[str]] = defaultdict(list)
    elsewhere: dict[str, Hashable] = {}
    for article_id, key in place_by_names(loose, [*targets, *others]).items():
        if isinstance(key, tuple) and key[0] == "cluster":
            joined[key[1]].append(article_id)
        else:
            elsewhere[article_id] = key
    clusters = [replace(c, article_ids=tuple(sorted(c.article_ids + tuple(joined[i])))) if i in joined else c
                for i, c in enumerate(clusters)]
    return clusters, elsewhere
