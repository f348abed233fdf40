"""newscrawl.urls over w3lib's and courlan's canonicalisation assertions."""

from __future__ import annotations

import json

import pytest

from bench import peer_checks
from newscrawl.urls import canonicalize_url
from tests.conformance.conftest import ABSENT, check, peer_params


@pytest.mark.parametrize("case_id", peer_params("urls"))
def test_url_case(case_id):
    check("urls", case_id)


def test_canonical_form_is_a_fixed_point():
    path = peer_checks.PEERS / "urls" / "cases.jsonl"
    if not path.exists():
        pytest.skip(ABSENT)
    for line in path.read_text(encoding="utf-8").splitlines():
        case = json.loads(line)
        for url in (case["input"], case["expected"]):
            once = canonicalize_url(url)
            assert canonicalize_url(once) == once, url
