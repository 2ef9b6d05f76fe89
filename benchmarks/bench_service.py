"""Benchmark: the REST service under 50 concurrent clients on loopback (issue 15).

A uvicorn server (one process, as `chokepoints serve` runs it) on a warehouse of the bundled data; 50 client threads,
each with its own keep-alive connection and key. Phase 1: cached dependency queries (the cache warmed first).
Phase 2: the same queries mixed with job submissions (POST /runs, 20 Monte Carlo runs each, computed by the
service's worker threads while it answers). p50/p99 latency and throughput go to benchmarks/RESULTS.md (section
"service"). Usage:
    python benchmarks/bench_service.py [--clients 50] [--requests 40] [--submit-share 0.05]
Target (issue 15): p99 <= 100 ms for cached queries on 2 cores.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import socket
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import WORK, machine, publish  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
QUERIES = [{"bloc": "EU27+JPN", "chain": "rare-earth-magnets"}, {"bloc": "EU27", "chain": "rare-earth-magnets"},
           {"bloc": "JPN", "chain": "rare-earth-magnets"}, {"bloc": "EU27+JPN", "chain": "semiconductor-materials"}]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def setup(work: Path, clients: int) -> tuple[Path, list[str]]:
    import httpx  # noqa: F401

    import chokepoints as ck
    from chokepoints.service import Settings
    from chokepoints.service.admin import create_admin

    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    wh_path = work / "wh.duckdb"
    with ck.open(wh_path) as wh:
        wh.ingest([DATA / "raw" / d for d in ("comtrade_crm_2023", "usgs_mcs2026_world", "baci_hs17_critical",
                                              "eu_crm", "wgi")] + [DATA / "curated"], include_defaults=False)
    admin = create_admin(Settings(warehouse=wh_path))
    return wh_path, [admin]


def serve(wh_path: Path, port: int) -> subprocess.Popen:
    code = textwrap.dedent(f"""
        import uvicorn
        from chokepoints.service import Settings, create_app
        app = create_app(Settings(warehouse={str(wh_path)!r}, rate_limit_per_minute=10**9, workers=1))
        uvicorn.run(app, host="127.0.0.1", port={port}, log_level="warning")
    """)
    proc = subprocess.Popen([sys.executable, "-c", code])
    import httpx

    for _ in range(300):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/v1/health", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    proc.kill()
    raise RuntimeError("the server did not start")


def make_keys(base: str, admin: str, n: int) -> list[str]:
    import httpx

    h = {"Authorization": f"Bearer {admin}"}
    keys = []
    with httpx.Client(base_url=base, headers=h) as c:
        for i in range(n):
            role = ("analyst", "EU27") if i % 2 else ("admin", None)
            u = c.post("/v1/users", json={"name": f"bench{i}", "role": role[0], "member": role[1]}).json()
            keys.append(c.post(f"/v1/users/{u['id']}/keys", json={}).json()["key"])
    return keys


def load(base: str, keys: list[str], requests: int, submit_share: float, seed: int) -> dict[str, list[float]]:
    import httpx

    out: dict[str, list[float]] = {"query": [], "submit": []}
    lock = threading.Lock()
    start = threading.Barrier(len(keys))

    errors: list[BaseException] = []

    def client(i: int, key: str) -> None:
        try:
            work(i, key)
        except BaseException as e:  # noqa: BLE001 - reported after the join
            errors.append(e)

    def work(i: int, key: str) -> None:
        rng = random.Random(seed + i)
        mine: dict[str, list[float]] = {"query": [], "submit": []}
        with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {key}"}, timeout=60) as c:
            start.wait()
            for _ in range(requests):
                if rng.random() < submit_share:
                    t = time.perf_counter()
                    r = c.post("/v1/runs", json={"scenario": "cn-2025-rare-earths", "runs": 20, "seed": 1})
                    mine["submit"].append(time.perf_counter() - t)
                    assert r.status_code == 202, r.text
                else:
                    t = time.perf_counter()
                    r = c.get("/v1/dependency", params=rng.choice(QUERIES))
                    mine["query"].append(time.perf_counter() - t)
                    assert r.status_code == 200, r.text
        with lock:
            for k, v in mine.items():
                out[k] += v

    threads = [threading.Thread(target=client, args=(i, k)) for i, k in enumerate(keys)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    out["wall"] = [time.perf_counter() - t0]
    if errors:
        raise RuntimeError(f"{len(errors)} client(s) failed; the first: {errors[0]}")
    return out


def row(name: str, lat: list[float], wall: float, total: int) -> str:
    a = np.asarray(lat) * 1000
    return (f"| {name} | {len(a)} | {np.percentile(a, 50):.1f} | {np.percentile(a, 99):.1f} | {a.max():.1f} | "
            f"{total / wall:.0f} |")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--requests", type=int, default=40, help="requests per client and phase")
    ap.add_argument("--submit-share", type=float, default=0.05)
    args = ap.parse_args()
    import httpx

    work = WORK / "service"
    wh_path, (admin,) = setup(work, args.clients)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    proc = serve(wh_path, port)
    try:
        keys = make_keys(base, admin, args.clients)
        with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {keys[0]}"}, timeout=60) as c:
            for k in keys:  # each key's first use pays scrypt once (then it is remembered for a minute)
                assert c.get("/v1/me", headers={"Authorization": f"Bearer {k}"}).status_code == 200
            for k in keys[:2]:  # warm: each snapshot's cache (admins read the shared one; EU27 too, no uploads)
                for q in QUERIES:
                    c.get("/v1/dependency", params=q, headers={"Authorization": f"Bearer {k}"})
        cached = load(base, keys, args.requests, 0.0, seed=1)
        mixed = load(base, keys, args.requests, args.submit_share, seed=2)
        with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {admin}"}, timeout=60) as c:
            runs = c.get("/v1/runs", params={"limit": 1000}).json()
    finally:
        proc.terminate()
        proc.wait(30)
    from collections import Counter

    states = Counter(r["status"] for r in runs)
    failed = next((r["error"] for r in runs if r["status"] == "failed"), None)
    lines = [
        "## service",
        "",
        f"`python benchmarks/bench_service.py --clients {args.clients} --requests {args.requests} --submit-share "
        f"{args.submit_share}`; {machine()}; one uvicorn process on loopback, {os.cpu_count()} CPUs shared with the "
        f"{args.clients} client threads (httpx, keep-alive, one key each); SQLite state; 1 run worker.",
        "",
        "| phase / request | requests | p50 ms | p99 ms | max ms | throughput req/s |",
        "|---|---|---|---|---|---|",
        row("cached dependency query", cached["query"], cached["wall"][0], len(cached["query"])),
        row("mix: dependency query", mixed["query"], mixed["wall"][0], len(mixed["query"]) + len(mixed["submit"])),
        row("mix: POST /runs (20 MC runs)", mixed["submit"], mixed["wall"][0],
            len(mixed["query"]) + len(mixed["submit"])),
        "",
        f"Runs submitted in the mix: {len(mixed['submit'])}; the admins' half by the end of the load: "
        f"{dict(states)} (one worker computes them one after the other; under this load it is starved of CPU, and "
        "they finish after it). Throughput of the mix rows counts all its requests."
        + (f" A failed run's reason: {failed}" if failed else ""),
    ]
    publish("service", lines)


if __name__ == "__main__":
    main()
