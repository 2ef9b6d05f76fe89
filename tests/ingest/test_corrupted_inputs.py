"""Corrupted inputs: each file the tests damage fails with the file, row and field, and the warehouse is unchanged.

A warehouse is loaded once with real data (Comtrade 2023, the curated tables, WGI, China's monthly exports) and a
small synthetic BACI year (so a Parquet part exists). Each case copies a real file (or writes a BACI-layout file),
damages one line, and ingests it under the same dataset name as the loaded one, so a half-done replacement would
show in the checksum. A subset also runs the command line, which must exit 1 with a one-line message.
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

import chokepoints as ck
from chokepoints.errors import InputError
from chokepoints.synth import write_baci

DATA = Path(__file__).resolve().parents[2] / "data"
BACI_NAME = "BACI_HS17_Y2022_V202401.csv"
BASELINE = [DATA / "raw" / "comtrade_crm_2023", DATA / "curated", DATA / "raw" / "wgi",
            DATA / "raw" / "china_comtrade_cm"]
ANY = object()  # the field does not apply (a whole-file problem); file and row are still checked


@pytest.fixture(scope="module")
def baseline(tmp_path_factory) -> dict:
    """A closed warehouse file with real data sets and one BACI part; its checksum and Parquet parts."""
    root = tmp_path_factory.mktemp("corrupted")
    baci = write_baci(root / "baci" / BACI_NAME, 200, seed=1)
    db = root / "wh.duckdb"
    with ck.open(db) as wh:
        report = wh.ingest([*BASELINE, baci], include_defaults=False)
        assert len(report.loaded) == 5
        checksum, parts = wh.checksum(), sorted(p.name for p in wh.parts_dir.iterdir())
    assert len(parts) == 1
    return {"db": db, "checksum": checksum, "parts": parts}


# ---------------------------------------------------------------------------------------------- making bad files
def _baci(tmp: Path, name: str = BACI_NAME, seed: int = 1) -> Path:
    """The baseline's synthetic BACI file again (same name, same content), to be damaged."""
    return write_baci(tmp / "baci" / name, 200, seed=seed)


def _edit_line(path: Path, line: int, column: int | None = None, value: str = "", *, sep: str = ",") -> None:
    """Set field `column` of 1-based `line` to `value` (or replace the whole line when column is None)."""
    lines = path.read_text().split("\n")
    if column is None:
        lines[line - 1] = value
    else:
        fields = lines[line - 1].split(sep)
        fields[column] = value
        lines[line - 1] = sep.join(fields)
    path.write_text("\n".join(lines))


def _copy(tmp: Path, source: Path) -> Path:
    """A writable copy of a real data folder (or file) under tmp, keeping its name (= the dataset's name)."""
    dst = tmp / "in" / source.name
    if source.is_dir():
        shutil.copytree(source, dst)
        for f in dst.rglob("*"):
            f.chmod(0o644)
    else:
        dst.parent.mkdir(parents=True)
        shutil.copy(source, dst)
        dst.chmod(0o644)
    return dst


def _records(path: Path, encoding: str) -> list[list[str]]:
    text = path.read_bytes().decode(encoding)
    return list(csv.reader(io.StringIO(text, newline="")))


def _write_records(path: Path, records: list[list[str]], encoding: str) -> None:
    buf = io.StringIO(newline="")
    csv.writer(buf, lineterminator="\n").writerows(records)
    path.write_bytes(buf.getvalue().encode(encoding))


def _line_of(path: Path, index: int, encoding: str) -> int:
    """The 1-based line where record `index` (0 = header) starts; quoted fields may span lines."""
    reader = csv.reader(io.StringIO(path.read_bytes().decode(encoding), newline=""))
    start = 1
    for i, _ in enumerate(reader):
        if i == index:
            return start
        start = reader.line_num + 1
    raise IndexError(index)


def _edit_record(path: Path, index: int, column: str, value: str, *, encoding: str = "utf-8") -> int:
    """Set `column` of record `index` (1 = first data row) to `value`; return the line that record starts on."""
    records = _records(path, encoding)
    records[index][records[0].index(column)] = value
    _write_records(path, records, encoding)
    return _line_of(path, index, encoding)


# ---------------------------------------------------------------------------------------------- the cases
@dataclass
class Bad:
    paths: list[Path]  # what is ingested (one call)
    file: Path  # the file the error must name
    row: int | None
    field: str | None | object
    match: str  # a phrase the message must hold


@dataclass
class Case:
    id: str
    make: Callable[[Path], Bad]
    cli: bool = False


def baci_field(column: str, value: str, match: str, line: int = 57) -> Callable[[Path], Bad]:
    def make(tmp: Path) -> Bad:
        path = _baci(tmp)
        _edit_line(path, line, "tijkvq".index(column), value)
        return Bad([path], path, line, column, match)

    return make


def baci_self_trade(tmp: Path) -> Bad:
    path = _baci(tmp)
    lines = path.read_text().split("\n")
    t, i, j, k, v, q = lines[56].split(",")
    lines[56] = ",".join([t, i, i, k, v, q])  # the exporter also as importer
    path.write_text("\n".join(lines))
    return Bad([path], path, 57, "j", "self-trade")


def baci_nul_padding(tmp: Path) -> Bad:
    """A valid header and rows, then NUL padding (a copy cut short on a full disk): never 'loaded 2 rows'."""
    path = _baci(tmp)
    n = path.read_text().count("\n")
    with open(path, "ab") as f:
        f.write(b"\0" * 50_000)
    return Bad([path], path, n + 1, ANY, "NUL bytes")


def baci_utf16(tmp: Path) -> Bad:
    path = _baci(tmp)
    path.write_bytes(path.read_text().encode("utf-16"))
    return Bad([path], path, 1, None, "encoding")


def partly_copied_folder(tmp: Path) -> Bad:
    """A folder holding one of the loaded data set's own files under another data set's name: it would count twice."""
    folder = tmp / "in" / "more_trade"
    folder.mkdir(parents=True)
    shutil.copy(DATA / "raw" / "comtrade_crm_2023" / "bilateral_edges_2023.csv", folder / "bilateral_edges_2023.csv")
    extra = folder / "comtrade_hs6_2024.csv"
    shutil.copy(DATA / "raw" / "comtrade_hs6_2022_2024" / "comtrade_hs6_2024.csv", extra)
    return Bad([folder], folder / "bilateral_edges_2023.csv", None, None, "already loaded")


def baci_duplicate(tmp: Path) -> Bad:
    path = _baci(tmp)
    _edit_line(path, 58, None, path.read_text().split("\n")[56])  # line 58 repeats line 57
    return Bad([path], path, 58, "k", "duplicate key")


def baci_missing_column(tmp: Path) -> Bad:
    path = _baci(tmp)
    text = "\n".join(line.rsplit(",", 1)[0] for line in path.read_text().split("\n") if line)
    path.write_text(text + "\n")  # header t,i,j,k,v and five fields per row
    return Bad([path], path, 1, "q", "header")


def baci_semicolon(tmp: Path) -> Bad:
    path = _baci(tmp)
    path.write_text(path.read_text().replace(",", ";"))
    return Bad([path], path, 1, ANY, "';'-separated")


def baci_latin1(tmp: Path) -> Bad:
    path = _baci(tmp)
    lines = path.read_bytes().split(b"\n")
    lines[56] += b"\xe9"  # 'é' in Latin-1 after the quantity of line 57
    path.write_bytes(b"\n".join(lines))
    return Bad([path], path, 57, "q", "UTF-8")


def baci_truncated(tmp: Path) -> Bad:
    path = _baci(tmp)
    lines = path.read_text().split("\n")[:-1]  # the file ends with a newline
    t, i, j, k = lines[-1].split(",")[:4]
    lines[-1] = f"{t},{i},{j},{k[:3]}"  # cut inside k: the last line has 4 of 6 fields and no newline
    path.write_text("\n".join(lines))
    return Bad([path], path, 201, "v", "truncated")


def baci_empty(tmp: Path) -> Bad:
    path = _baci(tmp)
    path.write_bytes(b"")
    return Bad([path], path, None, None, "empty")


def baci_header_only(tmp: Path) -> Bad:
    path = _baci(tmp)
    path.write_text("t,i,j,k,v,q\n")
    return Bad([path], path, 2, None, "no data rows")


def comtrade(column: str, value: str, match: str, index: int = 40) -> Callable[[Path], Bad]:
    def make(tmp: Path) -> Bad:
        folder = _copy(tmp, DATA / "raw" / "comtrade_crm_2023")
        file = folder / "bilateral_edges_2023.csv"
        line = _edit_record(file, index, column, value)
        return Bad([folder], file, line, column, match)

    return make


def comtrade_duplicate(tmp: Path) -> Bad:
    folder = _copy(tmp, DATA / "raw" / "comtrade_crm_2023")
    file = folder / "bilateral_edges_2023.csv"
    records = _records(file, "utf-8")
    records[41] = list(records[40])
    _write_records(file, records, "utf-8")
    return Bad([folder], file, _line_of(file, 41, "utf-8"), "reporter", "duplicate key")


def comtrade_missing_column(tmp: Path) -> Bad:
    folder = _copy(tmp, DATA / "raw" / "comtrade_crm_2023")
    file = folder / "bilateral_edges_2023.csv"
    records = _records(file, "utf-8")
    drop = records[0].index("net_kg")
    _write_records(file, [r[:drop] + r[drop + 1:] for r in records], "utf-8")
    return Bad([folder], file, 1, "net_kg", "net_kg")


def comtrade_empty(tmp: Path) -> Bad:
    folder = _copy(tmp, DATA / "raw" / "comtrade_crm_2023")
    file = folder / "bilateral_edges_2023.csv"
    file.write_bytes(b"")
    return Bad([folder], file, None, None, "empty")


def curated(name: str, index: int, column: str, value: str | None, match: str) -> Callable[[Path], Bad]:
    """Set a field of one curated file in a copy of data/curated (value None: copy the previous record's)."""

    def make(tmp: Path) -> Bad:
        folder = _copy(tmp, DATA / "curated")
        file = folder / name
        new = _records(file, "utf-8")[index - 1][_records(file, "utf-8")[0].index(column)] if value is None else value
        line = _edit_record(file, index, column, new)
        return Bad([folder], file, line, column, match)

    return make


def curated_truncated(tmp: Path) -> Bad:
    folder = _copy(tmp, DATA / "curated")
    file = folder / "demand.csv"
    records = [r for r in _records(file, "utf-8") if r]
    records[-1] = records[-1][:3]  # the last record stops after three fields
    _write_records(file, records, "utf-8")
    return Bad([folder], file, _line_of(file, len(records) - 1, "utf-8"), "quantity", "truncated")


def wgi_utf16(tmp: Path) -> Bad:
    folder = _copy(tmp, DATA / "raw" / "wgi")
    file = folder / "WGIData.csv"
    file.write_bytes(file.read_bytes().decode("utf-8-sig").encode("utf-16"))
    return Bad([folder], file, 1, ANY, "utf-8")


def wgi_estimate(tmp: Path) -> Bad:
    folder = _copy(tmp, DATA / "raw" / "wgi")
    file = folder / "WGIData.csv"
    line = _edit_record(file, 37, "2010", "n.a.", encoding="utf-8-sig")  # record 37: CC.EST of Albania
    return Bad([folder], file, line, "2010", "not a number")


def usgs_production(tmp: Path) -> Bad:
    folder = _copy(tmp, DATA / "raw" / "usgs_mcs2026_world")
    file = folder / "world_production_reserves_mcs2026.csv"
    line = _edit_record(file, 20, "production_2024", "12 kt")
    return Bad([folder], file, line, "production_2024", "not a number")


def eu_country(tmp: Path) -> Bad:
    file = _copy(tmp, DATA / "raw" / "eu_crm" / "fact_GlobalSupplyShares.csv")
    line = _edit_record(file, 30, "Country", "Atlantis", encoding="cp1252")
    return Bad([file], file, line, "Country", "Atlantis")


def china_partner(tmp: Path) -> Bad:
    folder = _copy(tmp, DATA / "raw" / "china_comtrade_cm")
    file = folder / "deep_dive_hs6_monthly.csv"
    line = _edit_record(file, 30, "partner_name", "Atlantis")
    return Bad([folder], file, line, "partner_name", "Atlantis")


def china_hs6(tmp: Path) -> Bad:
    folder = _copy(tmp, DATA / "raw" / "china_comtrade_cm")
    file = folder / "deep_dive_hs6_monthly.csv"
    line = _edit_record(file, 12, "hs6", "25041")
    return Bad([folder], file, line, "hs6", "6-digit")


def copied_record(folder: str, name: str, index: int, column: str, value: str, match: str) -> Callable[[Path], Bad]:
    """Set `column` of record `index` of file `name` in a copy of the bundled folder data/raw/<folder>."""

    def make(tmp: Path) -> Bad:
        copy = _copy(tmp, DATA / "raw" / folder)
        file = copy / name
        line = _edit_record(file, index, column, value)
        return Bad([copy], file, line, column, match)

    return make


def good_and_bad(tmp: Path) -> Bad:
    """A good new BACI year and a bad Comtrade folder in one ingest: the good one must not land either."""
    good = _baci(tmp, "BACI_HS17_Y2021_V202401.csv", seed=2)
    bad = comtrade("value_usd", "-10", "negative")(tmp)
    return Bad([good, *bad.paths], bad.file, bad.row, bad.field, bad.match)


CASES = [
    Case("baci-unknown-exporter", baci_field("i", "1", "not a known BACI country code"), cli=True),
    Case("baci-unknown-importer", baci_field("j", "1", "not a known BACI country code")),
    Case("baci-unknown-hs", baci_field("k", "999990", "not a known HS6 code")),
    Case("baci-negative-value", baci_field("v", "-3.5", "negative")),
    Case("baci-non-numeric-value", baci_field("v", "12x", "not a number")),
    Case("baci-missing-value", baci_field("v", "", "missing")),
    Case("baci-non-numeric-quantity", baci_field("q", "abc", "not a number"), cli=True),
    Case("baci-duplicate-key", baci_duplicate),
    Case("baci-missing-column", baci_missing_column, cli=True),
    Case("baci-semicolon", baci_semicolon),
    Case("baci-latin1-byte", baci_latin1),
    Case("baci-truncated-last-line", baci_truncated),
    Case("baci-empty-file", baci_empty, cli=True),
    Case("baci-header-only", baci_header_only),
    Case("comtrade-unknown-partner", comtrade("partner", "9999", "unknown country code")),
    Case("comtrade-negative-value", comtrade("value_usd", "-10", "negative")),
    Case("comtrade-non-numeric-kg", comtrade("net_kg", "12 kg", "not a number")),
    Case("comtrade-duplicate-key", comtrade_duplicate),
    Case("comtrade-missing-column", comtrade_missing_column, cli=True),
    Case("comtrade-empty-file", comtrade_empty),
    Case("curated-unknown-target", curated("measures.csv", 5, "targets", "JPN;XYZ", "'XYZ'")),
    Case("curated-duplicate-id", curated("measures.csv", 6, "id", None, "duplicate key"), cli=True),
    Case("curated-negative-capacity", curated("projects.csv", 4, "capacity_t_per_year", "-1500", "negative")),
    Case("curated-truncated-row", curated_truncated),
    Case("wgi-utf16", wgi_utf16, cli=True),
    Case("wgi-non-numeric-estimate", wgi_estimate),
    Case("usgs-non-numeric-production", usgs_production),
    Case("eu-crm-unknown-country", eu_country),
    Case("china-unknown-partner", china_partner, cli=True),
    Case("china-bad-hs6", china_hs6),
    Case("iea-unknown-country", copied_record("iea_critical_minerals", "supply_by_country.csv", 10, "country",
                                              "Atlantis", "Atlantis"), cli=True),
    Case("iea-negative-kt", copied_record("iea_critical_minerals", "supply_by_country.csv", 30, "kt", "-3.5",
                                          "negative")),
    Case("usgs-prices-non-numeric-price", copied_record("usgs_mcs2026_ree_prices", "ree_prices_usgs_mcs2026.csv", 6,
                                                        "2024", "55 USD", "not a number")),
    Case("usgs-salient-bad-value", copied_record("usgs_mcs2026_ree_prices", "us_ree_salient_mcs2026.csv", 10,
                                                 "2021", "95+", "not a number")),
    Case("comtrade-annual-negative-value", copied_record("comtrade_hs6_2022_2024", "comtrade_hs6_2024.csv", 40,
                                                         "value_usd", "-10", "negative")),
    Case("comtrade-annual-unknown-reporter", copied_record("comtrade_hs6_2022_2024", "comtrade_hs6_2022.csv", 500,
                                                           "reporter", "9999", "unknown country code")),
    Case("baci-v202601-unknown-country-code", copied_record("baci_hs17_critical", "country_codes_V202601.csv", 12,
                                                            "country_code", "999", "unknown country code")),
    Case("good-and-bad-in-one-ingest", good_and_bad, cli=True),
    # issue 13, item 5: faults found in the trial
    Case("baci-infinite-value", baci_field("v", "inf", "not a plausible trade value"), cli=True),
    Case("baci-1e308-value", baci_field("v", "1e308", "not a plausible trade value")),
    Case("baci-self-trade", baci_self_trade),
    Case("baci-nul-padding", baci_nul_padding, cli=True),
    Case("baci-utf16", baci_utf16, cli=True),
    Case("comtrade-infinite-value", copied_record("comtrade_crm_2023", "bilateral_edges_2023.csv", 40,
                                                  "value_usd", "inf", "not a plausible trade value")),
    Case("same-file-in-two-data-sets", partly_copied_folder),
]


def _check_error(e: InputError, bad: Bad) -> None:
    assert e.file == str(bad.file), e.message
    assert e.row == bad.row, e.message
    if bad.field is not ANY:
        assert e.field == bad.field, e.message
    assert bad.match.lower() in e.message.lower(), e.message


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_corrupted_file_fails_cleanly(case: Case, baseline, tmp_path):
    bad = case.make(tmp_path)
    with ck.open(baseline["db"]) as wh:
        with pytest.raises(InputError) as e:
            wh.ingest(bad.paths, include_defaults=False)
        _check_error(e.value, bad)
        assert wh.checksum() == baseline["checksum"]
        assert sorted(p.name for p in wh.parts_dir.iterdir()) == baseline["parts"]
        assert not list(baseline["db"].parent.glob(".ingest-*"))  # the scratch folder is gone too
    if not case.cli:
        return
    proc = subprocess.run([sys.executable, "-m", "chokepoints.cli", "ingest", "--no-defaults",
                           "--db", str(baseline["db"]), *map(str, bad.paths)], capture_output=True, text=True)
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert proc.returncode == 1, proc.stderr
    assert len(lines) == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert str(bad.file) in lines[0]
    if bad.row is not None:
        assert f"row {bad.row}" in lines[0]
    with ck.open(baseline["db"]) as wh:
        assert wh.checksum() == baseline["checksum"]
        assert sorted(p.name for p in wh.parts_dir.iterdir()) == baseline["parts"]

