"""How a reader sees numbers, in the terminal, the brief and the dashboard alike: significant figures, counts, tonnes,
USD, shares, months (the brief's test formats the API's own numbers with these, so the PDF's text can be checked)."""

from __future__ import annotations

import math


def fmt_sig(v: float, digits: int = 3) -> str:
    """`v` to `digits` significant figures, no exponent: 1084953 -> '1,080,000', 32.548 -> '32.5', 0.9996 -> '1.00'."""
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "n/a"
    if v == 0:
        return "0"
    places = digits - 1 - math.floor(math.log10(abs(v)))
    if round(v, places) != 0 and abs(round(v, places)) >= 10 ** (digits - places):  # 0.9996 rounds up to 1.00
        places -= 1
    return f"{round(v, places):,.{max(places, 0)}f}"


def fmt_count(v: float) -> str:
    """A count of pieces (vehicles): '1.08 M', '314 k', '950'."""
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "n/a"
    a = abs(v)
    if a >= 999_500:
        return f"{fmt_sig(v / 1e6)} M"
    if a >= 999.5:
        return f"{fmt_sig(v / 1e3)} k"
    return f"{v:,.0f}"


def fmt_compact(v: float) -> str:
    """Any large number short: '32.3 bn', '1.08 M', '3,380', '0.42' (three significant figures; the unit is
    elsewhere, e.g. in a column of its own)."""
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "n/a"
    a = abs(v)
    for scale, unit in ((1e9, "bn"), (1e6, "M")):
        if a >= scale * 0.9995:
            return f"{fmt_sig(v / scale)} {unit}"
    if a < 1e-9:
        return "0"
    text = fmt_sig(v)
    return text.rstrip("0").rstrip(".") if "." in text else text  # 1.00 -> 1, 0.420 -> 0.42


def fmt_tonnes(v: float) -> str:
    """Tonnes: '5,430 t', '291 t', '0 t' (three significant figures)."""
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "n/a"
    return f"{fmt_sig(v) if abs(v) >= 0.5 else '0'} t"


def fmt_usd(v: float) -> str:
    """US dollars: 'USD 32.5 bn', 'USD 38.3 M', 'USD 512 k', 'USD 0'."""
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "not valued"
    a = abs(v)
    for scale, unit in ((1e9, "bn"), (1e6, "M"), (1e3, "k")):
        if a >= scale * 0.9995:
            return f"USD {fmt_sig(v / scale)} {unit}"
    return f"USD {v:,.0f}"


def fmt_share(v: float) -> str:
    """A share as a whole percentage: 0.6965 -> '70%'."""
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "n/a"
    return f"{v * 100:.0f}%"


def fmt_months(v: float, horizon: int) -> str:
    """Months to survive: '1', '1.5', or '> 24' for a time censored at the horizon (never reached)."""
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "n/a"
    if math.isinf(v):
        return f"> {horizon}"
    return f"{v:.0f}" if float(v).is_integer() else f"{v:.1f}"


def fmt_range(p50: float, p5: float, p95: float, f) -> str:
    """'1.03 M (283 k to 2.04 M)': the median and the 5th-95th percentile range, or the median alone if they agree."""
    mid, lo, hi = f(p50), f(p5), f(p95)
    return mid if lo == mid == hi else f"{mid} ({lo} to {hi})"


def months_word(text: str) -> str:
    return f"{text} month" if text == "1" else f"{text} months"
