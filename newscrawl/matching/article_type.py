"""Article type from title/body cues per language: preview, live, report, reaction or other.

Each type has cue phrases in en/fr/nl (title cues weigh more than body cues); a played result
(a score with a result word, not a prediction) pushes towards report/reaction, future-tense
match talk towards preview. Transfer, injury and contract news, and other sports, are ``other``.
"""

from __future__ import annotations

import re

from newscrawl.matching.scores import find_scores, normalise_score_text

TYPES = ("preview", "live", "report", "reaction", "other")


def _cues(*phrases: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:" + "|".join(phrases) + r")(?!\w)", re.IGNORECASE)


_LIVE = _cues(
    r"live", r"live blog", r"liveblog", r"live updates", r"as it happened", r"minute[- ]by[- ]minute",
    r"en direct", r"en live", r"direct commenté", r"minute par minute", r"suivez", r"follow",
    r"volg hier", r"live-verslag", r"livestream", r"liveticker", r"live:", r"kick-off is at",
)
_LIVE_MINUTE = re.compile(r"(?m)^\s*\d{1,3}(?:\+\d)?\s*['’]")
_PREVIEW = _cues(
    r"preview", r"prediction", r"predicted line-?ups?", r"possible starting line-?ups?", r"team news",
    r"how to watch", r"where to watch", r"ahead of", r"will face", r"will host", r"will welcome",
    r"welcome", r"host", r"hosts", r"travel to", r"clash", r"we say", r"kick-?off time",
    r"avant-match", r"présentation", r"compositions? probables?", r"prono", r"pronostic", r"affrontera",
    r"recevra", r"se déplacera", r"avant de (?:recevoir|défier|affronter)", r"à quelle heure",
    r"sur quelle chaîne", r"voorbeschouwing", r"vooruitblik", r"verwachte opstelling", r"voorspelling",
    r"neemt het op tegen", r"treft", r"ontvangt", r"gaat op bezoek", r"waar en hoe laat", r"op tv",
)
_REPORT = _cues(
    r"beat", r"beats", r"drew", r"draw", r"held", r"won", r"wins", r"thrash(?:ed|es)?", r"edged?",
    r"sealed?", r"stunned?", r"fought back", r"came from behind", r"player ratings", r"match report",
    r"full-time", r"s'impose", r"s'imposent", r"l'emporte", r"battu", r"bat", r"s'incline", r"cartonne",
    r"renverse", r"arrache", r"partagent", r"match nul", r"résumé", r"les notes", r"wint", r"won",
    r"verslaat", r"versloeg", r"verliest", r"verloor", r"speelt gelijk", r"gelijkgespeeld", r"gelijkspel",
    r"klopt", r"zege", r"nederlaag", r"samenvatting", r"rapport", r"eindstand",
)
_REACTION = _cues(
    r"reacts?", r"reaction", r"said after", r"told reporters", r"post-match", r"press conference",
    r"admitted", r"insisted", r"fumed", r"hailed", r"praised", r"slams?", r"réagit", r"réaction",
    r"a déclaré", r"a confié", r"après la rencontre", r"au micro de", r"en conférence de presse",
    r"a réagi", r"reageert", r"reactie", r"na afloop", r"zei", r"zegt", r"aldus", r"persconferentie",
    r"baalt", r"is trots",
)
_OTHER = _cues(
    r"transfer", r"transfers", r"signs?", r"signed", r"signing", r"joins?", r"joined", r"loan", r"contract",
    r"fee", r"medical", r"injury", r"injured", r"ruled out", r"sidelined", r"surgery", r"sacked", r"appointed",
    r"mercato", r"transfert", r"signe", r"prêt", r"prolonge", r"prolongation", r"blessure", r"blessé",
    r"forfait", r"indisponible", r"limogé", r"nommé", r"transferwindow", r"transfer", r"tekent", r"contract",
    r"huurt", r"verhuurd", r"blessure", r"geblesseerd", r"ontslagen", r"aangesteld", r"overstap",
)
_OTHER_SPORT = _cues(
    r"basketball", r"basket-?ball", r"euroleague", r"nba", r"rugby", r"tennis", r"cycling", r"cyclisme",
    r"wielrennen", r"formula 1", r"formule 1", r"f1", r"grand prix", r"handball", r"handbal", r"hockey",
    r"volleyball", r"volley", r"golf", r"tour de france", r"six nations", r"touchdowns?", r"essais?",
    r"tries", r"points? per game", r"rebounds", r"rebonds", r"peloton", r"koers", r"darts",
)
_FUTURE = _cues(r"will", r"va", r"vont", r"sera", r"gaat", r"zal", r"zullen", r"moet", r"tomorrow", r"demain",
                r"morgen", r"tonight", r"ce soir", r"vanavond")


def _count(pattern: re.Pattern[str], text: str) -> int:
    return len(pattern.findall(text))


def classify_article(title: str, body: str, *, language: str | None) -> str:
    """Type of a football article: ``preview``, ``live``, ``report``, ``reaction`` or ``other``.

    ``language`` is informational: cues of the three languages are pooled because headlines mix
    them ("LIVE", "preview"). Transfers, injuries, appointments and other sports are ``other``.
    """
    del language
    lead = body[:600]
    scores = [
        s for s in find_scores(normalise_score_text(f"{title}\n{lead}"))
        if not s.prediction and not s.aggregate
    ]
    result = any(s.result_cue for s in scores) or any(s.start < len(title) for s in scores)
    other_sport = 2 * _count(_OTHER_SPORT, title) + _count(_OTHER_SPORT, lead)
    if other_sport >= 2:
        return "other"
    minute_lines = len(_LIVE_MINUTE.findall(body))
    live = 3 * _count(_LIVE, title) + (2 if minute_lines >= 3 else 0)
    preview = 3 * _count(_PREVIEW, title) + _count(_PREVIEW, lead) + min(2, _count(_FUTURE, lead))
    report = 3 * _count(_REPORT, title) + _count(_REPORT, lead) + (3 if result else 0)
    reaction = 3 * _count(_REACTION, title) + _count(_REACTION, lead) + (1 if result else 0)
    other = 3 * _count(_OTHER, title) + _count(_OTHER, lead)
    if live >= 3:
        return "live"
    if reaction >= 3 and reaction >= preview and _count(_REACTION, title) > 0 and result:
        return "reaction"
    scores_by_type = {"preview": preview, "report": report, "reaction": reaction - 1}
    best = max(scores_by_type, key=lambda t: scores_by_type[t])
    if other >= 3 and other > scores_by_type[best]:
        return "other"
    if scores_by_type[best] <= 1:
        return "other"
    if best == "preview" and result and report >= preview:
        return "report"
    return best
