"""Body hashes and MinHash signatures (newscrawl.dedup)."""

from __future__ import annotations

from newscrawl.dedup import NEAR_DUPLICATE_THRESHOLD, Signature, content_hash

REPORT = (
    "PSV Eindhoven heeft zondagmiddag de topper tegen Feyenoord gewonnen. In een vol Philips Stadion "
    "werd het 2-1 door doelpunten van Luuk de Jong en Johan Bakayoko, nadat Santiago Giménez de "
    "bezoekers vlak voor rust op voorsprong had gezet.\n\n"
    "Feyenoord begon sterk en kreeg via Igor Paixão de eerste kans. PSV had daarna het initiatief en "
    "zette de Rotterdammers steeds verder onder druk. Na de gelijkmaker kantelde de wedstrijd definitief.\n\n"
    "Trainer Peter Bosz sprak na afloop van een verdiende zege. Zijn ploeg staat nu ruim los aan kop van "
    "de Eredivisie met nog zes speelronden te gaan."
)


def test_hash_ignores_case_accents_spacing_and_punctuation():
    variant = REPORT.upper().replace("Giménez", "Gimenez").replace(". ", " .  ")
    assert content_hash(variant) == content_hash(REPORT)
    assert content_hash(REPORT + " Extra zin.") != content_hash(REPORT)


def test_signature_is_deterministic_and_round_trips():
    a, b = Signature.of(REPORT), Signature.of(REPORT)
    assert a.bands() == b.bands()
    assert Signature.from_bytes(a.to_bytes()).similarity(a) == 1.0


def test_trimmed_copy_is_near_and_other_report_is_not():
    trimmed = REPORT.rsplit("\n\n", 1)[0]
    other = (
        "Feyenoord heeft in De Kuip met 3-0 gewonnen van Ajax. Santiago Giménez scoorde twee keer en "
        "Calvin Stengs maakte het derde doelpunt in de slotfase van een eenzijdige Klassieker.\n\n"
        "Ajax kwam er in de eerste helft nauwelijks aan te pas en Arne Slot zag zijn ploeg de hele wedstrijd "
        "domineren. De Rotterdammers blijven zo in het spoor van koploper PSV."
    )
    sig = Signature.of(REPORT)
    assert sig.similarity(Signature.of(trimmed)) >= NEAR_DUPLICATE_THRESHOLD
    assert sig.similarity(Signature.of(other)) < 0.2
    shared = set(sig.bands()) & set(Signature.of(trimmed).bands())
    assert shared, "a near duplicate must share at least one LSH bucket"


def test_signature_equals_datasketch_minhash():
    """newscrawl computes datasketch's MinHash with numpy alone: stored signatures must not change."""
    datasketch = __import__("pytest").importorskip("datasketch")
    from newscrawl.dedup import NUM_PERM, SHINGLE_WORDS, minhash_values, normalized_words

    for text in (REPORT, REPORT.upper(), "twee woorden", "", "é" * 500):
        words = normalized_words(text)
        shingles = sorted({" ".join(words[i : i + SHINGLE_WORDS]).encode()
                           for i in range(max(1, len(words) - SHINGLE_WORDS + 1))})
        reference = datasketch.MinHash(num_perm=NUM_PERM, seed=7, scheme="affine32")
        reference.update_batch(shingles)
        ours = Signature.of(text)
        assert (minhash_values(shingles) == reference.hashvalues).all(), text[:20]
        assert ours.values.dtype == reference.hashvalues.dtype  # the band keys hash the raw bytes
        assert (ours.values == reference.hashvalues).all(), text[:20]


def test_normalized_words_fold_as_whole_text_nfkd_does():
    import unicodedata

    from newscrawl.dedup import normalized_words

    def reference(text: str) -> list[str]:
        import re

        text = unicodedata.normalize("NFKD", text.casefold())
        return re.findall(r"\w+", "".join(c for c in text if not unicodedata.combining(c)))

    texts = [REPORT, "Straße Øresund ﬁnale Ǆoković", "Égalisé à l'œuvre, naïve façade", "e\u0301te\u0301 a\u0328\u0301",
             "한국어 축구 ①②", "Ångström ½ ＡＢＣ", "plain ascii words only", ""]
    for text in texts:
        assert normalized_words(text) == reference(text), text
