"""Bad input gets one clear message (an InputError), never a traceback; HTML is read as its visible text."""

from __future__ import annotations

import pytest

from chokepoints.errors import InputError
from chokepoints.events import text as tx


@pytest.mark.parametrize("content, message", [
    (b"", "file is empty"),
    (b"  \n\n ", "file is empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary file"),
    ("Pékin a annoncé vendredi des licences pour les exportations de terres rares lourdes, avec effet immédiat, "
     "selon le ministère du commerce qui a publié une liste de sept éléments.".encode(), "does not look like English"),
    ("北京周五宣布对七种中重稀土实施出口管制，立即生效。".encode(), "does not look like English"),
    (b"<html><body><script>var x = 1;</script></body></html>", "no text to read"),
])
def test_bad_files_raise_a_clear_error(tmp_path, content, message):
    f = tmp_path / "news.txt"
    f.write_bytes(content)
    with pytest.raises(InputError, match=message) as e:
        tx.read_document(f)
    assert str(f) in str(e.value)


def test_a_very_large_file_is_refused_without_reading_it(tmp_path, monkeypatch):
    f = tmp_path / "dump.txt"
    f.write_text("China banned exports of gallium. " * 100)
    monkeypatch.setattr(tx, "MAX_BYTES", 1000)
    with pytest.raises(InputError, match="too large"):
        tx.read_document(f)


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="file not found"):
        tx.read_document(tmp_path / "nope.txt")


def test_html_visible_text_and_meta_date(tmp_path):
    f = tmp_path / "a.html"
    f.write_text('<html><head><meta property="article:published_time" content="2023-10-20T09:00:00Z">'
                 "<style>p{}</style></head><body><nav>Menu</nav><p>China&#8217;s ministry said so.</p>"
                 "<p>Second paragraph.</p></body></html>", encoding="utf-8")
    doc = tx.read_document(f)
    assert doc.text == "China’s ministry said so.\n\nSecond paragraph."
    assert doc.date.isoformat() == "2023-10-20" and doc.date_source == "meta"


def test_an_article_is_never_skipped_for_its_class_and_a_time_tag_dates_it(tmp_path):
    # (a newsletter's issue, marked up as <article class="newsletter">, was read as its title alone until the
    # fifteenth pass; and <time datetime> was never read)
    f = tmp_path / "b.html"
    f.write_text('<html><head><title>Weekly</title></head><body><div class="newsletter-signup">Sign up now</div>'
                 '<article class="newsletter"><time datetime="2026-02-06">6 February</time>'
                 "<p>Chile and the United States signed a minerals memorandum on Wednesday.</p></article>"
                 "</body></html>", encoding="utf-8")
    doc = tx.read_document(f)
    assert "Chile and the United States signed" in doc.text and "Sign up" not in doc.text
    assert doc.date.isoformat() == "2026-02-06" and doc.date_source == "meta"


@pytest.mark.parametrize("text, english", [
    ("WASHINGTON, Oct 7 (Trade Wire) - U.S., Japan sign limited trade agreement cutting tariffs on farm goods and "
     "industrial products, plus separate digital trade pact", True),  # a headline has few function words
    ("Mercosur and EFTA states sign free trade agreement in Rio de Janeiro", True),
    ("La Chine impose des licences pour sept terres rares a partir du mois prochain", False),
    ("Der Bundestag beschliesst neue Regeln fuer Exporte von Seltenen Erden und Gallium ab Januar", False),
])
def test_a_short_english_headline_is_read_and_a_short_foreign_one_refused(text, english):
    if english:
        tx.check_english(text, "news.txt")
    else:
        with pytest.raises(InputError, match="does not look like English"):
            tx.check_english(text, "news.txt")
