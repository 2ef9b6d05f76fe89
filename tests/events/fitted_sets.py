"""Which annotated folders the event monitor's models are fitted on, and which are kept out as clean measures: one
list for the refit tests of the confidence model (test_train), the sentence classifier (test_detect) and the value
filter (test_values), so they cannot drift apart (docs/methods/events-passes.md, "Issue 14, eighteenth pass")."""

from pathlib import Path

TEXTS = Path(__file__).parent / "texts"
# the tuning texts and every held-out set already scored, but the clean ones below (heldout41/: export controls,
# written in the eighteenth pass as a tuning set and scored once before it was read; heldout18/ and heldout19/, the
# oldest clean sets, whose misses were read in the twentieth pass; heldout27/ and heldout30/ to heldout35/, read in
# the twenty-first; heldout36/ to heldout40/, read in the twenty-second; heldout52/ and heldout53/, whose false
# events were read in the twenty-third)
FITTED_ON = [TEXTS] + [TEXTS / f"heldout{n}" for n in ("", *range(6, 42), 52, 53)]
# kept out of every fit as clean measures: heldout42/ to heldout44/ (eighteenth), heldout45/ to heldout47/
# (nineteenth), heldout48/ and heldout49/ (twentieth), heldout50/ and heldout51/ (twenty-first), heldout54/ and
# heldout55/ (twenty-third), heldout56/ to heldout60/ (twenty-fourth and twenty-fifth), heldout61/ and heldout62/
# (twenty-sixth), heldout63/ and heldout64/ (twenty-seventh), heldout65/ (twenty-eighth), heldout66/ (twenty-ninth),
# heldout67/ (thirtieth), heldout68/ (thirty-first), heldout69/ (thirty-second), heldout70/ (thirty-third),
# heldout71/ (thirty-fourth), heldout72/ (thirty-fifth), heldout73/ and heldout74/ (thirty-sixth), heldout75/
# to heldout77/ (thirty-seventh), heldout78/ (thirty-eighth), heldout79/ (thirty-ninth), heldout80/ (fortieth),
# heldout81/ (forty-first), heldout82/ (forty-second), heldout83/ and heldout84/ (forty-third), heldout85/ and
# heldout86/ (forty-fourth)
CLEAN = [TEXTS / f"heldout{n}" for n in (*range(42, 52), *range(54, 87))]
# the sentence classifier's lightly annotated batches (sentences and kinds alone), in every fold of its fits
LIGHT = sorted((Path(__file__).parent / "sentences").iterdir())
