"""The brief's renderers: PDF through the `typst` wheel, self-contained HTML through Jinja2; whole file or nothing."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from chokepoints.errors import ChokepointsError, InputError
from chokepoints.report.brief.content import Brief
from chokepoints.report.brief.figures import draw_figures

TEMPLATES = Path(__file__).parent.parent / "templates"
SUFFIXES = (".pdf", ".html")


def to_html(brief: Brief) -> str:
    """The brief as one self-contained HTML page: figures inline as SVG, styles inline, no request to any host."""
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=jinja2.select_autoescape(
        ["html", "j2"]), trim_blocks=True, lstrip_blocks=True)
    with tempfile.TemporaryDirectory(prefix="chokepoints-brief-") as tmp:
        svgs = {name: _inline_svg(path.read_text()) for name, path in draw_figures(brief, Path(tmp)).items()}
    return env.get_template("brief.html.j2").render(b=brief, svgs=svgs)


def _inline_svg(text: str) -> str:
    """An SVG file's <svg> element, without the XML prolog and DOCTYPE (whose URL a browser never fetches, but a
    reader of the page might think it does)."""
    start = text.find("<svg")
    return text[start:] if start >= 0 else ""


def to_pdf(brief: Brief) -> bytes:
    """The brief as a two-page A4 PDF, typeset by the `typst` wheel from templates/brief.typ."""
    import typst

    with tempfile.TemporaryDirectory(prefix="chokepoints-brief-") as tmp:
        tmp = Path(tmp)
        figs = draw_figures(brief, tmp)
        doc = brief.to_dict()
        doc.pop("numbers")  # raw floats (inf for a censored time): the template shows the formatted cells only
        doc["figure_files"] = {name: path.name for name, path in figs.items()}
        (tmp / "brief.json").write_text(json.dumps(doc, default=str))
        (tmp / "brief.typ").write_text((TEMPLATES / "brief.typ").read_text())
        try:
            return typst.compile(str(tmp / "brief.typ"), root=str(tmp), format="pdf", font_paths=[_font_dir()],
                                 ignore_system_fonts=True)
        except typst.TypstError as e:  # a template fault, not a user's: say where
            raise ChokepointsError(f"typesetting the brief failed (templates/brief.typ): {e}") from None


def _font_dir() -> str:
    """matplotlib's bundled DejaVu fonts: the same face in the figures and the PDF, on every machine."""
    import matplotlib

    return str(Path(matplotlib.get_data_path()) / "fonts" / "ttf")


def write_brief(brief: Brief, path: str | Path) -> Path:
    """Write `brief` to `path`: .pdf (typst) or .html (self-contained), whole file or nothing."""
    path = Path(path)
    check_out(path)
    data = to_pdf(brief) if path.suffix.lower() == ".pdf" else to_html(brief).encode()
    tmp = path.with_name(path.name + ".partial")
    tmp.write_bytes(data)
    tmp.replace(path)
    return path


def check_out(path: str | Path) -> Path:
    """An output path the brief can be written to: .pdf or .html, in a folder that exists (checked before the run)."""
    path = Path(path)
    if path.suffix.lower() not in SUFFIXES:
        raise InputError(f"the brief is written as .pdf or .html, not {path.name!r}", field="out")
    if not path.parent.is_dir():
        raise InputError("folder does not exist", file=path.parent, field="out",
                         hint="create it or choose another --out")
    return path
