"""Vocabulary of URL canonicalisation: which query parameters and host prefixes mean nothing.

Only parameters *known* to be analytics or ad tracking are dropped: a short name such
as ``ref``, ``src``, ``view``, ``m`` or ``id`` is an article id or a page selector on
some sites, and dropping it would merge different articles. A source adds its own
trackers with ``tracking_params`` in the registry.
"""

from __future__ import annotations

#: Parameter names (lower case) set by analytics, ad and mailing tools.
TRACKING_PARAMS = frozenset({
    # Google / Microsoft / Meta / other ad click ids
    "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "fbclid", "yclid", "twclid",
    "ttclid", "li_fat_id", "igshid", "igsh", "epik", "rdt_cid", "clickid",
    # Google Analytics cross-domain, HubSpot, Mailchimp, Marketo
    "_ga", "_gl", "_hsenc", "_hsmi", "mc_cid", "mc_eid", "mkt_tok",
    # Facebook shares
    "fb_ref", "fb_source", "fb_action_ids", "fb_action_types",
    # AT Internet / Xiti (French and Belgian publishers), Adobe, Microsoft News, misc. CMS
    "xtor", "xtref", "xts", "s_cid", "s_kwcid", "ocid", "cmpid", "sr_share", "soc_src", "soc_trk",
    # Piwik / Matomo single names
    "pk_campaign", "pk_kwd", "pk_keyword", "pk_source", "pk_medium", "pk_content", "pk_cid",
})

#: Name prefixes owned by one tracking tool (``utm_source``, ``mtm_campaign``, ``at_medium``...).
TRACKING_PREFIXES = ("utm_", "mtm_", "at_", "ns_", "hsa_", "vero_", "oly_")

#: Parameters that select the AMP rendering of the same article: name -> values meaning AMP
#: (an empty set: any value).
AMP_PARAMS: dict[str, frozenset[str]] = {"amp": frozenset(), "outputtype": frozenset({"amp"})}

#: Host prefixes of the mobile and AMP editions of a site; like ``www.`` they fold onto the
#: registered domain, so all editions of one article share one canonical host.
EDITION_HOST_PREFIXES = ("www.", "m.", "mobile.", "amp.")
