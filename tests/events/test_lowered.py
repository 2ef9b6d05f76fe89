"""`lowered.Lowered` finds exactly what the case-insensitive pattern finds, on every trigger pattern."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chokepoints.events.lowered import Lowered, grouped, lower_pattern
from chokepoints.events.trigger_patterns import LOWERED_RX, TRIGGER_RX

TEXTS = Path(__file__).parent / "texts"


def test_lower_pattern_keeps_escapes():
    assert lower_pattern(r"\bUS\$\S+\W[A-Z]") == r"\bus\$\S+\W[a-z]"


def test_a_pattern_that_reads_case_keeps_it():
    rx = Lowered(r"\bban\b|(?-i:[A-Z]\w+)\s+Act\b")
    text = "The Mining act and the Critical Minerals Act; a BAN."
    assert list(rx.spans(text, text.lower())) == [m.span() for m in re.finditer(
        r"\bban\b|(?-i:[A-Z]\w+)\s+Act\b", text, re.I)]


def test_where_both_parts_match_at_one_place_the_pattern_order_wins():
    pattern = r"(?-i:[A-Z]\w+)\s+act|mining\s+act\s+now"
    text = "The Mining act now applies."
    assert list(Lowered(pattern).spans(text, text.lower())) == [m.span() for m in re.finditer(pattern, text, re.I)]


@pytest.fixture(scope="module")
def texts():
    return [p.read_text(encoding="utf-8") for p in sorted(TEXTS.rglob("*.txt"))[::6]]


@pytest.mark.parametrize("i", range(len(TRIGGER_RX)))
def test_every_trigger_pattern_matches_as_before_on_the_test_texts(i, texts):
    rx, lowered = TRIGGER_RX[i][2], LOWERED_RX[i]
    assert len(texts) > 300
    for text in texts:
        if len(text.lower()) == len(text):
            assert list(lowered.spans(text, text.lower())) == [m.span() for m in rx.finditer(text)]


WORDS = ["China", "BANS", "exports", "of", "Gallium", "the", "Mining", "Act", "U.S.", "tariff", "25%", "plant",
         "halted", "Minerals", "Strategy", "signed", "MoU", "with", "Japan", "'s", "curbs", ",", "."]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=30))
def test_random_word_strings_match_as_the_pattern_does(words):
    text = " ".join(words)
    for (_k, _s, rx), lowered in zip(TRIGGER_RX, LOWERED_RX, strict=True):
        assert list(lowered.spans(text, text.lower())) == [m.span() for m in rx.finditer(text)]


def test_branches_that_begin_at_a_word_boundary_share_it():
    parts = [r"\bban\b", r"\bcurbs?", r"(?<!no )quota", r"\bduty"]
    assert grouped(parts) == r"\b(?:ban\b|curbs?)|(?<!no )quota|\b(?:duty)"
    text = "a ban, curbs, no quota, a quota and a duty; abandon"
    flat = re.compile("|".join(parts))
    assert [m.span() for m in re.finditer(grouped(parts), text)] == [m.span() for m in flat.finditer(text)]


def test_without_a_lower_cased_text_the_pattern_itself_runs():
    # (a text whose lower case is longer, "İ", has no lower-cased copy with the same offsets)
    text = "İstanbul: the Mining Act is now in force; a BAN on exports."
    for (_k, _s, rx), lowered in zip(TRIGGER_RX, LOWERED_RX, strict=True):
        assert list(lowered.spans(text, None)) == [m.span() for m in rx.finditer(text)]
