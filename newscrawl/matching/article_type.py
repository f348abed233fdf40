"""Article type from title/lead cues in en/fr/nl: preview, live, report, reaction or other.

Decision order (first that applies):

1. other: another sport; no football context at all; three teams of one kind in the headline
   (a round-up);
2. live: "LIVE"/"en direct"/"liveblog" in the headline (not "live stream"), or minute-stamped lines;
3. reaction: a quoted or "reacts/réagit/reageert" headline about a played game;
4. preview: a fixture headline ("X v Y", "X - Y" without score) or a preview-only headline word
   ("preview", "prono", "voorbeschouwing"); or a kick-off time in the lead ("samedi (17h)",
   "aftrap om 20.30 uur") under a headline without a score;
5. reaction: a headline or opening sentence looking back on the game ("talking points", "ce qu'il
   faut retenir", "lessen uit") without a preview word or future verb;
6. other: transfer / injury / contract / transfer-rumour headline without a result;
7. report: a played score in title or lead (not a prediction, an aggregate or an earlier game), or
   past-tense result verbs without preview cues;
8. preview: preview cues or future / weekday talk in the lead; else other.
"""

from __future__ import annotations

import re
from collections import Counter

from newscrawl.matching import folding
from newscrawl.matching.competitions import find_leg
from newscrawl.matching.football_context import football_context, lead_score
from newscrawl.matching.gazetteer import load_gazetteer
from newscrawl.matching.kickoff import (
    KICKOFF_CLOCK,
    MATCH_DAY,
    WEEKDAY_WORD,
    has_calendar_date,
    recalled_defeat,
)
from newscrawl.matching.lead import reorder_lead
from newscrawl.matching.other_games import table_rivals, venue_only
from newscrawl.matching.round_ups import many_teams_lead, round_up_headline, round_up_lead
from newscrawl.matching.scores import clause_near, find_scores, normalise_score_text
from newscrawl.matching.vocabulary import cue, earlier_result, earlier_score

TYPES = ("preview", "live", "report", "reaction", "other")


def _cues(*phrases: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:" + "|".join(phrases) + r")(?!\w)", re.IGNORECASE)


_LIVE = _cues(
    r"live", r"live blog", r"liveblog", r"live updates", r"as it happened", r"minute[- ]by[- ]minute",
    r"en direct", r"en live", r"direct commenté", r"minute par minute", r"suivez", r"follow",
    r"volg hier", r"live-verslag", r"liveticker", r"live:",
)
# "How to watch: TV channel and live stream" is a preview, not a live blog.
_WATCH = _cues(
    r"live[- ]?stream(?:ing)?", r"live on tv", r"en direct sur", r"live op tv", r"live te zien",
    r"regarder en direct", r"where to watch live",
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
# Headline words that only previews use, whatever the lead recalls of earlier games.
_PREVIEW_HEADLINE = _cues(
    r"preview", r"prediction", r"predicted line-?ups?", r"team news", r"how to watch", r"where to watch",
    r"kick-?off time", r"avant-match", r"compositions? probables?", r"prono", r"pronostic",
    r"à quelle heure", r"sur quelle chaîne", r"voorbeschouwing", r"vooruitblik", r"verwachte opstelling",
    r"voorspelling", r"waar en hoe laat", r"op tv", r"live[- ]?stream(?:ing)?", r"tv channel",
    r"chaîne", r"en direct sur",
)
_REPORT = _cues(
    r"beat", r"beats", r"beating", r"defeating", r"win over", r"victory over", r"deserved", r"drew", r"draw", r"held", r"won", r"wins", r"thrash(?:ed|es)?", r"edged?",
    r"sealed?", r"stun(?:s|ned)?", r"fought back", r"came from behind", r"player ratings", r"match report",
    r"full-time", r"s'impose", r"s'imposent", r"l'emporte", r"battu", r"bat", r"s'incline", r"cartonne",
    r"renverse", r"arrache", r"partagent", r"match nul", r"résumé", r"les notes", r"wint", r"won",
    r"verslaat", r"versloeg", r"verliest", r"verloor", r"speelt gelijk", r"gelijkgespeeld", r"gelijkspel",
    r"klopt", r"zege", r"nederlaag", r"samenvatting", r"rapport", r"eindstand",
)
# Past-tense result verbs: a played match even when no score is written.
_PAST_RESULT = _cues(
    r"beat", r"beating", r"defeated", r"defeating", r"drew", r"won", r"lost", r"a battu", r"ont battu",
    r"s'est imposé", r"se sont imposés", r"a gagné", r"a perdu", r"versloeg", r"gewonnen", r"verloor",
    r"verloren", r"speelde gelijk", r"gelijkgespeeld",
)
_REACTION = _cues(
    r"reacts?", r"reaction", r"said after", r"told reporters", r"post-match", r"press conference",
    r"admitted", r"insisted", r"fumed", r"hailed", r"praised", r"slams?", r"réagit", r"réaction",
    r"a déclaré", r"a confié", r"après la rencontre", r"au micro de", r"en conférence de presse",
    r"a réagi", r"reageert", r"reactie", r"na afloop", r"zei", r"zegt", r"aldus", r"persconferentie",
    r"baalt", r"is trots", r"hails", r"praises",
    # Speech verbs in the present tense of a headline: "Howe admits", "Roy reconnaît", "Bosz erkent".
    r"admits", r"concedes", r"insists", r"laments", r"rues", r"reconnaît", r"avoue", r"regrette",
    r"erkent", r"geeft toe",
)
_OTHER = _cues(
    r"transfer", r"transfers", r"signs?", r"signed", r"signing", r"joins?", r"joined", r"loan", r"contract",
    r"fee", r"medical", r"injury", r"injured", r"ruled out", r"sidelined", r"surgery", r"sacked", r"appointed",
    r"mercato", r"transfert", r"signe", r"prêt(?!e?s?\s+(?:à|pour)\b)", r"prolonge", r"prolongation", r"blessures?", r"blessée?s?",
    r"injuries", r"geblesseerde", r"blessures", r"weken out", r"maanden out",
    r"forfait", r"indisponible", r"limogé", r"nommé", r"transferwindow", r"transfer", r"tekent", r"contract",
    r"huurt", r"verhuurd", r"blessure", r"geblesseerd", r"ontslagen", r"aangesteld", r"overstap",
    # A draw for the next round pairs teams before any match is set; a standings piece tells a table.
    r"loting", r"tirage au sort", r"tirage", r"drawn against", r"draw for the", r"standings",
    r"league table", r"classement", r"ranglijst", r"zo staat",
    # A coach leaving, a ban or a fine: news of a club, not of one match.
    r"part(?:s|ed)? company", r"se sépare de", r"neemt afscheid van", r"stapt op",
    r"ban", r"banned", r"suspension", r"suspended", r"fined?", r"sanction", r"sanctionné",
    r"suspendu", r"amende", r"huis clos", r"schorsing", r"geschorst", r"straf", r"boete",
    r"gesloten tribune", r"transferperiode", r"transfermarkt", r"weeks out", r"months out",
    r"hamstring", r"strain", r"ischios", r"hamstringblessure",
)
#: Other sports and their events by name: an article about one names it.
_OTHER_SPORT = _cues(
    r"basketball", r"basket-?ball", r"euroleague", r"nba", r"rugby", r"tennis", r"cycling", r"cyclisme",
    r"wielrennen", r"formula 1", r"formule 1", r"f1", r"grand prix", r"handbal", r"hockey",
    r"volleyball", r"golf", r"tour de france", r"six nations", r"darts",
    r"roland-garros", r"roland garros", r"wimbledon", r"grand chelem", r"grand slam", r"atp", r"wta",
    r"us open", r"open d'australie",
)
#: Words those sports share with football ("a volley", "a handball", "sets the tone", "op koers",
#: "tries", "a rebound"): evidence of another sport only beside one of its names.
_OTHER_SPORT_TERMS = _cues(
    r"handball", r"volley", r"touchdowns?", r"essais?", r"tries", r"points? per game", r"rebounds",
    r"rebonds", r"peloton", r"koers", r"sets",
)
_FUTURE = _cues(r"will", r"va", r"vont", r"sera", r"gaat", r"zal", r"zullen", r"moet", r"tomorrow", r"demain",
                r"morgen", r"tonight", r"ce soir", r"vanavond", r"reçoit", r"accueille", r"affronte",
                r"affrontent", r"défie", r"face", r"faces", r"take on", r"takes on", r"ontvangt", r"speelt",
                r"neemt het", r"treft", r"hopes?", r"hoopt", r"espère", r"wil", r"veut", r"wants?",
                r"monday", r"tuesday", r"wednesday", r"thursday", r"friday", r"saturday", r"sunday",
                r"lundi", r"mardi", r"mercredi", r"jeudi", r"vendredi", r"samedi", r"dimanche",
                r"(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)(?:middag|avond|ochtend)?")
# A headline quoting someone: 'X: "..."' or « ... ».
_QUOTE_TITLE = re.compile(r"(?:^|[\s:])[«\"“‘']\s?[A-ZÀ-Ý][^«\"“”»]{6,}[»\"”’']")
# After the game: the words that place a quote after a played match.
_AFTER_GAME = _cues(
    r"after", r"post-match", r"defeat", r"loss", r"après", r"défaite",
    r"na afloop", r"na de", r"na het", r"nederlaag", r"zege", r"overwinning", r"gelijkspel",
    # Being knocked out is a played tie ("na de uitschakeling", "après l'élimination").
    r"uitschakeling", r"élimination", r"elimination", r"teruggeblikt op", r"kijkt .{0,30}terug op",
)
_PAST_REFERENCE = re.compile(
    r"\b(?:last season|vorig seizoen|la saison dernière|la saison passée|toen|last week'?s?|vorige week|"
    r"la semaine dernière|earlier this season|previous meeting|in \d{4}|"
    r"last month|le mois dernier|vorige maand|earlier this (?:month|year)|last time|la dernière fois|"
    r"de vorige keer|in their last|of their last|lors de leur dernière|"
    # "In oktober ging Ajax met 2-0 onderuit": a month, not a day, is an earlier meeting.
    r"(?:in|en|last)\s+(?:january|february|march|april|may|june|july|august|september|october|"
    r"november|december|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|"
    r"novembre|décembre|januari|februari|maart|mei|juni|juli|augustus|oktober)(?!\s+\d)|"
    # "last Tuesday's 2-1 win", "mardi dernier", "vorige dinsdag": a weekday placed in the past.
    r"last (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
    r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) dernier|"
    r"vorige (?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)|"
    # "four days after the 3-1 defeat", "quatre jours après", "vier dagen na": an earlier game.
    # Any number word: "sixteen days after", "zestien dagen na", "less than four weeks after".
    r"(?:\d+|[\w-]+)\s+"
    r"(?:days?\s+after|jours\s+après|dagen\s+na|weeks?\s+after|semaines\s+après|weken\s+na|"
    r"months?\s+after|mois\s+après|maanden\s+na))\b|"
    # "Lyon, qui reste sur une défaite (3-0)", "coming off a 2-0 loss": the side's previous game.
    r"\b(?:rest(?:e|ent)\s+sur|coming\s+off)\s+(?:une?|sa|leur|deux|trois|a|their|the|two|three)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:défaites?|victoires?|nuls?|succès|revers|defeats?|loss(?:es)?|wins?|draws?)\b",
    re.IGNORECASE,
)
# A coach who "expects a reaction" from his side looks ahead to the next game.
_ASKS_REACTION = _cues(r"(?:attend|exige|réclame|veut|wants?|demands?|expects?|eist|verwacht|wil)\s+"
                       r"(?:une|a|een)\s+(?:réaction|reaction|reactie)")
_DAYS_AFTER = re.compile(r"\S+\s+(?:days?\s+after|jours\s+après|dagen\s+na)", re.IGNORECASE)
# A lead looking ahead to a midweek game recalls the weekend's result.
_LAST_WEEKEND = _cues(r"at the weekend", r"last weekend", r"ce week-end", r"le week-end dernier",
                      r"dit weekend", r"afgelopen weekend", r"vorig weekend")
_PAST_TENSE = cue("past_tense")
_FUTURE_VERB = cue("future_verb")
_PERFECT_TENSE = cue("perfect_tense")
# Headline words of a club's news that _OTHER's single words miss ("commits future", "haalt ...
# binnen", "Cup draw:"); headline-only, because a preview's lead says the same of its team news.
_CLUB_NEWS = cue("club_news")
# A transfer rumour's headline ("Ajax volgt Feyenoord-middenvelder voor komende zomer"): headline
# only too, and only without a result, so "Spurs' summer target scores in 2-1 win" stays a report.
_TRANSFER_RUMOUR = cue("transfer_rumour")
# "Five talking points from the derby", "Drie lessen uit de Klassieker", "Two days on, here is what
# we learned": a piece looking back on the game just played, a reaction.
_LOOK_BACK = cue("look_back")
_POSSESSIVE_DAY = re.compile(r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:'s|’s)", re.IGNORECASE)
# "Everton have won one of their last ten league games": a run of form, not a played match.
_FORM_RECORD = cue("form_record")
_FIRST_LEG = re.compile(
    r"\b(?:first leg|first-leg|first meeting|first game|aller|match aller|premier match|heenwedstrijd|"
    r"heenduel|heenmatch|eerste duel|eerste wedstrijd)\b", re.IGNORECASE)
_FIXTURE_GAP = re.compile(r"^\s*(?:[-–—]|v\.?|vs\.?|versus)\s*$", re.IGNORECASE)


def _count(pattern: re.Pattern[str], text: str) -> int:
    return folding.count(pattern, text)


_SENTENCE_END = re.compile(r"[.!?](?:\s|$)|\n")


def _sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        spans.append((start, m.end()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _told_in_past(sentence: str) -> bool:
    return folding.found(_PAST_TENSE, sentence) or folding.found(_PAST_RESULT, sentence) \
        or folding.found(_REPORT, sentence)


def _days_ahead(lead: str) -> int:
    """Lead sentences naming a weekday without any past-tense or result word: "Ajax krijgt
    donderdagavond de kans", "Spain and Portugal contest the final on Sunday" look ahead."""
    count = 0
    for a, b in _sentences(lead):
        # A clause with a calendar date tells its own day ("Battu 3-1 le samedi 8 mars, Lyon reçoit
        # Nantes dimanche"): the rest of the sentence says whether it looks ahead.
        rest = ",".join(c for c in lead[a:b].split(",") if not has_calendar_date(c))
        count += folding.found(WEEKDAY_WORD, rest) and not _told_in_past(rest)
    return count


# "nog geen enkele keer gewonnen", "n'a toujours pas gagné", "have not won": no result at all.
_NEGATED = _cues(r"geen", r"niet", r"nooit", r"not", r"never", r"n't", r"pas", r"jamais")


def _own_past_results(lead: str, head, title_len: int, gaz) -> int:
    """Past result verbs of the lead, leaving out sentences that name a team outside the match and
    not both sides ("Spain beat France in the semi-final on Thursday" in a preview of Spain v Portugal)."""
    seen: list[str] = []
    for m in head.teams:
        if m.team_id not in seen:
            seen.append(m.team_id)
    titled = [t for t in seen if any(m.team_id == t and m.end <= title_len for m in head.teams)]
    pair = set((titled if len(titled) >= 2 else seen)[:2])
    kinds = {gaz.teams[t].kind for t in pair}
    count = 0
    offset = title_len + 1
    for a, b in _sentences(lead):
        named = {m.team_id for m in head.teams if offset + a <= m.start < offset + b}
        outsiders = any(t not in pair and gaz.teams[t].kind in kinds for t in named)
        # "Arsenal beat Chelsea to go above Liverpool" names both sides: their own result.
        if folding.found(_FORM_RECORD, lead[a:b]):
            continue  # a record over several games ("won one of their last ten") tells no result
        if not outsiders or pair <= named:
            count += sum(1 for r in _PAST_RESULT.finditer(lead, a, b) if not _NEGATED.search(lead[max(a, r.start() - 30) : r.start()]))
    return count


def _opens_ahead(title: str, lead: str) -> int:
    """End (in ``title + "\n" + lead``) of a headline and first sentence that look ahead, 0 when
    they do not: a weekday, a future verb or a preview word ("Sunday's Clásico could decide the
    title", "l'OL reçoit le PSG samedi") with no past-tense or result word in either. Such a
    preview may recall past results further down ("the sides drew 2-2 in April"): they are not
    this match's."""
    spans = _sentences(lead)
    if not spans:
        return 0
    first = lead[spans[0][0] : spans[0][1]]
    # An opening about a return leg tells the first leg in the past ("go into Wednesday's second
    # leg trailing 2-1 after the first meeting, when Tzolis struck late"): only what comes before
    # the first leg is this match's.
    first_leg = _FIRST_LEG.search(first) if find_leg(title, lead, finished=False) == 2 else None
    own = first[: first_leg.start()] if first_leg else first
    if _told_in_past(title) or _told_in_past(own) or _PERFECT_TENSE.search(own):
        return 0
    if find_scores(first) and not first_leg:
        return 0  # a score opens a played match; next to the first leg it is the deficit
    if not (folding.found(WEEKDAY_WORD, first) or folding.found(_FUTURE_VERB, first) or folding.found(_PREVIEW, first)):
        return 0
    return len(title) + 1 + spans[0][1]


def _looks_back(title: str, lead: str) -> bool:
    """A headline, or an opening sentence, that looks back on a played game ("talking points",
    "ce qu'il faut retenir", "lessen uit"), with no preview word or future verb beside it."""
    spans = _sentences(lead)
    first = lead[spans[0][0] : spans[0][1]] if spans else ""
    for part in (title, first):
        # "Two days on from Saturday's defeat": a weekday in the possessive is the game looked back on.
        ahead = _POSSESSIVE_DAY.sub(" ", part)
        if folding.found(_LOOK_BACK, part) and not (folding.found(_PREVIEW, part) or folding.found(_FUTURE_VERB, part)
                                                    or folding.found(_FUTURE, ahead)):
            return True
    return False


def _has_result(title: str, lead: str, *, looking_ahead: bool = False, days_ahead: bool = False,
                recalled_after: int = 0, titled_result: bool = False) -> bool:
    """A played score in the title or lead: not a prediction, aggregate or earlier game (a first
    leg recalled in an article about the return); with ``recalled_after`` (see
    :func:`_opens_ahead`), a score after that offset is a recalled one; with ``days_ahead`` (the lead
    places something on a coming weekday), a score dated by the calendar is an earlier game's; with
    ``titled_result`` (the headline tells a result: "Excelsior earn draw at ADO"), "after a 1-1
    draw" in the lead is that result, whatever the lead says of the return."""
    text = normalise_score_text(f"{title}\n{lead}")
    about_return = find_leg(title, lead, finished=False) == 2
    for s in find_scores(text):
        if s.prediction or s.aggregate:
            continue
        if recalled_after and s.start >= recalled_after:
            continue
        clause = clause_near(text, s.start, s.end)
        if folding.found(_PAST_REFERENCE, clause) or (about_return and folding.found(_FIRST_LEG, clause)):
            continue
        if looking_ahead and not titled_result and (earlier_result().search(clause)
                                                    or earlier_score().search(clause)):
            continue  # "Four days after the 3-1 defeat, Ajax get their chance on Thursday"
        if looking_ahead and folding.found(_LAST_WEEKEND, clause):
            continue  # a preview's "Brugge, who won 3-0 at Westerlo at the weekend"
        if days_ahead and recalled_defeat(text, s.start):
            continue  # "Battues 1-2 vendredi à Louvain, les Red Flames retrouvent les Pays-Bas mardi"
        if days_ahead and has_calendar_date(clause):
            continue  # "Battue 2-1 le mercredi 10 mars, l'Inter accueille le PSV mardi": a dated earlier game
        return True
    return False


def _other_sport(title: str, lead: str) -> bool:
    """Another sport's article: its name in the headline, or twice in the lead, or once beside
    that sport's words (a headline counts double)."""
    named = 2 * _count(_OTHER_SPORT, title) + _count(_OTHER_SPORT, lead)
    return named >= 2 or (named >= 1 and named + 2 * _count(_OTHER_SPORT_TERMS, title)
                          + _count(_OTHER_SPORT_TERMS, lead) >= 2)


def classify_article(title: str, body: str, *, language: str | None) -> str:
    """Type of a football article: ``preview``, ``live``, ``report``, ``reaction`` or ``other``.

    ``language`` is informational: cues of the three languages are pooled because headlines mix
    them ("LIVE", "preview"). Transfers, injuries, appointments, round-ups (three or more teams in
    the headline) and other sports are ``other``.
    """
    del language
    opening = reorder_lead(body)
    body = opening.body
    lead = body[:500]
    if _other_sport(title, lead):
        return "other"
    gaz = load_gazetteer()
    head = gaz.scan(f"{title}\n{lead}")
    # Clubs and women's teams are football by themselves; countries are not ("Russia hits Kyiv").
    # So are national teams named by a nickname ("les Bleus", "Oranje", "the Three Lions").
    clubs_named = any(gaz.teams[m.team_id].kind == "club" or gaz.teams[m.team_id].women or gaz.football_name(m)
                      for m in head.teams)
    # Not football: country names in world news. A played score in the headline or lead counts
    # as one football word, as for a one-team article ("Belgium held on for a 2-1 win").
    text = f"{title}\n{body}"
    if not clubs_named and not football_context(text, head.competitions, False, extra=lead_score(text, len(title))):
        return "other"
    title_teams = [m for m in head.teams if m.end <= len(title) and not m.derby]
    # "Brest veut faire tomber le PSV à Guingamp": the town of a borrowed ground is no third team.
    venues = venue_only(title, title_teams, lambda t: gaz.teams[t].kind, lambda _: 0)
    rivals = table_rivals(title, title_teams)
    title_teams = [m for m in title_teams if m.team_id not in venues and m.start not in rivals]
    kinds = Counter(gaz.teams[t].kind for t in {m.team_id for m in title_teams})
    if kinds and round_up_headline(title, max(kinds.values())):
        return "other"
    if round_up_lead(lead, head, len(title), gaz):
        return "other"
    if len({m.team_id for m in title_teams}) < 2 and many_teams_lead(lead, head, len(title), gaz):
        return "other"  # a season guide or a round-up: many clubs in the lead, none the headline's pair
    # A lead that looks ahead recalls the last result with "after the 3-1 defeat"; a reaction's
    # "after the 1-0 defeat" is its own match.
    ahead = _days_ahead(lead)
    opens_ahead = _opens_ahead(title, lead)
    result = _has_result(title, lead, looking_ahead=_count(_FUTURE_VERB, lead) > 0 or ahead > 0,
                         days_ahead=ahead > 0, recalled_after=opens_ahead,
                         titled_result=_count(_REPORT, title) > 0 and not _count(_AFTER_GAME, title)
                         and not _count(_FUTURE, title))
    fixture_title = any(
        a.team_id != b.team_id and _FIXTURE_GAP.match(title[a.end : b.start])
        for a, b in zip(title_teams, title_teams[1:], strict=False)
    ) and not _has_result(title, "")
    minute_lines = len(_LIVE_MINUTE.findall(body)) - opening.key_moment_lines
    if _count(_LIVE, _WATCH.sub(" ", title)) or minute_lines >= 3:
        return "live"
    quote_title = bool(_QUOTE_TITLE.search(title))
    reaction_title = _count(_REACTION, _ASKS_REACTION.sub(" ", title)) > 0 or quote_title
    # "Na de 1-1 van vorige week donderdag ...": an after-game word next to a past reference is
    # about an earlier game, and the quote may be a preview's.
    # Under a quoted headline, "two days after the draw" dates the quote after its own game.
    recalled = [m.group(0) for m in _PAST_REFERENCE.finditer(lead[:200])
                if not (reaction_title and _DAYS_AFTER.fullmatch(m.group(0)))]
    after_game = _count(_AFTER_GAME, title + " " + lead[:200]) > 0 and not recalled
    # A kick-off time in the lead ("reçoivent samedi (17h)", "Aftrap om 20.30 uur") is the game
    # to come, under a quoted headline too; a score beside it is the last one ("Na het 1-1 ...").
    if folding.found(KICKOFF_CLOCK, f"{title}\n{lead}") and not _has_result(title, ""):
        return "preview"
    if reaction_title and (result or after_game):
        return "reaction"
    if quote_title and _told_in_past(title) and not _PAST_REFERENCE.search(title):
        return "reaction"  # a quote about the game just played: "Sunday we showed we could compete"
    if (fixture_title or _count(_PREVIEW_HEADLINE, title)) and not _has_result(title, ""):
        return "preview"
    if _looks_back(title, lead) and not fixture_title:
        return "reaction"
    other_title = _count(_OTHER, title) + _count(_CLUB_NEWS, title) + _count(_TRANSFER_RUMOUR, title)
    if other_title and not result and not fixture_title:
        return "other"
    preview = 3 * _count(_PREVIEW, title) + _count(_PREVIEW, lead) + (3 if fixture_title else 0)
    report = 3 * _count(_REPORT, title) + _count(_REPORT, lead)
    if result and (report >= 1 or preview < 3):
        return "report"
    if preview == 0 and not opens_ahead and (_count(_PAST_RESULT, title) or _own_past_results(lead, head, len(title), gaz)):
        return "report"  # a played match told without its score ("after beating Tottenham")
    if (not fixture_title and preview == 0 and folding.found(MATCH_DAY, lead) and not ahead and not opens_ahead
            and _count(_PAST_TENSE, lead) > _count(_FUTURE_VERB, lead)):
        return "report"  # a match day told in the past tense: the day it was played
    if fixture_title or preview >= 1 or _count(_FUTURE, lead) >= 1:
        # Team news (injuries, a signing) in a lead that also hosts the game on a coming day is a
        # preview's: "as Arsenal prepare to host City on Sunday ... still recovering from surgery".
        if _count(_OTHER, lead) >= 3 and preview < 3 and not (preview and ahead):
            return "other"
        return "preview"
    if report >= 3:
        return "report"
    return "other"
