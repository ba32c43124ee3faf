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
from pathlib import Path
from typing import Any

from openpyxl import Workbook
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


def _rows(datapackage_dir: Path, res: dict[str, Any]) -> list[list[str]]:
    """Header then rows of a resource, its parts (if partitioned) concatenated."""
    fields = [f["name"] for f in res.get("schema", {}).get("fields", [])]
    rows = [[r.get(f, "") for f in fields] for r in read_resource(datapackage_dir, res["name"])]
    return [fields, *rows] if fields else []


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
    if ftype in NUMERIC_TYPES and not isinstance(_typed(value, ftype), str):
        return value  # parsed as a number (or empty)
    return "'" + value if value.startswith(FORMULA_START) else value


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


def build_workbook(datapackage_dir: Path) -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)
    bold = Font(bold=True)
    for res in _resources(datapackage_dir):
        fields = {
            f["name"]: f.get("type", "string") for f in res.get("schema", {}).get("fields", [])
        }
        ws = wb.create_sheet(title=str(res["name"])[:MAX_SHEET_TITLE])
        rows = _rows(datapackage_dir, res)
        if not rows:
            continue
        header = rows[0]
        types = [fields.get(name, "string") for name in header]
        for j, name in enumerate(header, start=1):
            c = ws.cell(row=1, column=j)
            c.value = name
            c.data_type = "s"
            c.font = bold
        for i, row in enumerate(rows[1:], start=2):
            for j, raw in enumerate(row, start=1):
                value = _typed(raw, types[j - 1] if j - 1 < len(types) else "string")
                if value is None:
                    continue
                c = ws.cell(row=i, column=j)
                c.value = value
                if isinstance(value, str):
                    c.data_type = "s"  # never "f": a quote starting with "=" stays text
                    if value.startswith(FORMULA_START):
                        c.quotePrefix = True
        ws.freeze_panes = "A2"
    _notes_sheet(wb, datapackage_dir, bold)
    return wb


NOTES_SHEET = "chu-thich"


def _notes_sheet(wb: Workbook, datapackage_dir: Path, bold: Font) -> None:
    """A last sheet saying what each column means (from the Table Schemas), for readers who
    get the workbook without the package's datapackage.json."""
    ws = wb.create_sheet(title=NOTES_SHEET)
    rows = [["resource", "field", "type", "description"]]
    for res in _resources(datapackage_dir):
        for f in res.get("schema", {}).get("fields", []):
            rows.append(
                [
                    str(res["name"]),
                    f["name"],
                    f.get("type", "string"),
                    str(f.get("description", "")),
                ]
            )
    for i, row in enumerate(rows, start=1):
        for j, value in enumerate(row, start=1):
            if value == "":
                continue
            c = ws.cell(row=i, column=j)
            c.value = value
            c.data_type = "s"
            if value.startswith(FORMULA_START):
                c.quotePrefix = True
            if i == 1:
                c.font = bold
    ws.freeze_panes = "A2"


def write_xlsx(datapackage_dir: Path, out: Path) -> None:
    """Write the workbook; two calls on the same package give byte-identical files."""
    wb = build_workbook(datapackage_dir)
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
