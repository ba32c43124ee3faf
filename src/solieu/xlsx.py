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
import math
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import xlsxwriter

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


TITLE = "Số liệu kinh tế - xã hội (solieu)"
OPTIONS = {
    "in_memory": True,  # every member then carries one fixed date (reproducible bytes)
    "strings_to_formulas": False,  # a quote starting with "=" stays text, never a formula
    "strings_to_numbers": False,
    "strings_to_urls": False,
}


class _Sheets:
    """The workbook's sheets and the two formats they use."""

    def __init__(self, wb: xlsxwriter.Workbook):
        self.wb = wb
        self.bold = wb.add_format({"bold": True})
        self.quoted = wb.add_format({"quote_prefix": True})  # Excel shows it as text

    def new(self, title: str, header: list[str]) -> Any:
        ws = self.wb.add_worksheet(title[:MAX_SHEET_TITLE])
        ws.freeze_panes(1, 0)
        for col, h in enumerate(header):
            ws.write_string(0, col, h, self.bold)
        return ws

    def put(self, ws: Any, row: int, col: int, value: Any) -> None:
        """One cell by its type: text is always written as text, with Excel's quote prefix
        when a spreadsheet would otherwise run it; numbers as numbers (so sums work)."""
        if value is None:
            return
        if isinstance(value, bool):
            ws.write_boolean(row, col, value)
        elif isinstance(value, int | float) and math.isfinite(value):
            ws.write_number(row, col, value)
        else:
            text = str(value)
            ws.write_string(row, col, text, self.quoted if text.startswith(FORMULA_START) else None)


def fill_workbook(
    wb: xlsxwriter.Workbook,
    datapackage_dir: Path,
    *,
    keep: Callable[[str, dict[str, str]], bool] | None = None,
    resources: Iterable[str] | None = None,
    tables: dict[str, list[dict[str, str]]] | None = None,
) -> None:
    """The package as sheets of ``wb``, one per resource with a name column beside each
    code, then the column notes (rows are read one at a time from the package).

    ``keep(resource, row)`` selects rows (a province's workbook); ``resources`` the sheets;
    ``tables``, rows of resources already read (as `read_resource` gives them).
    """
    sheets = _Sheets(wb)
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
        ws = sheets.new(res["name"], header)
        given = (tables or {}).get(res["name"])
        for row in given if given is not None else read_resource(datapackage_dir, res["name"]):
            if keep is not None and not keep(res["name"], row):
                continue
            if n == EXCEL_ROWS - 1:
                part, n = part + 1, 0
                ws = sheets.new(f"{res['name']} ({part})", header)
            n += 1
            for col, (name, ftype, lookup) in enumerate(plan):
                raw = row.get(name) or ""
                sheets.put(ws, n, col, _typed(lookup.get(raw, "") if lookup else raw, ftype))
    _notes_sheet(sheets, datapackage_dir, wanted)


NOTES_SHEET = "chu-thich"


def _notes_sheet(sheets: _Sheets, datapackage_dir: Path, wanted: set[str] | None) -> None:
    """A last sheet saying what each column means (from the Table Schemas), for readers who
    get the workbook without the package's datapackage.json."""
    ws = sheets.new(NOTES_SHEET, ["resource", "field", "type", "description"])
    rows: list[list[str | None]] = []
    for res in _resources(datapackage_dir):
        if wanted is not None and res["name"] not in wanted:
            continue
        for f in res.get("schema", {}).get("fields", []):
            desc = str(f.get("description", "")) or None
            rows.append([str(res["name"]), f["name"], f.get("type", "string"), desc])
        for (rname, field_name), (col, _) in NAMED.items():
            if rname == res["name"]:
                what = f"tên của {field_name} (thêm vào bảng tính, không có trong gói dữ liệu)"
                rows.append([rname, col, "string", what])
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            sheets.put(ws, r, c, value)


def write_xlsx(
    datapackage_dir: Path,
    out: Path,
    *,
    keep: Callable[[str, dict[str, str]], bool] | None = None,
    resources: Iterable[str] | None = None,
    tables: dict[str, list[dict[str, str]]] | None = None,
) -> None:
    """Write the workbook; two calls on the same package give byte-identical files (fixed
    member dates; document dates taken from the data, never the clock).

    Why xlsxwriter: it writes a province's tens of thousands of rows in two thirds of the
    time openpyxl takes, and the workbook is the slowest file of a rebuild.
    """
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, OPTIONS)
    wb.set_properties({"title": TITLE, "author": "solieu", "created": data_date(datapackage_dir)})
    fill_workbook(wb, datapackage_dir, keep=keep, resources=resources, tables=tables)
    wb.close()
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(buf.getvalue())
