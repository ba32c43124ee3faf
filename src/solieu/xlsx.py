"""The spreadsheet download: the data package as one XLSX workbook, one sheet per resource.

Journalists open data in Excel or LibreOffice. Two things go wrong there unless handled:
a quote from a report that starts with "=", "+", "-" or "@" would run as a formula (formula
injection), and Vietnamese text must survive intact. Text cells are therefore always stored as
strings with Excel's quote prefix, numbers as numbers (from the Table Schema types), and the file
is byte-identical from one build to the next (fixed document dates taken from the data, fixed
ZIP timestamps), so the committed site does not change when the data does not.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.writer.excel import ExcelWriter

from solieu.package import read_resource

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NUMERIC_TYPES = ("number", "integer")
FALLBACK_DATE = dt.datetime(2025, 1, 1)
MAX_SHEET_TITLE = 31


def _resources(datapackage_dir: Path) -> list[dict[str, Any]]:
    desc = json.loads((datapackage_dir / "datapackage.json").read_text(encoding="utf-8"))
    return [r for r in desc.get("resources", []) if r.get("format", "csv") == "csv"]


def _typed(value: str, ftype: str) -> Any:
    """Numbers become numbers (so sums work in Excel); everything else stays the exact text."""
    if value == "":
        return None
    if ftype == "integer":
        try:
            return int(value)
        except ValueError:
            return value
    if ftype == "number":
        try:
            f = float(value)
        except ValueError:
            return value
        return int(f) if f.is_integer() and abs(f) < 1e15 and "." not in value else f
    if ftype == "boolean":
        return {"true": True, "false": False}.get(value.lower(), value)
    return value


def inert_cell(value: str, ftype: str = "string") -> str:
    """A CSV cell that a spreadsheet shows as text instead of running it (OWASP, CSV injection).

    A cell starting with "=", "+", "-", "@", tab or carriage return gets a leading "'", which
    Excel and LibreOffice read as "this is text". A number in a numeric column (Table Schema type
    number or integer) is left as it is: -12.5 there is a value, not a formula, and stays one
    for sums. Only the per-table CSVs of the site use this; the data package stays exact.
    """
    if not value.startswith(FORMULA_START):
        return value  # the common case, decided without parsing
    if ftype in NUMERIC_TYPES and not isinstance(_typed(value, ftype), str):
        return value  # a negative number in a numeric column: a value, not a formula
    return "'" + value


def data_date(datapackage_dir: Path) -> dt.datetime:
    """The newest date the sources carry (signed date or period end), never the build time."""
    dates: list[str] = []
    docs = datapackage_dir / "documents.csv"
    if docs.is_file():
        for row in csv.DictReader(docs.open(encoding="utf-8", newline="")):
            dates += [row.get("signed") or "", row.get("period_end") or ""]
    parsed = []
    for d in dates:
        try:
            parsed.append(dt.date.fromisoformat(d))
        except ValueError:
            continue
    if not parsed:
        return FALLBACK_DATE
    latest = max(parsed)
    return dt.datetime(latest.year, latest.month, latest.day)


EXCEL_ROWS = 1_048_576  # a sheet's limit, header included: longer tables continue on "(2)"
# Name columns written after a code column: readers of a sheet see "Tổng thu ngân sách", not
# only "budget_revenue" (issue 11). Keys: (resource, code field) → (new column, names table).
NAMED = {
    ("observations", "indicator_id"): ("name_vi", "indicators"),
    ("observations", "unit_id"): ("unit_name", "units"),
    ("documents", "unit_id"): ("unit_name", "units"),
    ("units", "parent_id"): ("parent_name", "units"),
}


def _names(datapackage_dir: Path) -> dict[str, dict[str, str]]:
    """Names of indicators and units, for the name columns."""
    return {
        "indicators": {
            r["indicator_id"]: r.get("name_vi") or ""
            for r in read_resource(datapackage_dir, "indicators")
        },
        "units": {
            r["unit_id"]: r.get("name") or "" for r in read_resource(datapackage_dir, "units")
        },
    }


def _cell(ws: Any, value: Any, bold: Font | None = None) -> WriteOnlyCell:
    c = WriteOnlyCell(ws, value=value)
    if isinstance(value, str):
        c.data_type = "s"  # never "f": a quote starting with "=" stays text
        if value.startswith(FORMULA_START):
            c.quotePrefix = True
    if bold is not None:
        c.font = bold
    return c


def build_workbook(
    datapackage_dir: Path,
    *,
    keep: Callable[[str, dict[str, str]], bool] | None = None,
    resources: Iterable[str] | None = None,
) -> Workbook:
    """The package as a write-only workbook (rows are streamed, never held): a sheet per
    resource with a name column beside each code, then the column notes.

    ``keep(resource, row)`` selects rows (a province's workbook); ``resources`` the sheets.
    """
    wb = Workbook(write_only=True)
    bold = Font(bold=True)
    names = _names(datapackage_dir)
    wanted = set(resources) if resources is not None else None
    for res in _resources(datapackage_dir):
        if wanted is not None and res["name"] not in wanted:
            continue
        schema = res.get("schema", {}).get("fields", [])
        header, plan = [], []
        for f in schema:
            header.append(f["name"])
            plan.append((f["name"], f.get("type", "string"), None))
            named = NAMED.get((res["name"], f["name"]))
            if named and names.get(named[1]):
                header.append(named[0])
                plan.append((f["name"], "string", names[named[1]]))
        part, n = 1, 0
        ws = _sheet(wb, res["name"], part, header, bold)
        for row in read_resource(datapackage_dir, res["name"]):
            if keep is not None and not keep(res["name"], row):
                continue
            if n == EXCEL_ROWS - 1:
                part, n = part + 1, 0
                ws = _sheet(wb, res["name"], part, header, bold)
            cells: list[Any] = []
            for name, ftype, lookup in plan:
                raw = row.get(name) or ""
                value = _typed(lookup.get(raw, "") if lookup is not None else raw, ftype)
                # plain values are written fast; only text a spreadsheet would run needs a cell
                risky = isinstance(value, str) and value.startswith(FORMULA_START)
                cells.append(_cell(ws, value) if risky else value)
            ws.append(cells)
            n += 1
    _notes_sheet(wb, datapackage_dir, bold, wanted)
    return wb


def _sheet(wb: Workbook, name: str, part: int, header: list[str], bold: Font) -> Any:
    title = name if part == 1 else f"{name} ({part})"
    ws = wb.create_sheet(title=title[:MAX_SHEET_TITLE])
    ws.freeze_panes = "A2"
    ws.append([_cell(ws, h, bold) for h in header])
    return ws


NOTES_SHEET = "chu-thich"


def _notes_sheet(wb: Workbook, datapackage_dir: Path, bold: Font, wanted: set[str] | None) -> None:
    """A last sheet saying what each column means (from the Table Schemas), for readers who
    get the workbook without the package's datapackage.json."""
    ws = wb.create_sheet(title=NOTES_SHEET)
    ws.freeze_panes = "A2"
    ws.append([_cell(ws, h, bold) for h in ("resource", "field", "type", "description")])
    for res in _resources(datapackage_dir):
        if wanted is not None and res["name"] not in wanted:
            continue
        for f in res.get("schema", {}).get("fields", []):
            row = [str(res["name"]), f["name"], f.get("type", "string")]
            row.append(str(f.get("description", "")) or None)
            ws.append([_cell(ws, v) for v in row])
        for (rname, field_name), (col, _) in NAMED.items():
            if rname == res["name"]:
                what = f"tên của {field_name} (thêm vào bảng tính, không có trong gói dữ liệu)"
                ws.append([_cell(ws, v) for v in (rname, col, "string", what)])


def write_xlsx(
    datapackage_dir: Path,
    out: Path,
    *,
    keep: Callable[[str, dict[str, str]], bool] | None = None,
    resources: Iterable[str] | None = None,
) -> None:
    """Write the workbook; two calls on the same package give byte-identical files."""
    wb = build_workbook(datapackage_dir, keep=keep, resources=resources)
    when = data_date(datapackage_dir)
    wb.properties.created = when
    wb.properties.modified = when
    wb.properties.creator = "solieu"
    wb.properties.lastModifiedBy = "solieu"
    wb.properties.title = "Số liệu kinh tế - xã hội (solieu)"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).save()  # not openpyxl's save_workbook: it stamps "now"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(_fixed_zip(buf.getvalue()))


def _fixed_zip(data: bytes) -> bytes:
    """Re-pack with a fixed timestamp per member: ZIP entries otherwise carry the write time."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2025, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()
