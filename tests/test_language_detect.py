"""detect_language: deterministic, paragraph-weighted, hints for short texts."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from newscrawl.language import detect_language, normalize_language_code

SHARED = Path(os.environ.get("NEWSCRAWL_SHARED", Path(__file__).resolve().parents[2] / "shared"))
SEEDS = SHARED / "seeds"

ENGLISH = (
    "The home side pressed high from the first whistle and were rewarded when their striker "
    "turned inside the box and fired low into the corner after twenty minutes of play."
)
FRENCH_TWEET = (
    "Au terme d'une rencontre rythmée, l'OM et l'Atalanta se quittent sur un score de parité."
)
DUTCH = (
    "De thuisploeg zette vanaf het begin hoog druk en werd beloond toen de spits zich in het "
    "strafschopgebied omdraaide en de bal laag in de hoek schoot."
)


def _seed(prefix: str) -> str:
    if not SEEDS.exists():
        pytest.skip(f"../shared/seeds not present: {SEEDS}")
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def test_seed_001_english_with_french_tweet_is_english():
    text = _seed("001")
    assert "Au terme" in text  # the embedded French tweet is really there
    assert detect_language(text) == "en"


def test_seed_002_is_dutch():
    assert detect_language(_seed("002")) == "nl"


def test_embedded_quote_does_not_outvote_the_article():
    text = "\n\n".join([ENGLISH, ENGLISH.replace("home", "away"), FRENCH_TWEET])
    assert detect_language(text) == "en"
    assert detect_language("\n\n".join([DUTCH, FRENCH_TWEET])) == "nl"


def test_result_is_deterministic():
    text = "Goal! Penalty. Var check, corner."
    assert len({detect_language(text) for _ in range(10)}) == 1


def test_short_text_follows_declared_language():
    assert detect_language("Goal!", {"html_lang": "nl-BE"}) == "nl"
    assert detect_language("", {"og_locale": "fr_FR"}) == "fr"


def test_long_text_wins_over_a_wrong_hint():
    assert detect_language(DUTCH, {"html_lang": "en"}) == "nl"


def test_source_hint_with_several_languages():
    assert detect_language("Match.", {"source": "fr,nl", "html_lang": "fr"}) == "fr"


def test_nothing_to_go_on_gives_none():
    assert detect_language("", {}) is None
    assert detect_language("  12 - 3  ") is None


@pytest.mark.parametrize(
    ("declared", "code"),
    [("en-GB", "en"), ("fr_FR", "fr"), ("NL", "nl"), ("fra", "fr"), ("x", None)],
)
def test_normalize_language_code(declared, code):
    assert normalize_language_code(declared) == code


# Short Dutch, written for these tests: headline-length texts where Dutch and Afrikaans share
# most of their words, the case where a detector choosing among 55 languages said "af".
SHORT_DUTCH = [
    "Club Brugge wint van Anderlecht",
    "De trainer is tevreden na de zege",
    "Spits met een blessure naar huis",
    "Ploeg wint met twee doelpunten verschil",
    "Die wedstrijd was een groot feest",
    "Nieuwe keeper tekent voor drie jaar",
    "Van die ploeg verwacht niemand veel",
    "Hy speel nie meer voor die klub nie",  # Afrikaans words, but the page declares Dutch
    # sentence-length Dutch using the demonstrative "die", which Afrikaans uses as its article
    "Die trainer wil die spelers nog een keer zien voor die wedstrijd van zondag",
    "Die klub gaat nog een nieuwe verdediger halen voor het einde van die maand",
    "Wat een wedstrijd was dit, die spelers gaven alles tot die laatste minuut",
]


def test_hint_order_never_decides_between_declared_languages():
    # the source lists two languages with the same weight: the text chooses between them
    assert detect_language("Club Brugge wint van Anderlecht", {"source": "fr,nl"}) == "nl"
    assert detect_language("Victoire de Bruges contre Anderlecht", {"source": "nl,fr"}) == "fr"
    assert detect_language("Club Brugge wint van Anderlecht", {"source": "nl,fr"}) == "nl"


@pytest.mark.parametrize("text", SHORT_DUTCH)
def test_page_declared_dutch_is_never_afrikaans(text):
    assert detect_language(text, {"html_lang": "nl"}) == "nl"
    assert detect_language(text, {"source": "nl"}) == "nl"


def test_only_plausible_languages_are_candidates():
    # a short English line is not Somali or Tagalog: the choice is among configured languages
    # and the confusers, so it can only be one of those
    for text in ("Late winner for the visitors", "Le coach prolonge", "Oranje wint"):
        assert detect_language(text) in ("en", "fr", "nl", "af", "de")
    assert detect_language("Der Trainer ist mit dem Sieg seiner Mannschaft zufrieden", languages=("en", "fr", "nl")) == "de"


def test_configured_languages_widen_the_candidates():
    spanish = "El entrenador está contento con la victoria de su equipo en el último minuto"
    assert detect_language(spanish) != "es"  # not configured, not declared: not a candidate
    assert detect_language(spanish, languages=("en", "fr", "nl", "es")) == "es"
    assert detect_language(spanish, {"html_lang": "es"}) == "es"  # declared: a candidate


def test_declared_language_wins_a_close_call_but_not_a_clear_text():
    assert detect_language("Goal", {"html_lang": "fr"}) == "fr"
    assert detect_language(DUTCH, {"html_lang": "fr"}) == "nl"
