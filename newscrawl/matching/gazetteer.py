"""Team and competition gazetteer: names shipped as data, looked up with one trie scan.

Data: ``teams.toml`` (clubs of eight top divisions and national teams, each with a stable id and
en/fr/nl names and nicknames) and ``competitions.toml``. Both are loaded once per process
(:func:`load_gazetteer`) into a single :class:`~newscrawl.matching.lexicon.PhraseIndex`, so an
article is scanned once for teams, venues, competitions and "blocker" phrases (a competition or
event name that contains a team name: "Coupe de France" is not France).

Ambiguous names ("City", "United", "Inter", "Nerazzurri", or a name shared by two teams) only
resolve when the context settles them: the same team is also named unambiguously in the text, or
exactly one candidate belongs to the country of a domestic competition named in the text or of
the other clubs named unambiguously. Otherwise they are dropped.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

from newscrawl.errors import GazetteerDataError  # noqa: F401  (raised here, defined with the others)
from newscrawl.matching.lexicon import PhraseHit, PhraseIndex, tokenize


@dataclass(frozen=True)
class Team:
    """A club or national team."""

    id: str
    kind: str
    """``club`` or ``national``."""
    country: str
    """FIFA code of the club's country or of the nation."""
    names: tuple[str, ...]
    context_only: tuple[str, ...] = ()
    venues: tuple[str, ...] = ()


@dataclass(frozen=True)
class Competition:
    """A league, cup or international tournament."""

    id: str
    kind: str
    """``league``, ``cup``, ``continental`` or ``international``."""
    country: str | None
    two_legs: bool
    names: tuple[str, ...]


@dataclass(frozen=True)
class TeamMention:
    """A team named in a text, after ambiguity resolution."""

    team_id: str
    surface: str
    """The text as written ("La Dea", "l'OM" gives "OM")."""
    start: int
    end: int
    ambiguous: bool = False
    """True when resolved from an ambiguous name by context."""


@dataclass(frozen=True)
class Mentions:
    """Everything one scan of a text found: resolved teams, venues and competitions."""

    teams: tuple[TeamMention, ...]
    venues: tuple[tuple[str, int, int], ...]
    """(team id, start, end) of stadium / home-city mentions."""
    competitions: tuple[tuple[str, int, int], ...]
    """(competition id, start, end)."""


class Gazetteer:
    """Teams and competitions with the phrase index built from their names."""

    def __init__(self, teams: Iterable[Team], competitions: Iterable[Competition], blockers: Iterable[str]):
        self.teams: dict[str, Team] = {}
        self.competitions: dict[str, Competition] = {}
        self.index = PhraseIndex()
        for team in teams:
            if team.id in self.teams:
                raise GazetteerDataError(f"duplicate team id {team.id!r}")
            self.teams[team.id] = team
            for name in team.names:
                self.index.add(name, ("team", team.id, False))
            for name in team.context_only:
                self.index.add(name, ("team", team.id, True))
            for venue in team.venues:
                self.index.add(venue, ("venue", team.id))
        for comp in competitions:
            if comp.id in self.competitions:
                raise GazetteerDataError(f"duplicate competition id {comp.id!r}")
            self.competitions[comp.id] = comp
            for name in comp.names:
                self.index.add(name, ("competition", comp.id))
        for phrase in blockers:
            self.index.add(phrase, ("blocker",))

    def scan(self, text: str) -> Mentions:
        """Find and resolve every team, venue and competition mention of ``text``."""
        hits = list(self.index.scan(text, tokenize(text)))
        return self._resolve(hits)

    def _resolve(self, hits: list[PhraseHit]) -> Mentions:
        sure: list[TeamMention] = []
        unsure: list[tuple[PhraseHit, tuple[str, ...]]] = []
        venues: list[tuple[str, int, int]] = []
        comps: list[tuple[str, int, int]] = []
        for hit in hits:
            team_ids = sorted({p[1] for p in hit.payloads if p[0] == "team"})
            plain = sorted({p[1] for p in hit.payloads if p[0] == "team" and not p[2]})
            if team_ids:
                if len(plain) == 1 and len(team_ids) == 1:
                    sure.append(TeamMention(plain[0], hit.surface, hit.start, hit.end))
                else:
                    unsure.append((hit, tuple(team_ids)))
                continue
            comp_ids = [p[1] for p in hit.payloads if p[0] == "competition"]
            if comp_ids:
                comps.append((comp_ids[0], hit.start, hit.end))
                continue
            venues.extend((p[1], hit.start, hit.end) for p in hit.payloads if p[0] == "venue")
        named = {m.team_id for m in sure}
        countries = {self.competitions[c].country for c, _, _ in comps} - {None}
        club_countries = {self.teams[t].country for t in named if self.teams[t].kind == "club"}
        resolved = list(sure)
        for hit, candidates in unsure:
            choice = _only(c for c in candidates if c in named)
            if choice is None and not any(c in named for c in candidates):
                for context in (countries, club_countries):
                    choice = _only(
                        c for c in candidates
                        if self.teams[c].country in context and self.teams[c].kind == "club"
                    )
                    if choice is not None:
                        break
            if choice is not None:
                resolved.append(TeamMention(choice, hit.surface, hit.start, hit.end, ambiguous=True))
        resolved.sort(key=lambda m: m.start)
        return Mentions(tuple(resolved), tuple(venues), tuple(comps))


def _only(items: Iterable[str]) -> str | None:
    found = set(items)
    return found.pop() if len(found) == 1 else None


def _read_toml(name: str) -> dict:
    return tomllib.loads(resources.files("newscrawl.matching").joinpath(name).read_text("utf-8"))


@cache
def load_gazetteer() -> Gazetteer:
    """The shipped gazetteer, parsed and indexed once per process."""
    team_data = _read_toml("teams.toml")
    comp_data = _read_toml("competitions.toml")
    try:
        teams = [
            Team(
                id=t["id"], kind=t["kind"], country=t["country"], names=tuple(t["names"]),
                context_only=tuple(t.get("context_only", ())), venues=tuple(t.get("venues", ())),
            )
            for t in team_data["team"]
        ]
        comps = [
            Competition(
                id=c["id"], kind=c["kind"], country=c.get("country"),
                two_legs=bool(c.get("two_legs", False)), names=tuple(c["names"]),
            )
            for c in comp_data["competition"]
        ]
    except KeyError as exc:
        raise GazetteerDataError(f"missing field {exc} in matching data") from exc
    blockers = [*team_data.get("blockers", ()), *comp_data.get("blockers", ())]
    return Gazetteer(teams, comps, blockers)


def find_teams(text: str, language: str | None = None) -> list[TeamMention]:
    """Teams named in ``text``, in order of appearance, ambiguous names resolved by context.

    ``language`` is accepted for symmetry with the other extractors; names are pooled across
    en/fr/nl because articles quote each other ("l'OM" in an English text).
    """
    del language
    return list(load_gazetteer().scan(text).teams)
