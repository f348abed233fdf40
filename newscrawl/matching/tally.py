"""Running weighted votes for :mod:`newscrawl.matching.regroup`: a match's consensus at the cost of
its distinct values, not of its articles.

Re-grouping asks a match for its consensus after every article placed and, when checking for
contradictions, the consensus of its other articles for each of its articles: recounting the votes
each time made a pair's re-grouping grow with the square of its articles. :class:`Tally` keeps the
totals as articles come and go; :class:`Members` is the list that keeps them. Weights must be exact
in floats (sums of 1, 0.5, 10): then totals do not depend on the order votes came and went.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from typing import Any

#: One article's votes: (field, value or None, weight).
Votes = Iterable[tuple[str, Hashable | None, float]]


def best(totals: dict[Hashable, float]) -> Any:
    """The value with the most weight; ties go to the smallest value (by repr), never to order."""
    if not totals:
        return None
    top = max(totals.values())
    return min((v for v, w in totals.items() if w == top), key=repr)


def plus(totals: dict[Hashable, float], value: Hashable | None, weight: float) -> dict[Hashable, float]:
    """``totals`` with one more vote (a copy: ``totals`` is a running tally)."""
    if value is None:
        return totals
    out = dict(totals)
    out[value] = out.get(value, 0.0) + weight
    return out


class Tally:
    """Weighted totals of each field's values (None never votes)."""

    def __init__(self, fields: Iterable[str], votes: Callable[[Any], Votes]) -> None:
        self.totals: dict[str, dict[Hashable, float]] = {f: {} for f in fields}
        self.votes = votes

    def add(self, item: Any, sign: float = 1.0) -> None:
        for name, value, weight in self.votes(item):
            if value is None:
                continue
            totals = self.totals[name]
            total = totals.get(value, 0.0) + sign * weight
            if total:
                totals[value] = total
            else:
                del totals[value]  # its last vote taken back: as if never seen

    def without(self, item: Any, read: Callable[[Tally], Any]) -> Any:
        """``read(self)`` with ``item``'s votes taken back for the call."""
        self.add(item, -1.0)
        try:
            return read(self)
        finally:
            self.add(item, 1.0)


class Members(list):
    """A list whose appends, extends and removes keep a :class:`Tally` and call ``changed``."""

    def __init__(self, tally: Tally, changed: Callable[[], None], items: Iterable[Any] = ()) -> None:
        super().__init__()
        self.tally, self.changed = tally, changed
        self.extend(items)

    def append(self, item: Any) -> None:
        super().append(item)
        self.tally.add(item)
        self.changed()

    def extend(self, items: Iterable[Any]) -> None:
        for item in list(items):
            self.append(item)

    def remove(self, item: Any) -> None:
        super().remove(item)
        self.tally.add(item, -1.0)
        self.changed()
