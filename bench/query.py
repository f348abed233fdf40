"""Query benchmark: build a synthetic archive, then time the searches and story pages people run.

    .venv/bin/python bench/query.py                      # 1,000,000 articles (a few minutes)
    .venv/bin/python bench/query.py --articles 20000     # smoke run
    .venv/bin/python bench/query.py --db /work/big.db --reuse   # time again without rebuilding

The archive has the real schema (``newscrawl.archive.Archive`` migrations,
FTS triggers included) and is filled with bulk inserts: articles in
English, French and Dutch made of sentences drawn from per-language word
lists, with team and competition names from the shipped gazetteer, lengths
log-normal around 280 words; matches, stories and article types as the story
pipeline leaves them. The search index holds what the archive's triggers
(``newscrawl.archive.search``) would put there, but filled directly while loading:
``stemmed_text`` is computed once per pooled sentence (stemming is word by word, so
an article's stemmed text is the concatenation of its sentences' stemmed texts), and
the triggers are created once the articles are in. The per-article stemming rate
(what the triggers cost a crawl) is printed too.

Prints the build time, the database size (and what takes it), p50/p95 latency per
query kind (measured through ``newscrawl.archive.queries`` as the CLI calls it,
snippets included) in a fresh process whose peak RSS is printed, the load average,
and each query's plan (EXPLAIN QUERY PLAN), flagging any full table scan.
"""

from __future__ import annotations

import argparse
import json
import math
import multiprocessing
import os
import random
import resource
import sqlite3
import statistics
import sys
import tempfile
import time
import tomllib
from collections import deque
from collections.abc import Callable
from datetime import date, datetime, timedelta
from importlib import resources
from itertools import islice
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from newscrawl.archive import (
    Archive,  # noqa: E402
    queries,  # noqa: E402
)
from newscrawl.archive import search as fts  # noqa: E402

# -- synthetic text -------------------------------------------------------------------

_WORD_TEXT = {
    "en": (
        "the a of to and in on for with at after before against his their was is has had will "
        "match goal goals scored scoring equalised equaliser header corner penalty penalties "
        "striker midfielder defender goalkeeper keeper coach manager fans crowd stadium pitch "
        "first second half minute minutes late early win won beat draw drew lost defeat victory "
        "league cup final semi quarter leg tie season title table points top bottom relegation "
        "injury injured fit squad bench substitute sent off red yellow card referee var offside "
        "pressure chance chances save saves shot shots post bar cross pass passing possession "
        "counter attack attacking defending defence tactics formation press pressing home away "
        "transfer deal contract signed signing loan fee agent talks interest bid club clubs "
        "players player captain debut return returned comeback lead leading trailing"
    ),
    "fr": (
        "le la les un une des de du au aux et en sur pour avec après avant contre son leur était est "
        "a avait sera match but buts marqué égalise égalisé égalisation tête corner penalty "
        "attaquant milieu défenseur gardien entraîneur supporters public stade pelouse première "
        "seconde période minute minutes tard tôt victoire gagné battu nul défaite succès "
        "championnat coupe finale demi quart aller retour saison titre classement points "
        "relégation blessure blessé forme effectif banc remplaçant expulsé rouge jaune carton "
        "arbitre vidéo hors-jeu pression occasion occasions arrêt arrêts tir tirs poteau barre "
        "centre passe possession contre-attaque défense tactique pressing domicile extérieur "
        "transfert contrat signé prêt indemnité agent discussions intérêt offre club clubs "
        "joueurs joueur capitaine débuts retour remontée mené menés qualifié qualification éliminé"
    ),
    "nl": (
        "de het een van naar en in op voor met bij na tegen zijn hun was is heeft had zal "
        "wedstrijd doelpunt doelpunten gescoord scoorde gelijkmaker gelijkspel gelijkspelen kopbal "
        "hoekschop strafschop spits middenvelder verdediger doelman keeper trainer fans publiek "
        "stadion veld eerste tweede helft minuut minuten laat vroeg winst gewonnen verslagen "
        "gelijk verloren nederlaag zege competitie beker finale halve kwart heen terug seizoen "
        "titel ranglijst punten degradatie blessure geblesseerd fit selectie bank invaller rood "
        "geel kaart scheidsrechter buitenspel druk kans kansen redding reddingen schot schoten "
        "paal lat voorzet pass balbezit counter aanval verdediging tactiek thuis uit transfer "
        "contract getekend huur agent gesprekken interesse bod club clubs spelers speler aanvoerder "
        "debuut terugkeer voorsprong achterstand geplaatst uitgeschakeld"
    ),
}
WORDS = {language: text.split() for language, text in _WORD_TEXT.items()}
LANGUAGES = ("en", "fr", "nl")
TYPES = ("preview", "report", "report", "report", "reaction", "analysis", "live", "ratings")
SENTENCES_PER_LANGUAGE = 20_000


def gazetteer() -> tuple[list[tuple[str, str, str]], list[tuple[str, str]]]:
    """(id, name, country) of clubs and (id, name) of competitions from the shipped data."""
    folder = resources.files("newscrawl.matching")
    teams = tomllib.loads(folder.joinpath("teams.toml").read_text(encoding="utf-8"))["team"]
    comps = tomllib.loads(folder.joinpath("competitions.toml").read_text(encoding="utf-8"))["competition"]
    return ([(t["id"], t["names"][0], t["country"]) for t in teams if t["kind"] == "club"],
            [(c["id"], c["names"][0]) for c in comps])


def filler_words(rng: random.Random, n: int) -> list[str]:
    """Made-up words that look like words, for the long tail of the vocabulary."""
    syllables = ["ka", "lo", "ver", "tan", "mi", "ro", "sel", "du", "pe", "gar", "bri", "na", "ost",
                 "el", "ré", "ij", "ou", "ant", "is", "ment", "heid", "ing", "tion", "er"]
    return ["".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))) for _ in range(n)]


def sentence_pool(rng: random.Random, language: str, names: list[str]) -> list[tuple[str, str]]:
    """(sentence, stemmed sentence) pairs; word frequencies follow a Zipf law."""
    vocab = WORDS[language] + filler_words(rng, 30_000)
    weights = [1 / (rank + 1) ** 1.05 for rank in range(len(vocab))]
    cumulative = []
    total = 0.0
    for w in weights:
        total += w
        cumulative.append(total)
    pool = []
    for _ in range(SENTENCES_PER_LANGUAGE):
        words = rng.choices(vocab, cum_weights=cumulative, k=rng.randint(8, 24))
        if rng.random() < 0.5:
            words.insert(rng.randrange(len(words)), rng.choice(names))
        text = " ".join(words).capitalize() + "."
        pool.append((text, fts.stemmed_text(text, language)))
    return pool


# -- building ----------------------------------------------------------------------------


BATCH = 5000
_GENERATION: dict[str, Any] = {}


def generate_batch(first_id: int) -> tuple[list[tuple[Any, ...]], ...]:
    """Rows for articles ``first_id`` .. ``first_id + BATCH - 1``: articles, search index, URLs.

    Runs in the worker process; reads the pools set up by :func:`build` (inherited by fork).
    """
    g = _GENERATION
    rng = random.Random(g["seed"] * 1_000_003 + first_id)
    n_articles, n_matches, days = g["n_articles"], g["n_matches"], g["days"]
    articles, index, urls = [], [], []
    for article_id in range(first_id, min(first_id + BATCH, n_articles + 1)):
        language = LANGUAGES[article_id % 3]
        pool = g["pools"][language]
        words_wanted = min(1500, max(60, int(rng.lognormvariate(math.log(280), 0.5))))
        parts, stemmed, count = [], [], 0
        while count < words_wanted:
            text, stems = pool[rng.randrange(len(pool))]
            parts.append(text)
            stemmed.append(stems)
            count += text.count(" ") + 1
        title_text, title_stems = pool[rng.randrange(len(pool))]
        # Ids follow time as a crawl stores them; ~60% of articles belong to a match story.
        when = datetime(2023, 1, 1) + timedelta(minutes=int(days * 1440 * article_id / (n_articles + 1)))
        story_id = None
        if rng.random() < 0.6:
            near = round(n_matches * article_id / (n_articles + 1)) + rng.randint(-1, 1)
            story_id = min(n_matches, max(1, near))
        published = when.isoformat() + "+00:00"
        source = g["sources"][language][article_id % 10]
        url = f"https://{source}.example/a/{article_id}"
        articles.append((article_id, url, url, source, title_text, "\n\n".join(parts), language, published,
                         count, f"h{article_id}", published, published, published,
                         rng.choice(TYPES) if story_id else "news", story_id))
        facets = " ".join(fts.facet_token(column, value or "") for column, value in
                          (("language", language), ("source", source), ("story_id", story_id)))
        index.append((article_id, title_stems, " ".join(stemmed), facets))
        urls.append((url, article_id))
    return articles, index, urls


def build(path: Path, n_articles: int, seed: int) -> dict[str, Any]:
    """Create the archive at ``path`` with ``n_articles`` articles; returns build figures."""
    rng = random.Random(seed)
    started = time.monotonic()
    archive = Archive(path)  # real migrations
    conn = archive.db.conn
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA cache_size = -400000")
    teams, competitions = gazetteer()
    team_names = [t[1] for t in teams]
    pools = {lang: sentence_pool(rng, lang, team_names) for lang in LANGUAGES}
    sources = {lang: [f"{lang}-source-{i:02d}" for i in range(10)] for lang in LANGUAGES}

    with archive.transaction():
        conn.executemany("INSERT INTO teams (id, name, country, kind, names) VALUES (?, ?, ?, 'club', ?)",
                         [(i, name, country, json.dumps([name])) for i, name, country in teams])
        conn.executemany("INSERT INTO competitions (id, name, names) VALUES (?, ?, ?)",
                         [(i, name, json.dumps([name])) for i, name in competitions])

    first_day = date(2023, 1, 1)
    days = 3 * 365
    n_matches = max(1, n_articles // 25)
    match_rows, story_rows = [], []
    keys: set[str] = set()
    for m in range(1, n_matches + 1):
        kickoff = first_day + timedelta(days=int(days * m / (n_matches + 1)))
        key = ""
        while not key or key in keys:  # ~37 matches a day: two may draw the same teams (key is unique)
            home, away = rng.sample(teams, 2)
            comp = rng.choice(competitions)[0]
            key = f"{comp}:{kickoff}:{home[0]}:{away[0]}"
        keys.add(key)
        match_rows.append((m, key, comp, home[0], away[0],
                           json.dumps([home[0], away[0]]), kickoff.isoformat(), rng.randint(0, 4),
                           rng.randint(0, 4)))
        story_rows.append((m, "match", m, f"{home[1]} - {away[1]}"))
    with archive.transaction():
        conn.executemany(
            "INSERT INTO matches (id, key, competition, home_team, away_team, team_ids, kickoff_date, "
            "score_home, score_away) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", match_rows)
        conn.executemany("INSERT INTO stories (id, kind, match_id, headline) VALUES (?, ?, ?, ?)", story_rows)

    global _GENERATION
    _GENERATION = {"pools": pools, "sources": sources, "n_articles": n_articles, "n_matches": n_matches,
                   "days": days, "seed": seed}
    with archive.transaction():
        for trigger in fts.TRIGGERS:  # the load fills the index itself (created again below)
            conn.execute(f"DROP TRIGGER {trigger}")
        # Merge segments once at the end ('optimize') rather than while loading.
        conn.execute(f"INSERT INTO {fts.TABLE} ({fts.TABLE}, rank) VALUES ('automerge', 0)")
    starts = range(1, n_articles + 1, BATCH)
    # Text is generated in a second process while this one writes (the machine has two cores),
    # at most two batches ahead so that memory stays flat.
    with multiprocessing.get_context("fork").Pool(1) as workers:
        upcoming = iter(starts)
        pending = deque(workers.apply_async(generate_batch, (s,)) for s in islice(upcoming, 2))
        while pending:
            articles, index, urls = pending.popleft().get()
            following = next(upcoming, None)
            if following is not None:
                pending.append(workers.apply_async(generate_batch, (following,)))
            with archive.transaction():
                conn.executemany(
                    "INSERT INTO articles (id, canonical_url, url, source, title, body, language, "
                    "published_at, word_count, content_hash, fetched_at, first_seen, last_seen, "
                    "article_type, story_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", articles)
                conn.executemany(f"INSERT INTO {fts.TABLE} (rowid, title, body, facets) VALUES (?, ?, ?, ?)", index)
                conn.executemany(
                    "INSERT INTO article_urls (url, article_id, kind) VALUES (?, ?, 'canonical')", urls)
            done = articles[-1][0]
            if done % 100_000 < BATCH:
                print(f"  {done:>9,} articles  {time.monotonic() - started:6.0f}s", file=sys.stderr)
    with archive.transaction():
        conn.execute(
            "UPDATE stories SET article_count = (SELECT count(*) FROM articles a WHERE a.story_id = stories.id), "
            "first_published_at = (SELECT min(published_at) FROM articles a WHERE a.story_id = stories.id), "
            "last_published_at = (SELECT max(published_at) FROM articles a WHERE a.story_id = stories.id), "
            "languages = (SELECT json_group_array(DISTINCT language) FROM articles a WHERE a.story_id = stories.id)")
    with archive.transaction():
        fts.create_triggers(conn)
        conn.execute(f"INSERT INTO {fts.TABLE} ({fts.TABLE}) VALUES ('optimize')")
        conn.execute(f"INSERT INTO {fts.TABLE} ({fts.TABLE}, rank) VALUES ('automerge', 4)")  # the default
    conn.execute("ANALYZE")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    build_seconds = time.monotonic() - started

    # The per-article stemming rate, for `newscrawl reindex` and crawl-time indexing.
    ids = [rng.randint(1, n_articles) for _ in range(2000)]
    sample = conn.execute(f"SELECT title, body, language FROM articles WHERE id IN ({','.join(map(str, ids))})"
                          ).fetchall()
    t0 = time.monotonic()
    for title, body, language in sample:
        fts.stemmed_text(title, language)
        fts.stemmed_text(body, language)
    stemmed_seconds = time.monotonic() - t0
    archive.close()
    return {"build_seconds": build_seconds, "stem_articles_per_second": len(sample) / stemmed_seconds}


# -- timing ----------------------------------------------------------------------------------


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def time_calls(call: Callable[[int], Any], repeats: int) -> tuple[list[float], list[float], int]:
    """Wall and CPU milliseconds per call (one warm-up call first) and the rows of the last call."""
    call(0)
    timings, cpu, rows = [], [], 0
    for i in range(repeats):
        t0, c0 = time.perf_counter(), time.process_time()
        result = call(i)
        timings.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
        rows = len(result) if hasattr(result, "__len__") else 0
    return timings, cpu, rows


def peak_rss_mib() -> float:
    """This process's peak resident memory: VmHWM (getrusage's maxrss would count the parent's
    memory at fork, which Linux keeps across exec)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def print_sizes(path: Path) -> None:
    """What takes the room: the articles table, the search index, other indexes and tables (dbstat)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = conn.execute("SELECT s.name, m.type, sum(s.pgsize) FROM dbstat s "
                            "LEFT JOIN sqlite_master m ON m.name = s.name GROUP BY s.name").fetchall()
    except sqlite3.OperationalError:  # SQLite built without the dbstat table
        return
    finally:
        conn.close()
    parts: dict[str, int] = {}
    for name, kind, size in rows:
        part = ("articles table" if name == "articles" else "search index" if name.startswith(fts.TABLE)
                else "indexes" if kind == "index" or name.startswith("sqlite_autoindex") else "other tables")
        parts[part] = parts.get(part, 0) + size
    print("  " + "  ".join(f"{part}: {size / 2**30:.2f} GiB" for part, size in sorted(parts.items())))


def run(path: Path, repeats: int, seed: int) -> None:
    """Time every query kind, print the figures and plans; exit 1 when a plan scans a table."""
    load = os.getloadavg()[0]
    rng = random.Random(seed + 1)
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    teams, _ = gazetteer()
    n_stories = conn.execute("SELECT max(id) FROM stories").fetchone()[0]
    last = conn.execute("SELECT max(published_at) FROM articles").fetchone()[0][:10]
    month_ago = date.fromisoformat(last) - timedelta(days=30)
    team_ids = [t[0] for t in teams]
    team_names = [t[1] for t in teams]
    picks = [rng.choice(team_names) for _ in range(repeats + 1)]
    F = queries.ArticleFilters  # noqa: N806
    cases: list[tuple[str, Callable[[int], Any], tuple[str, list[Any]]]] = []

    def add_search(label: str, text: Callable[[int], str], filters: Callable[[int], queries.ArticleFilters]) -> None:
        sql, params, _ = queries.search_sql(conn, text(0), filters(0), 20)
        cases.append((label, lambda i: queries.search(conn, text(i), filters(i)), (sql, params)))

    add_search("search: team name", lambda i: picks[i], lambda i: F())
    add_search("search: team + lang + last 30 days", lambda i: picks[i],
               lambda i: F(languages=[LANGUAGES[i % 3]], since=month_ago))
    add_search("search: two words + lang + source", lambda i: f"{picks[i]} {['goal', 'but', 'doelpunt'][i % 3]}",
               lambda i: F(languages=[LANGUAGES[i % 3]], sources=[f"{LANGUAGES[i % 3]}-source-0{i % 10}"]))
    add_search("search: word + --team filter", lambda i: ["penalty", "corner", "finale"][i % 3],
               lambda i: F(team=team_ids[i % len(team_ids)]))
    add_search("search: accent-free inflection (fr)", lambda i: ["egaliser", "qualifie", "blesse"][i % 3],
               lambda i: F(languages=["fr"], since=month_ago))
    add_search("search: very common word, no filter", lambda i: ["match", "wedstrijd", "the"][i % 3],
               lambda i: F())
    story_ids = [rng.randint(1, n_stories) for _ in range(repeats + 1)]
    cases.append(("stories: latest 20", lambda i: queries.stories(conn, limit=20),
                  ("SELECT s.id FROM stories s ORDER BY s.last_published_at DESC LIMIT 20", [])))
    cases.append(("stories: --team, latest 20", lambda i: queries.stories(conn, team=team_ids[i % len(team_ids)]),
                  ("SELECT s.id FROM matches m CROSS JOIN stories s ON s.match_id = m.id WHERE "
                   "(m.home_team IN (?) OR m.away_team IN (?)) ORDER BY s.last_published_at DESC LIMIT 20",
                   [team_ids[0], team_ids[0]])))
    cases.append(("story page", lambda i: queries.story(conn, story_ids[i]),
                  ("SELECT id FROM articles WHERE story_id = ? ORDER BY published_at, id", [story_ids[0]])))
    cases.append(("matches: --team", lambda i: queries.matches(conn, team=team_ids[i % len(team_ids)]),
                  ("SELECT m.id FROM matches m WHERE (m.home_team IN (?) OR m.away_team IN (?)) "
                   "ORDER BY m.kickoff_date DESC, m.id DESC LIMIT 50", [team_ids[0], team_ids[0]])))

    print(f"\n{'query':<40} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'cpu p50':>8} {'rows':>5}  full scan?")
    plans = []
    scanning = 0
    for label, call, (sql, params) in cases:
        timings, cpu, rows = time_calls(call, repeats)
        plan = queries.explain(conn, sql, params)
        full_scan = queries.full_scans(plan)
        scanning += bool(full_scan)
        print(f"{label:<40} {statistics.median(timings):8.1f} {percentile(timings, 0.95):8.1f} "
              f"{max(timings):8.1f} {statistics.median(cpu):8.1f} {rows:>5}  "
              f"{'YES: ' + '; '.join(full_scan) if full_scan else 'no'}")
        plans.append((label, plan))
    print(f"\npeak RSS of the query process: {peak_rss_mib():.0f} MiB; "
          f"load average (1 min) {load:.1f} before timing, {os.getloadavg()[0]:.1f} after")
    print("\nquery plans (EXPLAIN QUERY PLAN):")
    for label, plan in plans:
        print(f"  {label}:")
        for step in plan:
            print(f"    {step}")
    conn.close()
    print(f"\nplans scanning a table: {scanning or 'none'}")
    if scanning:
        sys.exit(1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1_000_000, help="articles to generate")
    parser.add_argument("--db", type=Path, help="archive file (default: a temporary file, removed after)")
    parser.add_argument("--reuse", action="store_true", help="time an existing --db without rebuilding it")
    parser.add_argument("--repeats", type=int, default=200, help="timed calls per query kind")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="newscrawl-bench-", dir=args.db.parent if args.db else None) as tmp:
        path = args.db or Path(tmp) / "bench.db"
        if not args.reuse:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
            print(f"building {args.articles:,} articles in {path} ...", file=sys.stderr)
            figures = build(path, args.articles, args.seed)
            print(f"build time: {figures['build_seconds']:.0f} s  "
                  f"({args.articles / figures['build_seconds']:,.0f} articles/s)")
            print(f"stemming (stemmed_text on title+body): {figures['stem_articles_per_second']:,.0f} articles/s")
        conn = sqlite3.connect(path)
        n = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        stories = conn.execute("SELECT count(*) FROM stories").fetchone()[0]
        words = conn.execute("SELECT avg(word_count) FROM articles").fetchone()[0]
        conn.close()
        size = sum(Path(f"{path}{suffix}").stat().st_size for suffix in ("", "-wal") if Path(f"{path}{suffix}").exists())
        print(f"articles: {n:,}  stories: {stories:,}  mean body words: {words:.0f}  "
              f"database size: {size / 2**30:.2f} GiB ({size / 1e9:.2f} GB)")
        print_sizes(path)
        # Timed in a fresh process, so that its peak RSS is the querying's alone (not the build's).
        worker = multiprocessing.get_context("spawn").Process(target=run, args=(path, args.repeats, args.seed))
        worker.start()
        worker.join()
        sys.exit(worker.exitcode)


if __name__ == "__main__":
    main()
