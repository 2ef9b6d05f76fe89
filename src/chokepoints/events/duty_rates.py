"""The rates a duty sets, told after it: each exporter's or product's rate in a sentence or a list item of its own.

"Tyson Foods and Keystone Foods face a rate of 50.3%, Pilgrim's Pride 53.4%", "AK Steel Corp. 7.8%; Allegheny Ludlum
Corp. 19.9%", "- stainless steel waste and scrap: 15%;": a trade-remedy notice or a client alert gives a duty's rates
after the sentence that tells it, and the annotation guide counts every rate the measure sets among its amounts
(docs/methods/events-passes.md, thirty-ninth pass: on the clean sets the amounts' recall 0.58 to 0.62).
"""

from __future__ import annotations

import re

from chokepoints.events.facts import Event, Fact

_PCT = r"\d[\d.,]*\s*(?:%|per\s*cent\b|percent\b)"
_PCT_RX = re.compile(_PCT, re.I)
# a rate told of an exporter or a product: "face a rate of", "will be charged", "range from", "AK Steel Corp. 7.8%;";
# `one`: forms that tell a rate even alone ("an 'all others' rate of 19.88%", a list's item "- copper scrap: 10%.")
_RATES_TOLD = re.compile(
    rf"(?P<one>\brates?\s+(?:of|at|in\s+force\s+(?:are|is))\s+{_PCT}|^\W*[-•*]\s[^:\n]{{3,160}}:\s*{_PCT}\s*[;.]?\s*$)|"
    rf"\b(?:fac(?:e|es|ed|ing)|pays?|paid|charged|assigned|given|received?|attracts?|carr(?:y|ies))\s+(?:an?\s+|the\s+)?"
    rf"(?:[\w\-\"“”]+\s+){{0,3}}?{_PCT}|\b(?:range|ranging)\s+from\s+{_PCT}|\b[A-Z][\w.&\-]*\s+{_PCT}\s*;|"
    # "found dumping margins between 2.9 per cent and 45.1 per cent", "with rates rising from 16% to 28%", "The
    # minimum mining tax will be 1% of the value ... and 4% on the value above"
    rf"\b(?:margins?|rates?)\s+(?:of\s+)?between\s+{_PCT}|\b(?:ris(?:e|es|ing)|climb(?:s|ing)?)\s+from\s+{_PCT}\s+to\b|"
    rf"\bwill\s+be\s+{_PCT}", re.M)
# the rates a case had before, or that stand now beside the news ("the rest face 35%", "have paid 25% since April")
_EARLIER = re.compile(r"\b(?:had|earlier|previous(?:ly)?|initially|originally|than|prior|currently|already|since|"
                      r"still)\b", re.I)
# a charge on mining told as a strategy (annotation guide: a royalty or a mining tax), whose rates a list may give
_FISCAL = re.compile(r"royalt|\btax|\blev(?:y|ies)\b|\bdut(?:y|ies)\b", re.I)
_IMPOSES = re.compile(r"\b(?:appl(?:y|ies|ied)|impos(?:e|es|ed)|introduc(?:e|es|ed)|levy|levies|levied|new)\b", re.I)


def add_rates(events: list[Event], text: str, ix, lo: int, hi: int) -> bool:
    """Whether text[lo:hi] gives the rates of a duty told just before (`_holder`), and if so adds them to it: only its
    rates, for the countries it names are exceptions or the rates' exporters ("UK goods pay 10%; combined rate for EU
    and Japanese goods capped at 15%"), not more targets of the duty."""
    if not ix.may_hold("percent", lo, hi):
        return False  # (most sentences: no rate at all, nothing more to read)
    found = _holder(events, text, ix, lo, hi)
    if found is None:
        return False
    holder, mags = found
    holder.magnitude += Fact.amounts(mags, lo)
    return True


def _holder(events: list[Event], text: str, ix, lo: int, hi: int) -> tuple[Event, list] | None:
    """"Tyson Foods and Keystone Foods face a rate of 50.3%, Pilgrim's Pride 53.4%", "- stainless steel waste and
    scrap: 15%;": a sentence without a trigger that gives the rates of a duty told just before (within 400
    characters of its trigger or of its last rate read, so that a list's tenth item is as near as its first), each
    exporter's or product's; of the last three duties, the one whose targets the sentence names most ("the rates in
    force are 265.8% for China, 71.35% for Japan"), else the last. Not the rates a case had before ("the deposits set
    in the preliminary ruling, when the ministry had put margins at 43.1% to 80.5%")."""
    told = _RATES_TOLD.search(text, lo, hi)
    if told is None or _EARLIER.search(text, lo, hi) or not (
            len(_PCT_RX.findall(text, lo, hi)) > 1 or (told.group("one") and not _IMPOSES.search(text, lo, hi))) or \
            not (mags := ix.magnitudes(lo, hi)):
        # one rate paid or applied is a duty of its own ("Imported buses will pay 10% from the same date"; "From
        # today, the partner states apply a new top rate of 35%", the body's telling of a headline's tariff)
        return None
    near = [e for e in events[-3:] if (e.kind == "tariff" or (e.kind == "export_control" and e.subkind == "tax") or
                                       (e.kind == "strategy" and _FISCAL.search(e.trigger.text)))
            and max([e.span[1]] + [f.end for f in e.magnitude]) >= lo - 400]
    named = {p.value for p in ix.places(lo, hi)}
    best = max(reversed(near), key=lambda e: len(named & set(e.values("targets"))), default=None)
    return (best, mags) if best is not None else None
