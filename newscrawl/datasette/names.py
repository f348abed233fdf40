"""Which team a reader means: any name, nickname or id, through the matching gazetteer.

A reader types ``marseille``, ``OM`` or ``Olympique de Marseille``; the archive's
``teams`` table says ``fra-marseille``. Names are compared folded (no accents, lower
case). The shipped gazetteer (``newscrawl.matching``) knows every name and nickname;
the archive's own ``teams`` rows are checked too, so an archive built with other ids
(a test fixture, an older gazetteer) still answers.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache

from newscrawl.archive.search import fold
from newscrawl.matching import find_teams, load_gazetteer


def _key(text: str) -> str:
    """A name as compared: folded, spaces collapsed ("Olympique  de Marseille " -> "olympique de marseille")."""
    return " ".join(fold(text).split())


@cache
def _gazetteer_names() -> dict[str, frozenset[str]]:
    """Folded name -> ids of the gazetteer teams called that (context-only names left out)."""
    index: dict[str, set[str]] = {}
    for team in load_gazetteer().teams.values():
        for name in (team.id, *team.names):
            index.setdefault(_key(name), set()).add(team.id)
    return {name: frozenset(ids) for name, ids in index.items()}


@cache
def gazetteer_team_ids(text: str) -> frozenset[str]:
    """Ids of the gazetteer teams ``text`` names: an exact name first, else the teams a scan finds.

    The scan lets "l'OM" or "Olympique de Marseille FC" find Marseille, as in an article.
    """
    wanted = _key(text)
    if not wanted:
        return frozenset()
    exact = _gazetteer_names().get(wanted)
    if exact:
        return exact
    return frozenset(mention.team_id for mention in find_teams(text))


def name_list(names: str | None) -> list[str]:
    """The ``names`` column of ``teams`` (a JSON list; a comma list written by hand also works)."""
    try:
        parsed = json.loads(names) if names else []
    except ValueError:
        return [n.strip() for n in (names or "").split(",") if n.strip()]
    return [str(n) for n in parsed] if isinstance(parsed, list) else [str(parsed)]


def _own_names(team_id: str, name: str | None, names: str | None) -> set[str]:
    return {_key(n) for n in (team_id, name or "", *name_list(names))}


def names_team(text: str | None, team_id: str, name: str | None = None, names: str | None = None) -> bool:
    """Whether ``text`` names the archive team with this id, name and names (a JSON list)."""
    if not text or not text.strip():
        return False
    return _key(text) in _own_names(team_id, name, names) or team_id in gazetteer_team_ids(text)


#: Shortest text that may find teams by the start of a word of their names ("Paris", "Olymp").
PARTIAL_MIN = 3


def matching_ids(text: str, rows: Iterable[tuple[str, str | None, str | None]]) -> list[str]:
    """Ids among archive ``teams`` rows (id, name, names) that ``text`` names, in row order.

    When no name fits exactly, teams with a name containing a word that starts with ``text``
    ("Paris" finds Paris Saint-Germain and Paris FC) are offered instead.
    """
    rows = list(rows)
    exact = [team_id for team_id, name, names in rows if names_team(text, team_id, name, names)]
    wanted = _key(text or "")
    if exact or len(wanted) < PARTIAL_MIN:
        return exact
    return [team_id for team_id, name, names in rows
            if any(f" {wanted}" in f" {own}" for own in _own_names(team_id, name, names))]
