"""The downloads page: the package zip, datapackage.json, each resource, the XLSX if any.

Why a deterministic zip: the site must be byte-identical across builds, so entries are
sorted and stamped with a fixed date (1980-01-01) instead of the file's mtime.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path

from ..context import Context
from ..fmt import fmt_num
from ..render import link
from ..tables import Column, data_table

ZIP_NAME = "solieu-datapackage.zip"
XLSX_NAME = "solieu.xlsx"
USES = {
    "observations": "Số liệu chỉ tiêu theo đơn vị và kỳ — bảng chính để phân tích, vẽ biểu đồ.",
    "indicators": "Danh mục chỉ tiêu: định nghĩa, đơn vị tính, lĩnh vực.",
    "units": "Đơn vị hành chính, mã chính thức, lịch sử sáp nhập năm 2025.",
    "documents": "Văn bản nguồn: cơ quan ban hành, kỳ, ngày ký, mã băm SHA-256.",
    "figures": "Mọi con số trong văn bản, như văn bản ghi và đã chuẩn hóa, kèm vị trí.",
    "checks": "Kết quả kiểm tra lại các phép tính báo cáo tự nêu.",
}


def _zip(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name in sorted(files):
            info = zipfile.ZipInfo(f"solieu-datapackage/{name}", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, files[name])
    return buf.getvalue()


def _xlsx(package_dir: Path) -> bytes:
    """The spreadsheet for Excel users, written from the same package (deterministic bytes)."""
    from solieu.xlsx import write_xlsx

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / XLSX_NAME
        write_xlsx(package_dir, out)
        return out.read_bytes()


def build(ctx: Context) -> None:
    sd = ctx.sd
    d = "tai-ve/"
    root = sd.root
    files: dict[str, bytes] = {}
    if (root / "datapackage.json").exists():
        files["datapackage.json"] = (root / "datapackage.json").read_bytes()
    for p in sorted(root.rglob("*.csv")):
        if not p.relative_to(root).parts[0].startswith("."):  # not the package's own site
            files[p.relative_to(root).as_posix()] = p.read_bytes()
    binaries = {ZIP_NAME: _zip(files), **files}
    if files:
        files[XLSX_NAME] = binaries[XLSX_NAME] = _xlsx(root)
    ctx.binaries.update({f"{d}{k}": v for k, v in binaries.items()})

    rows = [
        (
            ZIP_NAME,
            "Trọn bộ gói dữ liệu (datapackage.json và mọi bảng CSV) — tải một lần, "
            "dùng với Frictionless, pandas, R.",
            len(binaries[ZIP_NAME]),
        ),
    ]
    if "datapackage.json" in files:
        rows.append(
            (
                "datapackage.json",
                "Mô tả gói dữ liệu (Frictionless Data Package): "
                "lược đồ từng bảng, khóa, giấy phép. Dùng để kiểm tra "
                "(`frictionless validate`).",
                len(files["datapackage.json"]),
            )
        )
    for name in sorted(files):
        if name.endswith(".csv"):
            stem = name.removesuffix(".csv")
            n = len(sd.tables.get(stem, []))
            rows.append(
                (
                    name,
                    f"{USES.get(stem, 'Bảng dữ liệu.')} {fmt_num(n)} dòng. CSV UTF-8, "
                    "dấu phẩy phân cách, số viết kiểu máy (dấu chấm thập phân) — cho máy "
                    "đọc; mở bằng Excel hãy dùng tệp XLSX.",
                    len(files[name]),
                )
            )
    for name in sorted(files):
        if name.endswith(".xlsx"):
            rows.append(
                (
                    name,
                    "Bảng tính cho người dùng Excel/LibreOffice: mọi bảng trong một "
                    "tệp, tiếng Việt giữ nguyên, câu trích lưu dạng văn bản.",
                    len(files[name]),
                )
            )
    cols = [
        Column("Tệp", lambda r: [link(r["name"], r["name"], download=True)]),
        Column("Dùng để", lambda r: r["use"]),
        Column(
            "Dung lượng", lambda r: f"{fmt_num(round(int(r['size']) / 1024, 1))} KB", numeric=True
        ),
    ]
    table = data_table(
        table_id="",
        caption="Các tệp tải về",
        rows=[{"name": n, "use": use, "size": str(size)} for n, use, size in rows],
        columns=cols,
    )
    lic = ", ".join(
        str(x.get("title") or x.get("name") or "") for x in sd.package.get("licenses", [])
    )
    ctx.write(d, "downloads.md.j2", title="Tải dữ liệu", table=table, licence=lic)
