"""Benchmark: the REST service under 50 concurrent clients on loopback (issue 15).

A uvicorn server (one process, as `chokepoints serve` runs it) on a warehouse of the bundled data; 50 clients, each
a thread with its own keep-alive connection and key, spread over client processes (`--client-procs`, default 5:
50 httpx threads in one Python process queue for its GIL, and then the client, not the server, sets the pace; the
first row shows that case). Phase 1: cached dependency queries (the cache warmed first). Phase 2: the same queries
mixed with job submissions (POST /runs, 20 Monte Carlo runs each, computed by the service's worker thread while it
answers). The server also records each request's time inside it, so a row can tell the server's share of a
client's latency. p50/p99 latency and throughput go to benchmarks/RESULTS.md (section "service"). Usage:
    python benchmarks/bench_service.py [--clients 50] [--requests 40] [--submit-share 0.05] [--client-procs 5]
Target (issue 15): p99 <= 100 ms for cached queries on 2 cores.
"""

from __future__ import annotations

import argparse
import json
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
    """The service as `chokepoints serve` runs it (one uvicorn process; uvloop and httptools when installed), its app
    wrapped in a timer: each request's time inside the server (ASGI call to its last byte), answered at
    GET /__timings (the bench's own path, outside the service)."""
    code = textwrap.dedent(f"""
        import json, time, uvicorn
        from chokepoints.service import Settings, create_app
        app = create_app(Settings(warehouse={str(wh_path)!r}, rate_limit_per_minute=10**9, workers=1))
        seen = []

        async def timed(scope, receive, send):
            if scope["type"] != "http":
                return await app(scope, receive, send)
            if scope["path"] == "/__timings":
                await send({{"type": "http.response.start", "status": 200, "headers": []}})
                return await send({{"type": "http.response.body", "body": json.dumps(seen).encode()}})
            t0, wall = time.perf_counter(), time.time()
            await app(scope, receive, send)
            seen.append((wall, time.perf_counter() - t0, scope["method"], scope["path"]))

        from chokepoints.service.app import quiet_gc
        quiet_gc()  # as `chokepoints serve` does
        uvicorn.run(timed, host="127.0.0.1", port={port}, log_level="warning")
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


def clients(base: str, keys: list[str], first: int, requests: int, submit_share: float, seed: int,
            start_at: float) -> dict:
    """One client process: a thread per key (its own keep-alive connection), all starting at START_AT (time.time);
    each thread's latencies, and when the process's first request started and its last ended."""
    import httpx

    out: dict[str, list[float]] = {"query": [], "submit": []}
    lock = threading.Lock()
    errors: list[BaseException] = []
    ready = threading.Barrier(len(keys))
    began: list[float] = []

    def client(i: int, key: str) -> None:
        try:
            work(i, key)
        except BaseException as e:  # noqa: BLE001 - reported after the join
            errors.append(e)
            ready.abort()

    def work(i: int, key: str) -> None:
        rng = random.Random(seed + i)
        mine: dict[str, list[float]] = {"query": [], "submit": []}
        with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {key}"}, timeout=60) as c:
            assert c.get("/v1/health").status_code == 200  # the connection is open before the clock starts
            ready.wait()
            time.sleep(max(0.0, start_at - time.time()))
            began.append(time.time())
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

    threads = [threading.Thread(target=client, args=(first + j, k)) for j, k in enumerate(keys)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise RuntimeError(f"{len(errors)} client(s) failed; the first: {errors[0]}")
    return {**out, "begin": min(began), "end": time.time()}


def load(base: str, keys: list[str], requests: int, submit_share: float, seed: int, procs: int) -> dict:
    """len(KEYS) concurrent clients in PROCS client processes (threads of one Python process share its GIL: with
    50 of them in one process the client, not the server, sets the pace). Latencies per request kind; 'window'
    holds the start and end (time.time) of the phase."""
    start_at = time.time() + 3.0  # every client process has started and connected by then
    groups = [list(range(len(keys)))[i::procs] for i in range(procs)]
    children = []
    for g in groups:
        job = {"base": base, "keys": [keys[i] for i in g], "first": g[0], "requests": requests,
               "submit_share": submit_share, "seed": seed, "start_at": start_at}
        children.append(subprocess.Popen([sys.executable, __file__, "--client-process"], stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, text=True))
        children[-1].stdin.write(json.dumps(job))
        children[-1].stdin.close()
    out: dict = {"query": [], "submit": []}
    begin, end = float("inf"), start_at
    for c in children:
        res = json.loads(c.stdout.read())
        if c.wait() != 0:
            raise RuntimeError("a client process failed")
        out["query"] += res["query"]
        out["submit"] += res["submit"]
        begin, end = min(begin, res["begin"]), max(end, res["end"])
    out["window"] = (begin, end)
    return out


def row(name: str, lat: list[float], wall: float, total: int) -> str:
    a = np.asarray(lat) * 1000
    return (f"| {name} | {len(a)} | {np.percentile(a, 50):.1f} | {np.percentile(a, 99):.1f} | {a.max():.1f} | "
            f"{total / wall:.0f} |")


def _server_stack() -> str:
    """What uvicorn picks: uvloop and httptools when they are installed, else asyncio and h11."""
    import importlib.util

    loop = "uvloop" if importlib.util.find_spec("uvloop") else "asyncio"
    return f"{loop}, {'httptools' if importlib.util.find_spec('httptools') else 'h11'}"


def server_times(timings: list, window: tuple[float, float], path: str) -> list[float]:
    return [d for (t, d, _m, p) in timings if p == path and window[0] <= t <= window[1]]


def main() -> None:
    if sys.argv[1:] == ["--client-process"]:
        print(json.dumps(clients(**json.load(sys.stdin))))
        return
    ap = argparse.ArgumentParser()
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--requests", type=int, default=40, help="requests per client and phase")
    ap.add_argument("--submit-share", type=float, default=0.05)
    ap.add_argument("--client-procs", type=int, default=5, help="client processes the clients are spread over")
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
            for k in keys:  # each key's first use pays scrypt once (then auth.KeyCache remembers it)
                assert c.get("/v1/me", headers={"Authorization": f"Bearer {k}"}).status_code == 200
            for k in keys[:2]:  # warm: each snapshot's cache (admins read the shared one; EU27 too, no uploads)
                for q in QUERIES:
                    c.get("/v1/dependency", params=q, headers={"Authorization": f"Bearer {k}"})
        one = load(base, keys, args.requests, 0.0, seed=1, procs=1)
        cached = load(base, keys, args.requests, 0.0, seed=1, procs=args.client_procs)
        mixed = load(base, keys, args.requests, args.submit_share, seed=2, procs=args.client_procs)
        with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {admin}"}, timeout=60) as c:
            runs = c.get("/v1/runs", params={"limit": 1000}).json()
            timings = c.get("/__timings").json()
    finally:
        proc.terminate()
        proc.wait(30)
    from collections import Counter

    def span(phase: dict) -> float:
        return phase["window"][1] - phase["window"][0]

    def n_all(phase: dict) -> int:
        return len(phase["query"]) + len(phase["submit"])

    states = Counter(r["status"] for r in runs)
    failed = next((r["error"] for r in runs if r["status"] == "failed"), None)
    per = args.clients // args.client_procs
    lines = [
        "## service",
        "",
        f"`python benchmarks/bench_service.py --clients {args.clients} --requests {args.requests} --submit-share "
        f"{args.submit_share} --client-procs {args.client_procs}`; {machine()}; one uvicorn process on loopback "
        f"({_server_stack()}), {os.cpu_count()} CPUs shared with the {args.clients} clients (httpx threads, "
        f"keep-alive, one key each); SQLite state; 1 run worker. \"client\": latency a client measured; "
        "\"server\": the same requests' time inside the server process (ASGI call to last byte).",
        "",
        "| phase / request | requests | p50 ms | p99 ms | max ms | throughput req/s |",
        "|---|---|---|---|---|---|",
        row(f"cached dependency query, 1 client process x {args.clients} threads (client)", one["query"],
            span(one), n_all(one)),
        row(f"cached dependency query, {args.client_procs} client processes x {per} threads (client)",
            cached["query"], span(cached), n_all(cached)),
        row("cached dependency query (server)", server_times(timings, cached["window"], "/v1/dependency"),
            span(cached), n_all(cached)),
        row("mix: dependency query (client)", mixed["query"], span(mixed), n_all(mixed)),
        row("mix: dependency query (server)", server_times(timings, mixed["window"], "/v1/dependency"),
            span(mixed), n_all(mixed)),
        row("mix: POST /runs, 20 MC runs (client)", mixed["submit"], span(mixed), n_all(mixed)),
        "",
        f"Runs submitted in the mix: {len(mixed['submit'])}; the admins' half by the end of the load: "
        f"{dict(states)} (one worker computes them one after the other, in the server process, while it answers). "
        "Throughput counts all the phase's requests over its wall time."
        + (f" A failed run's reason: {failed}" if failed else ""),
    ]
    publish("service", lines)


if __name__ == "__main__":
    main()
