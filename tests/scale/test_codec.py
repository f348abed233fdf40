"""The wire codec of the shared crawl: every typed part of an item survives the round trip exactly."""

from __future__ import annotations

from datetime import date

import pytest

from newscrawl.dedup import Signature
from newscrawl.items import DateCandidate, DedupVerdict, DuplicateKind, StoryMatch, StoryVerdict
from newscrawl.matching.evidence import ArticleFacts
from newscrawl.matching.facts import MatchFacts
from newscrawl.scale import codec
from newscrawl.sources import load_registry
from tests.support.crawler import article


def full_item():
    signature = Signature.of("Marseille and Atalanta drew in the first leg " * 5)
    item = article(published_raw="2 mai 2024", language="fr", tags=["OM", "Ligue Europa"],
                   date_candidates=[DateCandidate("published", "jsonld", "2024-05-02T21:00:00+02:00")],
                   language_hints={"html_lang": "fr-FR"}, timezone="Europe/Paris", duplicate_of=None)
    item.dedup = DedupVerdict(kind=DuplicateKind.NEAR, similarity=0.912, signature=signature.to_bytes(),
                              bands=signature.bands())
    facts = MatchFacts(team_ids=("fra-marseille", "ita-atalanta"), home_id="fra-marseille",
                       away_id="ita-atalanta", competition_id="uefa-europa-league", stage="semi-final", leg=1,
                       score=(1, 1), kickoff_date=date(2024, 5, 2), kickoff_basis="explicit",
                       published_date=date(2024, 5, 3), published_precision="day", article_type="report",
                       confidence=0.8)
    item.story = StoryVerdict(article_type="report", facts=facts, match=StoryMatch(
        key="k", team_ids="fra-marseille|ita-atalanta", kickoff_date="2024-05-02", leg=1, score_home=1, score_away=1),
        names=frozenset({"greenwood", "velodrome", "gasperini"}),
        side=ArticleFacts(article_id="a", team_ids=("fra-marseille",), article_type="reaction",
                          published_date=date(2024, 5, 3), goals=(("fra-marseille", 1), ("ita-atalanta", 1)),
                          names=frozenset({"greenwood"})),
        loose=ArticleFacts(article_id="b", team_ids=(), article_type="report", kickoff_date=date(2024, 5, 2)))
    return item


def test_an_item_with_every_typed_part_round_trips_exactly():
    item = full_item()
    back = codec.item_from_dict(codec.loads(codec.dumps({"item": codec.item_to_dict(item)}))["item"])
    assert back == item
    assert isinstance(back.dedup.kind, DuplicateKind) and isinstance(back.dedup.signature, bytes)
    assert isinstance(back.story.facts.kickoff_date, date) and back.story.facts.team_ids == item.story.facts.team_ids
    assert back.story.side.goals == (("fra-marseille", 1), ("ita-atalanta", 1))
    assert isinstance(back.story.side.names, frozenset) and back.story.loose.team_ids == ()
    assert isinstance(back.story.names, frozenset) and back.story.names == {"greenwood", "velodrome", "gasperini"}
    assert back.date_candidates[0] == DateCandidate("published", "jsonld", "2024-05-02T21:00:00+02:00")


def test_names_go_on_the_wire_sorted_so_one_item_is_one_message():
    first, second = full_item(), full_item()
    second.story.names = frozenset(sorted(first.story.names, reverse=True))
    assert codec.dumps(codec.item_to_dict(first)) == codec.dumps(codec.item_to_dict(second))
    wire = codec.loads(codec.dumps({"item": codec.item_to_dict(first)}))["item"]
    assert wire["story"]["names"] == ["gasperini", "greenwood", "velodrome"]


def test_registry_sources_round_trip():
    for source in load_registry():
        assert codec.source_from_dict(codec.loads(codec.dumps({"s": codec.source_to_dict(source)}))["s"]) == source


@pytest.mark.parametrize("raw", [b"not json", b'{"v": 999}', b"[1, 2]"])
def test_a_foreign_message_is_refused_by_name(raw):
    with pytest.raises(codec.CodecError):
        codec.loads(raw)


def test_a_broken_item_is_refused_by_name():
    with pytest.raises(codec.CodecError):
        codec.item_from_dict({"url": "https://x.example/a", "dedup": {"kind": "sideways"}})


REPORT = (
    "Marseille beat Atalanta 2-1 in the Europa League semi-final first leg",
    "Marseille beat Atalanta 2-1 at the Velodrome on Thursday night in the first leg of their Europa League "
    "semi-final. Aubameyang scored twice before half-time and Atalanta pulled one back late on. "
    "The second leg is played in Bergamo next week, with Marseille holding a narrow lead. " * 3,
)


@pytest.mark.parametrize("timezone", ["Europe/Paris", "Mars/Olympus"])  # a known zone, and one read in UTC
def test_an_analysed_item_keeps_its_analysis_exactly(timezone):
    from newscrawl.analysis import analyse

    item = article(title=REPORT[0], body=REPORT[1], language=None, timezone=timezone,
                   fetched_at="2024-05-03T08:00:00+00:00",
                   date_candidates=[DateCandidate("published", "jsonld", "2024-05-02T23:10:00+02:00"),
                                    DateCandidate("published", "meta", "31/02/2024")])
    item.analysis = analyse(item, ("en", "fr", "nl"))
    assert item.analysis.story.facts is not None and item.analysis.dates.resolution.published is not None
    back = codec.item_from_dict(codec.loads(codec.dumps({"item": codec.item_to_dict(item)}))["item"])
    assert back.analysis == item.analysis
    assert isinstance(back.analysis.fingerprint.signature, bytes)
    assert back.analysis.dates.resolution.published.local.utcoffset() == \
        item.analysis.dates.resolution.published.local.utcoffset()
    assert isinstance(back.analysis.story.facts.team_ids, tuple)


def test_an_analysed_item_with_a_broken_band_is_refused_by_name():
    from newscrawl.analysis import analyse

    item = article(title=REPORT[0], body=REPORT[1], language="en")
    item.analysis = analyse(item, ("en",))
    data = codec.loads(codec.dumps({"item": codec.item_to_dict(item)}))["item"]
    assert isinstance(codec.item_from_dict(data).analysis.fingerprint.bands[0], tuple)
    data["analysis"]["fingerprint"]["bands"][0].append("one value too many")
    with pytest.raises(codec.CodecError):
        codec.item_from_dict(data)
