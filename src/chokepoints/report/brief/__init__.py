"""The ministers' brief: two A4 pages for a 2+2 meeting, as PDF (the `typst` wheel) or self-contained HTML (Jinja2).

    b = build_brief(wh, alliance="EU27+JPN", scenario="cn-2025-rare-earths")   # computes everything (about 40 s)
    write_brief(b, "out/brief.pdf")                                             # or .html

`build_brief` calls the same methods a user calls (`wh.dependency`, `wh.simulate`, `wh.optimise`) and turns their
results into a `Brief`: the headline dependencies of the alliance along the chain, the scenario's losses and time to
survive per member and stage, the recommended (joint) portfolio and the value of the alliance, each table with its
source and year, and every figure that rests on an assumption, a proxy or missing data labelled so. The renderers
only lay it out: they compute nothing. Static figures are drawn with matplotlib (no browser); the templates are
`report/templates/brief.typ` and `report/templates/brief.html.j2`. Method: docs/brief.md.

    content.py   the Brief and build_brief (the API calls)
    figures.py   matplotlib figures
    render.py    PDF (typst) and HTML (Jinja2)
"""

from chokepoints.report.brief.content import Brief, Figure, Table, build_brief
from chokepoints.report.brief.figures import draw_figures
from chokepoints.report.brief.render import check_out, to_html, to_pdf, write_brief
from chokepoints.report.numbers import (
    fmt_count,
    fmt_months,
    fmt_range,
    fmt_share,
    fmt_sig,
    fmt_tonnes,
    fmt_usd,
)

__all__ = ["Brief", "Figure", "Table", "build_brief", "check_out", "draw_figures", "fmt_count", "fmt_months",
           "fmt_range", "fmt_share", "fmt_sig", "fmt_tonnes", "fmt_usd", "to_html", "to_pdf", "write_brief"]
