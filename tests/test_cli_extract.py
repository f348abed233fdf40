"""`newscrawl extract` as a user runs it: one page, and JSON lines in / JSON lines out."""

from __future__ import annotations

import json

from tests.conftest import require_corpus
from tests.support.cli import run_cli

KEYS = {"url", "canonical_url", "title", "body", "authors", "published_at", "published_raw", "modified_at",
        "language", "site_name"}

PAGE = """<!doctype html><html lang="fr"><head><meta charset="utf-8">
<title>L'OM et l'Atalanta dos à dos - Le Vestiaire</title>
<link rel="canonical" href="https://vestiaire.example.fr/europe/om-atalanta.html">
<meta property="og:site_name" content="Le Vestiaire">
<meta property="article:published_time" content="2024-05-02T23:12:00+02:00">
</head><body><header><nav><a href="/">Accueil</a> <a href="/foot">Football</a></nav></header>
<article><h1>L'OM et l'Atalanta dos à dos</h1><p class="byline">Par Camille Roux</p>
<p>Au terme d'une rencontre rythmée par de nombreuses occasions, l'OM et l'Atalanta se sont quittés sur un
score de parité jeudi soir au Vélodrome, en demi-finale aller de la Ligue Europa.</p>
<p>Gianluca Scamacca avait ouvert le score dès la onzième minute pour les Italiens, avant que Chancel Mbemba
n'égalise d'une frappe splendide à l'entrée de la surface, neuf minutes plus tard.</p>
<p>Tout reste à faire jeudi prochain à Bergame, où les Marseillais devront s'imposer pour rejoindre la finale
de la compétition à Dublin.</p></article><footer>© Le Vestiaire</footer></body></html>"""


def test_extract_one_page(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    result = run_cli("extract", str(page), "--url", "https://vestiaire.example.fr/europe/om-atalanta.html?xtor=RSS-3",
                     "--timezone", "Europe/Paris")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) >= KEYS
    assert data["canonical_url"] == "https://vestiaire.example.fr/europe/om-atalanta.html"
    assert data["title"] == "L'OM et l'Atalanta dos à dos"
    assert data["language"] == "fr"
    assert data["published_at"] == "2024-05-02T21:12:00+00:00"
    assert "Mbemba" in data["body"] and "Accueil" not in data["body"]
    assert "\n\n" in data["body"]


def test_extract_jsonl_keeps_order_and_reports_bad_lines(tmp_path):
    good = tmp_path / "good.html"
    good.write_text(PAGE, encoding="utf-8")
    binary = tmp_path / "binary.html"
    binary.write_bytes(b"\x00\x01\x02\x03" * 100)
    lines = [
        {"url": "https://vestiaire.example.fr/a.html", "path": str(good)},
        {"url": "https://vestiaire.example.fr/missing.html", "path": str(tmp_path / "missing.html")},
        "this line is not json",
        {"url": "https://vestiaire.example.fr/bin.html", "path": str(binary)},
        {"url": "https://vestiaire.example.fr/b.html", "path": str(good)},
    ]
    stdin = "\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n"
    result = run_cli("extract", "--jsonl", input=stdin)
    assert result.returncode == 3, result.stderr  # partial: some lines failed, as for ingest
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(out) == 5
    assert out[0]["url"] == "https://vestiaire.example.fr/a.html" and out[0]["language"] == "fr"
    assert "error" in out[1] and "missing.html" in out[1]["error"]
    assert "error" in out[2]
    assert "error" in out[3] or not out[3].get("body")
    assert out[4]["url"] == "https://vestiaire.example.fr/b.html" and "error" not in out[4]


def test_extract_jsonl_on_the_shared_corpus(tmp_path):
    corpus = require_corpus()
    rows = [json.loads(line) for line in (corpus / "truth.jsonl").read_text().splitlines()]
    sample = [r for r in rows if r.get("lang") in ("fr", "nl")][:6] + [r for r in rows if r.get("lang") == "en"][:6]
    stdin = "".join(json.dumps({"url": r["url"], "path": str(corpus / r["html"])}) + "\n" for r in sample)
    result = run_cli("extract", "--jsonl", input=stdin, timeout=600)
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["url"] for o in out] == [r["url"] for r in sample]
    for truth, got in zip(sample, out, strict=True):
        assert set(got) >= KEYS, got.get("error")
        assert got["body"], truth["id"]
        assert got["language"] == truth["lang"], truth["id"]
