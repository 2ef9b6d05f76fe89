"""The sentence classifier (events.detect): its words, its fit on a hand-made case, its folds, and that the shipped
weights are what the annotated texts give (what the extractor asks of it: test_readings.py)."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest
from fitted_sets import FITTED_ON, LIGHT, TEXTS

from chokepoints.events import detect
from chokepoints.events import gazetteer as gz
from chokepoints.events.logistic import logistic_weights


def _words(text: str) -> list[str]:
    return detect.sentence_words(text, 0, len(text), gz.TextIndex(text))


def test_places_materials_and_numbers_are_placeholders_so_wording_is_what_is_learned():
    a = _words("Hungary bans wheat exports from 15 September.")
    b = _words("Russia bans nickel exports from 1 January.")
    assert a[:6] == ["zplace", "bans", "wheat", "export", "from", "znum"]  # ("bans": too short to cut)
    assert b[:6] == ["zplace", "bans", "zmat", "export", "from", "znum"]
    assert "zplace_bans" in a and "bans_zmat" in b  # pairs of stems
    assert _words("The US-China talks") == ["the", "zplace", "zplace", "talk", "the_zplace", "zplace_zplace",
                                            "zplace_talk"]


def test_stems_pool_the_forms_of_a_word_but_leave_short_words_alone():
    assert {detect.stem(w) for w in ("halts", "halted", "halting", "halt")} == {"halt"}
    assert [detect.stem(w) for w in ("bus", "gas", "red", "us", "zplace")] == ["bus", "gas", "red", "us", "zplace"]


def test_the_sentence_before_is_read_as_context_marked_apart_from_the_sentence_itself():
    text = "Korea's free trade agreement with Israel entered into force. The Cambodia FTA took effect the same day."
    ix = gz.TextIndex(text)
    cut = text.index("The Cambodia")
    alone = detect.sentence_words(text, cut, len(text), ix)
    after = detect.sentence_words(text, cut, len(text), ix, (0, cut))
    assert after[: len(alone)] == alone
    assert after[len(alone):] == ["p:" + w for w in detect.words(text, 0, cut, ix)]
    assert "p:forc" not in after and "p:force" in after  # (the words before are not cut to stems)
    # a whole text's features, each sentence's words read once, are each sentence's own
    spans = [(0, cut), (cut, len(text))]
    # and the sentence after it, marked "n:" (a decision is followed by its terms)
    first = detect.sentence_words(text, 0, cut, ix, after=(cut, len(text)))
    second = detect.words(text, cut, len(text), ix)
    assert first[-len(second):] == ["n:" + w for w in second]
    assert detect.sentence_features(text, spans, [0, 1], ix) == [first, after]


def test_dates_are_read_as_how_recent_they_are_against_the_publication_date():
    text = "Indonesia banned nickel ore exports on 3 December 2026, after a first ban in January 2014."
    ix = gz.TextIndex(text, date(2026, 12, 5))
    assert detect.dated(text, 0, len(text), ix) == ["zd:old", "zd:old_m", "zd:recent", "zd:recent_d"]
    assert detect.dated(text, 0, len(text), gz.TextIndex(text)) == []  # (no publication date: no recency)
    ahead = "The quota takes effect in March 2027 and lapses in 2029."
    assert detect.dated(ahead, 0, len(ahead), gz.TextIndex(ahead, date(2026, 12, 5))) == \
        ["zd:nextyear", "zd:soon", "zd:soon_m"]
    # the words of the sentence, not of its context
    words = detect.sentence_words(text, 0, len(text), ix)
    assert "zd:recent" in words and "p:zd:recent" not in words


def _toy() -> detect.Detector:
    """A vocabulary of three words, fitted on sentences where "halted" always tells an event and "weather" never."""
    words = [["plant", "halted"], ["halted", "line"], ["weather", "fine"], ["weather", "plant"]] * 10
    told = np.array([1.0, 1.0, 0.0, 0.0] * 10)
    vocab = ("halted", "plant", "weather")
    blank = detect.Detector(vocab, np.zeros(4), np.zeros((len(detect.KINDS), 4)))
    m = blank.matrix(words)
    assert m.shape == (40, 4) and m[0].toarray().tolist() == [[1.0, 1.0, 0.0, 1.0]]  # (unknown "line" dropped)
    return detect.Detector(vocab, logistic_weights(m, told, 0.1), np.zeros((len(detect.KINDS), 4)))


def test_a_word_that_always_tells_an_event_makes_a_sentence_likely_and_its_absence_unlikely():
    p, kinds, kind_p = _toy().read([["halted"], ["weather"], ["plant"]])
    assert p[0] > 0.9 and p[1] < 0.1
    assert p[1] < p[2] < p[0]  # a word seen on both sides tells nothing either way
    # (no kind weights: every kind as likely, and the kinds' probabilities add up to one)
    assert kinds == [detect.KINDS[0]] * 3 and np.allclose(kind_p, 1 / len(detect.KINDS))


def test_the_kinds_share_one_normalisation():
    det = _toy()
    kinds = np.zeros_like(det.kinds)
    kinds[1, 0] = 2.0  # "halted" speaks for the second kind
    sure = detect.Detector(det.vocab, det.event, kinds)
    log_p = sure.kind_log_p(sure.matrix([["halted"], ["plant"]]))
    assert np.allclose(np.exp(log_p).sum(axis=1), 1.0)
    others = len(detect.KINDS) - 1
    assert np.exp(log_p[0, 1]) == pytest.approx(np.e ** 2 / (np.e ** 2 + others))
    _p, kinds_read, kind_p = sure.read([["halted"]])
    assert kinds_read == [detect.KINDS[1]] and kind_p[0] == pytest.approx(np.e ** 2 / (np.e ** 2 + others))
    # the same evidence for every kind moves none of them
    assert np.allclose(detect.Detector(det.vocab, det.event, kinds + 5.0).kind_log_p(sure.matrix([["halted"]])),
                       log_p[:1])


def test_the_fitted_weights_round_trip_through_the_file(tmp_path):
    det = _toy()
    det.save(tmp_path / "d.npz")
    back = detect.Detector.load(tmp_path / "d.npz")
    assert back.vocab == det.vocab and back.kind_names == det.kind_names and back.threshold == det.threshold
    assert np.allclose(back.event, det.event, atol=1e-6)


def test_each_folder_is_viewed_by_a_classifier_that_never_saw_it():
    folders = [TEXTS / "heldout16", TEXTS / "heldout17"]
    fits = detect.out_of_fold(folders)
    assert fits[folders[0]].about["fitted_on"] == ["heldout17"]
    assert fits[folders[1]].about["fitted_on"] == ["heldout16"]


def test_lightly_annotated_texts_join_every_fold_and_are_never_one(tmp_path):
    light = tmp_path / "l0"
    light.mkdir()
    (light / "l0_item.txt").write_text("TOKYO, May 2 - Japan tightened export licences on fluorinated polyimide on "
                                       "Monday. Shares of chipmakers fell.", encoding="utf-8")
    (light / "l0_item.json").write_text('{"date": "2019-05-02", "events": [{"anchor": "tightened export licences", '
                                        '"kind": "export_control"}]}', encoding="utf-8")
    d = detect.labelled_sentences(light)
    assert d.told.tolist() == [1.0, 0.0] and d.kinds == ["export_control", None]
    folders = [TEXTS / "heldout16", TEXTS / "heldout17"]
    fits = detect.out_of_fold(folders, light=[light])
    assert sorted(fits) == folders  # (a light batch is no fold: the confidence model never weighs its texts)
    assert fits[folders[0]].about["fitted_on"] == ["heldout17", "l0"]
    assert detect.fit_detector(folders, light=[light]).about["fitted_on"] == ["heldout16", "heldout17", "l0"]


def test_shipped_detector_is_what_the_annotated_texts_give():
    det = detect.fit_detector(FITTED_ON, light=LIGHT)
    shipped = detect.shipped()
    assert shipped.vocab == det.vocab and shipped.about == det.about
    assert np.allclose(shipped.event, det.event, atol=1e-4)
    assert np.allclose(shipped.kinds, det.kinds, atol=1e-4)
