"""The XLSX download: Vietnamese intact, formula-like quotes inert, byte-identical builds."""

from __future__ import annotations

import csv
import json
import zipfile
from pathlib import Path

import openpyxl
import pytest

from solieu.package import read_resource
from solieu.xlsx import write_xlsx

ROOT = Path(__file__).resolve().parents[1]
DANGEROUS = [
    '=HYPERLINK("http://example.org","bấm")',
    "+84 tăng",
    "-giảm 5 vụ",
    "@SUM(A1:A9)",
    "=1+1",
]


def make_pkg(d: Path) -> Path:
    d.mkdir(parents=True, exist_ok=True)
    fields = [
        {"name": "observation_id", "type": "string"},
        {"name": "value", "type": "number"},
        {"name": "start", "type": "integer"},
        {"name": "estimate", "type": "boolean"},
        {"name": "quote", "type": "string"},
    ]
    desc = {
        "resources": [
            {"name": "observations", "path": "observations.csv", "schema": {"fields": fields}},
            {
                "name": "documents",
                "path": "documents.csv",
                "schema": {
                    "fields": [
                        {"name": "document_id", "type": "string"},
                        {"name": "signed", "type": "date"},
                        {"name": "period_end", "type": "date"},
                    ]
                },
            },
        ]
    }
    (d / "datapackage.json").write_text(json.dumps(desc), encoding="utf-8")
    with (d / "observations.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow([f["name"] for f in fields])
        w.writerow(["o0", "10909000000", "12", "true", "Tổng thu ngân sách đạt 10.909 triệu đồng"])
        w.writerow(["o1", "8.37", "40", "false", "tăng 8,37% so với cùng kỳ"])
        for i, q in enumerate(DANGEROUS, start=2):
            w.writerow([f"o{i}", "-5", str(i), "", q])
    (d / "documents.csv").write_text(
        "document_id,signed,period_end\nd1,2025-07-18,2025-06-30\nd2,,2025-11-30\n",
        encoding="utf-8",
    )
    return d


def test_quotes_are_text_and_numbers_are_numbers(tmp_path):
    out = tmp_path / "solieu.xlsx"
    write_xlsx(make_pkg(tmp_path / "pkg"), out)
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["observations", "documents", "chu-thich"]
    notes = [[c.value for c in row] for row in wb["chu-thich"].iter_rows()]
    assert ["observations", "value", "number", None] in notes
    ws = wb["observations"]
    assert [c.value for c in ws[1]] == ["observation_id", "value", "start", "estimate", "quote"]
    assert ws["E2"].value == "Tổng thu ngân sách đạt 10.909 triệu đồng"
    assert ws["B2"].value == 10909000000 and ws["B2"].data_type == "n"
    assert ws["B3"].value == pytest.approx(8.37) and ws["C3"].value == 40
    assert ws["D2"].value is True
    for row, quote in enumerate(DANGEROUS, start=4):
        cell = ws.cell(row=row, column=5)
        assert cell.value == quote and cell.data_type == "s", quote
        assert cell.quotePrefix, quote
    # and in the file itself: no formula element anywhere
    with zipfile.ZipFile(out) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<f>" not in sheet and "<f " not in sheet


def test_two_writes_are_byte_identical_and_dated_from_the_data(tmp_path, monkeypatch):
    pkg = make_pkg(tmp_path / "pkg")
    write_xlsx(pkg, tmp_path / "a.xlsx")
    import time

    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + 86400 * 400)  # a later build
    monkeypatch.setattr(time, "localtime", lambda *a: time.gmtime(real() + 86400 * 400))
    write_xlsx(pkg, tmp_path / "b.xlsx")
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()
    with zipfile.ZipFile(tmp_path / "a.xlsx") as z:
        assert len({i.date_time for i in z.infolist()}) == 1  # one fixed date, not the clock
    props = openpyxl.load_workbook(tmp_path / "a.xlsx").properties
    assert props.created.date().isoformat() == "2025-11-30"  # newest period end in the data
    assert props.modified == props.created


@pytest.mark.skipif(
    not (ROOT / "datapackage" / "datapackage.json").exists(), reason="datapackage/ not built yet"
)
def test_real_package_round_trips(tmp_path):
    pkg = ROOT / "datapackage"
    out = tmp_path / "solieu.xlsx"
    write_xlsx(pkg, out)
    wb = openpyxl.load_workbook(out, read_only=True)
    desc = json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))
    for res in desc["resources"]:
        fields = [fd["name"] for fd in res["schema"]["fields"]]
        rows = [[r[k] for k in fields] for r in read_resource(pkg, res["name"])]
        sheet = list(wb[res["name"][:31]].iter_rows(values_only=True))
        header = list(sheet[0])
        assert [h for h in header if h in fields] == fields, res["name"]
        assert len(sheet) == len(rows) + 1, res["name"]
        if res["name"] == "observations" and rows:
            qi = header.index("quote")
            got = [r[qi] for r in sheet[1:]]
            assert got == [r[fields.index("quote")] or None for r in rows]
            names = [r[header.index("name_vi")] for r in sheet[1:]]
            assert "Tổng thu ngân sách nhà nước trên địa bàn" in names  # names beside codes


def test_a_province_workbook_holds_its_rows_only(tmp_path):
    pkg = ROOT / "datapackage"
    out = tmp_path / "p.xlsx"
    write_xlsx(
        pkg,
        out,
        keep=lambda res, row: row.get("unit_id", "tinh-lang-son") == "tinh-lang-son",
        resources=["observations", "documents"],
    )
    wb = openpyxl.load_workbook(out, read_only=True)
    assert wb.sheetnames == ["documents", "observations", "chu-thich"]  # package order
    units = {r[3] for r in list(wb["observations"].iter_rows(values_only=True))[1:]}
    assert units == {"tinh-lang-son"}
