"""newscrawl.language over lingua's labelled sentences, word pairs and words.

Measured against targets on both fixed halves (tuning and checking, by hash of the
text), not case by case: single words are reported by bench/conformance.py only.
"""

from __future__ import annotations

import pytest

from bench import peer_checks
from tests.conformance.conftest import ABSENT

TARGETS = {"sentence": 0.99, "word_pair": 0.88, "sentence declared wrong": 0.99, "nl declared": 0.97}


@pytest.fixture(scope="module")
def figures():
    if not (peer_checks.PEERS / "languages" / "cases.jsonl").exists():
        pytest.skip(ABSENT)
    return peer_checks.language_figures()


@pytest.mark.parametrize("half", ["tuning", "checking"])
@pytest.mark.parametrize("kind", sorted(TARGETS))
def test_accuracy_target(figures, half, kind):
    correct, total = figures[half][kind]
    assert total > 0
    assert correct / total >= TARGETS[kind], f"{kind} on the {half} half: {correct}/{total}"


@pytest.mark.parametrize("half", ["tuning", "checking"])
def test_no_afrikaans_for_a_page_declared_dutch(figures, half):
    assert figures[half]["af for nl declared"][0] == 0
