"""parse_article on a sample of real pages from ../shared/corpus, against its ground truth.

The pages are chosen to cover en/fr/nl, JSON-LD, OpenGraph-only and byline-only pages,
a standfirst, and a non-target language. (The New Yorker page, whose extraction was completed
from JSON-LD ``articleBody``, left the sample with that rule: it helped no other page.)
Expected values are read from ``truth.jsonl``; scores use the extraction benchmark's own
measures (``bench/extraction.py``).
"""

from __future__ import annotations

import importlib.util
import json
import os
import sys
from pathlib import Path

import pytest

from newscrawl.language import detect_language
from newscrawl.pages import parse_article

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWSCRAWL_SHARED", REPO.parent / "shared"))
CORPUS = SHARED / "corpus"

SAMPLE = [
    "fundus:be/Nieuwsblad_2025_02_02",
    "fundus:fr/LeFigaro_2024_11_22",
    "fundus:fr/LeMonde_2023_09_01",
    "fundus:fr/EuronewsFR_2026_01_06",
    "fundus:fr/LesEchos_2024_07_18",
    "fundus:au/NineNews_2026_07_04",
    "fundus:ca/GlobalNews_2026_05_24",
    "fundus:ca/CBCNews_2024_08_08",
    "fundus:uk/BBC_2026_04_25",
    "fundus:uk/iNews_2023_08_30",
    "fundus:uk/TheSun_2024_04_22",
    "fundus:za/TimesLive_2025_11_10",
    "fundus:us/Reuters_2024_03_07",
    "fundus:de/MotorSportMagazin_2024_04_24",
    "trafilatura:madame.lefigaro.fr.dintestin",
    "trafilatura:lapresse.tn.parite",
    "trafilatura:ledevoir.com.trottinettes",
]
MIN_BODY_F1 = 0.93


def _bench():
    spec = importlib.util.spec_from_file_location(
        "bench_extraction", REPO / "bench" / "extraction.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def truths() -> dict[str, dict]:
    if not (CORPUS / "truth.jsonl").exists():
        pytest.skip(f"../shared/corpus not present: {CORPUS} (set NEWSCRAWL_SHARED)")
    lines = (CORPUS / "truth.jsonl").read_text(encoding="utf-8").splitlines()
    return {t["id"]: t for t in map(json.loads, lines)}


@pytest.fixture(scope="module")
def bench():
    return _bench()


@pytest.mark.parametrize("page_id", SAMPLE)
def test_corpus_page(page_id, truths, bench):
    truth = truths[page_id]
    item = parse_article((CORPUS / truth["html"]).read_bytes(), truth["url"])

    assert bench.normalize_title(item.title) == bench.normalize_title(truth["title"])
    assert item.published_raw[:10] == str(bench.truth_day(truth["published"]))
    assert detect_language(item.body, item.language_hints) == truth["lang"]
    if truth.get("body"):
        expected, found = bench.shingles(truth["body"]), bench.shingles(item.body)
        overlap = sum((expected & found).values())
        precision, recall = overlap / sum(found.values()), overlap / sum(expected.values())
        assert 2 * precision * recall / (precision + recall) >= MIN_BODY_F1
        assert "\n\n\n" not in item.body
    body = bench.normalize_space(item.body)
    for snippet in truth.get("body_includes") or []:
        assert bench.normalize_space(snippet) in body
    for snippet in truth.get("body_excludes") or []:
        assert bench.normalize_space(snippet) not in body
    true_names = {bench.normalize_name(n) for n in bench.truth_authors(truth)}
    assert true_names <= {bench.normalize_name(a) for a in item.authors}
