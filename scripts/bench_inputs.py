#!/usr/bin/env python3
"""Memory and time of the readers on hostile inputs (issue 8), each in a fresh child process.

- a many-page PDF (40 lines of Vietnamese text a page): pdfplumber keeps every page's parsed
  layout unless pages are closed, so a 4,000-page PDF once took 12 GB. Measured with the page
  and character limits of `src/solieu/data/readers.yaml` lifted, so that the reading itself is
  measured, then with the shipped limits (refused before any page is parsed);
- a DOCX zip bomb: a 1.5 MB file whose document.xml unpacks to 1.5 GB (once 26 s and 3 GB);
- a catalogue with a "billion laughs" alias chain in one entry.

Prints the child's peak resident memory (ru_maxrss) and wall time for each.

    .venv/bin/python scripts/bench_inputs.py               # 300 pages, bomb, laughs
    .venv/bin/python scripts/bench_inputs.py --pages 4000  # the issue's 4,000 pages (~5 min)
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests" / "bad_inputs"))

# Runs in the child: read one file (or load one catalogue), print the outcome, time, peak RSS.
CHILD = """
import resource, sys, time
from pathlib import Path
from solieu import readers
from solieu.catalog import load_catalog
from solieu.errors import InputError
if sys.argv[2] == "lifted":
    limits = readers._rules()["limits"]
    limits.update(max_pdf_pages=10**6, max_chars=10**9, max_file_mb=10**6)
t = time.perf_counter()
path = Path(sys.argv[1])
try:
    if path.suffix == ".yaml":
        metas, errors = load_catalog(path)
        said = f"{len(metas)} entry loaded, {len(errors)} refused ({errors[0].problem[:60]})"
    else:
        r = readers.read_report_full(path)
        said = f"read {r.pages or 1} page(s), {len(r.text):,} chars"
except InputError as exc:
    said = f"refused: {exc.problem[:90]}"
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"{said}; {time.perf_counter() - t:.2f} s, peak RSS {peak:.0f} MB")
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


def write_laughs(path: Path, levels: int = 12) -> None:
    """A catalogue whose second entry's note names a chain of anchors: 10^12 strings."""
    chain = ["&l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"] + [
        f"&l{i} [{', '.join([f'*l{i - 1}'] * 10)}]" for i in range(1, levels)
    ]
    (path.parent / "a.txt").write_text("báo cáo", encoding="utf-8")
    path.write_text(
        "documents:\n"
        "  - {id: a, file: a.txt, unit_id: tinh-lang-son, period: 2025-10, kind: monthly_report}\n"
        "  - {id: b, file: a.txt, unit_id: tinh-lang-son, period: 2025-09, kind: monthly_report,"
        f" note: [{', '.join(chain)}]}}\n",
        encoding="utf-8",
    )


def measure(label: str, path: Path, mode: str = "default") -> None:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(path), mode],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )
    lines = (out.stdout + out.stderr).strip().splitlines()
    print(f"{label:44} {lines[-1] if lines else 'no output'}")


def main(pages: int = 300, bomb_mb: int = 1500) -> None:
    import make_corpus

    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        pdf = d / f"report-{pages}.pdf"
        t = time.perf_counter()
        write_pdf(pdf, pages)
        size = pdf.stat().st_size / 1e6
        print(f"(wrote {pages} pages, {size:.1f} MB, in {time.perf_counter() - t:.1f} s)")
        measure(f"PDF {pages} pages, limits lifted", pdf, "lifted")
        measure(f"PDF {pages} pages, shipped limits", pdf)
        bomb = d / "bomb.docx"
        t = time.perf_counter()
        make_corpus.make_zip_bomb_docx(bomb, mb=bomb_mb)
        print(
            f"(wrote a {bomb.stat().st_size / 1e6:.1f} MB DOCX unpacking to {bomb_mb} MB "
            f"in {time.perf_counter() - t:.1f} s)"
        )
        measure("DOCX zip bomb", bomb)
        cat = d / "catalog.yaml"
        write_laughs(cat)
        measure("catalogue with 10^12 laughs", cat)


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=int, default=300)
    ap.add_argument("--bomb-mb", type=int, default=1500)
    args = ap.parse_args()
    main(args.pages, args.bomb_mb)
