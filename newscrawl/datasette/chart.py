"""The front page's chart: articles per day by language, as stacked bars laid out for an inline SVG.

Only geometry is computed here; ``_chart.html`` draws it. The span runs from the
first to the last day with articles, empty days included, so gaps read as gaps; a
span longer than :data:`MAX_BARS` days is drawn in buckets of several days.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, timedelta

from newscrawl.datasette.reader_queries import LANGUAGES

MAX_BARS = 120
WIDTH = 720
HEIGHT = 120
#: Room above the tallest bar. Axis labels are HTML around the SVG, so they keep their size at any width.
TOP = 4


@dataclass
class Segment:
    """One language's part of a bar."""

    language: str
    x: float
    y: float
    width: float
    height: float


@dataclass
class Chart:
    """Everything the template draws."""

    width: int = WIDTH
    height: int = HEIGHT
    segments: list[Segment] = field(default_factory=list)
    tips: list[tuple[float, float, float, str]] = field(default_factory=list)
    """(x, width, plot height, text) of each bar's hover title."""
    ticks: list[tuple[float, str]] = field(default_factory=list)
    """(left edge in percent of the width, label) of each date label."""
    peak: int = 0
    total: int = 0
    days: int = 0
    first: str = ""
    last: str = ""
    bucket_days: int = 1
    languages: list[str] = field(default_factory=list)


def build_chart(per_day: list[tuple[str, dict[str, int]]]) -> Chart | None:
    """The chart of ``per_day`` (from :func:`~.reader_queries.articles_per_day`); None without articles."""
    counts = {}
    for day, languages in per_day:
        try:
            counts[date.fromisoformat(day)] = languages
        except ValueError:
            continue  # a malformed stored date: left out of the chart, not fatal
    if not counts:
        return None
    first, last = min(counts), max(counts)
    span = (last - first).days + 1
    bucket = max(1, math.ceil(span / MAX_BARS))
    bars: list[tuple[date, dict[str, int]]] = []
    for start in range(0, span, bucket):
        summed: dict[str, int] = {}
        for offset in range(start, min(start + bucket, span)):
            for language, n in counts.get(first + timedelta(days=offset), {}).items():
                summed[language] = summed.get(language, 0) + n
        bars.append((first + timedelta(days=start), summed))
    seen = {lang for _, langs in bars for lang in langs}
    order = [lang for lang in LANGUAGES if lang in seen] + sorted(seen - set(LANGUAGES))
    peak = max(sum(langs.values()) for _, langs in bars) or 1
    plot_w, plot_h = WIDTH, HEIGHT - TOP
    step = plot_w / len(bars)
    chart = Chart(peak=peak, days=span, first=first.isoformat(), last=last.isoformat(),
                  bucket_days=bucket, languages=order, total=sum(sum(v.values()) for v in counts.values()))
    for index, (start, langs) in enumerate(bars):
        x = index * step
        base = TOP + plot_h
        for language in order:
            n = langs.get(language, 0)
            if n:
                h = plot_h * n / peak
                base -= h
                chart.segments.append(Segment(language, round(x + step * 0.1, 2), round(base, 2),
                                              round(max(step * 0.8, 1), 2), round(h, 2)))
        if langs:
            label = start.isoformat() if bucket == 1 else f"{start.isoformat()} (+{bucket - 1} days)"
            detail = ", ".join(f"{lang} {langs[lang]}" for lang in order if lang in langs)
            chart.tips.append((round(x, 2), round(step, 2), plot_h + TOP, f"{label}: {detail}"))
    chart.ticks = _ticks(first, span, step, bucket)
    return chart


def _ticks(first: date, span: int, step: float, bucket: int) -> list[tuple[float, str]]:
    """Date labels: the first day of each month in the span, or the first and last day of a short span."""
    months = [first + timedelta(days=i) for i in range(span) if (first + timedelta(days=i)).day == 1]
    days = months if len(months) >= 2 else [first, first + timedelta(days=span - 1)]
    return [(round(100 * ((d - first).days // bucket) * step / WIDTH, 2), f"{d.day} {d:%b}") for d in days]
