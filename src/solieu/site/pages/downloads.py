"""The downloads page: the data package as the site serves it (its descriptor, the small
tables, each part of a partitioned table gzipped), a workbook per province for Excel, and the
site's JSON files documented as its API.

Why gzipped parts and no zip of everything: the package is as big as the rest of the site;
a part compresses to a sixth and pandas, R and frictionless read ``.csv.gz`` as it is (the
served ``datapackage.json`` names the ``.gz`` paths). Bytes are deterministic (no time stamp
in a gzip header), so the site is byte-identical across builds. Files are copied into the
site (never linked): the site is published alone.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import tempfile
from collections.abc import Iterator
from pathlib import Path

from solieu import vi_format

from ..context import Context, PageCache, Search, digest
from ..data import load
from ..labels import period_label
from ..render import link
from ..tables import Column, data_table

XLSX_DIR = "bang-tinh"
XLSX_SHEETS = ("observations", "documents", "checks", "indicators", "units")
USES = {
    "observations": "Số liệu chỉ tiêu theo đơn vị và kỳ — bảng chính để phân tích, vẽ biểu đồ.",
    "indicators": "Danh mục chỉ tiêu: định nghĩa, đơn vị tính, lĩnh vực.",
    "units": "Đơn vị hành chính, mã chính thức, lịch sử sáp nhập năm 2025.",
    "documents": "Văn bản nguồn: cơ quan ban hành, kỳ, ngày ký, mã băm SHA-256.",
    "figures": "Mọi con số trong văn bản, như văn bản ghi và đã chuẩn hóa, kèm vị trí.",
    "checks": "Kết quả kiểm tra lại các phép tính báo cáo tự nêu.",
}


def package_files(root: Path) -> Iterator[tuple[str, Path]]:
    """The package's own files (descriptor and CSV parts), not its site or hidden files."""
    for p in sorted(root.rglob("*")):
        rel = p.relative_to(root)
        hidden = any(part.startswith(".") for part in rel.parts)
        if p.is_file() and not hidden and p.suffix in (".csv", ".json"):
            yield rel.as_posix(), p


def _gzip(path: Path) -> bytes:
    """A part of the package, gzipped (pandas and frictionless read it as it is); no time
    stamp in the header, so the same part gives the same bytes."""
    return gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)


def _xlsx_key(ctx: Context, province: str) -> str:
    memo = ctx.memo.setdefault("xlsx_key", {})
    if province not in memo:
        memo[province] = _xlsx_digest(ctx, province)
    return memo[province]


def _xlsx_digest(ctx: Context, province: str) -> str:
    sd = ctx.sd
    docs = [d for d in sd.tables["documents"] if sd.province.get(d["unit_id"]) == province]
    units = [u for u in sd.tables["units"] if sd.province.get(u["unit_id"]) == province]
    obs = [o for u in units for o in sd.obs_by_unit.get(u["unit_id"], [])]
    checks = [c for d in docs for c in sd.checks_by_doc.get(d["document_id"], [])]
    return digest(docs, units, obs, checks, sd.tables["indicators"], province)


def _xlsx_args(ctx: Context, province: str) -> tuple[Path, str, dict[str, str], set[str]]:
    """What `workbook` needs, as plain values (it may run in another process)."""
    sd = ctx.sd
    docs = {
        d["document_id"]
        for d in sd.tables["documents"]
        if sd.province.get(d["unit_id"]) == province
    }
    return sd.root, province, sd.province, docs


def workbook(
    root: Path,
    province: str,
    province_of: dict[str, str],
    docs: set[str],
    tables: dict[str, list[dict[str, str]]] | None = None,
) -> bytes:
    """A province's workbook: its values, reports, checks (figures stay in the CSVs, so that
    no sheet nears Excel's row limit), written with xlsxwriter (`solieu.xlsx`)."""
    from solieu.xlsx import write_xlsx

    def keep(resource: str, row: dict[str, str]) -> bool:
        if resource in ("observations", "documents", "units"):
            return province_of.get(row.get("unit_id") or "") == province
        if resource == "checks":
            return row.get("document_id") in docs
        return True

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "x.xlsx"
        write_xlsx(root, out, keep=keep, resources=XLSX_SHEETS, tables=tables)
        return out.read_bytes()


def provinces(ctx: Context) -> list[str]:
    """The provinces with reports, in the order a reader looks them up (by name)."""
    sd = ctx.sd
    return sorted(
        {sd.province.get(x["unit_id"], x["unit_id"]) for x in sd.tables["documents"]},
        key=lambda p: vi_format.fold(ctx.unit_name(p)),
    )


def workbooks(package_dir: Path, cache_dir: Path | None) -> dict[str, tuple[str, bytes]]:
    """Every province's workbook with the key of its inputs: taken from the page cache when
    the key is the same, else made. Runs in a process of its own (see `solieu.site.build_site`)
    while this one makes the pages: a province's workbook is seconds of one core, since
    it is written cell by cell, and it needs only the data package."""
    ctx = Context(load(package_dir, None), cache=PageCache(cache_dir))
    # the rows just read, not read again (all units: the workbook's unit names need them)
    tables = {k: v for k, v in ctx.sd.tables.items() if k in ("observations", "checks")}
    out = {}
    for prov in provinces(ctx):
        key = _xlsx_key(ctx, prov)
        blob = ctx.cached_blob("tai-ve", f"{XLSX_DIR}/{prov}.xlsx", key)
        made = blob.read_bytes() if blob else workbook(*_xlsx_args(ctx, prov), tables=tables)
        out[prov] = (key, made)
    return out


def human_size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{vi_format.number(round(n / 1024 / 1024, 1))} MB"
    return f"{vi_format.number(round(n / 1024, 1))} KB"


def site_descriptor(root: Path) -> bytes:
    """The package's ``datapackage.json`` as the site serves it: each part of a partitioned
    resource is gzipped there (``.csv.gz``, which frictionless and pandas read as they are),
    so its paths say so."""
    desc = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    for res in desc.get("resources", []):
        if isinstance(res.get("path"), list):
            res["path"] = [f"{p}.gz" for p in res["path"]]
            for key in ("bytes", "hash"):  # of the uncompressed parts
                res.pop(key, None)
    return (json.dumps(desc, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def build(ctx: Context) -> None:
    sd = ctx.sd
    d = "tai-ve/"
    files = list(package_files(sd.root))
    hashes = {name: hashlib.sha1(path.read_bytes()).hexdigest() for name, path in files}
    rows = []
    resources = {r["name"]: r for r in sd.package.get("resources", []) if "name" in r}
    for name, path in files:
        stem = name.split("/", 1)[0].removesuffix(".csv")
        href = f"goi/{name}"
        size = path.stat().st_size
        if name == "datapackage.json":
            data = site_descriptor(sd.root)
            ctx.binaries[f"{d}{href}"] = data
            size = len(data)
            use = (
                "Mô tả gói dữ liệu (Frictionless Data Package): lược đồ từng bảng, khóa, giấy "
                "phép và các phần của mỗi bảng; frictionless validate kiểm tra cả gói, kể cả "
                "từ địa chỉ này."
            )
        elif "/" in name:  # a part of a partitioned resource: gzipped (a sixth of the bytes)
            href += ".gz"
            data = ctx.cached_binary("goi", name, hashes[name], lambda path=path: _gzip(path))
            ctx.binaries[f"{d}{href}"] = data
            size = len(data)
            part = name.removeprefix(f"{stem}/").removesuffix(".csv")
            use = part
            if "/" in part:
                prov, period = part.split("/", 1)
                use = f"{ctx.unit_name(prov)}, {period_label(period)}"
        else:
            ctx.copies[f"{d}{href}"] = path
            use = USES.get(stem, "Bảng dữ liệu.")
        parted = stem in resources and isinstance(resources[stem].get("path"), list)
        group = (
            f"{stem}: {USES.get(stem, '')} Các phần cùng tiêu đề cột, đọc nối tiếp nhau."
            if parted
            else "Mô tả gói và các bảng nhỏ"
        )
        rows.append(
            {
                "name": href.removeprefix("goi/"),
                "href": href,
                "use": use,
                "size": size,
                "group": group,
                "order": f"{int(parted)}{stem}{name}",
            }
        )
    rows.sort(key=lambda r: r["order"])
    early = ctx.memo.get("workbooks")  # a Future of `workbooks`, when one was started
    made = early.result() if early is not None else {}
    sheets = []
    for prov in provinces(ctx):
        name = f"{XLSX_DIR}/{prov}.xlsx"
        key, data = made.get(prov) or (_xlsx_key(ctx, prov), None)
        data = ctx.cached_binary(
            "tai-ve",
            name,
            key,
            lambda p=prov, d=data: d if d is not None else workbook(*_xlsx_args(ctx, p)),
        )
        ctx.binaries[f"{d}{name}"] = data
        sheets.append(
            {
                "name": name,
                "href": name,
                "use": f"Bảng tính của {ctx.unit_name(prov)}: "
                "số liệu chỉ tiêu (có tên chỉ tiêu, tên đơn vị), văn bản, kiểm tra, "
                "danh mục chỉ tiêu, đơn vị.",
                "size": len(data),
            }
        )
    cols = [
        Column("Tệp", lambda r: [link(r["href"], r["name"], download=True)]),
        Column("Dùng để", lambda r: r["use"]),
        Column("Dung lượng", lambda r: human_size(int(r["size"])), numeric=True),
    ]
    table = data_table(
        table_id="bang-goi",
        caption="Gói dữ liệu",
        rows=rows,
        columns=cols,
        groups=lambda r: r["group"],
    )
    xlsx = data_table(
        table_id="bang-tinh-excel", caption="Bảng tính theo tỉnh", rows=sheets, columns=cols
    )
    ctx.write(
        d,
        "downloads.md.j2",
        title="Tải dữ liệu",
        table=table,
        xlsx=xlsx,
        search=Search(
            "Tải gói dữ liệu CSV, bảng tính Excel theo tỉnh, JSON",
            ["tải dữ liệu", "CSV", "Excel", "XLSX", "JSON", "API"],
            boost=1.0,
        ),
    )
