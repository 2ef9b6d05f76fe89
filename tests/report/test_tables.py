"""Tables as a terminal shows them (`report.tables.render`)."""

from __future__ import annotations

import io

import pandas as pd

from chokepoints.report.tables import render


def test_square_brackets_in_a_cell_are_shown_not_read_as_markup():
    # the event monitor marks what its sentence classifier read in brackets: a reader must see it
    frame = pd.DataFrame({"kind": ["project (mining) [sentence classifier, the text's likeliest event]",
                                   "tariff [bold]"], "[note]": ["a", "b"]})
    stream = io.StringIO()
    render(frame, "table", title="Events", stream=stream)
    shown = " ".join(stream.getvalue().split())
    for text in ("[sentence", "likeliest event]", "tariff [bold]", "[note]"):
        assert text in shown
