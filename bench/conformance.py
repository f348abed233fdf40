"""Conformance with other projects' test data: pass counts per folder of ``../shared/peers``.

Run: .venv/bin/python bench/conformance.py [--failures]

Runs newscrawl's feed and sitemap readers (``newscrawl.feeds``), URL canonicaliser
(``newscrawl.urls``), date parser (``newscrawl.dates.parse_date``) and language
detector (``newscrawl.language``) over every case of the peers' folders and prints,
per folder, how many cases pass, how many are skipped (with the reasons, read from
``tests/conformance/skips.toml``), how many are known date failures
(``tests/conformance/dates_xfail.txt``, for the dates work) and how many fail.
The comparison rules (what "pass" means for each folder) are in
:mod:`bench.peer_checks`; ``tests/conformance/`` runs the same checks under pytest.
Exits 0 after printing, also when the peers' folder is absent (then it says so).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import peer_checks  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--failures", action="store_true", help="list every failing case")
    args = parser.parse_args()
    if not peer_checks.PEERS.is_dir():
        print(f"skipped: {peer_checks.PEERS} is absent (set NEWSCRAWL_SHARED); nothing to compare")
        return 0
    skips = peer_checks.load_skips()
    xfails = peer_checks.load_date_xfails()
    print(f"{'folder':<10} {'cases':>6} {'pass':>6} {'skip':>6} {'xfail':>6} {'fail':>6}  pass rate (of not skipped)")
    failures: list[peer_checks.Outcome] = []
    skipped_by_reason: Counter[tuple[str, str]] = Counter()
    for folder, run in peer_checks.RUNNERS.items():
        outcomes = run()
        counts: Counter[str] = Counter()
        for outcome in outcomes:
            reason = skips.get(outcome.case_id)
            if reason:
                counts["skip"] += 1
                skipped_by_reason[(folder, reason)] += 1
            elif outcome.ok:
                counts["pass"] += 1
            elif outcome.case_id in xfails:
                counts["xfail"] += 1
            else:
                counts["fail"] += 1
                failures.append(outcome)
        judged = len(outcomes) - counts["skip"]
        rate = f"{counts['pass'] / judged:.1%}" if judged else "-"
        print(f"{folder:<10} {len(outcomes):>6} {counts['pass']:>6} {counts['skip']:>6} "
              f"{counts['xfail']:>6} {counts['fail']:>6}  {rate}")
    print("\nskipped (newscrawl deliberately differs):")
    for (folder, reason), count in sorted(skipped_by_reason.items()):
        print(f"  {folder:<10} {count:>4}  {reason}")
    print()
    peer_checks.print_language_figures()
    if args.failures:
        print("\nfailing cases:")
        for outcome in failures:
            print(f"  {outcome.case_id}: {outcome.detail}")
    elif failures:
        print(f"\n{len(failures)} failing cases (--failures lists them)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
