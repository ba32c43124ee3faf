#!/usr/bin/env python3
"""The whole build at scale: N synthetic reports (real units × months), measured, never asserted.

For each N (default 5, 100, 1000; ``--sizes 5,100,1000,3000``; ``--big`` adds 10,000) this
writes a throwaway project under ``build/bench/`` (N = 5 is the embedded corpus itself), runs
``solieu build`` in a child process and prints:

- per-stage wall and CPU seconds (stages 0-3, package, site Markdown, mkdocs, publish) and the
  CPU/wall ratio (above 1: more than one core worked);
- peak RSS of the build's process tree (sampled every 0.1 s) and of its largest process;
- pages, files, site size, search index size, heaviest page (HTML bytes), data package size
  and its largest file;
- a bare ``mkdocs build`` of the same generated Markdown in the same run, and the pipeline's
  overhead over it ((whole − bare) / bare);
- a rebuild with no change, and a rebuild after adding one report (as ratios of the full build),
  and whether both publish the bytes of a clean build of the same sources (``same``: the
  no-change rebuild against the first build; the +1 rebuild against a clean build in a fresh
  folder, for N up to ``--verify-up-to``, default 1,000).

Then a least-squares line of site size against N, and the results as CSV in
``build/bench/scale.csv`` and ``docs/bench.csv`` (shown on the methods page).
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from solieu.paths import Paths  # noqa: E402
from solieu.synth import TEMPLATES, generate, plan, synthesize  # noqa: E402

SOLIEU = [sys.executable, "-m", "solieu.cli"]
OUT = ROOT / "build" / "bench"
FIELDS = [
    "reports",
    "build_s",
    "cpu_s",
    "cores_used",
    "stages_s",
    "package_s",
    "site_markdown_s",
    "mkdocs_s",
    "bare_mkdocs_s",
    "overhead",
    "peak_rss_tree_mb",
    "peak_rss_process_mb",
    "pages",
    "files",
    "site_mb",
    "search_index_mb",
    "heaviest_page_kb",
    "heaviest_page",
    "package_mb",
    "largest_package_file_mb",
    "rebuild_no_change_s",
    "rebuild_add_one_s",
    "rebuilds_identical",
]


class TreeRss:
    """Peak resident memory of a process and its descendants, sampled in a thread."""

    def __init__(self, pid: int):
        self.proc = psutil.Process(pid)
        self.peak_tree = 0
        self.peak_one = 0
        self._stop = threading.Event()
        self._t = threading.Thread(target=self._run, daemon=True)
        self._t.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                procs = [self.proc, *self.proc.children(recursive=True)]
                rss = []
                for p in procs:
                    with contextlib.suppress(psutil.Error):
                        rss.append(p.memory_info().rss)
                self.peak_tree = max(self.peak_tree, sum(rss))
                self.peak_one = max(self.peak_one, max(rss, default=0))
            except psutil.Error:
                pass
            time.sleep(0.1)

    def stop(self) -> None:
        self._stop.set()
        self._t.join()


def run_build(project: Path) -> tuple[float, dict, TreeRss]:
    timings = project / "timings.json"
    env = {**os.environ, "SOLIEU_ROOT": str(project), "PYTHONHASHSEED": "0"}
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [*SOLIEU, "build", "--timings", str(timings)],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    rss = TreeRss(proc.pid)
    _, err = proc.communicate()
    rss.stop()
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"build of {project} failed:\n{err[-3000:]}")
    return wall, json.loads(timings.read_text(encoding="utf-8")), rss


def bare_mkdocs(project: Path) -> float:
    """`mkdocs build` of the build's generated Markdown, same mkdocs.yml, into a temp dir."""
    out = Path(tempfile.mkdtemp(prefix="bare-mkdocs-"))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    t0 = time.perf_counter()
    subprocess.run(
        [
            str(Path(sys.executable).parent / "mkdocs"),
            "build",
            "-q",
            "-f",
            str(project / "mkdocs.yml"),
            "-d",
            str(out),
        ],
        cwd=project,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wall = time.perf_counter() - t0
    shutil.rmtree(out, ignore_errors=True)
    return wall


def tree_stats(site: Path, package: Path) -> dict:
    files = [p for p in site.rglob("*") if p.is_file()]
    html = [p for p in files if p.suffix == ".html"]
    heaviest = max(html, key=lambda p: p.stat().st_size)
    index = site / "search" / "search_index.json"
    pkg_files = [
        p
        for p in package.rglob("*")
        if p.is_file() and not p.relative_to(package).parts[0].startswith(".")
    ]
    return {
        "pages": sum(1 for p in html if p.name == "index.html"),
        "files": len(files),
        "site_mb": sum(p.stat().st_size for p in files) / 1e6,
        "search_index_mb": index.stat().st_size / 1e6 if index.exists() else 0.0,
        "heaviest_page_kb": heaviest.stat().st_size / 1e3,
        "heaviest_page": str(heaviest.relative_to(site)),
        "package_mb": sum(p.stat().st_size for p in pkg_files) / 1e6,
        "largest_package_file_mb": max(p.stat().st_size for p in pkg_files) / 1e6,
    }


def project_for(n: int) -> Path:
    dest = OUT / f"n{n}"
    if dest.exists():
        shutil.rmtree(dest)
    if n == 5:
        dest.mkdir(parents=True)
        shutil.copytree(ROOT / "sources", dest / "sources")
        shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
        (dest / "docs").symlink_to(ROOT / "docs", target_is_directory=True)
        (dest / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
        return dest
    generate(dest, n, root=Paths(ROOT))
    return dest


def add_one(project: Path, n: int) -> None:
    """Catalogue one more synthetic report (the next unit-month of the plan)."""
    unit, month = list(plan(n + 1))[-1]
    tpl = TEMPLATES["commune"]
    text = synthesize(
        (ROOT / "sources" / tpl.file).read_text(encoding="utf-8"), tpl, unit, month, 0
    )
    doc_id = f"{unit.unit_id}-{month}-bao-cao-them"
    (project / "sources" / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    catalog = project / "sources" / "catalog.yaml"
    entries = yaml.safe_load(catalog.read_text(encoding="utf-8"))
    entries["documents"].append(
        {
            "id": doc_id,
            "file": f"{doc_id}.txt",
            "unit_id": unit.unit_id,
            "period": month,
            "kind": "monthly_report",
            "origin": "synthetic",
        }
    )
    catalog.write_text(
        yaml.safe_dump(entries, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )


def outputs_digest(project: Path) -> dict[str, str]:
    """File → sha256 of what a build publishes (the site and the data package)."""
    out = {}
    for name, top in (("site", project / "build" / "site"), ("pkg", project / "datapackage")):
        for p in sorted(top.rglob("*")):
            rel = p.relative_to(top)
            if p.is_file() and not (name == "pkg" and rel.parts[0].startswith(".")):
                out[f"{name}/{rel.as_posix()}"] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


def clean_copy(project: Path) -> Path:
    """The same sources and configuration in a fresh folder (nothing cached, no site)."""
    dest = project.with_name(project.name + "-clean")
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir()
    shutil.copytree(project / "sources", dest / "sources")
    shutil.copy(project / "mkdocs.yml", dest / "mkdocs.yml")
    for link in ("docs", "node_modules"):
        (dest / link).symlink_to((project / link).resolve(), target_is_directory=True)
    return dest


def measure(n: int, verify: bool) -> dict:
    project = project_for(n)
    wall, timings, rss = run_build(project)
    stats = tree_stats(project / "build" / "site", project / "datapackage")
    bare = bare_mkdocs(project)
    cpu = sum(v["cpu"] for v in timings.values())
    row = {
        "reports": n,
        "build_s": wall,
        "cpu_s": cpu,
        "cores_used": cpu / wall,
        "stages_s": timings.get("stages", {}).get("wall", 0.0),
        "package_s": timings.get("package", {}).get("wall", 0.0),
        "site_markdown_s": timings.get("site_markdown", {}).get("wall", 0.0),
        "mkdocs_s": timings.get("mkdocs", {}).get("wall", 0.0),
        "bare_mkdocs_s": bare,
        "overhead": (wall - bare) / bare,
        "peak_rss_tree_mb": rss.peak_tree / 1e6,
        "peak_rss_process_mb": rss.peak_one / 1e6,
        **stats,
    }
    first = outputs_digest(project)
    row["rebuild_no_change_s"], _, _ = run_build(project)
    same = outputs_digest(project) == first
    add_one(project, n)
    row["rebuild_add_one_s"], _, _ = run_build(project)
    if verify:  # a clean build of the same sources: the incremental one must equal it
        clean = clean_copy(project)
        run_build(clean)
        same = same and outputs_digest(project) == outputs_digest(clean)
        shutil.rmtree(clean, ignore_errors=True)
    row["rebuilds_identical"] = "có" if same else "KHÔNG"
    return row


def fit(rows: list[dict]) -> str:
    pts = [(r["reports"], r["site_mb"]) for r in rows if r["reports"] >= 100]
    if len(pts) < 2:
        return "site size: too few sizes for a fit"
    k = len(pts)
    mx = sum(x for x, _ in pts) / k
    my = sum(y for _, y in pts) / k
    b = sum((x - mx) * (y - my) for x, y in pts) / sum((x - mx) ** 2 for x, _ in pts)
    a = my - b * mx
    worst = max(abs(y - (a + b * x)) / y for x, y in pts)
    return (
        f"site size ≈ {a:.1f} MB + {b * 1000:.1f} MB per 1,000 reports (worst residual {worst:.1%})"
    )


def main() -> None:
    args = sys.argv[1:]
    sizes = [5, 100, 1000]
    if "--sizes" in args:
        sizes = [int(x) for x in args[args.index("--sizes") + 1].split(",")]
    if "--big" in args:
        sizes.append(10000)
    # the clean build that proves the +1 rebuild byte-identical costs one more full build
    verify_up_to = int(args[args.index("--verify-up-to") + 1]) if "--verify-up-to" in args else 1000
    OUT.mkdir(parents=True, exist_ok=True)
    rows = []
    print(
        f"{'N':>6} {'build':>7} {'cores':>5} {'stages':>7} {'md':>6} {'mkdocs':>7} {'bare':>6} "
        f"{'ovh':>5} {'rssMB':>6} {'pages':>6} {'files':>6} {'siteMB':>7} {'idxMB':>6} "
        f"{'pageKB':>7} {'pkgMB':>6} {'maxCSV':>6} {'again':>6} {'+1':>6} {'same':>5}"
    )
    for n in sizes:
        r = measure(n, verify=n <= verify_up_to)
        rows.append(r)
        print(
            f"{n:>6} {r['build_s']:>6.1f}s {r['cores_used']:>5.2f} {r['stages_s']:>6.1f}s "
            f"{r['site_markdown_s']:>5.1f}s {r['mkdocs_s']:>6.1f}s {r['bare_mkdocs_s']:>5.1f}s "
            f"{r['overhead']:>5.2f} {r['peak_rss_tree_mb']:>6.0f} {r['pages']:>6} {r['files']:>6} "
            f"{r['site_mb']:>7.1f} {r['search_index_mb']:>6.2f} {r['heaviest_page_kb']:>7.0f} "
            f"{r['package_mb']:>6.1f} {r['largest_package_file_mb']:>6.1f} "
            f"{r['rebuild_no_change_s'] / r['build_s']:>6.0%} "
            f"{r['rebuild_add_one_s'] / r['build_s']:>6.0%} {r['rebuilds_identical']:>5}",
            flush=True,
        )
    print(fit(rows))
    for dest in (OUT / "scale.csv", ROOT / "docs" / "bench.csv"):
        with dest.open("w", encoding="utf-8", newline="") as fh:
            w = csv.DictWriter(fh, FIELDS, extrasaction="ignore", lineterminator="\n")
            w.writeheader()
            for r in rows:
                w.writerow({k: (f"{v:.3f}" if isinstance(v, float) else v) for k, v in r.items()})
    weight = ROOT / "build" / "bench" / "page-weight.json"
    if weight.exists():
        print(f"heaviest page transferred (browser test): {weight.read_text(encoding='utf-8')}")


if __name__ == "__main__":
    main()
