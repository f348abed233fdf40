"""newscrawl.dates.parse_date over dateparser's and feedparser's date strings.

Cases failing today are listed in dates_xfail.txt (xfail, not strict) for the dates work.
"""

from __future__ import annotations

import pytest

from tests.conformance.conftest import check, peer_params


@pytest.mark.parametrize("case_id", peer_params("dates"))
def test_date_case(case_id):
    check("dates", case_id)
