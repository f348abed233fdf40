"""DedupPipeline: the same article under another URL or syndicated elsewhere is stored once."""

from __future__ import annotations

from collections import defaultdict

from newscrawl.analysis import Fingerprint, fingerprint
from newscrawl.archive import Archive
from newscrawl.crawling.kinds import stat_key
from newscrawl.crawling.session import CrawlSession
from newscrawl.dedup import Signature
from newscrawl.items import ArticleItem, DedupVerdict, DuplicateKind
from newscrawl.urls import canonicalize_url


class DedupPipeline:
    """Marks duplicates; the store pipeline then records only their URLs under the kept article.

    In order: same canonical URL as an article of this run (AMP, tracking
    parameters) or a URL already recorded as another article's; same
    normalised body hash; MinHash similarity of at least
    ``NEWSCRAWL_NEAR_DUPLICATE_THRESHOLD`` with an article of this run or of the
    archive (LSH buckets persisted in SQLite). A changed text under an already
    stored canonical URL is not a duplicate: the store updates it in place.
    Counted as ``newscrawl/duplicates/<kind>``.
    """

    def __init__(self, archive: Archive, threshold: float, stats):
        self.archive = archive
        self.threshold = threshold
        self.stats = stats
        self._hashes: dict[str, str] = {}
        self._signatures: dict[str, Signature] = {}
        self._buckets: dict[tuple[int, str], list[str]] = defaultdict(list)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(
            CrawlSession.of(crawler).archive,
            crawler.settings.getfloat("NEWSCRAWL_NEAR_DUPLICATE_THRESHOLD"),
            crawler.stats,
        )

    def process_item(self, item: ArticleItem, spider=None) -> ArticleItem:
        item.canonical_url = canonical = item.canonical_url or canonicalize_url(item.url)
        # the body is the one analysed: no pipeline between the analysis and here changes it
        found = item.analysis.fingerprint if item.analysis is not None else fingerprint(item.body or "")
        item.content_hash = digest = found.content_hash
        if canonical in self._signatures:
            return self._mark(item, canonical, DuplicateKind.SAME_URL, 1.0, found)
        owner = self.archive.canonical_for_url(canonical)
        if owner and owner != canonical:
            return self._mark(item, owner, DuplicateKind.SAME_URL, 1.0, found)
        kept = self._hashes.get(digest) or self.archive.canonical_for_hash(digest)
        if kept and kept != canonical:
            return self._mark(item, kept, DuplicateKind.EXACT, 1.0, found)
        signature, bands = Signature.from_bytes(found.signature), found.bands
        best = self._most_similar(canonical, signature, bands)
        if best is not None:
            return self._mark(item, best[0], DuplicateKind.NEAR, best[1], found)
        self._hashes.setdefault(digest, canonical)
        self._signatures[canonical] = signature
        for band in bands:
            self._buckets[band].append(canonical)
        item.dedup = DedupVerdict(signature=found.signature, bands=bands)
        return item

    def _most_similar(
        self, canonical: str, signature: Signature, bands: list[tuple[int, str]]
    ) -> tuple[str, float] | None:
        candidates: dict[str, Signature] = {
            url: self._signatures[url] for band in bands for url in self._buckets.get(band, ())
        }
        for url, blob in self.archive.near_duplicate_candidates(bands):
            candidates.setdefault(url, Signature.from_bytes(blob))
        candidates.pop(canonical, None)
        scored = sorted(((signature.similarity(sig), url) for url, sig in candidates.items()), reverse=True)
        if scored and scored[0][0] >= self.threshold:
            return scored[0][1], scored[0][0]
        return None

    def _mark(self, item: ArticleItem, kept: str, kind: DuplicateKind, similarity: float,
              found: Fingerprint) -> ArticleItem:
        item.duplicate_of = kept
        # the signature goes with the duplicate: if it was published first, the store makes it the
        # kept article, and the archive must then hold its signature, not the later copy's
        item.dedup = DedupVerdict(kind=kind, similarity=round(similarity, 3), signature=found.signature,
                                  bands=found.bands)
        self.stats.inc_value(stat_key(kind))
        return item
