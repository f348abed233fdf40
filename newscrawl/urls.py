"""Article URL normalisation: one article, one canonical URL.

courlan does the generic part (scheme/host case, default ports, tracking
parameters such as ``utm_*``, ``fbclid``, ``xtor``, sorted query); this module
adds what is specific to news sites: fragments dropped, AMP and mobile variants
folded into the main URL, and the same-site check for declared canonicals.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import courlan

# Query parameters that only select a rendering of the same article.
_VARIANT_PARAMS = {"amp", "outputtype", "output", "view", "mobile", "m"}
_TRACKING_PARAMS = re.compile(
    r"^(utm_.*|fbclid|gclid|dclid|msclkid|xtor|xtref|mc_[ce]id|ocid|cmpid|at_medium|at_campaign|"
    r"ns_(mchannel|source|campaign|linkname|fee)|_ga|igshid|ito|ref|ref_src|src|at_.*|sr_share|share)$",
    re.IGNORECASE,
)
_AMP_PATH = re.compile(r"(/amp(?=/|$)|\.amp(?=\.html?$|$))", re.IGNORECASE)
_MOBILE_HOST = re.compile(r"^(m|mobile|amp)\.", re.IGNORECASE)


def canonicalize_url(url: str) -> str:
    """The normalised form of an article URL.

    >>> canonicalize_url("HTTPS://Www.Example.COM:443/amp/sport/a.html?utm_source=rss#top")
    'https://www.example.com/sport/a.html'
    """
    url = url.strip()
    try:
        normalized = courlan.normalize_url(url, strict=False)
    except Exception:  # courlan raises bare ValueErrors and friends on odd input
        normalized = url
    parts = urlsplit(normalized)
    host = _MOBILE_HOST.sub("", parts.netloc.lower())
    if host.count(".") == 0 and parts.netloc.lower() != host:
        host = parts.netloc.lower()  # "m.localhost" style hosts have nothing left to fold into
    path = _AMP_PATH.sub("", parts.path) or "/"
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if k.lower() not in _VARIANT_PARAMS and not _TRACKING_PARAMS.match(k)
    ]
    return urlunsplit((parts.scheme.lower(), host, path, urlencode(sorted(query)), ""))


def same_site(a: str, b: str) -> bool:
    """Whether two URLs are on the same site (host without ``www.``/mobile prefix, and port)."""
    return _site_key(a) == _site_key(b)


def _site_key(url: str) -> str:
    host = urlsplit(url).netloc.lower()
    return re.sub(r"^(www\d?|m|mobile|amp)\.", "", host)


def resolve_canonical(page_url: str, declared: str | None) -> str:
    """The canonical URL of a page: the declared one when it is on the same site, else the page's own."""
    if declared:
        absolute = urljoin(page_url, declared.strip())
        if absolute.startswith(("http://", "https://")) and same_site(page_url, absolute):
            return canonicalize_url(absolute)
    return canonicalize_url(page_url)
