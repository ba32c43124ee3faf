#!/usr/bin/env python3
"""Peak memory and time of the PDF reader on a generated many-page PDF (issue 8).

pdfplumber keeps every page's parsed layout unless told otherwise, so a 4,000-page PDF once
took 12 GB. This script writes an N-page report (40 lines of Vietnamese text a page, page
numbers, a running header), reads it with `solieu.readers.read_report_full` in a child process
and prints the child's peak resident memory and wall time. The page limit of
`src/solieu/data/readers.yaml` is lifted for the measurement (``--limit``) so that the reading
itself is measured; with the default limit the same file is refused before any page is parsed.

    .venv/bin/python scripts/bench_pdf_pages.py 4000            # read with the limit lifted
    .venv/bin/python scripts/bench_pdf_pages.py 4000 --default  # with the shipped limits
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests" / "bad_inputs"))

CHILD = """
import sys, time
from pathlib import Path
from solieu import readers
from solieu.errors import InputError
if sys.argv[2] != "default":
    rules = readers._rules()
    rules.setdefault("limits", {})["max_pdf_pages"] = 10**6
    rules["limits"]["max_chars"] = 10**9
    rules["limits"]["max_file_mb"] = 10**6
t = time.perf_counter()
try:
    r = readers.read_report_full(Path(sys.argv[1]))
    print(f"read {r.pages} pages, {len(r.text)} chars", end="")
except InputError as exc:
    print(f"refused: {exc}", end="")
print(f" in {time.perf_counter() - t:.1f} s")
"""


def write_pdf(path: Path, pages: int) -> None:
    """An N-page report: the corpus's short report text repeated, 40 lines a page."""
    import make_corpus

    lines = [ln for ln in make_corpus.GOOD_TEXT.split("\n") if ln.strip()]
    c, (w, h) = make_corpus._pdf_canvas(path)
    k = 0
    for page in range(1, pages + 1):
        c.setFont("DejaVuSans", 9)
        c.drawString(72, h - 36, "UBND phường Tam Thanh - Báo cáo KT-XH")
        c.drawCentredString(w / 2, 30, str(page))
        c.setFont("DejaVuSans", 12)
        y = h - 80
        for _ in range(40):
            c.drawString(60, y, lines[k % len(lines)][:95])
            k += 1
            y -= 17
        c.showPage()
    c.save()


def measure(path: Path, default: bool) -> tuple[str, float]:
    """Run the reader in a child; return its output and its peak RSS in MB."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(path), "default" if default else "lifted"],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    text = (out.stdout + out.stderr).strip().splitlines()
    return (text[-1] if text else "no output"), max(peak, before) / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("pages", type=int, nargs="?", default=4000)
    ap.add_argument("--default", action="store_true", help="keep the shipped limits")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"report-{args.pages}.pdf"
        t = time.perf_counter()
        write_pdf(path, args.pages)
        size = path.stat().st_size / 1e6
        print(f"wrote {args.pages} pages ({size:.1f} MB) in {time.perf_counter() - t:.1f} s")
        said, peak = measure(path, args.default)
        print(f"{said}; peak RSS {peak:.0f} MB")


if __name__ == "__main__":
    main()
