"""What the benchmarks share: running a contender in its own process, and writing a section of RESULTS.md."""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

HERE = Path(__file__).resolve().parent
WORK = HERE / "_work"


def run(contender: tuple[str, str], out: Path, **params) -> tuple[float, float]:
    """Seconds of the timed part and peak RSS (MiB) of the whole process, in a fresh Python process.

    `contender` is (set-up code, timed code); `params` become upper-case constants both can use.
    """
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    setup, timed = contender
    consts = "".join(f"{k.upper()}={v!r}\n" for k, v in {"out": str(out), **params}.items())
    prog = (consts + textwrap.dedent(setup) + "import time\n_t0 = time.perf_counter()\n" + textwrap.dedent(timed)
            + "print(time.perf_counter() - _t0)\n")
    proc = subprocess.Popen([sys.executable, "-c", prog], stdout=subprocess.PIPE, text=True)
    output = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    if status != 0:
        raise SystemExit(f"contender failed with status {status}")
    return float(output.strip().splitlines()[-1]), usage.ru_maxrss / 1024  # Linux reports KiB


def machine() -> str:
    return f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"


def write_section(key: str, text: str) -> None:
    """Replace this benchmark's section of RESULTS.md, keeping the others."""
    path = HERE / "RESULTS.md"
    old = path.read_text() if path.exists() else "# Benchmark results\n\n"
    start, end = f"<!-- {key} -->", f"<!-- /{key} -->"
    block = f"{start}\n{text}\n{end}"
    if start in old:
        before, rest = old.split(start, 1)
        new = before + block + rest.split(end, 1)[1]
    else:
        new = old.rstrip() + "\n\n" + block + "\n"
    path.write_text(new)


def results_table(results: dict[str, tuple[float, float]]) -> list[str]:
    """Markdown rows: each contender's wall time and peak RSS, and its time relative to the first (ours)."""
    ours = next(iter(results.values()))[0]
    return ["| contender | wall s | peak RSS MiB | time vs chokepoints |", "|---|---:|---:|---:|",
            *[f"| {n} | {w:.2f} | {r:.0f} | {w / ours:.2f}x |" for n, (w, r) in results.items()]]


def publish(key: str, lines: list[str]) -> None:
    """Write the section to RESULTS.md and print it."""
    write_section(key, "\n".join(lines))
    print("\n".join(lines))
