"""The lead as a reader finds it: captions and minute lists before the prose are set after it.

Real pages often open with a photo caption ("Mbappé, dépité, jeudi soir. (Photo AFP)"), a
"Key moments: 12' ..." list or a live blog's time line. The match facts weigh the first
sentences most, so those blocks would stand in for the lead. :func:`reorder_lead` moves the
leading blocks that are not prose after the first prose paragraph; nothing is dropped.

A block (paragraph, or run of lines) is not prose when:

* it is a caption: short (:data:`CAPTION_MAX_CHARS`) and carries a photo credit word;
* it is a minute list: most of its lines open with a minute stamp ("12'", "90+4'", "FT:");
* it is a lone header line ("Key moments", "Temps forts"), or such a header followed on the same
  line by the minute list ("Key moments: 28' ...").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from newscrawl.matching import folding
from newscrawl.matching.vocabulary import alternation, cue

#: A caption is at most this long.
CAPTION_MAX_CHARS = 220
#: Share of lines with a minute stamp that makes a block a minute list.
MINUTE_LIST_SHARE = 0.5
#: A lone line this short without a full stop is a header, not prose.
HEADER_MAX_CHARS = 40

_MINUTE_LINE = re.compile(r"^\s*(?:\d{1,3}(?:\+\d{1,2})?\s*['’′]|(?:FT|HT|Full-time|Half-time|Mi-temps|Rust)\b)",
                          re.IGNORECASE)
_CREDIT = cue("caption_credit")
_KEY_MOMENTS = re.compile(rf"^\s*(?:{alternation('key_moments')})\s*:?\s*$", re.IGNORECASE | re.MULTILINE)
# The same list run on in one paragraph: "Key moments: 28' Gabriel heads in (0-1). 57' Til levels (1-1)."
_INLINE_KEY_MOMENTS = re.compile(rf"^\s*(?:{alternation('key_moments')})\s*:\s*\d{{1,3}}(?:\+\d{{1,2}})?\s*['’′]",
                                 re.IGNORECASE)


@dataclass(frozen=True)
class Lead:
    """A body split into the prose and the blocks moved out of the lead."""

    body: str
    """The body with the leading non-prose blocks set after its first prose paragraph."""
    key_moment_lines: int
    """Minute lines under a "Key moments" header: a report's summary, not a live blog."""


def _blocks(body: str) -> list[str]:
    """Paragraphs, with a run of minute lines split from the prose line that follows it."""
    out: list[str] = []
    for para in re.split(r"\n\s*\n", body.strip()):
        lines = para.split("\n")
        current: list[str] = []
        for line in lines:
            if current and _MINUTE_LINE.match(current[-1]) and not _MINUTE_LINE.match(line) and len(line) > 80:
                out.append("\n".join(current))
                current = []
            current.append(line)
        out.append("\n".join(current))
    return [b for b in out if b.strip()]


def _not_prose(block: str) -> bool:
    lines = [ln for ln in block.split("\n") if ln.strip()]
    stamped = sum(1 for ln in lines if _MINUTE_LINE.match(ln))
    if lines and stamped / len(lines) >= MINUTE_LIST_SHARE:
        return True
    if _KEY_MOMENTS.match(lines[0]) and (len(lines) == 1 or stamped):
        return True
    if _INLINE_KEY_MOMENTS.match(lines[0]):
        return True
    text = block.strip()
    if len(text) <= CAPTION_MAX_CHARS and folding.found(_CREDIT, text) and ("(" in text or ":" in text or "©" in text
                                                                      or len(lines) == 1):
        return True
    return len(lines) == 1 and len(text) <= HEADER_MAX_CHARS and not text.endswith((".", "!", "?"))


@lru_cache(maxsize=16)  # the type reads the body as is, the fact readers once scores are normalised: often the same
def reorder_lead(body: str) -> Lead:
    """``body`` with the captions, minute lists and headers that open it moved after the first
    prose paragraph (unchanged when it opens with prose or has no prose at all)."""
    blocks = _blocks(body)
    key_lines = 0
    for i, block in enumerate(blocks):
        if _KEY_MOMENTS.match(block.split("\n")[0]):
            key_lines += sum(1 for ln in block.split("\n") if _MINUTE_LINE.match(ln))
            key_lines += sum(1 for ln in (blocks[i + 1].split("\n") if i + 1 < len(blocks) else ())
                             if _MINUTE_LINE.match(ln) and len(block.split("\n")) == 1)
    lead = 0
    while lead < len(blocks) and _not_prose(blocks[lead]):
        lead += 1
    if lead == 0 or lead == len(blocks):
        return Lead(body, key_lines)
    ordered = [blocks[lead], *blocks[:lead], *blocks[lead + 1 :]]
    return Lead("\n\n".join(ordered), key_lines)
