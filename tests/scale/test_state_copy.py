"""The crawl-state copy in Redis follows each commit, not only the round's start.

A job queued again mid-round (its worker died) must send the validators its dead
worker last got, as a local crawl's next request would; so the coordinator writes
every committed ``crawl_state`` row back to the copy. Real redis-server, real SQLite.
"""

from __future__ import annotations

import pytest

from newscrawl.scale.coordinator import Ingester
from newscrawl.scale.streams import Bus
from tests.support.redis import redis_server

LISTING = "http://127.0.0.1:9/feed.xml"


@pytest.fixture
def ingester(tmp_path):
    (tmp_path / "redis").mkdir()
    with redis_server(tmp_path / "redis") as url:
        bus = Bus(url, "statecopy")
        ingester = Ingester(bus, tmp_path / "archive.db", {"LOG_LEVEL": "ERROR"})
        yield bus, ingester
        ingester.close()


def state_event(etag: str, *, outcome: str = "fetched") -> dict:
    row = {"url": LISTING, "source": "site", "kind": "listing", "last_fetched": "2024-05-05T10:00:00+00:00",
           "status": 200, "etag": etag, "content_hash": etag * 4, "outcome": outcome, "run_id": 1}
    return {"type": "state", "run": 1, "job": "1-0", "changes": [["fetch", row]]}


def test_each_commit_writes_its_rows_to_the_copy(ingester):
    bus, writer = ingester
    assert bus.fetch_state(LISTING) is None
    writer.commit([("1-1", state_event('"v1"'))])
    first = bus.fetch_state(LISTING)
    assert first["etag"] == '"v1"' and first["status"] == 200
    assert first["first_seen"]  # the committed row (SQLite sets first_seen), not the event's copy

    writer.commit([("1-2", state_event('"v2"'))])
    second = bus.fetch_state(LISTING)
    assert second["etag"] == '"v2"'
    assert second["first_seen"] == first["first_seen"]  # kept from the first insert, as in SQLite


def test_an_outcome_change_reaches_the_copy(ingester):
    bus, writer = ingester
    writer.commit([("1-1", state_event('"v1"'))])
    writer.commit([("1-2", {"type": "state", "run": 1, "job": "1-0", "changes": [["outcome", [LISTING, "gone"]]]})])
    assert bus.fetch_state(LISTING)["outcome"] == "gone"


def test_rows_of_other_urls_are_left_as_the_round_began(ingester):
    bus, writer = ingester
    other = {"url": "http://127.0.0.1:9/other.xml", "etag": '"old"'}
    bus.publish_state(iter([other]), iter([]))
    writer.commit([("1-1", state_event('"v1"'))])
    assert bus.fetch_state(other["url"]) == other
    assert bus.fetch_state(LISTING)["etag"] == '"v1"'
