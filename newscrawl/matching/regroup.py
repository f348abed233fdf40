"""Order-independent grouping: all the articles of a team pair clustered into matches at once.

:func:`regroup` is a pure function of a *set* of articles (and optional known fixtures): the
clusters it returns do not depend on the order articles arrived in, within a crawl or across cron
runs. The archive calls it for each team pair a run touched, with every stored article of that
pair (and the one-team articles of either team), and writes back what changed.

How a pair's articles become matches:

1. **Anchors.** Known fixtures of the pair are anchors. Then the articles whose kick-off was read
   from the text (an explicit date, "last night", a weekday) vote for their day, weighted by
   how it was inferred (:data:`BASIS_WEIGHT`); the best-supported day becomes an anchor and takes
   the sure articles within :data:`SAME_MATCH_DAYS` of it (the same two teams never meet twice
   within two days), and so on until every sure article sits at an anchor. A report's or
   reaction's text date more than :data:`PUBLISHED_LAG_DAYS` before its publication is another
   game's ("Saturday's draw" recalled on cup night): that article is placed as a loose one.
2. **Loose articles** (kick-off only from the publication date) join the anchor their window
   allows: a report's kick-off is on or before its publication, a preview's on or after. When
   two anchors fit, a report takes the latest one before publication, a preview the earliest one
   after. Loose articles that fit no anchor make anchors of their own the same way.
3. **Contradictions.** An article whose result, leg or competition contradicts its match's
   consensus (and which fits another match by publication date) took another game's date:
   it moves there. An undated article joins the pair's only compatible match.
4. **Consensus.** Each match's kick-off, competition, stage, leg, home side and result are the
   weighted majority of its articles (fixture first); ties go to the smallest value, never to
   the first article seen.

One-team articles (:class:`ArticleFacts` with one team id) join a match of their team when
exactly one match (of any opponent) fits their date window: a team plays at most one match in any
two days. One that no window places (none fits, two do, or its leg or competition contradicts
the one that does) joins the match of its team near its publication its names single out, as a
lone pair article does. An undated one-team article does not join its team's only match: without
a date, "exactly one match fits" would only mean "one match of this team is stored so far", which
stops being true as the archive grows (and would make the stories depend on what arrived first).
It joins the match its names single out among all its team's matches
(:func:`newscrawl.matching.names.choose_undated`), without voting on its facts: names its team's
other matches also hold tell nothing, so a larger archive makes that rule more cautious, not
wrong. An undated pair article joins its pair's only compatible match: the pair itself narrows it
to the meetings of two teams. When two or more meetings are compatible, a report, reaction or
live blog joins the one its names single out (:func:`~newscrawl.matching.names.choose_undated`:
that night's scorer, the referee), without voting; a preview is not placed so, since it recalls
the last meeting's names.

Match articles that name no team (no team ids) join the one match near their publication whose
articles share their names, the people and places they give (:mod:`newscrawl.matching.names`).

Story ids (:func:`regroup` output, :attr:`MatchCluster.story_id`): each article may carry the
story id the archive gave it before. Ids are handed out oldest (smallest) first: a story id goes
to the cluster holding most of its articles (ties: the cluster whose smallest article id sorts
first) that has no id yet. A cluster left without an id is a new story (``story_id`` None). The
ids of its articles' stories that were not kept anywhere are in ``absorbed_story_ids``: the
archive records them as merged into this cluster's story, so an old id still answers.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from newscrawl.matching.consensus import (
    BASIS_WEIGHT,
    DraftMatch,
    consensus,
    consensus_without,
    contradicts,
    majority,
)
from newscrawl.matching.evidence import (
    PLAYED_TYPES,
    ArticleFacts,
    Fixture,
    MatchCluster,
    RegroupInputError,
    keep_story_ids,
)
from newscrawl.matching.names import NamedMatch, choose_for, choose_undated, match_names, with_named

#: Bases read from the article's text: they make anchors.
SURE_BASES = frozenset({"explicit", "relative", "weekday"})
#: Half-width (days) of a sure date's window; two meetings of the same teams are further apart.
SAME_MATCH_DAYS = 1
#: How far a report may follow (a preview precede) the kick-off when only publication is known.
PUBLISHED_LAG_DAYS = 3
#: Two matches of one pair this many days apart with compatible facts are one (two meetings of
#: the same teams are at least three days apart).
MERGE_DAYS = 2
#: Vote weight of a preview's point date for a loose anchor (reports date more precisely).
PREVIEW_POINT_WEIGHT = 0.9
#: An undated article joins the pair's only match when nothing contradicts it.
UNDATED_JOINS_SOLE_MATCH = True


def _window(a: ArticleFacts) -> tuple[date, date] | None:
    """Earliest and latest kick-off the article allows, None when it gives no date."""
    d = a.kickoff_date
    if d is not None and a.kickoff_basis in SURE_BASES:
        tol = 0 if a.kickoff_basis == "explicit" else SAME_MATCH_DAYS
        return d - timedelta(days=tol), d + timedelta(days=tol)
    if d is not None:
        return _published_window(a, d)
    if a.published_date is not None and a.published_precision == "month":
        first = a.published_date.replace(day=1)
        nxt = (first + timedelta(days=32)).replace(day=1)
        return first - timedelta(days=PUBLISHED_LAG_DAYS), nxt
    return None


def _published_window(a: ArticleFacts, d: date) -> tuple[date, date]:
    lag = timedelta(days=PUBLISHED_LAG_DAYS)
    if a.article_type == "preview":
        return d, d + lag
    if a.article_type in PLAYED_TYPES:
        return d - lag, d
    return d - lag, d + lag


def _fallback_window(a: ArticleFacts) -> tuple[date, date] | None:
    """The window of publication alone: used when the text's date proved to be another game's."""
    if a.published_date is None or a.published_precision != "day":
        return None
    return _published_window(a, a.published_date)


def _sure(a: ArticleFacts) -> bool:
    return a.kickoff_date is not None and a.kickoff_basis in SURE_BASES


def _weight(a: ArticleFacts) -> float:
    return BASIS_WEIGHT.get(a.kickoff_basis or "", 0.0)


def _fits(window: tuple[date, date], day: date | None) -> bool:
    return day is not None and window[0] <= day <= window[1]


def _choose(a: ArticleFacts, window: tuple[date, date], matches: list[DraftMatch]) -> DraftMatch | None:
    """The one match ``a`` fits: inside its window and not contradicted; with several, the one its
    type points to (a played match: the latest on or before publication; a preview: the earliest)."""
    fitting = [m for m in matches if _fits(window, m.anchor) and not contradicts(a, consensus(m))]
    if len(fitting) <= 1:
        return fitting[0] if fitting else None
    fitting.sort(key=lambda m: m.anchor or date.min)
    if a.article_type in PLAYED_TYPES:
        return fitting[-1]
    if a.article_type == "preview":
        return fitting[0]
    return None


def _anchor_days(arts: Sequence[ArticleFacts], weight_of) -> list[date]:
    """Days chosen greedily by weighted support: each takes every article within its window."""
    pending = list(arts)
    days: list[date] = []
    while pending:
        support: dict[date, float] = defaultdict(float)
        for a in pending:
            if a.kickoff_date is not None:
                support[a.kickoff_date] += weight_of(a)
        if not support:
            break
        best = max(support.values())
        day = min(d for d, s in support.items() if s == best)
        days.append(day)
        pending = [a for a in pending if not _fits(_window(a), day) and a.kickoff_date != day]
    return days


def _loose_weight(a: ArticleFacts) -> float:
    return _weight(a) * (PREVIEW_POINT_WEIGHT if a.article_type == "preview" else 1.0)


def _stale(a: ArticleFacts) -> bool:
    """A played game's text date more than :data:`PUBLISHED_LAG_DAYS` before publication is
    another game's: reports and reactions follow their match within days, so "last Saturday"
    in an article published on a Thursday is the previous meeting ("revenge for Saturday's
    cup exit", a live blog recalling the weekend)."""
    return (_sure(a) and a.article_type in PLAYED_TYPES and a.published_date is not None
            and a.published_precision == "day"
            and (a.published_date - a.kickoff_date).days > PUBLISHED_LAG_DAYS)


def _by_publication(a: ArticleFacts) -> ArticleFacts:
    return replace(a, kickoff_date=a.published_date, kickoff_basis="published")


def _cluster_pair(pair: tuple[str, str], arts: list[ArticleFacts], fixtures: list[Fixture]) -> list[DraftMatch]:
    matches = [DraftMatch(pair, f.kickoff_date, fixture=f) for f in sorted(fixtures, key=lambda f: f.kickoff_date)]
    sure = [a for a in arts if _sure(a) and not _stale(a)]
    loose = [a for a in arts if not _sure(a)] + [_by_publication(a) for a in arts if _stale(a)]
    if matches:
        # Known fixtures are the truth: a text date far from all of them is another game's, so
        # such an article is placed by its publication date like a loose one.
        off = [a for a in sure if a.published_date is not None and a.published_precision == "day"
               and not any(abs((a.kickoff_date - m.anchor).days) <= SAME_MATCH_DAYS for m in matches)]
        off_ids = {id(a) for a in off}
        sure = [a for a in sure if id(a) not in off_ids]
        loose += [_by_publication(a) for a in off]
    # Sure articles near a fixture belong to it; the rest make anchors of their own.
    free = [a for a in sure if not any(abs((a.kickoff_date - m.anchor).days) <= SAME_MATCH_DAYS for m in matches)]
    for day in _anchor_days(free, _weight):
        if not any(m.anchor is not None and abs((m.anchor - day).days) <= SAME_MATCH_DAYS for m in matches):
            matches.append(DraftMatch(pair, day))
    for a in sure:
        near = [m for m in matches if abs((a.kickoff_date - m.anchor).days) <= SAME_MATCH_DAYS]
        near.sort(key=lambda m: (abs((a.kickoff_date - m.anchor).days), m.anchor))
        if near:
            near[0].members.append(a)
    _place_loose(pair, loose, matches)
    _move_contradicted(matches)
    matches = _merge_close(matches)
    _place_undated(pair, [a for a in arts if _window(a) is None], matches)
    return [m for m in matches if m.members]


def _place_loose(pair: tuple[str, str], loose: list[ArticleFacts], matches: list[DraftMatch]) -> None:
    dated = [a for a in loose if _window(a) is not None]
    unplaced = []
    for a in dated:
        m = _choose(a, _window(a), matches)
        if m is not None:
            m.members.append(a)
        else:
            unplaced.append(a)
    if not unplaced:
        return
    new = [DraftMatch(pair, day) for day in _anchor_days(unplaced, _loose_weight)]
    matches.extend(new)
    for a in unplaced:
        m = _choose(a, _window(a), new)
        if m is not None:
            m.members.append(a)


def _move_contradicted(matches: list[DraftMatch]) -> None:
    """An article contradicting its match's consensus took another game's date: move it to the
    one other match its publication date fits and that agrees with it."""
    moves = []
    for m in matches:
        if len(m.members) < 2 and m.fixture is None:
            continue
        for a in m.members:
            if not contradicts(a, consensus_without(m, a)):
                continue
            window = _fallback_window(a)
            if window is None:
                continue
            target = _choose(a, window, [o for o in matches if o is not m and o.members])
            if target is not None:
                moves.append((a, m, target))
    for a, source, target in moves:
        source.members.remove(a)
        target.members.append(a)


def _compatible(x: dict[str, Any], y: dict[str, Any]) -> bool:
    """Two matches' consensus facts that one match could have: competitions equal or one unknown,
    legs not different and results not different (the same goals either way)."""
    for field_name in ("competition_id", "leg"):
        if x[field_name] is not None and y[field_name] is not None and x[field_name] != y[field_name]:
            return False
    gx, gy = x["goals"], y["goals"]
    return gx is None or gy is None or sorted(g for _, g in gx) == sorted(g for _, g in gy)


def _merge_close(matches: list[DraftMatch]) -> list[DraftMatch]:
    """Matches of one pair whose days are too close for two meetings are one match: within
    :data:`SAME_MATCH_DAYS` whatever their facts (a result, leg or competition read from a
    sentence about another game does not make a second game), within :data:`MERGE_DAYS` when
    their facts agree (:func:`_compatible`: a preview's or a late reaction's day off by two).
    Two fixtures are never merged: they are known to be two games."""
    dated = sorted((m for m in matches if m.anchor is not None and m.members),
                   key=lambda m: (m.anchor, m.fixture is None, min(a.article_id for a in m.members)))
    merged: list[DraftMatch] = []
    for m in dated:
        last = merged[-1] if merged else None
        if last is not None and not (last.fixture and m.fixture):
            gap = (m.anchor - last.anchor).days
            x, y = consensus(last), consensus(m)
            # One pair does not meet twice in two days: a result, leg or competition that differs
            # was read from a sentence about another game ("after the 1-1 first leg").
            if gap <= SAME_MATCH_DAYS or (gap <= MERGE_DAYS and _compatible(x, y)):
                keep, drop = (last, m) if _weight_of(last) >= _weight_of(m) else (m, last)
                keep.members.extend(drop.members)
                if keep is m:
                    merged[-1] = m
                continue
        merged.append(m)
    return merged + [m for m in matches if m.anchor is None or not m.members]


def _weight_of(m: DraftMatch) -> tuple[float, bool, str]:
    """Which of two merged matches keeps its day: a fixture's, else the better-supported one
    (ties: the earlier-sorting article id, never arrival order)."""
    return (BASIS_WEIGHT["fixture"] if m.fixture else 0.0) + sum(_weight(a) for a in m.members), \
        m.fixture is not None, min(a.article_id for a in m.members)


def _place_undated(pair: tuple[str, str], undated: list[ArticleFacts], matches: list[DraftMatch]) -> None:
    """Undated articles join the pair's only compatible match, gather in an undated one when none
    is compatible, or (a played type, two or more compatible) join the one their names single out."""
    # The most telling first (a result, then a leg, a competition), so that later articles meet
    # matches that already say what they are; ties by article id, never by arrival.
    by_names: list[tuple[ArticleFacts, DraftMatch]] = []
    for a in sorted(undated, key=lambda x: (x.goals is None, x.leg is None, x.competition_id is None, x.article_id)):
        live = [m for m in matches if m.members]
        compatible = [m for m in live if not contradicts(a, consensus(m))]
        if len(compatible) == 1 and (UNDATED_JOINS_SOLE_MATCH or len(live) == 1):
            compatible[0].members.append(a)
        elif not compatible:
            matches.append(DraftMatch(pair, None, members=[a]))  # undated articles that agree gather here
        elif a.article_type in PLAYED_TYPES:
            key = choose_undated(a.names, a.article_type,
                                 [NamedMatch(id(m), m.anchor, match_names(x.names for x in m.members)) for m in compatible])
            if key is not None:
                by_names.append((a, next(m for m in compatible if id(m) == key)))
    for a, m in by_names:
        m.joined.append(a.article_id)


def _one_team_window(a: ArticleFacts) -> tuple[date, date] | None:
    """The window of a one-team article. A played article's weekday ("Saturday's win") names a
    day gone by: its game was that day (or the evening before, for a report dated after
    midnight), never the next day, which is another game of the club (its women's side, say, whose
    coach the article quotes without saying "Women")."""
    window = _window(a)
    if window is not None and a.kickoff_basis == "weekday" and a.article_type in PLAYED_TYPES:
        return window[0], a.kickoff_date
    return window


def _attach_one_team(singles: list[ArticleFacts], matches: list[DraftMatch]) -> None:
    """One-team articles join the one match of their team their date window fits; failing that
    (no match in the window, two, or one their leg or competition contradicts), the match of
    their team their names single out: near their publication (:func:`newscrawl.matching.names.choose_for`,
    as a lone pair article), or among all their team's matches when nothing dates them
    (:func:`newscrawl.matching.names.choose_undated`). Placed by names, they do not vote on the
    match's facts, and the names they are placed by are those before any one-team article joined
    (so no placement depends on another)."""
    by_team: dict[str, list[DraftMatch]] = defaultdict(list)
    for m in matches:
        for team in m.team_ids:
            by_team[team].append(m)
    # Keyed by the match object: a pair's matches have no other handle yet.
    named = {id(m): NamedMatch(id(m), m.anchor, match_names(a.names for a in m.members))
             for m in matches if m.members}
    by_names: list[tuple[ArticleFacts, DraftMatch]] = []
    for a in singles:
        own = by_team.get(a.team_ids[0], [])
        window = _one_team_window(a)
        if window is not None:
            fitting = [m for m in own if _fits(window, m.anchor)]
            if len(fitting) == 1 and not contradicts(a, {**consensus(fitting[0]), "goals": None}):
                fitting[0].members.append(a)
                continue
        candidates = [named[id(m)] for m in own if id(m) in named]
        if window is None:
            key = choose_undated(a.names, a.article_type, candidates)
        else:
            key = choose_for(a, [c for c in candidates if c.kickoff_date is not None])
        if key is not None:
            by_names.append((a, next(m for m in own if id(m) == key)))
    for a, m in by_names:
        m.joined.append(a.article_id)


def _move_lone(matches: list[DraftMatch]) -> None:
    """A pair article alone in its match, with no fixture, read its pair wrong (the next
    opponent, a town for a club) or its date wrong: when its names (:mod:`newscrawl.matching.names`)
    place it in one match near its publication of either of its teams that has other articles
    or a fixture, it belongs there. It joins that match's articles without voting on its facts,
    and the matches it is chosen among are those before any move (so no move depends on another)."""
    targets = [(m, NamedMatch(i, m.anchor, match_names(a.names for a in m.members)))
               for i, m in enumerate(matches) if m.anchor and (len(m.members) > 1 or m.fixture is not None)]
    moves = []
    for m in matches:
        if m.fixture is not None or len(m.members) != 1:
            continue
        a = m.members[0]
        near = [t for o, t in targets if o is not m and set(o.team_ids) & set(m.team_ids)]
        key = choose_for(a, near)
        if key is not None:
            moves.append((a, m, matches[key]))  # type: ignore[index]
    for a, source, target in moves:
        source.members.remove(a)
        target.joined.append(a.article_id)


def _finish(m: DraftMatch) -> MatchCluster:
    agreed = consensus(m)
    votes = [(a.kickoff_date, _weight(a)) for a in m.members if a.kickoff_date is not None and len(a.team_ids) == 2]
    if m.fixture is not None:
        day, basis = m.fixture.kickoff_date, "fixture"
    else:
        day = majority(votes) if votes else m.anchor
        bases = [a.kickoff_basis for a in m.members if a.kickoff_date == day and a.kickoff_basis]
        basis = max(bases, key=lambda b: (BASIS_WEIGHT.get(b, 0.0), b)) if bases else None
    comp = agreed["competition_id"]
    key = f"{comp or 'unknown'}:{day.isoformat() if day else 'undated'}:{m.team_ids[0]}~{m.team_ids[1]}"
    return MatchCluster(
        key=key, team_ids=m.team_ids, kickoff_date=day, kickoff_basis=basis, competition_id=comp,
        stage=agreed["stage"], leg=agreed["leg"], home_id=agreed["home_id"], goals=agreed["goals"],
        article_ids=tuple(sorted([a.article_id for a in m.members] + m.joined)), fixture=m.fixture,
        joined=tuple(sorted(m.joined)),
    )


def regroup(articles: Iterable[ArticleFacts], fixtures: Iterable[Fixture] = ()) -> list[MatchCluster]:
    """Cluster articles into matches; the result depends on the set of articles, not their order.

    ``articles``: every article of the affected team pairs (two team ids), the one-team
    articles of their teams and the no-team match articles published near their matches. ``fixtures``: known fixtures (may be empty). Returns the clusters
    sorted by (kick-off date, team ids, key), each with its sorted article ids and the story id
    kept for it (see the module docstring). Articles that fit no match are in no cluster.
    Raises :class:`RegroupInputError` on a repeated article id or a team count other than 1 or 2.
    """
    arts = sorted(articles, key=lambda a: a.article_id)
    seen: set[str] = set()
    for a in arts:
        if a.article_id in seen:
            raise RegroupInputError(f"article id {a.article_id!r} given twice")
        if len(a.team_ids) > 2:
            raise RegroupInputError(f"article {a.article_id!r} names {len(a.team_ids)} teams (at most 2 expected)")
        seen.add(a.article_id)
    pairs: dict[tuple[str, str], list[ArticleFacts]] = defaultdict(list)
    for a in arts:
        if len(a.team_ids) == 2:
            pairs[(min(a.team_ids), max(a.team_ids))].append(a)
    by_pair: dict[tuple[str, str], list[Fixture]] = defaultdict(list)
    for f in fixtures:
        by_pair[f.team_ids].append(f)
    matches: list[DraftMatch] = []
    for pair in sorted(pairs):
        matches.extend(_cluster_pair(pair, pairs[pair], by_pair.get(pair, [])))
    _move_lone(matches)
    _attach_one_team([a for a in arts if len(a.team_ids) == 1], matches)
    clusters = sorted((_finish(m) for m in matches if m.members or m.joined),
                      key=lambda c: (c.kickoff_date or date.min, c.team_ids, c.key, c.article_ids))
    clusters = keep_story_ids(clusters, arts)
    loose = [a for a in arts if not a.team_ids]
    if not loose:
        return clusters
    return with_named(clusters, loose, {a.article_id: a.names for a in arts if a.team_ids})[0]

