"""The warehouses the service reads: a shared snapshot, and one copy per member that has uploaded its own data.

Choice (issue 15): **a per-member copy of the warehouse.** At start the service copies the base warehouse into
`<state>/snapshots/<version>/` and deletes every confidential `stocks` row from the copy (the shared snapshot holds
public data only, whoever ingested what into the base). A member's uploads (`member_*.csv|toml`, the format of
chokepoints.ingest.member_data) are kept in `<state>/members/<CODE>/uploads/`; after each upload the service builds
a new copy `<state>/members/<CODE>/copies/<version>/` = the shared snapshot + that member's uploads, ingested by the
warehouse's own atomic ingest, and switches the member's analysts to it. Every read and run of a member's analyst
goes to that member's copy; everyone else reads the shared snapshot, which never holds a member's rows. A member's
data therefore cannot reach another member's query or run by construction, and each run's
`meta["confidential_members"]` is checked once more before its result is stored.

Copies are immutable once built: readers of an old copy finish on it, new requests go to the new one.
"""

from __future__ import annotations

import hashlib
import logging
import re
import shutil
import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

import chokepoints as ck
from chokepoints.errors import InputError

log = logging.getLogger("chokepoints.service")
UPLOAD_NAME = re.compile(r"^member_[A-Za-z0-9][A-Za-z0-9_.-]{0,80}\.(csv|toml)$")


@dataclass(frozen=True)
class View:
    """One warehouse the service reads: its version name (shown in runs), its file, and whose it is."""

    version: str
    path: Path
    member: str | None  # None: the shared snapshot


def _copy_warehouse(src: Path, dst: Path) -> None:
    dst.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dst)
    parts = src.with_suffix(".parts")
    if parts.is_dir():
        shutil.copytree(parts, dst.with_suffix(".parts"))


class WarehouseStore:
    def __init__(self, base: Path, state: Path, *, cache_entries: int = 256):
        self.base = Path(base)
        self.state = Path(state)
        self.cache_entries = cache_entries
        self._lock = threading.Lock()
        self._member_locks: dict[str, threading.Lock] = {}
        self._pool: dict[Path, list] = {}
        self._cache: OrderedDict = OrderedDict()
        self._flights: dict[tuple, threading.Lock] = {}
        self.members: dict[str, View] = {}
        self.shared = self._snapshot()

    # ------------------------------------------------------------------ building
    def _snapshot(self) -> View:
        if not self.base.is_file():
            raise ck.WarehouseError(f"no warehouse at {self.base}; run `chokepoints ingest` first")
        root = self.state / "snapshots"
        if root.is_dir():  # one process per state folder: older snapshots and copies are rebuilt, not reused
            shutil.rmtree(root, ignore_errors=True)
        version = "shared-" + uuid.uuid4().hex[:8]
        path = root / version / "warehouse.duckdb"
        _copy_warehouse(self.base, path)
        with ck.open(path) as wh:
            n = wh.con.execute("SELECT count(*) FROM _stocks WHERE coalesce(confidential, false)").fetchone()[0]
            if n:
                log.warning("the base warehouse holds %d confidential stocks row(s); the service's shared "
                            "snapshot leaves them out (members upload their own data to the service)", n)
                wh.con.execute("DELETE FROM _stocks WHERE coalesce(confidential, false)")
        return View(version, path, None)

    def member_dir(self, member: str) -> Path:
        return self.state / "members" / member

    def uploads(self, member: str) -> list[Path]:
        d = self.member_dir(member) / "uploads"
        return sorted(p for p in d.iterdir() if p.is_file()) if d.is_dir() else []

    def member_lock(self, member: str) -> threading.Lock:
        with self._lock:
            return self._member_locks.setdefault(member, threading.Lock())

    def rebuild(self, member: str) -> View | None:
        """A new copy for MEMBER from the shared snapshot and its uploads (None when it has none)."""
        files = self.uploads(member)
        copies = self.member_dir(member) / "copies"
        if not files:
            with self._lock:
                self.members.pop(member, None)
            return None
        version = f"{member}-{uuid.uuid4().hex[:8]}"
        path = copies / version / "warehouse.duckdb"
        _copy_warehouse(self.shared.path, path)
        try:
            with ck.open(path) as wh:
                wh.ingest(files, include_defaults=False)
        except BaseException:
            shutil.rmtree(path.parent, ignore_errors=True)
            raise
        view = View(version, path, member)
        with self._lock:
            old = self.members.get(member)
            self.members[member] = view
            if old is not None:
                for wh in self._pool.pop(old.path, []):
                    wh.close()
        return view

    def rebuild_all(self) -> None:
        root = self.state / "members"
        for d in sorted(root.iterdir()) if root.is_dir() else []:
            shutil.rmtree(d / "copies", ignore_errors=True)
            if self.uploads(d.name):
                self.rebuild(d.name)

    def put_upload(self, member: str, name: str, data: bytes) -> int:
        """Check and store an upload of MEMBER, rebuild its copy; the number of rows. InputError (naming the upload,
        not the server's folders) when the file cannot be loaded or declares another member's data."""
        from chokepoints.ingest.base import LoadContext
        from chokepoints.ingest.member_data import load

        if not UPLOAD_NAME.match(name):
            raise InputError("an upload is named member_<name>.csv or member_<name>.toml (letters, digits, "
                             "'_', '-', '.')", file=name)
        uploads = self.member_dir(member) / "uploads"
        scratch = self.member_dir(member) / "scratch" / uuid.uuid4().hex
        scratch.mkdir(parents=True)
        try:
            candidate = scratch / name
            candidate.write_bytes(data)
            try:
                tables = load(candidate, LoadContext(scratch=scratch))
            except InputError as e:
                raise _renamed(e, candidate, name) from None
            frame = pd.concat([t.frame for t in tables if t.frame is not None], ignore_index=True)
            others = sorted(set(frame["member"]) - {member})
            if others:
                raise InputError(f"declares data of member {others[0]}: an analyst of {member} uploads only "
                                 f"{member}'s own rows", file=name, field="member")
            with self.member_lock(member):
                uploads.mkdir(parents=True, exist_ok=True)
                target = uploads / name
                backup = scratch / (name + ".previous")
                if target.exists():
                    shutil.copyfile(target, backup)
                shutil.copyfile(candidate, target)
                try:
                    self.rebuild(member)
                except InputError as e:
                    if backup.exists():
                        shutil.copyfile(backup, target)
                    else:
                        target.unlink()
                    raise _renamed(e, target, name) from None
            return len(frame)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)

    def delete_upload(self, member: str, name: str) -> bool:
        with self.member_lock(member):
            target = self.member_dir(member) / "uploads" / name
            if not UPLOAD_NAME.match(name) or not target.is_file():
                return False
            target.unlink()
            self.rebuild(member)
            return True

    # ------------------------------------------------------------------ reading
    def view(self, member: str | None) -> View:
        """The warehouse a principal of MEMBER reads (None: the shared snapshot)."""
        with self._lock:
            return self.members.get(member, self.shared) if member else self.shared

    @contextmanager
    def open(self, view: View) -> Iterator:
        """A read-only Warehouse on VIEW from a small pool (one DuckDB connection per concurrent user)."""
        with self._lock:
            idle = self._pool.get(view.path)
            wh = idle.pop() if idle else None
        if wh is None:
            wh = ck.open(view.path, read_only=True)
        try:
            yield wh
        finally:
            with self._lock:
                current = view.path == self.shared.path or any(v.path == view.path for v in self.members.values())
                if current:
                    self._pool.setdefault(view.path, []).append(wh)
            if not current:
                wh.close()

    def cached(self, view: View, key: tuple, compute: Callable) -> pd.DataFrame:
        """COMPUTE(warehouse) for VIEW, remembered by (view, key): the snapshots never change."""

        def make():
            with self.open(view) as wh:
                return compute(wh)

        return self.memo(view, key, make)

    def peek(self, view: View, key: tuple):
        """What `memo` remembers for (VIEW, KEY), or None (cheap: the event loop may call it)."""
        k = (view.path, *key)
        with self._lock:
            value = self._cache.get(k)
            if value is not None:
                self._cache.move_to_end(k)
            return value

    def memo(self, view: View, key: tuple, make: Callable):
        """MAKE() remembered by (VIEW, KEY) in an LRU of `cache_entries` (a DataFrame, a rendered answer). Keys
        always hold the view's file: a member's copy and the shared snapshot never share an entry. Concurrent
        misses of one key compute it once (the others wait for it)."""
        if not self.cache_entries:
            return make()
        k = (view.path, *key)
        with self._lock:
            if k in self._cache:
                self._cache.move_to_end(k)
                return self._cache[k]
            flight = self._flights.setdefault(k, threading.Lock())
        with flight:
            try:
                with self._lock:
                    if k in self._cache:
                        return self._cache[k]
                value = make()
                with self._lock:
                    self._cache[k] = value
                    while len(self._cache) > self.cache_entries:
                        self._cache.popitem(last=False)
                return value
            finally:
                with self._lock:
                    self._flights.pop(k, None)

    def close(self) -> None:
        with self._lock:
            pools, self._pool = self._pool, {}
        for whs in pools.values():
            for wh in whs:
                wh.close()


def _renamed(e: InputError, path: Path, name: str) -> InputError:
    """The same error naming the upload, not the server's folder."""
    e.file = name
    e.problem = e.problem.replace(str(path), name)
    if e.hint:
        e.hint = e.hint.replace(str(path), name)
    e.args = (e.message,)
    return e


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
