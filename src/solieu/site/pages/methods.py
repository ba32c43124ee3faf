"""The methods page: the hand-written ``docs/phuong-phap.md``, what the data covers (per
province, not per report: the page does not grow with the corpus) and, when ``make bench``
has written ``docs/bench.csv``, the measured speed of the pipeline."""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from pathlib import Path

from solieu import vi_format

from ..context import Context, Search
from ..data import num, period_key
from ..labels import labels, period_label, verdict_label
from ..render import render, split_fragments
from ..tables import Column, data_table

BENCH_FILE = "bench.csv"


def _coverage(ctx: Context) -> dict:
    sd = ctx.sd
    by_prov: dict[str, dict] = defaultdict(
        lambda: {"docs": 0, "units": set(), "periods": set(), "obs": 0}
    )
    for x in sd.tables["documents"]:
        p = by_prov[sd.province.get(x["unit_id"], x["unit_id"])]
        p["docs"] += 1
        p["units"].add(x["unit_id"])
        p["periods"].add(x.get("period") or "")
    for o in sd.tables["observations"]:
        by_prov[sd.province.get(o["unit_id"], o["unit_id"])]["obs"] += 1
    rows = []
    for prov, p in sorted(by_prov.items(), key=lambda kv: vi_format.fold(ctx.unit_name(kv[0]))):
        periods = sorted(p["periods"] - {""}, key=period_key)
        span = f"{period_label(periods[0])} – {period_label(periods[-1])}" if periods else ""
        rows.append(
            {
                "province": ctx.unit_name(prov),
                "units": vi_format.number(len(p["units"])),
                "docs": vi_format.number(p["docs"]),
                "obs": vi_format.number(p["obs"]),
                "span": span,
            }
        )
    cols = [
        Column("Tỉnh, thành phố", lambda r: r["province"]),
        Column("Đơn vị có báo cáo", lambda r: r["units"], numeric=True),
        Column("Văn bản", lambda r: r["docs"], numeric=True),
        Column("Số liệu chỉ tiêu", lambda r: r["obs"], numeric=True),
        Column("Các kỳ", lambda r: r["span"]),
    ]
    verdicts = Counter(c["verdict"] for c in sd.tables["checks"])
    return {
        "table": data_table(
            table_id="bang-pham-vi", caption="Dữ liệu theo tỉnh", rows=rows, columns=cols
        ),
        "n_figures": vi_format.number(sum(sd.n_figures(d) for d in sd.docs_by_id)),
        "n_observations": vi_format.number(len(sd.tables["observations"])),
        "n_indicators": vi_format.number(len(sd.tables["indicators"])),
        "verdicts": ", ".join(
            f"{verdict_label(k).lower()} {vi_format.number(v)}" for k, v in sorted(verdicts.items())
        ),
    }


def _bench(path: Path) -> dict | None:
    """The table ``make bench`` wrote, if any: columns named in Vietnamese, numbers formatted."""
    if not path.is_file():
        return None
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        fields = list(reader.fieldnames or [])
        rows = list(reader)
    names = labels().get("bench_columns", {})

    def cell(field: str):
        def fmt(r: dict[str, str]) -> str:
            v = r.get(field) or ""
            n = num(v)
            return vi_format.number(round(n, 2)) if n is not None else v.removesuffix("index.html")

        return fmt

    first = rows[0] if rows else {}
    cols = [
        Column(names.get(f, f), cell(f), numeric=True)
        if num(first.get(f)) is not None
        else Column(names.get(f, f), cell(f), css="sl-break")  # page paths break at any point
        for f in fields
    ]
    return data_table(
        table_id="bang-do-toc-do", caption="Kết quả đo (make bench)", rows=rows, columns=cols
    )


def build(ctx: Context, methods_md: str, docs_dir: Path | None = None) -> None:
    bench = _bench(docs_dir / BENCH_FILE) if docs_dir else None
    extra, frags = split_fragments(
        render(
            "coverage.md.j2",
            bench=bench,
            bench_file=BENCH_FILE,
            site=ctx.settings,
            cite=ctx.page_cite("phuong-phap/", "Phương pháp, phạm vi và giới hạn"),
            **_coverage(ctx),
        )
    )
    ctx.pages["phuong-phap.md"] = methods_md.rstrip("\n") + "\n" + extra
    if frags:
        ctx.fragments["phuong-phap.md"] = frags
    ctx.add_search(
        "phuong-phap/",
        "Phương pháp, phạm vi và giới hạn",
        Search(
            "Cách trích số liệu, giới hạn, giấy phép, cách trích dẫn",
            ["phương pháp", "giới hạn", "giấy phép", "trích dẫn", "kiểm tra số học"],
            boost=1.0,
        ),
    )
