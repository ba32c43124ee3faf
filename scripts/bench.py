#!/usr/bin/env python3
"""Speed and memory of each stage on the embedded corpus (measured here, never asserted in tests).

Prints one line per report: wall time per stage (best of N runs) and peak Python heap
(tracemalloc); then extraction throughput in MB/s on synthetic reports of 1 MB and 3 MB (the
embedded reports repeated, and adversarial shapes: one endless sentence, unbalanced brackets,
one sentence repeated). ``--sizes 1,3,50`` changes the sizes (MB); ``--throughput`` skips the
per-report table. Tests assert growth *ratios* with the same generator (``synthetic_text``),
never these seconds.
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
from solieu.model import DocumentMeta  # noqa: E402
from solieu.paths import Paths  # noqa: E402
from solieu.readers import read_report  # noqa: E402

RUNS = 5
SOURCES = Path(__file__).resolve().parents[1] / "sources"

# Text shapes repeated to any size. "report" is the embedded reports end to end; the others
# are the worst cases of a linear-time extractor: a sentence that never ends, brackets that
# never close, one indicator sentence repeated (many duplicate observations), many headings.
SHAPES = {
    "one_sentence": "thu 12 tỷ đồng, tiếp nhận 35 hồ sơ, ",
    "brackets": "(chi 5 tỷ đồng (và 7 hồ sơ, ",
    "repeated": (
        "Tổng thu ngân sách nhà nước trên địa bàn đạt 1.234 tỷ đồng, bằng 50,5% dự toán. "
    ),
    "headings": (
        "2.3. Công tác cải cách hành chính\nTrong tháng tiếp nhận 35 hồ sơ, giải quyết 30 hồ sơ.\n"
    ),
}


def synthetic_text(shape: str, n_chars: int) -> str:
    """A report of ``n_chars`` characters of the given shape ("report" or a key of SHAPES)."""
    if shape == "report":  # the bodies (ingested: no signature block ends the text early)
        unit = "\n\n".join(
            ingest.ingest(p.read_text(encoding="utf-8"), DocumentMeta("x", p.name)).text
            for p in sorted(SOURCES.glob("*.txt"))
        )
    else:
        unit = SHAPES[shape]
    return (unit * (n_chars // len(unit) + 1))[:n_chars]


def extract_seconds(text: str) -> tuple[float, float, float, int]:
    """Seconds of metadata detection, and wall and CPU seconds of stages 1-3b (ingest,
    figures, indicators, checks) on one text; and its number of figures. CPU time is what
    to compare on a shared machine."""
    meta = DocumentMeta(
        document_id="bench", file="bench.txt", unit_id="tinh-lang-son", period="2025-06"
    )
    t = time.perf_counter()
    metadata.detect(text)
    t_detect = time.perf_counter() - t
    t, c = time.perf_counter(), time.process_time()
    doc = ingest.ingest(text, meta)
    figs = figures.extract_figures(doc)
    obs = indicators.map_observations(doc, figs)
    checks.run_checks(doc, figs, observations=obs)
    return t_detect, time.perf_counter() - t, time.process_time() - c, len(figs)


def throughput(sizes_mb: list[float], shapes: list[str]) -> None:
    indicators.compile_catalogue()
    extract_seconds(synthetic_text("report", 20_000))  # warm-up: compiled patterns
    print(
        f"{'shape':14} {'MB':>6} {'figures':>8} {'detect s':>9} {'stages s':>9} "
        f"{'cpu s':>7} {'MB/s':>6} {'cpu MB/s':>9}"
    )
    for shape in shapes:
        for mb in sizes_mb:
            text = synthetic_text(shape, int(mb * 1e6))
            t_detect, secs, cpu, n = extract_seconds(text)
            size = len(text.encode("utf-8")) / 1e6
            print(
                f"{shape:14} {size:6.2f} {n:8d} {t_detect:9.2f} {secs:9.2f} {cpu:7.2f} "
                f"{size / (secs + t_detect):6.2f} {size / cpu:9.2f}",
                flush=True,
            )


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


def main() -> None:
    args = sys.argv[1:]
    sizes = [1.0, 3.0]
    if "--sizes" in args:
        sizes = [float(x) for x in args[args.index("--sizes") + 1].split(",")]
    if "--throughput" not in args:
        per_report()
    throughput(sizes, ["report", *SHAPES])


def per_report() -> None:
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
