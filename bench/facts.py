"""CPU per article of the story facts (newscrawl.matching), by stage, with a correctness gate.

Run: ``.venv/bin/python bench/facts.py`` prints ms/article (``time.process_time``: the machine is
shared) of the whole story facts step (:func:`newscrawl.analysis.story_facts`: type, then pair
facts or one side) and, inside it, of the gazetteer scan (and its tokenizer), the kick-off
guess, stage + leg and the article type, over every article of ``bench/data/stories*`` plus the
corpus texts (``../shared/corpus/truth.jsonl``) when present, and the synthetic pages of the
crawl bench (``bench/ingest_stages.synthetic_records``: longer, the ingest target). A reference workload (a plain regex
word pass, and py3langid when installed) runs in the same process, so figures from two runs on a
loaded machine compare as ratios to it.

Stages are timed by wrapping the functions wherever the matching modules imported them, so a
stage's figure is inclusive and stages nest: the gazetteer includes its tokenizer, and the type
includes the gazetteer scan and the leg test it makes itself; the rest of ``facts`` is choosing
the pair, home side, score, gender and age. The wrappers cost well under a microsecond a call.
Compare two trees by running each in turn (``NEWSCRAWL_SHARED`` pointing at the same corpus) and
reading ``facts/reference``.

``--write BASELINE.json`` saves every article's full facts (type, teams, home, competition,
stage, leg, score, kick-off, side facts, and the gazetteer's mentions); ``--check BASELINE.json``
recomputes them and fails (exit 1) on the first article that differs.

    .venv/bin/python bench/facts.py --repeat 5
    .venv/bin/python bench/facts.py --synthetic 0        # without the crawl bench's pages
    .venv/bin/python bench/facts.py --write /tmp/facts-before.json
    .venv/bin/python bench/facts.py --check /tmp/facts-before.json
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import re
import sys
import time
import tomllib
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from newscrawl.analysis import story_facts  # noqa: E402
from newscrawl.items import ArticleItem  # noqa: E402
from newscrawl.matching import competitions, gazetteer, kickoff, lexicon  # noqa: E402
from newscrawl.matching.article_type import classify_article  # noqa: E402
from newscrawl.matching.gazetteer import load_gazetteer  # noqa: E402

DATA = ROOT / "bench" / "data"
SHARED = Path(os.environ.get("NEWSCRAWL_SHARED", ROOT.parent / "shared"))
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")


def bench_items(synthetic: int = 0) -> list[tuple[str, ArticleItem]]:
    """(id, dated item) for every article of ``bench/data/stories*/*.toml``, then the corpus texts,
    then ``synthetic`` pages of the crawl bench (as the ingest bench reads them)."""
    items = []
    for path in sorted(DATA.glob("stories*/*.toml")):
        for raw in tomllib.loads(path.read_text("utf-8")).get("article", []):
            items.append((f"{path.parent.name}/{raw['id']}", ArticleItem(
                url="https://bench.example/" + raw["id"], title=raw["title"].strip(), body=raw["body"].strip(),
                language=raw.get("language"), published_at=raw.get("published_at"))))
    truth = SHARED / "corpus" / "truth.jsonl"
    if truth.is_file():
        for line in truth.read_text("utf-8").splitlines():
            rec = json.loads(line)
            if not rec.get("body"):
                continue
            published = rec.get("published") or ""
            items.append((rec["id"], ArticleItem(
                url=rec.get("url") or "https://corpus.example/", title=rec.get("title") or "", body=rec["body"],
                language=rec.get("lang"), published_at=published if _ISO_DAY.match(published) else None)))
    if synthetic:
        sys.path.insert(0, str(ROOT / "bench"))
        from ingest_stages import synthetic_records

        fields = {f.name for f in dataclasses.fields(ArticleItem)}
        for rec in synthetic_records(synthetic):
            items.append(("crawl/" + rec["url"].rsplit("/", 1)[-1],
                          ArticleItem(**{k: v for k, v in rec.items() if k in fields})))
    return items


def facts_record(item: ArticleItem) -> dict:
    """Everything the check compares for one article, as JSON-ready data."""
    story = story_facts(item)
    mentions = load_gazetteer().scan(f"{item.title}\n{item.body}")
    return json.loads(json.dumps({
        "type": story.article_type,
        "facts": dataclasses.asdict(story.facts) if story.facts else None,
        "side": dataclasses.asdict(story.side) if story.side else None,
        "mentions": dataclasses.asdict(mentions),
        "classify_nolang": classify_article(item.title or "", item.body or "", language=None),
    }, default=str, sort_keys=True))


class _Timers:
    """Inclusive CPU per wrapped function; re-entrant calls count once (the outer one)."""

    def __init__(self) -> None:
        self.total: dict[str, float] = defaultdict(float)
        self._depth: dict[str, int] = defaultdict(int)

    def wrap(self, name: str, fn):
        def timed(*args, **kwargs):
            if self._depth[name]:
                return fn(*args, **kwargs)
            self._depth[name] += 1
            t0 = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                self.total[name] += time.process_time() - t0
                self._depth[name] -= 1
        return timed


def _install(timers: _Timers) -> None:
    """Wrap the stage functions in every loaded newscrawl module that imported them."""
    targets = {
        # The gazetteer's token splitting: tokenize(), or the word/key split its scan now calls.
        "tokenize": tuple(f for f in (lexicon.tokenize, getattr(lexicon, "_words_and_keys", None)) if f),
        "kickoff": kickoff.infer_kickoff,
        "stage/leg": (competitions.find_stage, competitions.find_leg),
        "type": classify_article,
    }
    originals = {}
    for name, fns in targets.items():
        for fn in fns if isinstance(fns, tuple) else (fns,):
            originals[fn] = timers.wrap(name, fn)
    for mod in [m for n, m in sys.modules.items() if n.startswith("newscrawl")]:
        for attr, value in list(vars(mod).items()):
            if callable(value) and value in originals:
                setattr(mod, attr, originals[value])
    scan = gazetteer.Gazetteer.scan
    gazetteer.Gazetteer.scan = timers.wrap("gazetteer", scan)


def _reference(texts: list[str]) -> float:
    """CPU seconds of a fixed workload: a regex word pass (x5) over every text."""
    word = re.compile(r"\w+")
    t0 = time.process_time()
    for _ in range(5):
        for text in texts:
            word.findall(text.lower())
    return time.process_time() - t0


def _langid(texts: list[str]) -> float | None:
    try:
        import py3langid
    except ImportError:
        return None
    py3langid.classify(texts[0])  # loads the model
    t0 = time.process_time()
    for text in texts:
        py3langid.classify(text)
    return time.process_time() - t0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="timed passes over the set (best is kept)")
    parser.add_argument("--synthetic", type=int, default=600, metavar="N",
                        help="also the crawl bench's first N synthetic pages (0: none)")
    parser.add_argument("--write", type=Path, help="save every article's facts to this JSON file")
    parser.add_argument("--check", type=Path, help="compare every article's facts with this JSON file")
    args = parser.parse_args(argv)
    items = bench_items(args.synthetic)
    load_gazetteer()
    if args.write or args.check:
        records = {aid: facts_record(item) for aid, item in items}
        if args.write:
            args.write.write_text(json.dumps(records, indent=1, sort_keys=True, ensure_ascii=False), "utf-8")
            print(f"wrote facts of {len(records)} articles to {args.write}")
        if args.check:
            baseline = json.loads(args.check.read_text("utf-8"))
            differ = [aid for aid in baseline.keys() | records.keys() if baseline.get(aid) != records.get(aid)]
            if differ:
                print(f"DIFFERENT: {len(differ)} of {len(records)} articles, first {sorted(differ)[:5]}")
                return 1
            print(f"identical facts on all {len(records)} articles")
        return 0
    groups = {"bench": [item for aid, item in items if aid.startswith("stories")],
              "corpus": [item for aid, item in items if not aid.startswith(("stories", "crawl/"))],
              "crawl": [item for aid, item in items if aid.startswith("crawl/")]}
    groups = {name: group for name, group in groups.items() if group}
    texts = [f"{item.title}\n{item.body}" for _, item in items]
    print(f"{len(items)} articles ({', '.join(f'{len(g)} {n}' for n, g in groups.items())}), "
          f"{sum(map(len, texts)) / len(texts):.0f} chars on average; load {os.getloadavg()[0]:.2f}")
    for _, item in items[:20]:
        story_facts(item)  # warm-up: caches, lazily compiled patterns
    timers = _Timers()
    _install(timers)
    best: dict[str, dict[str, float]] = {}
    ref = float("inf")
    for _ in range(args.repeat):
        for name, group in groups.items():
            timers.total.clear()
            t0 = time.process_time()
            for item in group:
                story_facts(item)
            run = {k: v / len(group) for k, v in timers.total.items()}
            run["facts"] = (time.process_time() - t0) / len(group)
            if name not in best or run["facts"] < best[name]["facts"]:
                best[name] = run
        ref = min(ref, _reference(texts) / len(texts))
    all_facts = sum(best[n]["facts"] * len(g) for n, g in groups.items()) / len(items)
    langid = _langid(texts)
    print(f"  {'ms/article':<10} " + " ".join(f"{n:>8}" for n in (*groups, "all")))
    for stage in ("facts", "gazetteer", "tokenize", "kickoff", "stage/leg", "type"):
        per = [best[n].get(stage, 0.0) for n in groups]
        mean = sum(p * len(g) for p, g in zip(per, groups.values(), strict=True)) / len(items)
        print(f"  {stage:<10} " + " ".join(f"{p * 1000:8.3f}" for p in (*per, mean)))
    print(f"  reference  {ref * 1000:8.3f} ms/article (regex word pass x5); facts/reference = {all_facts / ref:.2f}")
    if langid is not None:
        print(f"  py3langid  {langid * 1000 / len(texts):8.3f} ms/article; "
              f"facts/py3langid = {all_facts * len(texts) / langid:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
