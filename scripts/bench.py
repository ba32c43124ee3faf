#!/usr/bin/env python3
"""Speed and memory of each stage on the embedded corpus (measured here, never asserted in tests).

Prints one line per stage: wall time (best of N runs) and peak Python heap (tracemalloc).
"""

from __future__ import annotations

import statistics
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from solieu import checks, figures, indicators, ingest, metadata  # noqa: E402
from solieu.catalog import load_catalog  # noqa: E402
from solieu.paths import Paths  # noqa: E402
from solieu.readers import read_report  # noqa: E402

RUNS = 5


def measure(fn, *args):
    times = []
    for _ in range(RUNS):
        t = time.perf_counter()
        out = fn(*args)
        times.append(time.perf_counter() - t)
    tracemalloc.start()
    fn(*args)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return out, min(times), statistics.median(times), peak


def bench_units() -> None:
    """The unit table is built on first use in each process (two JSON files, one SQLite
    table): a cold process pays it once, so it is measured in fresh interpreters."""
    import subprocess

    code = (
        "import time; t = time.perf_counter(); from solieu.units import load_units; "
        "n = len(load_units()); print(n, time.perf_counter() - t)"
    )
    runs = [
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        for _ in range(RUNS)
    ]
    times = sorted(float(r.stdout.split()[1]) for r in runs)
    n = runs[0].stdout.split()[0]
    print(
        f"units: load_units() of {n} units in a cold process: best {times[0]:.3f} s, "
        f"median {statistics.median(times):.3f} s"
    )


def main() -> None:
    bench_units()
    p = Paths()
    metas, _ = load_catalog(p.catalog)
    total_chars = 0
    rows = []
    for meta in metas:
        raw = read_report(p.sources / meta.file)
        total_chars += len(raw)
        _, t0, _, m0 = measure(metadata.detect, raw)
        doc, t1, _, m1 = measure(ingest.ingest, raw, meta)
        figs, t2, _, m2 = measure(figures.extract_figures, doc)
        obs, t3, _, m3 = measure(indicators.map_observations, doc, figs)
        _, t4, _, m4 = measure(checks.run_checks, doc, figs)
        rows.append(
            (
                meta.document_id,
                len(raw),
                len(figs),
                len(obs),
                t0,
                t1,
                t2,
                t3,
                t4,
                max(m0, m1, m2, m3, m4),
            )
        )
    print(
        f"{'document':42} {'chars':>7} {'figs':>5} {'obs':>4} "
        f"{'detect':>7} {'ingest':>7} {'figures':>7} {'indic.':>7} {'checks':>7} {'peakMB':>7}"
    )
    for r in rows:
        print(
            f"{r[0]:42} {r[1]:7d} {r[2]:5d} {r[3]:4d} "
            + " ".join(f"{x * 1000:6.1f}ms" for x in r[4:9])
            + f" {r[9] / 1e6:7.1f}"
        )
    total = sum(sum(r[4:9]) for r in rows)
    print(
        f"all stages 1-3, {total_chars} chars: {total:.3f} s "
        f"({total_chars / max(total, 1e-9) / 1000:.0f}k chars/s)"
    )


if __name__ == "__main__":
    main()
