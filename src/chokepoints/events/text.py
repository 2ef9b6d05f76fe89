"""Reading a news file: plain text (UTF-8, UTF-16 with a BOM, cp1252), HTML or PDF in, checked English text out,
with the article's date: `--date`, else the HTML meta tag, else a date line or dateline in the text, else the
file's modification time (flagged `date_source = "mtime"`).

Evidence offsets are into the text this module returns: the file itself for plain text (boilerplate such as a
"Related" link list or a copyright footer is blanked with spaces, so offsets still hold), the visible text (tags,
scripts, styles, navigation, asides and footers removed, entities decoded, blocks separated by blank lines) for HTML,
and the text layer for PDF.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

from chokepoints.errors import InputError

MAX_BYTES = 5_000_000  # a news article is a few tens of kB; 5 MB is a dump, not an article
_HEADLINE = frozenset("export exports ban bans banned tariff tariffs curbs curb halts halt deal pact quota duty duties "
                      "plant mine project suspends lifts imposes limits restricts strategy plan launches signs agree "
                      "agrees minerals mineral metals partnership stake invests loan shuts cuts idles stops probe "
                      "levy surtax controls licences licenses refinery imports".split())
_STOP = frozenset("the of and to in a on for is said will its by with from that it as at was are has be have this "
                  "an which were would but not or after than".split())
# the commonest function words of the other languages news about these markets is written in: a short text with
# more of these than of English ones is not English ("La Chine impose des licences pour sept terres rares")
_FOREIGN = frozenset("le la les des du une et pour dans sur par est der das und für von mit ist el los las "
                     "del y para con por una em os da do dos que".split())
_BLOCK = {"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "section", "article", "header",
          "footer", "blockquote", "title", "table", "ul", "ol"}
_SKIP = {"script", "style", "noscript", "template", "svg", "nav", "form", "button", "aside", "footer", "figure",
         "iframe", "select"}
_SKIP_CLASS = re.compile(r"related|share|social|newsletter|promo|advert|footer|comment|recommend|read-?more|"
                         r"breadcrumb|cookie|subscribe", re.I)
# the page's article itself: never skipped for its class or id ("<article class='newsletter'>" is a newsletter's
# issue, not a sign-up box; until the fifteenth pass such a page was read as its title alone)
_ARTICLE = {"html", "body", "main", "article"}
_VOID = {"meta", "link", "img", "br", "hr", "input", "source", "wbr", "col", "area", "base", "embed", "param",
         "track"}
# the headings of a block of links; on a line of their own, or with the links after a colon on the same line
_LINK_HEADS = r"related(?:\s+(?:articles|stories|news|coverage))?|read\s+more|more\s+on\s+this(?:\s+story)?|see\s+also"
BOILER_HEAD = re.compile(rf"(?im)^[ \t]*(?:{_LINK_HEADS}|recommended|you\s+may\s+also\s+like|most\s+read|"
                         r"trending)[ \t]*:?[ \t]*$")
BOILER_LINE = re.compile(r"(?im)^[ \t]*(?:©|\(c\)|copyright\b|all\s+rights\s+reserved|reproduction\s+prohibited|"
                         r"sign\s+up\s+for|subscribe\s+to|follow\s+us|share\s+this|click\s+here|"
                         # links on the heading's own line ("Related: Why Kyushu became ... | Sony shares slide ...")
                         rf"(?:{_LINK_HEADS})[ \t]*:|"
                         # a digest's table of contents: each item's headline once more, as a list of topics
                         r"(?:in\s+this\s+(?:issue|edition)|inside|contents|today['’]s\s+topics|"
                         # "October in four items:", "This week in five stories:"
                         r"[\w'’ ]{2,20}\s+in\s+(?:\d+|two|three|four|five|six|seven|eight|nine|ten)\s+"
                         r"(?:items|stories|points|charts|headlines)"
                         r")[ \t]*:).*$")
_META_DATE = ("article:published_time", "og:published_time", "date", "pubdate", "publishdate", "dc.date",
              "dcterms.date", "datepublished", "article.published", "sailthru.date", "parsely-pub-date")


@dataclass
class Document:
    text: str
    date: date | None
    date_source: str  # "option", "meta", "text", "mtime" (the file's time: a guess) or ""
    path: str = ""


class _Visible(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.stack: list[bool] = []  # per open element: whether it started a skipped region
        self.meta_date: str | None = None

    def handle_starttag(self, tag, attrs):
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag not in _VOID:
            skipped = tag in _SKIP or (tag not in _ARTICLE and
                                       bool(_SKIP_CLASS.search(f"{a.get('class', '')} {a.get('id', '')}")))
            self.stack.append(skipped)
            self.skip += skipped
        if tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key in _META_DATE and a.get("content") and not self.meta_date:
                self.meta_date = a["content"]
        elif tag == "time" and a.get("datetime") and not self.meta_date and not self.skip:
            # (until the fifteenth pass this branch was never reached: <time> is not a void element)
            self.meta_date = a["datetime"]
        if tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag not in _VOID and self.stack:
            self.skip -= self.stack.pop()
        if tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def html_to_text(markup: str) -> tuple[str, str | None]:
    """Visible text of an HTML page (blocks separated by blank lines) and its published date if a meta tag has it."""
    p = _Visible()
    p.feed(markup)
    p.close()
    text = html.unescape("".join(p.parts))
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    text = re.sub(r" ?\n ?", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    return text, p.meta_date


def looks_like_html(raw: str) -> bool:
    return bool(re.search(r"<\s*(html|body|p|div|article|head|!doctype)\b", raw[:4000], re.I))


def check_english(text: str, where: str) -> None:
    """Raise InputError unless the text reads as English (Latin letters and common English function words)."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        raise InputError("no text to read (no letters)", file=where)
    latin = sum(c.isascii() for c in letters) / len(letters)
    words = re.findall(r"[a-z]+", text.lower())
    share = sum(w in _STOP for w in words) / max(len(words), 1)
    headline = len(words) < 12 and any(w in _HEADLINE for w in words)  # "China bans gallium exports"
    # a headline and a dateline are written without most function words ("U.S., Japan sign limited trade agreement
    # cutting tariffs on farm goods ..."): short texts need only some
    short = len(words) < 40
    foreign = sum(w in _FOREIGN for w in words) / max(len(words), 1)
    if latin < 0.8 or (not short and share < 0.08) or (short and share < 0.03 and not headline) or \
            (short and foreign > share):
        raise InputError("the text does not look like English (the event monitor reads English news only)",
                         file=where, hint=f"{latin:.0%} Latin letters, {share:.0%} English function words")


def decode(raw: bytes, where: str) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            raw = raw.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            raise InputError("file starts with a UTF-16 mark but does not decode as UTF-16", file=where) from None
    if not raw.strip():
        raise InputError("file is empty", file=where)
    head = raw[:8192]
    if b"\x00" in head or sum(b < 9 or 13 < b < 32 for b in head) > len(head) * 0.05:
        raise InputError("binary file, not text (the event monitor reads plain text or HTML news)", file=where)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def parse_date(value: str | None) -> date | None:
    m = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", value or "")
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def strip_boilerplate(text: str) -> str:
    """Blank (with spaces, keeping every offset) a "Related"/"Read more" block and copyright or sign-up lines."""
    chars = list(text)

    def blank(a: int, b: int) -> None:
        for i in range(a, b):
            if chars[i] not in "\n":
                chars[i] = " "

    for m in BOILER_HEAD.finditer(text):  # the heading and the short link lines under it, up to a prose paragraph
        end = m.end()
        for line in re.finditer(r"[^\n]*\n?", text[m.end():]):
            body = line.group(0).strip()
            if not line.group(0) or (len(body) > 150 or body.endswith((".", "!", "?", '"', "”"))):
                break
            end = m.end() + line.end()
        blank(m.start(), end)
    for m in BOILER_LINE.finditer(text):
        blank(m.start(), m.end())
    return "".join(chars)


def pdf_text(path: Path, where: str) -> str:
    """The text layer of a PDF, pages separated by blank lines (a scanned PDF has none: an InputError)."""
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError:  # pragma: no cover - pypdf is a dependency
        raise InputError("reading PDF needs pypdf (pip install pypdf)", file=where) from None
    try:
        pages = [p.extract_text() or "" for p in PdfReader(str(path)).pages]
    except (PdfReadError, ValueError, KeyError, OSError) as e:
        raise InputError(f"not a readable PDF ({e})", file=where) from None
    text = "\n\n".join(p.strip() for p in pages if p.strip())
    if not text.strip():
        raise InputError("the PDF has no text layer (a scan?): the event monitor reads text only", file=where)
    return text


def read_document(path: str | Path, *, article_date: date | None = None) -> Document:
    """Read, decode and check a news file; HTML is reduced to its visible text, PDF to its text layer. Without an
    article date in the file or `article_date`, the file's modification date is used and flagged ("mtime")."""

    path = Path(path)
    where = str(path)
    if not path.is_file():
        raise InputError("file not found", file=where)
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise InputError(f"file is too large for a news article ({size / 1e6:.1f} MB > {MAX_BYTES / 1e6:.0f} MB)",
                         file=where, hint="split it into one file per article")
    if path.suffix.lower() == ".pdf" or path.read_bytes()[:5] == b"%PDF-":
        doc = from_string(pdf_text(path, where), where=where, article_date=article_date)
    else:
        doc = from_string(decode(path.read_bytes(), where), where=where, article_date=article_date)
    if doc.date is None:
        doc.date = date.fromtimestamp(path.stat().st_mtime)
        doc.date_source = "mtime"
    return doc


def from_string(raw: str, *, where: str = "<text>", article_date: date | None = None) -> Document:
    from chokepoints.events.dates import article_date as stated_date

    meta = None
    text = raw
    if looks_like_html(raw):
        text, meta = html_to_text(raw)
    text = strip_boilerplate(text)
    if not text.strip():
        raise InputError("no text to read", file=where)
    check_english(text, where)
    if article_date is not None:
        return Document(text, article_date, "option", where)
    if (d := parse_date(meta)) is not None:
        return Document(text, d, "meta", where)
    d, _span = stated_date(text)
    return Document(text, d, "text" if d else "", where)
