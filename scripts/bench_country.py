#!/usr/bin/env python3
"""The country, province by province, on Dask: N synthetic reports, one build per province.

Why: one Pages site holds at most 1 GB, and one build of the whole country would hold every
page in one mkdocs process. So the country is published as one project (package + site) per
province, each built by the same `solieu build`, the builds run as tasks of Dask's
`LocalCluster` (or of a real cluster: ``--scheduler tcp://…``), and a hub page links them.
This script measures that design, never asserts it:

1. writes N synthetic reports (`solieu.synth`, real current units × 12 months) and splits
   them into one project per province under ``build/bench/country-N/<province>/``;
2. runs ``solieu build --engine serial`` for every province as a Dask task (one process per
   worker, ``--workers`` workers, default all cores): Dask schedules the provinces, each
   build uses one core;
3. prints per province: reports, wall time, peak RSS of its build, site size, files, search
   index, heaviest page, largest package file; then the whole run's wall time, CPU use, the
   largest province build's memory, and the total size; and writes
   ``build/bench/country.csv``;
4. writes the hub page (``hub/index.html``, one link per province) from a Jinja template.

Usage: ``python scripts/bench_country.py --reports 10000 [--workers 2] [--scheduler ADDR]``.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

import psutil
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

from bench_scale import tree_stats  # noqa: E402

from solieu.engine import make_engine  # noqa: E402
from solieu.paths import Paths  # noqa: E402
from solieu.synth import generate  # noqa: E402
from solieu.units import load_units, province_of  # noqa: E402

OUT = ROOT / "build" / "bench"
TEMPLATES = ROOT / "src" / "solieu" / "site" / "templates"


def split_by_province(project: Path, dest: Path) -> dict[str, Path]:
    """One project per province from a generated one (texts moved, catalogue split)."""
    catalog = yaml.safe_load((project / "sources" / "catalog.yaml").read_text(encoding="utf-8"))
    groups: dict[str, list[dict]] = defaultdict(list)
    for entry in catalog["documents"]:
        groups[province_of(entry["unit_id"])].append(entry)
    out = {}
    for province, entries in sorted(groups.items()):
        p = dest / province
        (p / "sources").mkdir(parents=True)
        for e in entries:
            (project / "sources" / e["file"]).rename(p / "sources" / e["file"])
        (p / "sources" / "catalog.yaml").write_text(
            yaml.safe_dump({"documents": entries}, allow_unicode=True, sort_keys=False),
            encoding="utf-8",
        )
        shutil.copy(project / "mkdocs.yml", p / "mkdocs.yml")
        for link in ("docs", "node_modules"):
            (p / link).symlink_to((project / link).resolve(), target_is_directory=True)
        out[province] = p
    return out


def build_province(project: str) -> dict:
    """`solieu build --engine serial` of one province's project, in a child process (a Dask
    task: the worker only waits; the child's memory is returned to the system when it ends)."""
    timings = Path(project) / "timings.json"
    env = {**os.environ, "SOLIEU_ROOT": project, "PYTHONHASHSEED": "0"}
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "solieu.cli",
            "build",
            "--engine",
            "serial",
            "--timings",
            str(timings),
        ],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        ps = psutil.Process(proc.pid)
        while not done.is_set():
            try:
                peak[0] = max(peak[0], ps.memory_info().rss)
            except psutil.Error:
                return
            time.sleep(0.2)

    t = threading.Thread(target=sample, daemon=True)
    t.start()
    _, err = proc.communicate()
    done.set()
    t.join()
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        return {"project": project, "error": err[-2000:]}
    cpu = sum(v["cpu"] for v in json.loads(timings.read_text(encoding="utf-8")).values())
    return {"project": project, "wall_s": wall, "cpu_s": cpu, "peak_rss_mb": peak[0] / 1e6}


def write_hub(dest: Path, rows: list[dict]) -> Path:
    from jinja2 import Environment, FileSystemLoader

    units = load_units()
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True)
    page = env.get_template("hub.html.j2")
    provinces = [
        {"href": f"{r['province']}/", "name": units[r["province"]].name, "reports": r["reports"]}
        for r in rows
    ]
    hub = dest / "hub" / "index.html"
    hub.parent.mkdir(parents=True, exist_ok=True)
    hub.write_text(page.render(provinces=provinces), encoding="utf-8")
    return hub


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reports", type=int, default=10000)
    ap.add_argument("--workers", type=int, default=None)
    ap.add_argument("--scheduler", default=None, help="a Dask scheduler's address")
    args = ap.parse_args()
    dest = OUT / f"country-{args.reports}"
    if dest.exists():
        shutil.rmtree(dest)
    t0 = time.perf_counter()
    generate(dest / "all", args.reports, root=Paths(ROOT))
    projects = split_by_province(dest / "all", dest)
    shutil.rmtree(dest / "all")
    print(
        f"{args.reports} reports in {len(projects)} provinces, written in "
        f"{time.perf_counter() - t0:.0f} s",
        flush=True,
    )
    engine = make_engine("dask", address=args.scheduler, workers=args.workers)
    c0 = psutil.cpu_times()
    t0 = time.perf_counter()
    results = engine.map(build_province, [str(p) for p in projects.values()])
    wall = time.perf_counter() - t0
    c1 = psutil.cpu_times()
    cpu = (c1.user + c1.system) - (c0.user + c0.system)
    rows = []
    for province, r in zip(projects, results, strict=True):
        if "error" in r:
            raise SystemExit(f"{province}: build failed:\n{r['error']}")
        p = Path(r["project"])
        stats = tree_stats(p / "build" / "site", p / "datapackage")
        n = len(yaml.safe_load((p / "sources" / "catalog.yaml").read_text())["documents"])
        rows.append({"province": province, "reports": n, **r, **stats})
        print(
            f"{province:>24} {n:>6} reports {r['wall_s']:>7.1f} s {r['peak_rss_mb']:>6.0f} MB "
            f"site {stats['site_mb']:>7.1f} MB {stats['files']:>6} files "
            f"index {stats['search_index_mb']:>5.2f} MB page {stats['heaviest_page_kb']:>5.0f} KB "
            f"package file ≤ {stats['largest_package_file_mb']:.1f} MB",
            flush=True,
        )
    hub = write_hub(dest, rows)
    print(
        f"whole country: {wall:.0f} s wall, {cpu / wall:.2f} cores busy, largest build "
        f"{max(r['peak_rss_mb'] for r in rows):.0f} MB, sites {sum(r['site_mb'] for r in rows):.0f}"
        f" MB in all (largest {max(r['site_mb'] for r in rows):.0f} MB), hub page {hub}"
    )
    with (OUT / "country.csv").open("w", encoding="utf-8", newline="") as fh:
        fields = [
            "province",
            "reports",
            "wall_s",
            "cpu_s",
            "peak_rss_mb",
            "site_mb",
            "files",
            "search_index_mb",
            "heaviest_page_kb",
            "largest_package_file_mb",
        ]
        w = csv.DictWriter(fh, fields, extrasaction="ignore", lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({k: (f"{v:.3f}" if isinstance(v, float) else v) for k, v in r.items()})


if __name__ == "__main__":
    main()
