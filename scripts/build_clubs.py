"""Regenerate ``newscrawl/matching/data/clubs.json`` from a checkout of openfootball/clubs (CC0).

Usage::

    git clone https://github.com/openfootball/clubs /tmp/clubs      # or any checkout / export
    .venv/bin/python scripts/build_clubs.py /tmp/clubs

Reads the ``<continent>/<country>/<code>.clubs.txt`` files of every continent and country the
checkout has (one club per line: ``Name, year, @ Stadium, City``, alternative names on the ``|``
lines below it; a country folder missing from :data:`COUNTRIES` is an error, so a new one is never
skipped silently) and writes the clubs that the hand-kept
``newscrawl/matching/teams.toml`` does not already have, plus extra multi-word names for those it
has. Reserve sides (``ii)`` lines) and defunct clubs (``Name (1904-1919)``) are left out.

Precision: a one-word name ("Sunderland", "Cambuur", "Roda") is written as ``context_only``: it
counts only when the same club is also named in full, or a club or competition of its country
is named in the text (see newscrawl/matching/gazetteer.py). Generic club words ("Racing",
"Sporting", "United") are never names on their own. The output is sorted, so a rerun on the same
checkout gives the same file.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tomllib
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEAMS = ROOT / "newscrawl" / "matching" / "teams.toml"
OUT = ROOT / "newscrawl" / "matching" / "data" / "clubs.json"

#: Country folder (under its continent) -> FIFA code (the ``country`` of teams.toml). Monaco plays
#: in France.
COUNTRIES = {
    "albania": "ALB", "andorra": "AND", "armenia": "ARM", "austria": "AUT", "azerbaijan": "AZE",
    "belarus": "BLR", "belgium": "BEL", "bosnia-n-herzegovina": "BIH", "bulgaria": "BUL", "croatia": "CRO",
    "cyprus": "CYP", "czech-republic": "CZE", "denmark": "DEN", "england": "ENG", "estonia": "EST",
    "faroe-islands": "FRO", "finland": "FIN", "france": "FRA", "georgia": "GEO", "germany": "GER",
    "gibraltar": "GIB", "greece": "GRE", "hungary": "HUN", "iceland": "ISL", "ireland": "IRL", "italy": "ITA",
    "kosovo": "KOS", "latvija": "LVA", "liechtenstein": "LIE", "lithuania": "LTU", "luxembourg": "LUX",
    "macedonia": "MKD", "malta": "MLT", "moldova": "MDA", "monaco": "FRA", "montenegro": "MNE",
    "netherlands": "NED", "northern-ireland": "NIR", "norway": "NOR", "poland": "POL", "portugal": "POR",
    "romania": "ROU", "russia": "RUS", "san-marino": "SMR", "scotland": "SCO", "serbia": "SRB",
    "slovakia": "SVK", "slovenia": "SVN", "spain": "ESP", "sweden": "SWE", "switzerland": "SUI",
    "turkey": "TUR", "ukraine": "UKR", "wales": "WAL",
    # africa, asia, the Americas, the Middle East and the Pacific
    "congo-dr": "COD", "egypt": "EGY", "morocco": "MAR", "south-africa": "RSA", "tunisia": "TUN",
    "china": "CHN", "india": "IND", "japan": "JPN", "kazakhstan": "KAZ", "singapore": "SGP",
    "south-korea": "KOR", "thailand": "THA", "anguilla": "AIA", "haiti": "HAI", "jamaica": "JAM",
    "puerto-rico": "PUR", "trinidad-n-tobago": "TRI", "costa-rica": "CRC", "el-salvador": "SLV",
    "guatemala": "GUA", "honduras": "HON", "nicaragua": "NCA", "panama": "PAN", "iran": "IRN",
    "israel": "ISR", "jordan": "JOR", "lebanon": "LBN", "qatar": "QAT", "saudi-arabia": "KSA",
    "united-arab-emirates": "UAE", "canada": "CAN", "mexico": "MEX", "united-states": "USA",
    "australia": "AUS", "new-zealand": "NZL", "argentina": "ARG", "bolivia": "BOL", "brazil": "BRA",
    "chile": "CHI", "colombia": "COL", "ecuador": "ECU", "guyana": "GUY", "paraguay": "PAR", "peru": "PER",
    "suriname": "SUR", "uruguay": "URU", "venezuela": "VEN",
}
#: Words that are part of many club names and never name one club alone.
GENERIC_WORDS = frozenset({
    "fc", "afc", "sc", "cf", "ac", "as", "sv", "vv", "rc", "cd", "ud", "sd", "fk", "nk", "sk", "if", "bk", "kv",
    "krc", "kaa", "ksv", "kvc", "rsc", "club", "sport", "sporting", "racing", "union", "united", "city", "town",
    "rovers", "athletic", "atletico", "real", "royal", "olympic", "olympique", "inter", "dynamo", "dinamo",
    "standard", "rangers", "wanderers", "albion", "academica", "nacional", "juventus", "stade", "red", "star",
    "young", "boys",
})
#: Words that make a name a club's outside UEFA ("CA Boca Juniors", "EC Bahia", "Club Deportivo").
CLUB_WORDS = GENERIC_WORDS | frozenset({
    "ca", "ec", "cr", "se", "cs", "ad", "aa", "fbc", "sfc", "cfc", "deportivo", "deportes", "esporte", "clube",
    "futebol", "futbol", "soccer", "galaxy", "fire", "sounders", "whitecaps", "impact", "saudi",
})
# Affixes dropped when making an id ("Sunderland AFC" -> "sunderland").
_AFFIX = re.compile(r"^(?:(?:FC|AFC|SC|CF|AC|AS|SV|VV|RC|FK|NK|SK|KV|K\.|R\.)\s+)+|(?:\s+(?:FC|AFC|SC|CF|SV|VV|FK))+$")
_DEFUNCT = re.compile(r"\(\d{4}\s*-\s*\d{0,4}\)")
#: Clubs the source lists without their years although they folded (checked by hand), each with the
#: town's club of today: left out like the ``Name (1904-1919)`` ones, their names that are not the
#: folded club's own ("Lommel") go to that successor, so the town's name finds today's club.
FOLDED = {
    ("BEL", "KFC Lommel SK"): "Lommel United",  # folded in 2003; Lommel United is now called Lommel SK
}


def _slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")


def _key(name: str) -> str:
    return " ".join(re.findall(r"[^\W_]+", unicodedata.normalize("NFKD", name).casefold()))


def _words(name: str) -> list[str]:
    """The words of ``name`` with accents dropped ("Unión" is one word; :func:`_key` keeps the
    combining accents apart, which the European one-word names of the committed file rely on)."""
    plain = "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))
    return re.findall(r"[^\W_]+", plain.casefold())


# Sponsor words ("SK $$Puntigamer$$ Sturm Graz") and language tags ("Cercle Brügge [de]").
_MARKUP = re.compile(r"\$\$[^$]*\$\$|\[[a-z]{2}\]")


def _strip_comment(line: str) -> str:
    return re.sub(r"\s{2,}", " ", _MARKUP.sub(" ", line.split("#", 1)[0])).rstrip()


def parse_clubs(text: str) -> list[dict]:
    """Clubs of one ``.clubs.txt`` file: name, stadium and alternative names."""
    clubs: list[dict] = []
    current: dict | None = None
    for raw in text.splitlines():
        line = _strip_comment(raw)
        if not line.strip() or line.lstrip().startswith("="):
            continue
        stripped = line.strip()
        if stripped.startswith("|"):
            if current is not None:
                current["aliases"] += [a.strip() for a in stripped.split("|") if a.strip()]
            continue
        if raw[:1].isspace() or re.match(r"^[ivx]+\)", stripped):
            current = None  # a reserve side or an unknown indented line: skip it and its aliases
            continue
        parts = [p.strip() for p in stripped.split(",")]
        name = parts[0]
        if _DEFUNCT.search(name) or not name:
            current = None
            continue
        stadium = next((p[1:].strip() for p in parts[1:] if p.startswith("@")), None)
        current = {"name": name, "stadium": stadium, "aliases": []}
        clubs.append(current)
    return clubs


def _curated() -> tuple[dict[tuple[str, str], str], dict[str, set[str]]]:
    """(country, name key) -> curated team id, and each curated id's name keys."""
    data = tomllib.loads(TEAMS.read_text("utf-8"))
    by_name: dict[tuple[str, str], str] = {}
    names: dict[str, set[str]] = {}
    for t in data["team"]:
        if t["kind"] != "club":
            continue
        keys = {_key(n) for n in [*t["names"], *t.get("context_only", ())]}
        names[t["id"]] = keys
        for k in keys:
            by_name[(t["country"], k)] = t["id"]
    return by_name, names


class UnknownCountryFolder(Exception):
    """A country folder of the checkout that :data:`COUNTRIES` does not map to a FIFA code."""


def country_folders(checkout: Path) -> list[tuple[Path, str]]:
    """Every ``<continent>/<country>`` folder holding a ``*.clubs.txt`` file, with its FIFA code."""
    out, unknown = [], []
    for path in sorted(checkout.glob("*/*/*.clubs.txt")):
        folder = path.parent
        if any(f == folder for f, _ in out) or folder.name in unknown:
            continue
        if folder.name not in COUNTRIES:
            unknown.append(folder.name)
            continue
        out.append((folder, COUNTRIES[folder.name]))
    if unknown:
        raise UnknownCountryFolder(f"no FIFA code for: {', '.join(unknown)} (add them to COUNTRIES)")
    return out


def _pass_on_folded(clubs: list[dict], country: str) -> list[dict]:
    """``clubs`` without the :data:`FOLDED` ones; a folded club's aliases go to its successor."""
    by_name = {c["name"]: c for c in clubs}
    kept = []
    for club in clubs:
        successor = FOLDED.get((country, club["name"]))
        if successor is None:
            kept.append(club)
        elif successor in by_name:
            by_name[successor]["aliases"] += club["aliases"]
    return kept


def build(checkout: Path) -> dict:
    by_name, curated_names = _curated()
    clubs_out: dict[str, dict] = {}
    extra: dict[str, set[str]] = {}
    for folder, country in country_folders(checkout):
        for path in sorted(folder.glob("*.clubs.txt")):
            for club in _pass_on_folded(parse_clubs(path.read_text("utf-8")), country):
                all_names = list(dict.fromkeys([club["name"], *club["aliases"]]))
                hit = next((by_name[(country, _key(n))] for n in all_names if (country, _key(n)) in by_name), None)
                multi = [n for n in all_names if len(_key(n).split()) > 1]
                single = [n for n in all_names if len(_key(n).split()) == 1 and _key(n) not in GENERIC_WORDS]
                if hit is not None:
                    new = {n for n in multi if _key(n) not in curated_names[hit]}
                    if new:
                        extra.setdefault(hit, set()).update(new)
                    continue
                base = _AFFIX.sub("", club["name"]).strip() or club["name"]
                team_id = f"{country.lower()}-{_slug(base)}"
                if team_id in clubs_out or team_id in curated_names:
                    team_id = f"{team_id}-{_slug(club['name'])}"
                if team_id in clubs_out or not (multi or single):
                    continue
                venue = club["stadium"]
                clubs_out[team_id] = {
                    "id": team_id, "country": country, "names": sorted(multi), "context_only": sorted(single),
                    "venues": [venue] if venue and len(_key(venue).split()) > 1 else [],
                    "primary": _key(club["name"]),
                }
    _share_out(clubs_out, curated_names)
    for club in clubs_out.values():
        _only_in_context(club)
        del club["primary"]
    # A club left with no name of its own (generic words, a one-word name outside UEFA, shared
    # with others) cannot be shown or told apart: it stays out.
    clubs_out = {k: c for k, c in clubs_out.items() if c["names"]}
    generated = {_key(n) for c in clubs_out.values() for n in [*c["names"], *c["context_only"]]}
    others = {k: set().union(*(v for i, v in curated_names.items() if i != k)) for k in extra}
    extra = {k: {n for n in v if _key(n) not in generated and _key(n) not in others[k]} for k, v in extra.items()}
    extra = {k: v for k, v in extra.items() if v}
    return {
        "source": "https://github.com/openfootball/clubs (CC0-1.0), */*/*.clubs.txt",
        "commit": _commit(checkout),
        "clubs": [clubs_out[k] for k in sorted(clubs_out)],
        "extra_names": {k: sorted(v) for k, v in sorted(extra.items())},
    }


def _share_out(clubs: dict[str, dict], curated_names: dict[str, set[str]]) -> None:
    """A full name two clubs share ("Red Star": Belgrade and Saint-Ouen) only counts in context,
    unless it is the main name of exactly one of them ("Boca Juniors" is Buenos Aires's; Gibraltar's
    is "Boca Juniors Gibraltar FC"); one a hand-kept team already has is left to it."""
    taken = set().union(*curated_names.values())
    owners: dict[str, set[str]] = {}
    for club in clubs.values():
        for name in club["names"]:
            owners.setdefault(_key(name), set()).add(club["id"])
    primary: dict[str, set[str]] = {}
    for club in clubs.values():
        primary.setdefault(club["primary"], set()).add(club["id"])
    for club in clubs.values():
        keep, shared = [], []
        for name in club["names"]:
            key = _key(name)
            if key in taken:
                continue
            sole = len(owners[key]) == 1 or primary.get(key, set()) & owners[key] == {club["id"]}
            (keep if sole else shared).append(name)
        single = sorted({*club["context_only"], *shared})
        if not keep and single and len(owners.get(_key(single[0]), ())) <= 1:
            keep = [single.pop(0)]  # a club known by one word only ("Alanyaspor") is named by it
        club["names"] = keep
        club["context_only"] = single


#: Countries whose clubs en/fr/nl coverage names often enough to trust a one-word name alone (the
#: UEFA members, and Israel and Kazakhstan, which play in UEFA competitions).
UEFA = frozenset({
    "ALB", "AND", "ARM", "AUT", "AZE", "BLR", "BEL", "BIH", "BUL", "CRO", "CYP", "CZE", "DEN", "ENG", "EST",
    "FRO", "FIN", "FRA", "GEO", "GER", "GIB", "GRE", "HUN", "ISL", "IRL", "ITA", "KOS", "LVA", "LIE", "LTU",
    "LUX", "MKD", "MLT", "MDA", "MNE", "NED", "NIR", "NOR", "POL", "POR", "ROU", "RUS", "SMR", "SCO", "SRB",
    "SVK", "SVN", "ESP", "SWE", "SUI", "TUR", "UKR", "WAL", "ISR", "KAZ",
})


def _only_in_context(club: dict) -> None:
    """Outside :data:`UEFA`, a name is plain only with a club word and another ("Club León",
    "Inter Miami", "CR Flamengo"); the others only count in context: generic club words only
    ("Racing Club" is Lens or Strasbourg in French copy), one word ("León", "América", "Unión",
    "Marathón": a first name, a continent, a word once accents are folded), or a place ("São Paulo",
    "San Francisco"). Two such names of one country in a text are each other's context
    (gazetteer.py): "Boca Juniors beat River Plate"."""
    keep, context = [], list(club["context_only"])
    for name in club["names"]:
        words = _words(name)
        generic = all(w in GENERIC_WORDS for w in words)
        if club["country"] not in UEFA and (generic or len(words) == 1 or not set(words) & CLUB_WORDS):
            context.append(name)
        else:
            keep.append(name)
    club["names"], club["context_only"] = keep, sorted(set(context))


def _commit(checkout: Path) -> str | None:
    try:
        out = subprocess.run(["git", "-C", str(checkout), "rev-parse", "HEAD"], capture_output=True, text=True,
                             check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return out.stdout.strip() or None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("checkout", type=Path, help="a checkout (or export) of openfootball/clubs")
    parser.add_argument("--commit", help="commit id to record when the checkout is not a git work tree")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    if not any(args.checkout.glob("*/*/*.clubs.txt")):
        print(f"error: {args.checkout} has no <continent>/<country>/*.clubs.txt files: is it a checkout of "
              "openfootball/clubs?", file=sys.stderr)
        return 2
    try:
        data = build(args.checkout)
    except UnknownCountryFolder as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.commit:
        data["commit"] = args.commit
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(data, ensure_ascii=False, indent=0, sort_keys=True) + "\n", "utf-8")
    print(f"wrote {args.out}: {len(data['clubs'])} clubs, extra names for {len(data['extra_names'])} curated teams")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
