"""Alternations grouped by first character match exactly as the alternation itself (events/alternation.py)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from chokepoints.events.alternation import branches, by_first, grouped
from chokepoints.events.gazetteer import Gazetteer, find_materials, find_places
from chokepoints.events.trigger_patterns import TRIGGER_GATES


def test_branches_split_at_top_level_only():
    assert branches(r"a|b(?:c|d)|[|x]|\||e") == ["a", "b(?:c|d)", "[|x]", r"\|", "e"]
    assert branches(r"[]|]|y") == ["[]|]", "y"]  # a "]" first in a class is a literal
    assert branches(r"[^]|]|y") == ["[^]|]", "y"]


def test_by_first_groups_each_run_of_literal_branches_in_order():
    assert by_first(["halt", "stop", "hit", "shut"]) == "h(?:alt|it)|s(?:top|hut)"
    # a branch that does not begin with a literal ends the run: what comes after it stays after it
    assert by_first(["cut", r"\bcap", "curb"]) == r"cut|\bcap|curb"
    # an optional first character is no literal first character
    assert by_first(["s?hut", "stop"]) == "s?hut|stop"
    assert by_first(["%", "per\\s*cent", "p"]) == "%|p(?:er\\s*cent|)"


def test_grouped_leaves_case_insensitive_patterns_alone():
    rx = re.compile("halt|hit", re.I)
    assert grouped(rx) is rx
    assert grouped(re.compile("halt|hit")).pattern == "h(?:alt|it)"


WORDS = st.lists(st.text(alphabet="abc", min_size=1, max_size=3), min_size=1, max_size=8)


@settings(max_examples=300, deadline=None)
@given(WORDS, st.text(alphabet="abc ", max_size=40))
def test_by_first_finds_what_the_alternation_finds(words, text):
    """Leftmost-first: where two branches match at one place, the earlier one in the list still wins."""
    plain = [m.span() for m in re.finditer("|".join(words), text)]
    assert [m.span() for m in re.finditer(by_first(words), text)] == plain


def test_the_gate_words_match_the_same_spans_grouped():
    text = ("China halted exports of gallium, cut quotas and suspended licences; the plant's output dropped 40 "
            "per cent as the strike spread, and the ministry's strategy named 34 critical minerals. ") * 3
    for rx in TRIGGER_GATES:
        assert [m.span() for m in grouped(rx).finditer(text)] == [m.span() for m in rx.finditer(text)]


def test_the_gazetteers_find_each_name_longest_first_after_grouping():
    text = ("The United States and the UK-Japan partnership, Lithium Americas, non-US buyers, the Democratic "
            "Republic of the Congo, Korea-US talks, rare-earth magnets, heavy rare earths and NdFeB, cobalt-nickel "
            "ores, lithium-ion cells, Dy/Tb and gallium.")
    assert [(m.value, m.text) for m in find_places(text)] == [
        ("USA", "United States"), ("GBR", "UK"), ("JPN", "Japan"), ("COD", "Democratic Republic of the Congo"),
        ("KOR", "Korea"), ("USA", "US")]
    assert [m.value for m in find_materials(text)] == ["magnet", "hree", "nd", "cobalt", "nickel", "dy", "tb",
                                                       "gallium"]
    # within one capital the longer name still wins, an acronym is read as written, and a lower-case term can never
    # follow the capital lookahead (it is left out, as it could not match before)
    g = Gazetteer({"Korea": "KOR", "Korea Republic": "KOR2", "KR": "K3", "Kr": "x", "kor": "y"}, capitalised=True)
    assert [(m.value, m.text) for m in g.find("Korea Republic and KOREA, KR Kr kor Kor")] == [
        ("KOR2", "Korea Republic"), ("KOR", "KOREA"), ("K3", "KR"), ("x", "Kr")]
