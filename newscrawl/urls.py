"""Article URL normalisation: one article, one canonical URL.

The rules (RFC 3986 normalisation plus what is specific to news sites):

* scheme and host lower-cased, internationalised hosts in punycode (``bücher.de``
  and ``xn--bcher-kva.de`` are one host), default ports dropped;
* the mobile, AMP and ``www.`` editions of a site fold onto its registered domain
  (``m.lequipe.fr``, ``www.lequipe.fr`` and ``lequipe.fr`` are one host), AMP paths
  (``/amp/``, ``.amp.html``) and AMP parameters fold onto the article;
* percent-escapes in upper-case hex, unreserved characters (``A-Z a-z 0-9 - . _ ~``)
  decoded, other characters outside the URL alphabet UTF-8 encoded; the bytes a
  query encodes are never re-decoded, so a Latin-1 ``%E9`` stays distinct;
* query parameters sorted, blank values kept (``c`` becomes ``c=``), spaces as ``+``;
  only known tracking parameters dropped (:mod:`newscrawl.url_vocabulary`, plus a
  source's own ``tracking_params``);
* fragments dropped (an article is the whole page).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import quote, unquote, urljoin, urlsplit, urlunsplit

from newscrawl.url_vocabulary import (
    AMP_PARAMS,
    EDITION_HOST_PREFIXES,
    TRACKING_PARAMS,
    TRACKING_PREFIXES,
)

_AMP_PATH = re.compile(r"(/amp(?=/|$)|\.amp(?=\.html?$|$))", re.IGNORECASE)
_WHITESPACE_INSIDE = re.compile(r"[\t\r\n]")
_ESCAPE = re.compile(r"%([0-9A-Fa-f]{2})")
_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
# Characters left as they are when encoding, besides unreserved ones and "%". A sub-delimiter
# is written either way by CMSs (``'`` or ``%27``); each has one spelling here, so both forms
# of a link give one key: in a path the common ones stay literal (``'`` is escaped, as
# browsers do), in a query every sub-delimiter is escaped but the ``&``/``=`` that split it.
_PATH_SAFE = "/%:@!$&()*+,;=-._~"
_QUERY_SAFE = "/%:@?-._~"
_DEFAULT_PORTS = {"http": 80, "https": 443}


def canonicalize_url(url: str, *, tracking_params: Iterable[str] = ()) -> str:
    """The normalised form of an article URL; ``tracking_params`` are a source's own trackers.

    >>> canonicalize_url("HTTPS://Www.Example.COM:443/amp/sport/a.html?utm_source=rss#top")
    'https://example.com/sport/a.html'
    """
    url = _WHITESPACE_INSIDE.sub("", url.strip())
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:  # a bracket or port that is not one: leave the URL as written
        return url
    scheme = parts.scheme.lower()
    netloc = _netloc(parts.netloc, parts.hostname or "", port, scheme)
    path = _normalize_escapes(quote(_AMP_PATH.sub("", parts.path), safe=_PATH_SAFE)) or "/"
    extra = {name.lower() for name in tracking_params}
    query = "&".join(sorted(_query_pairs(parts.query, extra)))
    return urlunsplit((scheme, netloc, path, query, ""))


def same_site(a: str, b: str) -> bool:
    """Whether two URLs are on the same site (host without ``www.``/mobile prefix, and port)."""
    return _site_key(a) == _site_key(b)


def resolve_canonical(page_url: str, declared: str | None, *, tracking_params: Iterable[str] = ()) -> str:
    """The canonical URL of a page: the declared one when it is on the same site, else the page's own."""
    if declared:
        absolute = urljoin(page_url, declared.strip())
        if absolute.startswith(("http://", "https://")) and same_site(page_url, absolute):
            return canonicalize_url(absolute, tracking_params=tracking_params)
    return canonicalize_url(page_url, tracking_params=tracking_params)


def _site_key(url: str) -> str:
    host = urlsplit(url).netloc.lower()
    return re.sub(r"^(www\d?|m|mobile|amp)\.", "", host)


def _netloc(netloc: str, hostname: str, port: int | None, scheme: str) -> str:
    userinfo = netloc.rpartition("@")[0] + "@" if "@" in netloc else ""
    host = _fold_edition(_ascii_host(hostname))
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    keep_port = port is not None and port != _DEFAULT_PORTS.get(scheme)
    return f"{userinfo}{host}{f':{port}' if keep_port else ''}"


def _ascii_host(hostname: str) -> str:
    try:
        return hostname.encode("idna").decode("ascii").lower()
    except UnicodeError:  # not a valid IDNA name (e.g. "xn--" followed by Unicode): as written
        return hostname.lower()


def _fold_edition(host: str) -> str:
    for prefix in EDITION_HOST_PREFIXES:
        # "m.localhost" style hosts have nothing left to fold into
        if host.startswith(prefix) and "." in host[len(prefix):]:
            return host[len(prefix):]
    return host


def _query_pairs(query: str, extra_tracking: set[str]) -> Iterable[str]:
    for piece in query.split("&"):
        if not piece:
            continue
        key, _, value = piece.partition("=")
        name = unquote(key.replace("+", " ")).lower()
        if _is_tracking(name, extra_tracking) or _is_amp_switch(name, unquote(value).lower()):
            continue
        yield f"{_query_part(key)}={_query_part(value)}"


def _is_tracking(name: str, extra: set[str]) -> bool:
    return name in TRACKING_PARAMS or name in extra or name.startswith(TRACKING_PREFIXES)


def _is_amp_switch(name: str, value: str) -> bool:
    values = AMP_PARAMS.get(name)
    return values is not None and (not values or value in values)


def _query_part(text: str) -> str:
    spaced = text.replace("%20", "+").replace(" ", "+")
    return _normalize_escapes(quote(spaced, safe=_QUERY_SAFE + "+"))


def _normalize_escapes(text: str) -> str:
    """Upper-case hex in every escape; unreserved characters decoded (RFC 3986 6.2.2)."""

    def repl(match: re.Match[str]) -> str:
        char = chr(int(match.group(1), 16))
        return char if char in _UNRESERVED else f"%{match.group(1).upper()}"

    return _ESCAPE.sub(repl, text)
