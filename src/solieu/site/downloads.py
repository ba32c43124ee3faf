"""The downloads page: the package zip, datapackage.json, each resource, the XLSX if any.

Why a deterministic zip: the site must be byte-identical across builds, so entries are
sorted and stamped with a fixed date (1980-01-01) instead of the file's mtime.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import Markup, escape

from .fmt import fmt_num

if TYPE_CHECKING:
    from .pages import SiteBuilder

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


def downloads_page(sb: SiteBuilder) -> None:
    sd = sb.sd
    d = "tai-ve/"
    root = sd.root
    files: dict[str, bytes] = {}
    if (root / "datapackage.json").exists():
        files["datapackage.json"] = (root / "datapackage.json").read_bytes()
    for p in sorted(root.glob("*.csv")):
        files[p.name] = p.read_bytes()
    binaries = {ZIP_NAME: _zip(files), **files}
    if files:
        files[XLSX_NAME] = binaries[XLSX_NAME] = _xlsx(root)
    sb.binaries.update({f"{d}{k}": v for k, v in binaries.items()})

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
    body = "".join(
        f'<tr><td><a href="{escape(n)}" download>{escape(n)}</a></td><td>{escape(use)}</td>'
        f'<td class="sl-num">{escape(fmt_num(round(size / 1024, 1)))} KB</td></tr>'
        for n, use, size in rows
    )
    table = Markup(
        '<div class="sl-table"><div class="sl-scroll" tabindex="0" role="region" '
        'aria-label="Các tệp tải về"><table class="sl-data"><caption>Các tệp tải về</caption>'
        '<thead><tr><th scope="col">Tệp</th><th scope="col">Dùng để</th>'
        f'<th scope="col">Dung lượng</th></tr></thead><tbody>{body}</tbody></table></div></div>'
    )
    lic = ", ".join(
        str(x.get("title") or x.get("name") or "") for x in sd.package.get("licenses", [])
    )
    blocks = [
        Markup(
            "<p>Dữ liệu được công bố dưới dạng gói dữ liệu Frictionless. Mỗi bảng trên các "
            "trang của trang web cũng có nút <strong>Tải CSV</strong> chỉ chứa đúng các dòng "
            "của bảng đó.</p>"
        ),
        table,
        Markup(
            f"<p>Giấy phép dữ liệu: {escape(lic or 'xem datapackage.json')}. Văn bản gốc là "
            "văn bản hành chính nhà nước, không thuộc đối tượng bảo hộ quyền tác giả (Điều "
            "15 Luật Sở hữu trí tuệ).</p>"
        ),
    ]
    sb.write(d, "Tải dữ liệu", blocks)
