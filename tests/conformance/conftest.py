"""Peer conformance: the checks of bench/peer_checks.py, one test per peer case.

Skipped with the reason when ``../shared/peers`` (or ``$NEWSCRAWL_SHARED/peers``) is absent.
"""

from __future__ import annotations

from functools import cache

import pytest

from bench import peer_checks

ABSENT = f"../shared/peers not present at {peer_checks.PEERS}: conformance tests need the peers' test data"


def peer_params(folder: str) -> list:
    """One pytest param per case of ``folder``: skipped with its reason when skip-listed,
    xfail for the date cases left to the dates work, a single skip when the data is absent."""
    if not (peer_checks.PEERS / folder / "cases.jsonl").exists():
        return [pytest.param(None, marks=pytest.mark.skip(reason=ABSENT), id="absent")]
    skips, xfails = peer_checks.load_skips(), peer_checks.load_date_xfails()
    params = []
    for case_id in peer_checks.case_ids(folder):
        marks = []
        if case_id in skips:
            marks.append(pytest.mark.skip(reason=skips[case_id]))
        elif case_id in xfails:
            marks.append(pytest.mark.xfail(reason="dates helper", strict=False))
        params.append(pytest.param(case_id, marks=marks, id=case_id))
    return params


@cache
def outcomes(folder: str) -> dict[str, peer_checks.Outcome]:
    """Every case of ``folder`` run once per session, by id."""
    return {outcome.case_id: outcome for outcome in peer_checks.RUNNERS[folder]()}


def check(folder: str, case_id: str) -> None:
    outcome = outcomes(folder)[case_id]
    assert outcome.ok, outcome.detail
