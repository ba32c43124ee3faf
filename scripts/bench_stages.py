#!/usr/bin/env python3
"""CPU milliseconds per report of each stage of `pipeline.process_report`, and worker start-up.

Why: issue 10 budgets extraction per report (≤ 40 ms CPU for a synthetic ≈ 50 KB report for
the whole of `process_report`: read → detect → ingest → figures → indicators → checks → write
artifacts); this prints where that time goes, on the embedded reports (``sources/``) and on a
synthetic corpus (``solieu.synth``). It runs the real `process_report` with each stage's
function wrapped in a CPU timer (`time.process_time`), in one warm process, so the stages are
exactly the pipeline's. It also prints what a fresh worker process pays before its first
report (imports, unit table, compiled catalogue). Measured, never asserted.

``--synth N`` sets the synthetic corpus size (default 100), ``--runs R`` repeats each set
(default 3, the best run of each report kept), ``--profile FILE`` writes a cProfile of the
synthetic run (read it with ``python -m pstats FILE``).
"""

from __future__ import annotations

import argparse
import cProfile
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from solieu import pipeline  # noqa: E402
from solieu.catalog import load_catalog  # noqa: E402
from solieu.paths import Paths  # noqa: E402
from solieu.synth import generate  # noqa: E402

# stage → (module holding the name `process_report` / `process_text` call, attribute)
_STAGES = {
    "read": (pipeline, "read_report_full"),
    "detect": (pipeline.metadata_stage, "detect"),
    "ingest": (pipeline.ingest_stage, "ingest"),
    "figures": (pipeline.figures_stage, "extract_figures"),
    "indicators": (pipeline.indicators_stage, "map_observations"),
    "checks": (pipeline.checks_stage, "run_checks"),
    "write": (pipeline, "write_json"),
}
COLUMNS = (*_STAGES, "other", "total")
_spent: dict[str, float] = defaultdict(float)


def _timed(stage: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        c = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            _spent[stage] += time.process_time() - c

    return wrapper


def _instrument() -> None:
    for stage, (module, name) in _STAGES.items():
        setattr(module, name, _timed(stage, getattr(module, name)))


def _one(paths: Paths, doc_id: str) -> dict[str, float]:
    """CPU seconds of each stage of `process_report` on one report (a fresh catalogue entry)."""
    meta = next(m for m in load_catalog(paths.catalog)[0] if m.document_id == doc_id)
    _spent.clear()
    c = time.process_time()
    pipeline.process_report(meta, paths)
    t = dict(_spent)
    t["total"] = time.process_time() - c
    t["other"] = t["total"] - sum(t.get(s, 0.0) for s in _STAGES)
    return t


def run(paths: Paths, label: str, runs: int, profile: Path | None = None) -> None:
    metas, _ = load_catalog(paths.catalog)
    size = sum((paths.sources / m.file).stat().st_size for m in metas) / len(metas)
    best: dict[str, dict[str, float]] = {}
    for _ in range(runs):
        for m in metas:
            t = _one(paths, m.document_id)
            prev = best.get(m.document_id)
            if prev is None or t["total"] < prev["total"]:
                best[m.document_id] = t
    if profile:
        prof = cProfile.Profile()
        for m in load_catalog(paths.catalog)[0]:
            prof.runcall(pipeline.process_report, m, paths)
        prof.dump_stats(profile)
    mean = {s: sum(t.get(s, 0.0) for t in best.values()) / len(best) for s in COLUMNS}
    print(f"\n{label}: {len(metas)} reports, mean {size / 1000:.1f} KB; CPU ms per report")
    print(" ".join(f"{s:>10}" for s in COLUMNS))
    print(" ".join(f"{mean[s] * 1000:10.1f}" for s in COLUMNS))


_STARTUP = """
import sys, tempfile, time
from pathlib import Path
c = time.process_time()
import solieu.pipeline as pl
from solieu.catalog import load_catalog
from solieu.paths import Paths
from solieu.units import load_units
imported = time.process_time()
load_units()
units = time.process_time()
paths = Paths(build=Path(tempfile.mkdtemp()) / "build")
meta = lambda: load_catalog(paths.catalog)[0][0]
pl.process_report(meta(), paths)
first = time.process_time()
pl.process_report(meta(), paths)
print(imported - c, units - imported, first - units, time.process_time() - first)
"""


def startup() -> None:
    """CPU a fresh worker process pays before its first report (what each worker of the
    process pool pays, unless it inherits the parent's caches by fork): imports, the unit
    table, and the first report less a second one (patterns compiled on first use)."""
    out = subprocess.run(
        [sys.executable, "-c", _STARTUP], capture_output=True, text=True, check=True, cwd=ROOT
    )
    imported, units, first, second = (float(x) * 1000 for x in out.stdout.split())
    print(
        f"\nworker start-up (CPU ms): imports {imported:.0f}, unit table {units:.0f}, "
        f"first report {first:.0f} vs {second:.0f} warm (lazy compiles {first - second:.0f})"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--synth", type=int, default=100)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--profile", type=Path)
    args = ap.parse_args()
    startup()
    _instrument()
    with tempfile.TemporaryDirectory(prefix="solieu-bench-") as tmp:
        root = Paths()
        seeds = Paths(root.root, build=Path(tmp) / "seeds-build")
        run(seeds, "seeds", 1)  # warm-up: compiled patterns, unit table
        run(seeds, "seeds", args.runs)
        generate(Path(tmp) / "synth", args.synth, root=root)
        synth = Paths(Path(tmp) / "synth", build=Path(tmp) / "synth-build")
        run(synth, f"synthetic ({args.synth})", args.runs, args.profile)


if __name__ == "__main__":
    main()
