"""The crawl lock: one crawl per archive; a lock left by a dead process is taken over and reported."""

from __future__ import annotations

import pytest

from newscrawl.errors import NewscrawlError
from newscrawl.runs.lock import CrawlLock, LockHeld


def test_the_lock_refuses_a_second_holder_and_reports_a_dead_one(tmp_path):
    db = tmp_path / "news.db"
    with CrawlLock(db) as lock:
        assert lock.stale_holder is None
        with pytest.raises(LockHeld, match="holds"):
            CrawlLock(db).acquire()
    # a holder that never released it (killed): the file still names it
    (tmp_path / "news.db.lock").write_text('{"pid": 999999, "started_at": "2024-05-09T12:00:00+00:00"}')
    with CrawlLock(db) as lock:
        assert lock.stale_holder == {"pid": 999999, "started_at": "2024-05-09T12:00:00+00:00"}


def test_lock_held_is_a_newscrawl_error():
    assert issubclass(LockHeld, NewscrawlError)
