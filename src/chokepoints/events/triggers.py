"""Trigger phrases: where a sentence names a trade-policy or supply event, and of which kind.

The patterns themselves, and their gate words, are data in `trigger_patterns.py`. Each pattern has *gate words*, one
of which lies inside any match of it (`TRIGGER_GATES`); the gates are run once over the lower-cased whole text and a
sentence tries only the patterns whose gate words it holds (a linear pass).
"""

from __future__ import annotations

import re

from chokepoints.events import gazetteer as gz
from chokepoints.events.gates import GateIndex
from chokepoints.events.trigger_patterns import LOWERED_RX, SUPPLY_AGREEMENT, TRIGGER_GATES, TRIGGER_RX

# Words that tell a fact as the cause or antecedent of another ("after", "in response to"): the roles, the clause
# splitter and the background test each read them in their own context, from this one list.
CAUSE_CUES = r"after|following|in\s+response\s+to|in\s+retaliation\s+for"
PROJECT_VERB = re.compile(r"\b(?:build|construct|fund|co-fund|financ|invest|develop|commission|secur|select|back|"
                          r"expand|launch|open|start|plan|approv|support|produc|capacity|output|stake|loan|equity|grant|subsid|"
                          r"first|nationali[sz]|won\b|wins?\b|receiv|buy|bought|acquir|sell|sold|award|finali[sz]|inaugurat|dedicat|contribut|gets\b|got\b|broke\s+ground|breaks\s+ground|"
                          r"ground[\s\-]?breaking)\w*", re.I)
# "denied any ban", "no plans to curb": no measure; but "will no longer approve export licences", "will not allow
# exports" are the measure itself
# ("communique No. 2025/10": a number, no negation; "would grant no new arms export licences": the measure)
NEGATION = re.compile(r"\b(?:(?<!grant\s)(?<!issue\s)(?<!approve\s)no(?!\.?\s*\d)|not|never|without|denied|"
                      r"den(?:y|ies)|unlikely|rule[sd]?\s+out|"
                      r"rumou?r\w*|speculat\w*|"
                      r"instead\s+of|reject(?:s|ed|ing)?|declin(?:e|es|ed|ing)\s+to)\b(?!\s+(?:\w+\s+)?(?:longer|allow|permit|approve|issue|grant|renew)\w*\b)"
                      r"[^,;]{0,40}$", re.I)
CONSIDERED = re.compile(r"\b(?:consider(?:s|ed|ing)?|weigh(?:s|ed|ing)?|mull(?:s|ed|ing)?|look(?:s|ed|ing)?\s+into|"
                        r"stud(?:y|ies|ied|ying)|preparing\s+to)\s+(?:(?:possible|potential|new|fresh|further|"
                        r"the|a|an|whether\s+to|imposing|introducing)\s+){0,3}$|"
                        # "Indonesia weighs earlier nickel ore export ban", "is considering whether to bring forward a
                        # ban": words of the measure between, none that starts another clause ("weighed on prices
                        # after China banned exports")
                        r"\b(?:consider(?:s|ing)?|weigh(?:s|ing)?|mull(?:s|ing)?)\s+(?:whether\s+to\s+)?(?:(?!(?:after|"
                        r"as|when|since|on|by|because|while|that|which|and|but|before|following|amid|with)\b)"
                        r"[\w\-]+\s+){0,4}$|"
                        # "press New Delhi to withdraw the 15% export duty", "keep up pressure over export duty",
                        # "lobbying to lift the ban": a measure pressed against, no news of its own
                        r"\b(?:press(?:es|ed|ing)?|lobb(?:y|ies|ied|ying)|urg(?:e|es|ed|ing))\s+(?:[\w\-]+\s+){0,3}?to\s+"
                        r"(?:(?:withdraw|scrap|lift|remove|drop|end|roll\s+back|abolish)\s+(?:the\s+|its\s+|a\s+)?"
                        r"(?:[\w%.\-]+\s+){0,3})?$|"
                        r"\bpressure\s+(?:over|on)\s+(?:the\s+|its\s+)?(?:[\w\-]+\s+){0,2}$", re.I)
THREAT = re.compile(r"\b(?:threat\w*|warn\w*|could|might|unless|if\s+no|weigh\w*|consider\w*)\b", re.I)
# "Talks on a free trade agreement between Australia and the EU broke down on Sunday", "failed to close a deal": the
# deal talked of was not made (annotation guide: a measure only considered is no event)
_TALKS_ON = re.compile(r"\b(?:talks|negotiations)\s+(?:on|for|over|towards?|about)\s+(?:a|an|the|their)?\s*"
                       r"(?:[\w\-]+\s+){0,4}$", re.I)
_TALKS_FAILED = re.compile(r"[^.;,]{0,160}?\b(?:broke\s+down|break\s+down|breaks\s+down|collapsed?|stalled|fell\s+"
                           r"apart|faltered|ended\s+without|(?:was|were|have\s+been|has\s+been)\s+(?:suspended|frozen|"
                           r"put\s+on\s+hold|halted))\b", re.I)
# ("concluded negotiations on a free trade agreement ..., which had stalled": the talks' end, news)
_TALKS_MADE = re.compile(r"\b(?:conclu\w+|relaunch\w*|launch\w*|wrap\w*\s+up|resum\w+|open\w*|start\w*|began|begin\w*|"
                         r"restart\w*|finish\w*|complet\w+|round\s+of)\s+(?:the\s+|their\s+|formal\s+|political\s+)*$",
                         re.I)
_FAILED_TO = re.compile(r"\b(?:failed|fail|fails|failing)\s+to\s+(?:(?:agree|reach|conclude|seal|sign|strike|clinch|"
                        r"finali[sz]e|close)\b[^.;]{0,80})?$", re.I)


def talks_failed(seg: str, s: int, e: int) -> bool:
    """Whether the deal named at seg[s:e] is one the parties failed to make: the talks on it broke down, or they
    failed to reach it (twenty-sixth pass: a collapse of Australia-EU talks was read as a trade agreement, its
    confidence 0.97)."""
    talks = _TALKS_ON.search(seg, max(0, s - 80), s)
    return bool(_FAILED_TO.search(seg, max(0, s - 100), s) or
                (talks and _TALKS_FAILED.match(seg, e) and not _TALKS_MADE.search(seg, max(0, talks.start() - 40),
                                                                                 talks.start())))


_DEAL_NOUN = re.compile(r"\b(?:agreements?|deals?|pacts?|accords?|treat(?:y|ies)|FTAs?|partnerships?)\b", re.I)


def deal_failed(sentence: str) -> bool:
    """Whether a sentence tells of a deal the parties failed to make (`talks_failed` at any deal it names): the
    sentence classifier, which reads the sentence the rules left silent, reads it as a pact too."""
    return any(talks_failed(sentence, m.start(), m.end()) for m in _DEAL_NOUN.finditer(sentence))


def trigger_hits(text: str) -> GateIndex:
    """The gate words of each trigger pattern (by its index) found once over the whole text, for `triggers` to skip
    the patterns that cannot match in a sentence (a linear pass instead of one per sentence and pattern)."""
    return GateIndex(text, dict(enumerate(TRIGGER_GATES)))


def triggers(text: str, lo: int, hi: int, ix: gz.TextIndex,
             hits: GateIndex | None = None) -> list[tuple[str, str, int, int]]:
    """The triggers of text[lo:hi] as (kind, subkind, start, end), leftmost first; earlier patterns win overlaps."""
    seg = text[lo:hi]
    low = hits.low[lo:hi] if hits is not None and hits.ok else None
    found: list[tuple[str, str, int, int]] = []
    for i, (kind, sub, _rx) in enumerate(TRIGGER_RX):
        if hits is not None and not hits.near(i, lo, hi):
            continue
        for ms, e in LOWERED_RX[i].spans(seg, low):
            said = seg[ms:e]  # (the words matched, from the original text: some tests read their case)
            s = ms + len(said) - len(said.lstrip())
            told, told_sub = kind, sub  # (what this match tells, where its words say more than its pattern)
            if any(lo + s < b and a < lo + e for _k, _s, a, b in found):
                continue
            if _not_news(seg, s, e, kind):
                continue
            if kind == "supply_disruption" and _IDLE_STATE.match(seg, s) and _DETERMINER.search(seg, max(0, s - 12), s):
                continue  # "Molycorp's idle processing plant": a plant's state, told as a description
            if kind == "supply_disruption" and _TOLD_TO_STOP_EXPORTS.match(seg, e):
                told, told_sub = "export_control", "ban"  # "the ministry told coal producers to stop shipments
                # abroad": a government stopping exports controls them (a halt of output is another thing)
            if kind == "export_control" and re.match(r"entity\s+list", said.lstrip(), re.I) and \
                    _FORCED_LABOUR.search(seg, max(0, s - 80), s):
                told, told_sub = "tariff", "import_ban"  # "added 37 China-based companies to the Uyghur Forced
                # Labor Prevention Act Entity List": its goods are stopped at the border, an import ban
            if kind == "supply_disruption" and _HOLIDAY.match(seg, e):
                continue  # "Shanghai remains shut for the Golden Week holiday": a market's calendar, no halt
            if kind == "supply_disruption" and _WARNED.search(seg, max(0, s - 40), s):
                told_sub = "threatened"  # "warned of output cuts if ...": a halt feared, reported as such
            if kind == "strategy" and _NAMED_PLAN.search(said) and (
                    _MENTION_BEFORE.search(seg, max(0, s - 40), s) or
                    not _PLAN_VERB.search(seg, max(0, s - 80), min(len(seg), e + 60))):
                continue  # "under the US Defense Production Act": a law named, not one made
            if kind == "strategy" and _NAMED_PLAN.search(said) and _MONEY_UNDER.match(seg, e):
                continue  # "a $29.9 million Defense Production Act Title III award to ElementUS": money a law pays
            if kind == "strategy" and said.strip() == "strategy" and _QUOTE_CLOSE.match(seg, e) and \
                    _QUOTE_OPEN.search(seg, max(0, s - 40), s):
                continue  # 'said the US "Indo-Pacific strategy" was about creating division': a label quoted
            if kind == "cooperation" and _PACT_TITLE.search(seg, max(0, s - 60), s) and seg[s:s + 1].isupper():
                continue  # "the Comprehensive and Progressive Agreement for Trans-Pacific Partnership": a pact's name
            if kind == "project" and (_DESCRIBED.match(seg, e) or _DESCRIBED_BEFORE.search(seg, max(0, s - 80), s)):
                continue  # "The plant at Skelleftehamn is Sweden's only base metals smelter": a site described
            if kind == "project" and _GENERIC.search(low or seg.lower(), s, e) and \
                    not _COUNTED.search(seg, max(0, s - 30), s):
                continue  # "mines, refineries and recycling plants", "new fabs": a kind of site, not one project
            if kind == "project" and _STATE.search(seg, max(0, s - 80), s):
                continue
            if kind == "project" and _MINES_VERB.match(seg, s):
                continue  # "Congo mines more than 70 per cent of the world's cobalt"
            if kind == "project" and not PROJECT_VERB.search(seg) and not _OWN_VERB.match(seg, s):
                continue  # (a site restarted or completed tells its own verb)
            hl = header(text, lo)
            if kind == "cooperation" and len({p.value for p in ix.places(lo, _members_end(text, hi)) + ix.places(*hl)
                                              if p.kind != "site"}) < 2 and not PARTNERS_COUNTED.search(seg) \
                    and not WITH_BLOC.search(seg) and not BOTH_PARTIES.search(seg) and not _SIGNED_WITH.search(seg):
                if not and_company(text, lo, lo + e, ix):
                    continue  # (its partners may be named in the sentences after: "Canada and six partners launched")
                # "Indonesia and LG Energy Solution have signed a memorandum ... covering a USD 9.8 billion
                # investment": a government's deal with a company is the company's project (annotation guide)
                told, told_sub = "project", ""
            if kind == "export_control" and sub == "licence" and not _EXPORTISH.search(seg) and not (
                    _OWN_CURBS.match(said.lstrip()) and ix.materials(lo + e, min(hi, lo + e + 80))):
                continue  # ("China's April curbs apply to seven rare earths": a control, though "export" is unsaid)
            if kind == "export_control" and sub == "ban" and _FIRM_SUBJECT.search(seg, 0, s) and \
                    not any(p.kind != "site" for p in ix.places(lo, lo + s)):
                told, told_sub = "supply_disruption", ""  # "Katanga Mining ... will suspend the export and sale
                # of cobalt": a company that stops its own sales halts supply; only a government controls exports
            if kind == "tariff" and sub == "" and _BARE_CHARGE.fullmatch(said.strip()) and \
                    not _IMPORTISH.search(seg) and any(k == "export_control" and t == "tax" for k, t, _a, _b in found):
                told, told_sub = "export_control", "tax"  # "raises export duties on rare earths, slaps 10% levy
                # on tin": the sentence's other charge is on exports, and this one names no import
            found.append((told, told_sub, lo + s, lo + e))
    for m in _CURBS_ON.finditer(seg):  # "curbs on rare earths": a control when a material follows
        s, e = m.span()
        # (found holds spans in the text; s, e are in the segment)
        if any(lo + s < b and a < lo + e for _k, _s, a, b in found) or _not_news(seg, s, e, "export_control"):
            continue
        mats = ix.materials(lo + e, min(hi, lo + e + 50))
        if mats and mats[0].start < lo + e + 25:
            found.append(("export_control", "licence", lo + s, lo + e))
    kinds = {k for k, *_ in found}
    restart = next((f[2] for f in found if f[0] == "project" and RESTARTED.match(text, f[2])), None)
    if restart is not None and _PLANNED.search(text, max(lo, restart - 40), restart) and \
            any(f[0] == "supply_disruption" and f[2] < restart for f in found):
        restart = None  # "is also shut but plans to resume production in April": the halt, and when it should end
    if restart is not None:
        # "has restarted its Kofu factory ..., almost ten years after the site stopped work": the halt after the
        # restart is its history, the restart the news
        found = [f for f in found if not (f[0] == "supply_disruption" and f[2] > restart)]
        kinds = {k for k, *_ in found}
    if kinds & {"supply_disruption", "new_source"}:  # "halted processing at its X mine", "the first shipment of
        # bauxite from its new mine in Guinea": the site, no project (but a restart told before a halt stays)
        found = [f for f in found if f[0] != "project" or (restart is not None and f[2] == restart)]
    if kinds & {"trade_agreement", "cooperation"}:
        # a deal's terms are no events of their own: "struck a deal under which US tariffs ... will be 15 per cent",
        # "pledging to invest $1bn in mining projects"
        # (a rate it averts is one: "a 15% tariff, averting a threatened rise to 30%")
        deal = min(f[2] for f in found if f[0] in ("trade_agreement", "cooperation"))
        terms = not re.search(r"\bavert\w*|" + THREAT.pattern, text[deal:hi], re.I)
        found = [f for f in found if not (terms and f[0] == "tariff" and f[1] == "" and f[2] > deal) and
                 not (f[0] == "project" and f[2] > deal)]
    return sorted(found, key=lambda t: t[2])


# a restart planned, not done ("plans to resume", "is expected to restart", "will reopen")
_PLANNED = re.compile(r"\b(?:plans?|planning|expects?|expected|aims?|hopes?|intends?|due|set)\s+to\s+$|\bwill\s+$",
                      re.I)


def considered(text: str, lo: int, hi: int) -> bool:
    """Whether text[lo:hi] tells a measure only considered ("Indonesia is considering whether to bring forward a ban
    on nickel ore exports"): a trigger of a measure after a verb of weighing (`CONSIDERED`). The sentence classifier's
    reading of such a sentence is no event either (annotation guide, "Pending, proposed, threatened")."""
    seg = text[lo:hi]
    return any(_weighed(seg, m.start()) for kind, _sub, rx in TRIGGER_RX
               if kind in ("export_control", "tariff", "strategy") for m in rx.finditer(seg))


def _weighed(seg: str, s: int) -> bool:
    """Whether a verb of weighing governs the trigger starting at seg[s] (`CONSIDERED`, within 50 characters)."""
    return bool(CONSIDERED.search(seg, max(0, s - 50), s))


def _not_news(seg: str, s: int, e: int, kind: str) -> bool:
    """Whether the trigger at seg[s:e] tells no event: denied ("denied any ban"), what would have happened ("a 50%
    levy would have landed"), or a measure only considered ("asked his government to look into possible
    restrictions on exports"; annotation guide, "Pending, proposed, threatened": a halt feared is still told)."""
    # ("voted to repeal the zoning law that would have opened the plateau to mining": what the law would have done,
    # not the repeal)
    return bool(NEGATION.search(seg[max(0, s - 60):s]) or (_COUNTERFACTUAL.match(seg, e) and
                                                            not _UNDONE.match(seg, s)) or
                (kind != "supply_disruption" and _weighed(seg, s)) or
                (kind in ("trade_agreement", "cooperation") and talks_failed(seg, s, e)))


# "the two governments signed", "both sides agreed": the parties were named before the sentence
# (setting.inherit takes them from there)
BOTH_PARTIES = re.compile(r"\b(?:(?:the\s+(?P<n>two|three|four|five|six)|both)\s+(?:governments|countries|nations|"
                          r"leaders|sides|delegations|ministers|presidents|prime\s+ministers|states|partners|economies)|"
                          r"the\s+delegations)\b", re.I)
PARTIES_COUNT = {"three": 3, "four": 4, "five": 5, "six": 6}
PARTNERS_COUNTED = re.compile(r"\b(?:and|with)\s+(?:\w+\s+)?(?:\d+|two|three|four|five|six|seven|eight|nine|ten|"
                               r"eleven|twelve|several|other)\s+(?:[\w\-]+\s+)?(?:partners|countries|nations|"
                               r"governments|allies|members)\b", re.I)
# "the ministry has also signed a cooperation memorandum with Natural Resources Canada": one party named, the other
# the story's (`setting.inherit` takes it)
_SIGNED_WITH = re.compile(r"\b(?:signed|signs|inked|concluded|sealed)\s+(?:[\w\-]+\s+){0,6}?(?:memorand\w+|MoU|"
                          r"agreement|pact|accord)\b[^.;]{0,80}?\bwith\b", re.I)
# a country and a company as the parties of a deal: "Indonesia and LG Energy Solution have signed", "The Government
# of Zimbabwe and Karo Resources signed"
AND_COMPANY = re.compile(r"(?-i:\b[A-Z][a-z]+\s+and\s+(?:[A-Z][\w&\-.]*\s+){0,4}(?:Ltd|Limited|Group|Corp|"
                          r"Corporation|Inc|Mining|Resources|Minerals|Metals|Materials|Energy|Solutions?|Chem\w*|"
                          r"Electronics|Motors?|Holdings|Industries|Company|plc|PLC|AG|SE))\b[^.;]{0,30}?\b"
                          r"(?:signed|signs|inked|concluded|sealed|agreed|entered)\b", re.I)
# "Zambia signed a similar memorandum with the bloc": a partner named before (the roles take the bloc just told)
WITH_BLOC = re.compile(r"\bwith\s+(the\s+bloc)\b", re.I)
# who a pact's or partnership's members are, told after it: "The other members are ...", "The signatories - ..."
MEMBERS = r"(?:members|partners|signatories|participants|parties)"
_MEMBERS = re.compile(rf"\s*(?:The|Its|Their)\s+(?:other\s+)?{MEMBERS}\b")


def and_company(text: str, lo: int, hi: int, ix: gz.TextIndex) -> bool:
    """Whether text[lo:hi] names a country and a company as a deal's parties (`AND_COMPANY`), the country a place of
    the gazetteer (a ministry "of Industry, Science, Energy and Resources" is no company)."""
    named = {p.start for p in ix.places(lo, hi) if p.kind == "name"}
    return any(m.start() in named for m in AND_COMPANY.finditer(text, lo, hi))


_HEADER_LINE = re.compile(r"[^\n.!?]{2,80}")


def header(text: str, lo: int) -> tuple[int, int]:
    """The span of a bulletin item's header on the line just above a sentence ("EU / ZAMBIA", "2) CHINA / SICHUAN -
    POWER RATIONING"): a short line in capitals without a full stop, whose places the item is about; (lo, lo) if
    none."""
    end = text.rfind("\n", max(0, lo - 90), lo)
    if end < 0:
        return lo, lo
    start = text.rfind("\n", max(0, end - 82), end) + 1
    if start == 0 and end > 82:  # no line break within reach: no short line above
        return lo, lo
    line = text[start:end]
    letters = [c for c in line if c.isalpha()]
    if not letters or sum(c.isupper() for c in letters) < 0.8 * len(letters) or not _HEADER_LINE.fullmatch(line):
        return lo, lo
    return start, end


def _members_end(text: str, hi: int) -> int:
    """Where the parties of a partnership may be named: its sentence, or the next when that lists the members
    ("... launched the Minerals Security Partnership. The other members are Australia, Canada, ...")."""
    if _MEMBERS.match(text, hi + 1 if text[hi:hi + 1] in ".!?" else hi):
        end = text.find(".", hi + 2, hi + 600)
        return end if end > 0 else min(len(text), hi + 600)
    return hi


# a site described by what it is ("is Sweden's only base metals smelter"), the words before or after its noun
_SUPERLATIVE = r"(?:only|largest|biggest|main|sole|oldest)"
_IS = r"(?:is|was|remains|are|were|remain)"
_DESCRIBED_BEFORE = re.compile(rf"\b{_IS}\s+(?:[\w\-'’]+\s+){{0,4}}{_SUPERLATIVE}\s+"
                               r"(?:[\w\-]+\s+){0,3}$")
_FIRM_SUBJECT = re.compile(r"(?-i:\b(?:Limited|Ltd|Inc|Corp|Corporation|plc|PLC|AG|SA|NV|LLC))\b|\b(?:the\s+)?"
                           r"(?:company|miner|producer|group|subsidiary|firm)\b", re.I)
_PACT_TITLE = re.compile(r"\b(?:Agreement|Trade|Economic)\b[\w \-]{0,40}$")
_DESCRIBED = re.compile(rf"(?:\s+(?:at|in)\s+[A-Z][\w\-]+)?\s+{_IS}\s+"
                        rf"(?:[\w\-'’]+\s+){{0,3}}{_SUPERLATIVE}\b")
# "so a 50% levy would have landed quickly on shelves": what did not happen
_COUNTERFACTUAL = re.compile(r"\s+(?:[\w\-]+\s+){0,3}(?:would|could|might)\s+have\s+\w+ed\b", re.I)
_UNDONE = re.compile(r"(?:repeal|overturn|annul)", re.I)
_QUOTE_CLOSE = re.compile(r"[\"”’']")
_QUOTE_OPEN = re.compile(r"[\"“‘'][^\"“”‘’']*$")
RESTARTED = re.compile(r"(?:restart|reopen|re-open|resum)", re.I)  # (a trigger that tells a restart)
# (a trigger that tells what became of a site, or what it is to do: "agreement to supply")
_OWN_VERB = re.compile(RESTARTED.pattern + r"|completion|" + SUPPLY_AGREEMENT, re.I)
_TOLD_TO_STOP_EXPORTS = re.compile(r"\s+(?:all\s+|their\s+|its\s+)?(?:exports|shipments\s+abroad|overseas\s+"
                                   r"(?:sales|shipments)|sales\s+abroad)\b", re.I)
_IDLE_STATE = re.compile(r"idle\s", re.I)
_HOLIDAY = re.compile(r"\s+(?:for|over|during)\s+(?:the\s+)?(?:[\w\-]+\s+){0,3}(?:holidays?|festival)\b", re.I)
_DETERMINER = re.compile(r"(?:['’]s|\b(?:the|an|its|their|an?\s+\w+))\s+$", re.I)
_WARNED = re.compile(r"\b(?:warn\w*\s+(?:of|that)|risk\w*|could|may|might|threaten\w*|fear\w*)\b[^.;]{0,30}$", re.I)
_OWN_CURBS = re.compile(r"(?:['’]s|its)\s+(?:\w+\s+){0,2}(?:curbs|restrictions|controls)$", re.I)
_NAMED_PLAN = re.compile(r"[A-Z][\w\-]*\s+(?:Act|Plan|Strategy|Programme|Program|Regulations)$")
# what a named law pays out or empowers ("Defense Production Act Title III award", "Inflation Reduction Act tax
# credits"): the law named as the money's source, not made
_MONEY_UNDER = re.compile(r"\s+(?:Title\s+[IVX]+\b|(?:tax\s+)?credits?\b|funds?\b|funding\b|awards?\b|grants?\b|"
                          r"loans?\b|money\b|financing\b|subsid(?:y|ies)\b|powers?\b|authority\b)")
# ("under the National Security and Investment Act": the law's name begun before the trigger's capitalised run)
_MENTION_BEFORE = re.compile(r"\b(?:under|of|in|by|to|from|with|on|like|as)\s+(?:the\s+|its\s+|a\s+)?"
                             r"(?:[\w\-'’]+\s+)?(?:(?-i:[A-Z][\w\-'’]*)\s+(?:(?:and|of|for|on|&)\s+)?){0,4}$", re.I)
_PLAN_VERB = re.compile(r"\b(?:sign|pass|adopt|approv|publish|unveil|launch|propos|tabl|present|announc|enact|releas|"
                        r"amends\b|amended\b|invok|made\s+public|promulgat|issu|finali[sz]|conclud|"
                        r"agree|endors|introduc|entered|enters|take[sn]?\s+effect|took\s+effect|came\s+into|"
                        r"comes\s+into|into\s+force|set\s+out|lays?\s+out)\w*", re.I)
_GENERIC = re.compile(r"(?:plants|mines|fabs|factories|facilities|refineries|smelters|hubs|projects|gigafactories)$")
_COUNTED = re.compile(r"(?:\b\d[\d,]*|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen|both)\b)"
                      r"\s+(?:[\w\-]+\s+){0,3}$", re.I)
# a site described, not an event: "Malaysia already hosts the largest plant", "has operated a facility since 2012"
_STATE = re.compile(r"\b(?:hosts?|has\s+(?:long\s+)?operated|operates|is\s+controlled|controls|owns?|runs?|is\s+run|"
                    r"is\s+home\s+to|accounts?\s+for|depend\s+on|depends\s+on)\b[^.;]{0,60}$", re.I)
_MINES_VERB = re.compile(r"mines\s+(?:more|about|roughly|around|nearly|almost|some|over|\d|a\s+(?:third|quarter|half)|"
                         r"the\s+(?:bulk|most))", re.I)
_BARE_CHARGE = re.compile(r"(?:levy|levies|dut(?:y|ies)\s+(?:on|of)|tax(?:es)?)", re.I)
_IMPORTISH = re.compile(r"\bimport|\bcustoms\b|\bsafeguard|\bdumping|\bcountervailing", re.I)
_EXPORTISH = re.compile(r"export|shipment|ship(?:ping)?\b|abroad|sold\s+to|control\s+list|dual[\s\-]use|entity\s+list|"
                        r"general\s+licen|blacklist|unverified\s+list|end[\s\-]user\s+list|white[\s\-]?list|trusted\s+(?:trading\s+)?"
                        # the US export rules' own words: "License Exception CIV", "military end users in China"
                        r"partners|licen[cs]e\s+exceptions?|end[\s\-]us(?:es|ers?)\b|destined\s+for|re-?exports?|"
                        # (the US export licensing office: "a licence from the U.S. Department of Commerce")
                        r"Commerce\s+Department|Department\s+of\s+Commerce|Bureau\s+of\s+Industry", re.I)
_CURBS_ON = re.compile(r"\b(?:curbs?|restrictions?|controls?)\s+on\b", re.I)
_FORCED_LABOUR = re.compile(r"\bforced\s+labou?r\b|\bUFLPA\b", re.I)

