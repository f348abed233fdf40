"""Rules from reading the thirteenth blind set's errors (issue 11): nicknames of generated clubs.
Our own words."""

from __future__ import annotations

from tests.support.matching import facts


def test_venlonaren_are_vvv_venlo_beside_the_other_side() -> None:
    # Dutch reports name VVV by its town's people ("de Venlonaren") and the opponent in full.
    got = facts("Venlonaren winnen laat bij Roda JC",
                "De Venlonaren wonnen zaterdagavond met 1-2 bij Roda JC. De winnende treffer viel in de "
                "laatste minuut.",
                "2026-02-15T09:00:00+00:00")
    assert set(got.team_ids) == {"ned-roda-jc-kerkrade", "ned-vvv-venlo"}


def test_the_turchini_are_bastia_beside_the_other_side() -> None:
    # French reports call SC Bastia "les Turchini".
    got = facts("Les Turchini dominent Ajaccio",
                "Les Turchini ont battu l'AC Ajaccio 2-0 vendredi soir à Furiani en Ligue 2.",
                "2026-01-10T09:00:00+00:00")
    assert set(got.team_ids) == {"fra-ajaccio", "fra-bastia"}
