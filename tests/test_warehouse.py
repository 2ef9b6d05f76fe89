"""Warehouse: atomic, idempotent loads, provenance, Parquet parts, and survival of a killed ingest."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

import chokepoints as ck
from chokepoints.errors import InputError
from chokepoints.ingest import Found, comtrade
from chokepoints.ingest import baci as baci_loader
from chokepoints.ingest.base import sha256


def _comtrade(data_dir):
    path = data_dir / "raw" / "comtrade_crm_2023"
    return Found(comtrade, path, "comtrade_crm_2023", [path / "bilateral_edges_2023.csv"])


def _baci(path):
    return Found(baci_loader, path, path.stem, [path])


def test_load_records_rows_and_provenance(wh, data_dir):
    report = wh.load([_comtrade(data_dir)])
    assert report.loaded[0]["rows"] == 6134  # SOURCE.md: 6,134 data rows
    trade = wh.table("trade")
    assert len(trade) == 6134
    assert set(trade["dataset"]) == {"comtrade_crm_2023"}
    prov = wh.provenance()
    assert prov["sha256"].tolist() == ["6ddea55667f3e924ff7d942e27f51de05d26ce6bc40d74178978c9c487fb4de8"]
    status = wh.status()
    assert status.loc[0, "rows"] == 6134 and status.loc[0, "year_min"] == 2023


def test_loading_twice_changes_nothing(wh, data_dir):
    wh.load([_comtrade(data_dir)])
    before = wh.checksum()
    report = wh.load([_comtrade(data_dir)])
    assert report.unchanged == ["comtrade_crm_2023"] and not report.loaded
    assert wh.checksum() == before


def test_baci_goes_to_parquet_and_joins_the_trade_view(wh, data_dir, baci_small):
    wh.load([_comtrade(data_dir), _baci(baci_small)])
    assert len(wh.table("trade")) == 6134 + 5000
    parts = list(wh.parts_dir.glob("*.parquet"))
    assert len(parts) == 1
    counts = wh.sql("SELECT dataset, count(*) AS n FROM trade GROUP BY 1 ORDER BY 1")
    assert counts["n"].tolist() == [5000, 6134]


def test_changed_file_replaces_its_dataset(wh, tmp_path, baci_small):
    copy = tmp_path / baci_small.name
    copy.write_text(baci_small.read_text())
    wh.load([_baci(copy)])
    lines = copy.read_text().splitlines()
    copy.write_text("\n".join(lines[:101]) + "\n")  # same dataset name, 100 rows now
    wh.load([_baci(copy)])
    assert len(wh.table("trade")) == 100
    assert len(list(wh.parts_dir.glob("*.parquet"))) == 1  # the old part was removed
    assert wh.provenance()["sha256"].tolist() == [sha256(copy)]


def test_failing_file_leaves_warehouse_unchanged(wh, data_dir, tmp_path, baci_small):
    wh.load([_comtrade(data_dir)])
    before = wh.checksum()
    bad = tmp_path / "bad.csv"
    bad.write_text(baci_small.read_text() + "2022,4,8,10121,-1,1\n")
    with pytest.raises(InputError) as e:
        wh.load([_baci(baci_small), _baci(bad)])  # the good file in the same ingest is not loaded either
    assert e.value.row == 5002 and e.value.field == "v"
    assert wh.checksum() == before
    assert not list(wh.parts_dir.glob("*.parquet"))


def test_killed_ingest_leaves_previous_state(tmp_path, data_dir, baci_small):
    db = tmp_path / "wh.duckdb"
    with ck.open(db) as w:
        w.load([_comtrade(data_dir)])
        before = w.checksum()
    # A child process starts a load and dies (SIGKILL-like os._exit) inside the write transaction.
    script = textwrap.dedent(f"""
        import os
        import chokepoints as ck
        from chokepoints.ingest import Found, baci
        from chokepoints.warehouse import Warehouse
        from pathlib import Path
        real = Warehouse._insert
        def dying(self, dataset, td):
            real(self, dataset, td)
            os._exit(9)
        Warehouse._insert = dying
        p = Path({str(baci_small)!r})
        w = ck.open({str(db)!r})
        w.load([Found(baci, p, p.stem, [p])])
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert proc.returncode == 9, proc.stderr
    with ck.open(db) as w:
        assert w.checksum() == before
        assert not list(w.parts_dir.glob("*.parquet"))  # the orphaned part was collected


def test_unknown_table_is_a_clear_error(wh):
    with pytest.raises(InputError, match="unknown table 'nope'"):
        wh.table("nope")


def test_read_only_without_warehouse_says_what_to_do(tmp_path):
    with pytest.raises(ck.WarehouseError, match="chokepoints ingest"):
        ck.open(tmp_path / "none.duckdb", read_only=True)


def test_moved_warehouse_keeps_its_parquet_tables(tmp_path, baci_small):
    import shutil

    with ck.open(tmp_path / "a" / "wh.duckdb") as w:
        w.load([_baci(baci_small)])
    shutil.move(tmp_path / "a", tmp_path / "b")
    with ck.open(tmp_path / "b" / "wh.duckdb", read_only=True) as w:
        assert len(w.table("trade")) == 5000


def test_a_warehouse_copied_without_its_parts_says_so(tmp_path, baci_small):
    import shutil

    with ck.open(tmp_path / "a" / "wh.duckdb") as w:
        w.load([_baci(baci_small)])
    (tmp_path / "b").mkdir()
    shutil.copy(tmp_path / "a" / "wh.duckdb", tmp_path / "b" / "wh.duckdb")  # the file alone, not wh.parts
    for read_only in (True, False):
        with pytest.raises(ck.WarehouseError, match=r"missing; copy or move the warehouse together with its folder "
                                                    r"wh\.parts"):
            ck.open(tmp_path / "b" / "wh.duckdb", read_only=read_only)
    with ck.open(tmp_path / "a" / "wh.duckdb", read_only=True) as w:  # the original is untouched
        assert len(w.table("trade")) == 5000


def test_gzipped_baci_loads(wh, tmp_path, baci_small):
    import gzip

    gz = tmp_path / "BACI_HS17_Y2022.csv.gz"
    gz.write_bytes(gzip.compress(baci_small.read_bytes()))
    wh.ingest([gz], include_defaults=False)
    assert len(wh.table("trade")) == 5000


def test_scratch_left_by_a_killed_ingest_is_removed(tmp_path):
    (tmp_path / ".ingest-abc").mkdir()
    (tmp_path / ".ingest-abc" / "part.parquet").write_bytes(b"x")
    ck.open(tmp_path / "wh.duckdb").close()
    assert not (tmp_path / ".ingest-abc").exists()


def test_wrong_data_folder_is_named(wh, monkeypatch, tmp_path):
    monkeypatch.setenv("CHOKEPOINTS_DATA", str(tmp_path / "nowhere"))
    with pytest.raises(InputError, match="CHOKEPOINTS_DATA names no folder"):
        wh.ingest()
