"""Reading a news file: plain text or HTML in, checked English text out (with the article's date if it states one).

Evidence offsets are into the text this module returns: the file itself for plain text, the visible text (tags,
scripts and styles removed, entities decoded, blocks separated by blank lines) for HTML.
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
_STOP = frozenset("the of and to in a on for is said will its by with from that it as at was are has be have this "
                  "an which were would but not or after than".split())
_BLOCK = {"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "section", "article", "header",
          "footer", "blockquote", "title", "table", "ul", "ol"}
_SKIP = {"script", "style", "noscript", "template", "svg", "nav", "form", "button"}
_META_DATE = ("article:published_time", "og:published_time", "date", "pubdate", "publishdate", "dc.date",
              "dcterms.date", "datepublished", "article.published", "sailthru.date", "parsely-pub-date")


@dataclass
class Document:
    text: str
    date: date | None
    date_source: str  # "option", "meta", "text" or ""
    path: str = ""


class _Visible(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.meta_date: str | None = None

    def handle_starttag(self, tag, attrs):
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag in _SKIP:
            self.skip += 1
        elif tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key in _META_DATE and a.get("content") and not self.meta_date:
                self.meta_date = a["content"]
        elif tag == "time" and a.get("datetime") and not self.meta_date:
            self.meta_date = a["datetime"]
        if tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag in _SKIP and self.skip:
            self.skip -= 1
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
    if latin < 0.8 or (len(words) >= 12 and share < 0.08) or (len(words) < 12 and share == 0):
        raise InputError("the text does not look like English (the event monitor reads English news only)",
                         file=where, hint=f"{latin:.0%} Latin letters, {share:.0%} English function words")


def decode(raw: bytes, where: str) -> str:
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


def read_document(path: str | Path, *, article_date: date | None = None) -> Document:
    """Read, decode and check a news file; HTML is reduced to its visible text."""

    path = Path(path)
    where = str(path)
    if not path.is_file():
        raise InputError("file not found", file=where)
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise InputError(f"file is too large for a news article ({size / 1e6:.1f} MB > {MAX_BYTES / 1e6:.0f} MB)",
                         file=where, hint="split it into one file per article")
    return from_string(decode(path.read_bytes(), where), where=where, article_date=article_date)


def from_string(raw: str, *, where: str = "<text>", article_date: date | None = None) -> Document:
    from chokepoints.events.dates import article_date as stated_date

    meta = None
    text = raw
    if looks_like_html(raw):
        text, meta = html_to_text(raw)
    if not text.strip():
        raise InputError("no text to read", file=where)
    check_english(text, where)
    if article_date is not None:
        return Document(text, article_date, "option", where)
    if (d := parse_date(meta)) is not None:
        return Document(text, d, "meta", where)
    d, _span = stated_date(text)
    return Document(text, d, "text" if d else "", where)
