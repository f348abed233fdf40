"""Language of an article text as an ISO 639-1 code.

langdetect does the statistics, made deterministic with a private, seeded
detector factory (the module-level ``langdetect.detect`` is random between
calls). The text is sampled evenly across its paragraphs, so a quote or
embedded tweet in another language weighs only by its length and cannot
outvote the article; only a sample is read because langdetect is slow on long
inputs.
Declared languages (``<html lang>``, ``og:locale``, JSON-LD ``inLanguage``)
decide for short texts and break near-ties.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
from langdetect.lang_detect_exception import LangDetectException

_URL_OR_HANDLE = re.compile(r"https?://\S+|www\.\S+|pic\.twitter\.com/\S+|[@#]\w+")
_PARAGRAPH_SPLIT = re.compile(r"\n\s*\n|\n")
_LETTER = re.compile(r"[^\W\d_]")
_HINT_CODE = re.compile(r"^\s*([a-zA-Z]{2,3})(?:[-_][a-zA-Z0-9]+)*\s*$")
#: Below this many letters the text alone is not trusted over declared languages.
_MIN_LETTERS = 40
#: Paragraphs shorter than this (in letters) are skipped when longer ones exist.
_MIN_PARAGRAPH_LETTERS = 25
_SAMPLE_CHARS = 1200
_MAX_PARAGRAPH_CHARS = 600
#: A declared language wins when its text score is at least this share of the best one.
_HINT_TIE_RATIO = 0.6
_HINT_WEIGHT = {"jsonld": 1.0, "html_lang": 1.0, "og_locale": 0.8, "source": 1.2}


def detect_language(text: str, hints: dict[str, str] | None = None) -> str | None:
    """ISO 639-1 code of ``text``'s main language, or ``None`` when nothing tells.

    Deterministic: the same input always gives the same answer.
    """
    declared = _declared_languages(hints or {})
    scores = _text_scores(text or "")
    if not scores:
        return declared.most_common(1)[0][0] if declared else None
    best, best_score = max(scores.items(), key=lambda pair: pair[1])
    letters = len(_LETTER.findall(text[: _SAMPLE_CHARS * 4]))
    if declared:
        hinted, _ = declared.most_common(1)[0]
        if letters < _MIN_LETTERS:
            return hinted
        if hinted != best and scores.get(hinted, 0.0) >= _HINT_TIE_RATIO * best_score:
            return hinted
    return best


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


def _text_scores(text: str) -> dict[str, float]:
    """Language probabilities of a length-weighted sample of the text's paragraphs.

    One langdetect call on the sample: its n-gram draws are proportional to each
    paragraph's length, which is the weighting wanted, at a fraction of the cost of
    one call per paragraph.
    """
    paragraphs = [_URL_OR_HANDLE.sub(" ", p).strip() for p in _PARAGRAPH_SPLIT.split(text)]
    paragraphs = [p for p in paragraphs if _LETTER.search(p)]
    long_ones = [p for p in paragraphs if len(_LETTER.findall(p)) >= _MIN_PARAGRAPH_LETTERS]
    sample = "\n".join(_spread_sample(long_ones or paragraphs))
    return dict(_probabilities(sample)) if sample else {}


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


def _probabilities(paragraph: str) -> list[tuple[str, float]]:
    detector = _factory().create()
    detector.append(paragraph)
    try:
        found = detector.get_probabilities()
    except LangDetectException:
        return []
    return [(language.lang.split("-")[0], language.prob) for language in found]


@lru_cache(maxsize=1)
def _factory() -> DetectorFactory:
    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    factory.seed = 0
    return factory
