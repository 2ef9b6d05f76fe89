"""Draft scenario TOML (docs/scenarios.md) for a new export control or tariff, for an analyst to review.

Numbers the text does not give are placeholders and say so in a comment: an export control's intensity comes from
its kind (ban 0.9, licence 0.5, quota 0.3, tax 0.2), its duration from the text or 12 months; the chain is the
built-in chain that holds most of the event's materials, and only the event's HS codes that a stage of that chain holds
are shocked. An export control on no product of a built-in chain's stages gets no draft (a scenario cannot run without
them), nor does a tariff without a rate, nor any event whose actor the
text does not name (a draft never guesses who acts). A draft rests on the values the rules read for the event, not on
those the neighbours' model adopted from other sentences (`Event.adopted`: a material of a list of exemptions told
after a tariff would become its product); the draft names them as unsure. Every draft says what it is unsure of: in
the measure's `note` (export controls), in the description, and in `# REVIEW` comments; `year` is left out so each
stage uses its latest trade year.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections import Counter

from chokepoints.events import gazetteer as gz
from chokepoints.events.extract import Event

INTENSITY = {"ban": 0.9, "licence": 0.5, "quota": 0.3, "tax": 0.2}
UNLIKELY = 0.5  # a confidence under this: the model finds the event more likely wrong than right
MEASURE_KIND = {"ban": "export_ban", "licence": "export_licence", "quota": "export_quota", "tax": "export_tax"}


def _q(v) -> str:
    """A TOML value: strings as basic strings (JSON escapes are valid TOML), lists of them, numbers."""
    if isinstance(v, list):
        return "[" + ", ".join(_q(x) for x in v) + "]"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int | float):
        return repr(v)
    return json.dumps(str(v), ensure_ascii=False)


def _month(value: str | None) -> str | None:
    return value[:7] if value and re.match(r"\d{4}-\d{2}", value) else None


def chain_of(ev: Event) -> str | None:
    counts = Counter(c for m in ev.values("materials") for c in gz.material_chains(m)[:1])
    return counts.most_common(1)[0][0] if counts else None


def chain_codes(ev: Event, name: str | None) -> list[str]:
    """The event's HS codes that a stage of chain `name` holds (a scenario shocks stages; manganese ore is a material
    of the battery chain's reference row but no stage of it, so a control on it cannot be simulated there)."""
    from chokepoints.reference.chains import chain

    if name is None:
        return []
    ch = chain(name)
    return [h for h in ev.hs if ch.stages_holding([h])]


def own(ev: Event) -> Event:
    """The event without the dates, amounts and materials the neighbours' model adopted (what a draft rests on)."""
    if not ev.adopted:
        return ev
    taken = {(name, f) for name, f, _p in ev.adopted}
    return dataclasses.replace(ev, materials=[f for f in ev.materials if ("materials", f) not in taken],
                               dates=[f for f in ev.dates if ("dates", f) not in taken],
                               magnitude=[f for f in ev.magnitude if ("magnitude", f) not in taken])


def draftable(ev: Event) -> bool:
    """New export controls on a material of a built-in chain (a scenario needs its chain), and new tariffs whose
    rate the text gives (a scenario needs the rate) on named countries or materials (or "all countries"); not an
    event the confidence model finds more likely wrong than right (`UNLIKELY`), nor one the sentence classifier read
    or gave its kind (`events.detect`): they are stored, with their confidence, but a draft would ask a reader to act
    on them."""
    ev = own(ev)
    # a control of technology (know-how, equipment) cuts no material supply: no shock to draft
    if ev.status != "new" or ev.subkind in ("suspension", "investigation", "import_ban", "import_licence", "threatened",
                                            "technology"):
        return False
    if not ev.actors or "ALL" in ev.values("actors") or _unlikely(ev) or ev.read_by != "rules":
        return False
    if ev.kind == "tariff":  # a tariff on every good from everyone is almost never the news: it needs a scope
        return _rate(ev) is not None and bool(ev.targets or ev.materials)
    return ev.kind == "export_control" and bool(chain_codes(ev, chain_of(ev)))


_ONE = {"dates": "date", "materials": "material", "magnitude": "amount"}  # (what one value of a field is called)


def _unlikely(ev: Event) -> bool:
    return ev.confidence is not None and ev.confidence < UNLIKELY


def _rate(ev: Event) -> float | None:
    return next((f.value[0] for f in ev.magnitude if f.value[1] == "%" and f.role not in ("previous", "share")), None)


def scenario_toml(ev: Event, *, name: str, source: str, article_date: str | None) -> str:
    """The TOML text of a draft scenario for one event (export control or tariff)."""
    unsure = [f"the {_ONE[name]} {f.text!r} is told in another sentence than the measure and is left out"
              for name, f, _p in ev.adopted]
    ev = own(ev)
    actor = ev.values("actors")[0]
    targets = [t for t in ev.values("targets") if t != actor] or ["ALL"]
    if _unlikely(ev):
        unsure.append(f"the model fitted on annotated news gives this event a confidence of only {ev.confidence:.2f}")
    if len(ev.values("actors")) > 1:
        unsure.append(f"the text names several actors ({', '.join(ev.values('actors'))}); {actor} was taken")
    if not ev.values("targets"):
        unsure.append("no destination named: targets = ALL")
    start = ev.date("effective", "announced", "deadline") or article_date
    what = ", ".join(ev.values("materials")) or "goods"
    title = f"{actor} {ev.kind.replace('_', ' ')} ({ev.subkind or 'draft'}) on {what}"
    quotes = "; ".join(f"{f.text!r}" for f in [ev.trigger, *ev.actors, *ev.targets, *ev.magnitude, *ev.dates])
    lines = [
        "# DRAFT written by `chokepoints events watch` from a news text: it needs review before it is used.",
        f"# Evidence: {quotes}"[:400],
        f"name = {_q(name)}",
        f"title = {_q(title)}",
        "DESCRIPTION",
        f"sources = [{_q(source)}]",
    ]
    chain = chain_of(ev)
    if ev.kind == "export_control":
        lines.append(f"chain = {_q(chain)}")
    lines += ['alliance = "EU27+JPN"']
    if _month(start):
        lines.append(f"start = {_q(_month(start))}")
    lines += ["horizon_months = 24", "", "[[measures]]"]
    if ev.kind == "export_control":
        kind = MEASURE_KIND.get(ev.subkind, "export_licence")
        if kind == "export_ban" and any(gz.material_hs(m) and "ore" in f.text.lower() for m in ev.values("materials")
                                        for f in ev.materials):
            kind = "ore_export_ban"
        months = next((f.value[0] for f in ev.magnitude if f.value[1] == "months"), None)
        lines += [f"kind = {_q(kind)}", f"actor = {_q(actor)}", f"targets = {_q(targets)}"]
        codes = chain_codes(ev, chain)
        if set(codes) != set(ev.hs):
            unsure.append(f"only the codes of {chain}'s stages are shocked ({', '.join(codes)}); the text's other "
                          f"products ({', '.join(sorted(set(ev.hs) - set(codes)))}) are no stage of it")
        lines.append(f"hs = {_q(codes)}" if codes else '# hs = [...]  # REVIEW: no material the reference knows')
        placeholder = f"# REVIEW: placeholder for a {ev.subkind or 'control'}"
        unsure.append(f"intensity {INTENSITY.get(ev.subkind, 0.5)} is a placeholder for a {ev.subkind or 'control'}")
        if not months:
            unsure.append("no duration in the text: 12 months assumed")
        if not _month(start):
            unsure.append("no start date in the text")
        lines += [f"intensity = {INTENSITY.get(ev.subkind, 0.5)}  {placeholder}",
                  "start_month = 0",
                  f"duration_months = {int(months) if months else 12}"
                  + ("" if months else "  # REVIEW: the text gives no duration"),
                  f"profile = {_q('licence' if kind == 'export_licence' else 'step')}",
                  "NOTE"]
    else:
        rate = _rate(ev)
        lines += ['kind = "import_tariff"', f"actor = {_q(actor)}", f"targets = {_q(targets)}",
                  f"hs = {_q(ev.hs or ['all'])}"]
        if not ev.hs:
            unsure.append("no product named: every product loaded (hs = all)")
        lines.append(f"rate = {rate / 100:g}" if rate is not None else "# rate = 0.25  # REVIEW: no rate in the text")
        eff = ev.date("effective", "deadline") or start
        if eff and re.match(r"\d{4}-\d{2}", eff):
            lines.append(f"start = {_q(eff if len(eff) == 10 else eff[:7] + '-01')}")
    note = "Unsure: " + "; ".join(unsure) + "." if unsure else "Check actor, targets, products and dates."
    desc = f"Drafted from news text; needs review. {note}"
    lines = [_q(desc).join(("description = ", "")) if ln == "DESCRIPTION" else
             f"note = {_q(note)}" if ln == "NOTE" else ln for ln in lines]
    return "\n".join(lines) + "\n"
