"""Language of an article text as an ISO 639-1 code.

Two statistical models score the text, each restricted to the *plausible*
languages only: the configured ones (``NEWSCRAWL_LANGUAGES``), the declared ones
and a few confusers (:data:`CONFUSERS`, languages close enough to be mistaken for a
configured one, so that such a page is recognised and not kept). Restricting the
choice is what makes short texts reliable: a model asked "English, French, Dutch,
Afrikaans or German?" is right far more often than one asked about 75 languages.
py3langid (byte n-grams, strong on sentences) and lingua (character n-grams up to
five, made for short text) are combined as a product of their probabilities;
``bench/conformance.py`` measures each choice on lingua's test sentences and word
pairs, tuning half against checking half. Both are deterministic.

The text is sampled evenly across its paragraphs, so a quote or embedded tweet in
another language weighs only by its length and cannot outvote the article.
Declared languages (``<html lang>``, ``og:locale``, JSON-LD ``inLanguage``, the
source's registry languages) decide for short texts and win close calls; when
several are declared with the same weight (a source listing ``fr,nl``) the text
picks among them, never their order. A page declared in a language is never given
a variant of it (:data:`VARIANT_OF`: short Dutch reads like Afrikaans).
"""

from __future__ import annotations

import copy
import math
import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the models are imported on first use: numpy alone takes half a second
    from lingua import LanguageDetector
    from py3langid.langid import LanguageIdentifier

#: The languages kept when the caller does not say (``NEWSCRAWL_LANGUAGES``'s default).
DEFAULT_LANGUAGES = ("en", "fr", "nl")
#: Always among the candidates: languages a configured one is easily taken for.
CONFUSERS = ("af", "de")
#: Also candidates for texts of an article's length: the languages of the coverage next door
#: (Spanish, Italian, Portuguese football news), which a restricted choice would otherwise
#: keep as French or English. Left out for short texts, where they cost word-pair accuracy
#: (89.8 % -> 89.1 % on lingua's tuning half) and where a page's declared language decides anyway.
NEIGHBOURS = ("es", "it", "pt")
#: From this many letters on, :data:`NEIGHBOURS` are candidates too.
_NEIGHBOUR_LETTERS = 200
#: A page declared in the value's language is never given the key's language.
VARIANT_OF = {"af": "nl"}

_URL_OR_HANDLE = re.compile(r"https?://\S+|www\.\S+|pic\.twitter\.com/\S+|[@#]\w+")
_PARAGRAPH_SPLIT = re.compile(r"\n\s*\n|\n")
_LETTER = re.compile(r"[^\W\d_]")
_HINT_CODE = re.compile(r"^\s*([a-zA-Z]{2,3})(?:[-_][a-zA-Z0-9]+)*\s*$")
#: Below this many letters a declared language decides. Chosen on the tuning half of lingua's
#: cases as the largest value that keeps sentences >= 99 % right under a wrong declared language
#: (15: 99.2 %, 20: 97.5 %); word pairs declared right are then 96.6 % right, against 93.5 % at 8.
_MIN_LETTERS = 15
#: Paragraphs shorter than this (in letters) are skipped when longer ones exist.
_MIN_PARAGRAPH_LETTERS = 25
#: Characters of text the models score, taken evenly across the paragraphs; both models cost in
#: proportion. 800 rather than 1200: the same 94/95 right on the shared corpus's article texts
#: (47/48 tuning half, 47/47 checking half, no hints, at 600, 900 and 1200 alike), 30 % less CPU.
_SAMPLE_CHARS = 800
_MAX_PARAGRAPH_CHARS = 400
#: Only this much of a long text is read for paragraphs (about 2,500 words, several times an
#: article's length): the sample of a very long page costs no more than that of a long article.
_SCAN_CHARS = 16_000
#: A declared language wins when its text probability is at least this share of the best one.
_HINT_TIE_RATIO = 0.6
_HINT_WEIGHT = {"jsonld": 1.0, "html_lang": 1.0, "og_locale": 0.8, "source": 1.2}
#: Texts shorter than this (characters) get lingua's high-accuracy models.
_SHORT_TEXT = 120
#: Floor for a model's probability, so that one model's zero cannot veto the other.
_FLOOR = 1e-6
#: A sample of at least this many characters on which py3langid gives one candidate at least
#: this probability is decided by py3langid alone, without lingua (half the CPU of a text):
#: lingua would change it only by being near-certain of another language, which on article
#: texts did not happen (shared corpus and peers' cases: the same answers with and without).
#: Short sentences and word pairs, where the two models disagree, still get both.
_SURE_CHARS = 400
_SURE_PROBABILITY = 0.9999


def detect_language(
    text: str, hints: dict[str, str] | None = None, *, languages: Iterable[str] = DEFAULT_LANGUAGES
) -> str | None:
    """ISO 639-1 code of ``text``'s main language, or ``None`` when nothing tells.

    ``languages`` are the configured ones; the answer is one of them, a declared
    language, one of :data:`CONFUSERS` or, for article-length texts, :data:`NEIGHBOURS`. Deterministic: the same input always
    gives the same answer.
    """
    declared = _declared_languages(hints or {})
    top = max(declared.values(), default=0.0)
    hinted = sorted(code for code, weight in declared.items() if weight == top and weight > 0)
    head = (text or "")[: _SAMPLE_CHARS * 4]
    few_letters = not _has_letters(head, _MIN_LETTERS)
    neighbours = NEIGHBOURS if _has_letters(head, _NEIGHBOUR_LETTERS) else ()
    candidates = tuple(sorted({*languages, *CONFUSERS, *neighbours, *declared}))
    scores = _text_scores(text or "", candidates)
    if not scores:
        return hinted[0] if len(hinted) == 1 else None
    best = max(sorted(scores), key=scores.__getitem__)
    if hinted and best not in hinted:
        favourite = max(hinted, key=lambda code: scores.get(code, 0.0))
        if few_letters or scores.get(favourite, 0.0) >= _HINT_TIE_RATIO * scores[best]:
            best = favourite
    variant_of = VARIANT_OF.get(best)
    return variant_of if variant_of in declared else best


def normalize_language_code(value: str) -> str | None:
    """ISO 639-1 code from a declared value such as ``en-GB``, ``fr_FR`` or ``nl``."""
    match = _HINT_CODE.match(value or "")
    if not match:
        return None
    code = match.group(1).lower()
    return code if len(code) == 2 else _ISO639_3_TO_1.get(code)


_ISO639_3_TO_1 = {
    "eng": "en",
    "fra": "fr",
    "fre": "fr",
    "nld": "nl",
    "dut": "nl",
    "deu": "de",
    "ger": "de",
    "spa": "es",
    "ita": "it",
    "por": "pt",
    "jpn": "ja",
}


def _declared_languages(hints: dict[str, str]) -> Counter[str]:
    declared: Counter[str] = Counter()
    for key, value in hints.items():
        # A source may declare several languages ("en,fr"): each gets a share of the weight.
        codes = [c for c in (normalize_language_code(v) for v in (value or "").split(",")) if c]
        for code in codes:
            declared[code] += _HINT_WEIGHT.get(key, 0.5) / len(codes)
    return declared


def _text_scores(text: str, candidates: tuple[str, ...]) -> dict[str, float]:
    """Probabilities over ``candidates`` of a length-weighted sample of the text's paragraphs."""
    paragraphs = [_URL_OR_HANDLE.sub(" ", p).strip() for p in _PARAGRAPH_SPLIT.split(text[:_SCAN_CHARS])]
    paragraphs = [p for p in paragraphs if _LETTER.search(p)]
    long_ones = [p for p in paragraphs
                 if len(p) >= _MIN_PARAGRAPH_LETTERS and _has_letters(p, _MIN_PARAGRAPH_LETTERS)]
    sample = "\n".join(_spread_sample(long_ones or paragraphs))
    return _probabilities(sample, candidates) if sample else {}


def _has_letters(text: str, count: int) -> bool:
    """Whether ``text`` holds at least ``count`` letters: read up to the ``count``-th, not counted to the end."""
    return _AT_LEAST_LETTERS[count].search(text) is not None


#: For each threshold n of this module, a pattern of n letters with anything but letters between:
#: it matches as soon as the n-th letter is read (letters and the rest partition the characters, so
#: it never backtracks), where counting them all read a whole paragraph and built its letters' string.
_AT_LEAST_LETTERS = {
    n: re.compile(rf"[^\W\d_](?:[\W\d_]*[^\W\d_]){{{n - 1}}}")
    for n in (_MIN_LETTERS, _MIN_PARAGRAPH_LETTERS, _NEIGHBOUR_LETTERS)
}


def _spread_sample(paragraphs: list[str]) -> list[str]:
    """Paragraphs taken evenly across the text until the character budget is spent."""
    total = sum(min(len(p), _MAX_PARAGRAPH_CHARS) for p in paragraphs)
    if total <= _SAMPLE_CHARS:
        return [p[:_MAX_PARAGRAPH_CHARS] for p in paragraphs]
    step = total / _SAMPLE_CHARS
    picked: list[str] = []
    budget = _SAMPLE_CHARS
    position = 0.0
    for index, paragraph in enumerate(paragraphs):
        if index >= position and budget > 0:
            chunk = paragraph[: min(_MAX_PARAGRAPH_CHARS, budget)]
            picked.append(chunk)
            budget -= len(chunk)
            position = index + step
    return picked


def _probabilities(sample: str, candidates: tuple[str, ...]) -> dict[str, float]:
    """Both models' probabilities multiplied, renormalised over the candidates (py3langid's
    alone when it is sure of a long sample)."""
    identifier = _identifier(candidates)
    byte_model = dict(identifier.rank(sample)) if identifier else {}
    if len(sample) >= _SURE_CHARS and max(byte_model.values(), default=0.0) >= _SURE_PROBABILITY:
        return _normalised(byte_model, {}, candidates)
    detector = _detector(candidates, len(sample) < _SHORT_TEXT)
    char_model = {
        value.language.iso_code_639_1.name.lower(): value.value
        for value in (detector.compute_language_confidence_values(sample) if detector else ())
    }
    return _normalised(byte_model, char_model, candidates)


def _normalised(byte_model: dict[str, float], char_model: dict[str, float], candidates: tuple[str, ...]
                ) -> dict[str, float]:
    if not any(byte_model.values()) and not any(char_model.values()):
        return {}
    logs = {
        code: math.log(byte_model.get(code, 0.0) + _FLOOR) + math.log(char_model.get(code, 0.0) + _FLOOR)
        for code in candidates
        if code in byte_model or code in char_model
    }
    peak = max(logs.values())
    weights = {code: math.exp(value - peak) for code, value in logs.items()}
    total = sum(weights.values())
    return {code: weight / total for code, weight in weights.items()}


@lru_cache(maxsize=1)
def _byte_model() -> LanguageIdentifier:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


@lru_cache(maxsize=8)
def _identifier(candidates: tuple[str, ...]) -> LanguageIdentifier | None:
    """py3langid restricted to the candidates it knows (its own copy per candidate set)."""
    model = _byte_model()
    known = [code for code in candidates if code in model.nb_classes]
    if not known:
        return None
    restricted = copy.copy(model)  # set_languages rebinds the arrays, so the shared model stays whole
    restricted.set_languages(known)
    return restricted


@lru_cache(maxsize=8)
def _detector(candidates: tuple[str, ...], short: bool) -> LanguageDetector | None:
    """lingua restricted to the candidates it knows; ``None`` below two (it needs a choice).

    Its high-accuracy models (all n-gram sizes: ~240 MB, seconds to load) are loaded only
    for short texts, where they matter; from :data:`_SHORT_TEXT` characters on, lingua's
    low-accuracy mode (trigrams, ~25 MB) is as good, as its documentation says.
    """
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    known = []
    for code in candidates:
        try:
            known.append(Language.from_iso_code_639_1(IsoCode639_1.from_str(code)))
        except ValueError:
            continue
    if len(known) < 2:
        return None
    builder = LanguageDetectorBuilder.from_languages(*known)
    return (builder if short else builder.with_low_accuracy_mode()).build()
