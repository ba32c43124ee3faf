"""Issue 9, point 4: `solieu add` places reports of any unit of the country — a ward of Hải
Phòng, a commune of Phú Thọ, the 2024 report of a district that no longer exists — each with
its official code or its lineage, and the next build publishes their pages; `--unit`,
`--period` and `--kind` override detection. The report texts are written here for the test
(invented sentences and numbers of the genre), never committed to `sources/`."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from solieu.add import add_files
from solieu.cli import app
from solieu.paths import Paths
from solieu.pipeline import build
from solieu.units import load_units, successors

TODAY = dt.date(2026, 1, 15)

WARD_HAI_PHONG = """\
ỦY BAN NHÂN DÂN
PHƯỜNG LÊ CHÂN
Số: 215/BC-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Lê Chân, ngày 28 tháng 10 năm 2025

BÁO CÁO
Tình hình kinh tế - xã hội tháng 10 năm 2025

I. KẾT QUẢ THỰC HIỆN
1. Tài chính - ngân sách
Tổng thu ngân sách nhà nước trên địa bàn phường lũy kế ước đạt 48.250 triệu đồng, bằng 81,4%
dự toán giao. UBND phường chỉ đạo rà soát các khoản thu.
2. Cải cách hành chính
Trung tâm phục vụ hành chính công phường tiếp nhận 1.184 hồ sơ, đã giải quyết 1.102 hồ sơ.
3. Trật tự đô thị
Trên địa bàn phường xử lý 36 trường hợp vi phạm trật tự đô thị.
"""

COMMUNE_PHU_THO = """\
ỦY BAN NHÂN DÂN
XÃ THANH SƠN
Số: 88/BC-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

BÁO CÁO
Tình hình kinh tế - xã hội tháng 11 năm 2025

I. KẾT QUẢ THỰC HIỆN
Thực hiện chỉ đạo của UBND tỉnh Phú Thọ, UBND xã tập trung chăm sóc 620 ha chè.
Trên địa bàn xã có 14 hộ kinh doanh mới đăng ký. UBND xã đã tiếp nhận 265 hồ sơ thủ tục
hành chính, giải quyết đúng hạn 261 hồ sơ. Thu ngân sách trên địa bàn xã đạt 3.140 triệu đồng.
"""

DISTRICT_2024 = """\
ỦY BAN NHÂN DÂN
HUYỆN CHƯ SÊ
Số: 140/BC-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

BÁO CÁO
Tình hình kinh tế - xã hội tháng 5 năm 2024

I. KẾT QUẢ THỰC HIỆN
Trong tháng 5 năm 2024, UBND huyện chỉ đạo các xã, thị trấn gieo trồng vụ mùa. Trên địa bàn
huyện đã gieo trồng 4.820 ha cây hằng năm. Thu ngân sách trên địa bàn huyện lũy kế đạt
96.500 triệu đồng. Toàn huyện có 210 hồ sơ đất đai được giải quyết.
"""

# a statistics-office release: its body never names the province
RELEASE = """\
BÁO CÁO
Tình hình kinh tế - xã hội tháng 9 năm 2025

1. Sản xuất công nghiệp
Chỉ số sản xuất công nghiệp trên địa bàn tháng 9 ước tăng 4,2% so với tháng trước.
2. Thương mại
Tổng mức bán lẻ hàng hóa tháng 9 ước đạt 5.610 tỷ đồng, tăng 9,1% so với cùng kỳ.
"""


def _project(tmp_path: Path, root: Path) -> Paths:
    proj = tmp_path / "proj"
    (proj / "sources").mkdir(parents=True)
    (proj / "sources" / "catalog.yaml").write_text("documents:\n", encoding="utf-8")
    shutil.copytree(root / "docs", proj / "docs")
    shutil.copy(root / "mkdocs.yml", proj / "mkdocs.yml")
    (proj / "node_modules").symlink_to(root / "node_modules")
    return Paths(proj)


def _write(tmp_path: Path, name: str, text: str) -> Path:
    f = tmp_path / "inbox" / name
    f.parent.mkdir(exist_ok=True)
    f.write_text(text, encoding="utf-8")
    return f


def _entries(paths: Paths) -> dict[str, dict]:
    raw = yaml.safe_load(paths.catalog.read_text(encoding="utf-8"))
    return {e["unit_id"]: e for e in raw["documents"]}


@pytest.mark.slow
def test_add_places_reports_of_three_provinces_and_overrides(tmp_path, root):
    paths = _project(tmp_path, root)
    said: list[str] = []
    files = [
        _write(tmp_path, "le-chan.txt", WARD_HAI_PHONG),
        _write(tmp_path, "thanh-son.txt", COMMUNE_PHU_THO),
        _write(tmp_path, "chu-se.txt", DISTRICT_2024),
    ]
    assert add_files(files, paths, today=TODAY, echo=said.append) == 0, said
    entries = _entries(paths)
    units = load_units()
    ward, commune, district = (
        entries["phuong-le-chan"],
        entries["xa-thanh-son-phu-tho"],
        entries["huyen-chu-se"],
    )
    assert (ward["period"], ward["kind"]) == ("2025-10", "monthly_report")
    assert units["phuong-le-chan"].code == "11383"
    assert units["phuong-le-chan"].parent_id == "thanh-pho-hai-phong"
    assert commune["period"] == "2025-11" and units["xa-thanh-son-phu-tho"].code == "08542"
    assert units["xa-thanh-son-phu-tho"].parent_id == "tinh-phu-tho"
    # the district no longer exists: its code, its dates, and where its territory went
    assert district["period"] == "2024-05"
    chu_se = units["huyen-chu-se"]
    assert (chu_se.code, chu_se.valid_to, chu_se.parent_id) == (
        "633",
        "2025-06-30",
        "tinh-gia-lai-cu",
    )
    assert successors("huyen-chu-se") and all(
        units[s].parent_id == "tinh-gia-lai" for s in successors("huyen-chu-se")
    )

    # a release that never names its province: refused, then placed by the options
    release = _write(tmp_path, "thong-ke.txt", RELEASE)
    assert add_files([release], paths, today=TODAY, echo=said.append) == 1
    assert "--unit" in said[-1]
    overrides = {"unit_id": "tinh-phu-tho", "period": "2025-09", "kind": "statistical_release"}
    assert add_files([release], paths, today=TODAY, echo=said.append, overrides=overrides) == 0
    placed = _entries(paths)["tinh-phu-tho"]
    assert (placed["period"], placed["kind"], placed["issuer"]) == (
        "2025-09",
        "statistical_release",
        "Thống kê tỉnh Phú Thọ",
    )

    result = build(paths)
    assert not result.failed, [str(e) for e in result.errors]
    docs = {r.meta.unit_id: r.meta for r in result.reports}
    for unit_id in ("phuong-le-chan", "xa-thanh-son-phu-tho", "huyen-chu-se", "tinh-phu-tho"):
        meta = docs[unit_id]
        assert (paths.site / "don-vi" / unit_id / meta.period / "index.html").exists()
        assert (paths.site / "van-ban" / meta.document_id / "index.html").exists()
    rows = {r["unit_id"]: r for r in csv.DictReader((paths.datapackage / "units.csv").open())}
    assert rows["huyen-chu-se"]["has_data"] == "true" and rows["tinh-gia-lai-cu"]  # its parent
    assert rows["phuong-le-chan"]["code"] == "11383"
    from frictionless import Package

    report = Package(str(paths.datapackage / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "message"])[:5]


def test_unknown_unit_option_is_refused_with_close_ids(tmp_path, root):
    paths = _project(tmp_path, root)
    said: list[str] = []
    f = _write(tmp_path, "le-chan.txt", WARD_HAI_PHONG)
    code = add_files(
        [f], paths, today=TODAY, echo=said.append, overrides={"unit_id": "phuong-le-chan-hp"}
    )
    assert code == 1
    assert (
        "unknown unit 'phuong-le-chan-hp'" in said[0] and "did you mean phuong-le-chan" in said[0]
    )
    code = add_files([f], paths, today=TODAY, echo=said.append, overrides={"period": "10/2025"})
    assert code == 1 and "option --period" in said[-1]


def test_a_name_several_units_bear_is_refused_with_the_candidates(tmp_path, root):
    paths = _project(tmp_path, root)
    said: list[str] = []
    text = WARD_HAI_PHONG.replace("LÊ CHÂN", "TÂN HƯNG").replace("Lê Chân", "Tân Hưng")
    f = _write(tmp_path, "tan-hung.txt", text)
    assert add_files([f], paths, today=TODAY, echo=said.append) == 1
    assert "phuong-tan-hung-hai-phong (10537" in said[0] and "--unit" in said[0]
    over = {"unit_id": "phuong-tan-hung-hai-phong"}
    assert add_files([f], paths, today=TODAY, echo=said.append, overrides=over) == 0, said


def test_override_before_the_unit_existed_is_added_with_a_warning(tmp_path, root):
    paths = _project(tmp_path, root)
    said: list[str] = []
    # signed on a date the ward existed: fine; unsigned, its period's end decides
    unsigned = WARD_HAI_PHONG.replace("Lê Chân, ngày 28 tháng 10 năm 2025\n", "")
    f = _write(tmp_path, "le-chan.txt", unsigned)
    assert (
        add_files([f], paths, today=TODAY, echo=said.append, overrides={"period": "2024-10"}) == 0
    )
    text = "\n".join(said)
    assert "phuong-le-chan exists from 2025-07-01" in text and "was formed from" in text


def test_cli_add_options_and_extract_with_an_unknown_slug(tmp_path, root, monkeypatch):
    paths = _project(tmp_path, root)
    monkeypatch.setenv("SOLIEU_ROOT", str(paths.root))
    release = _write(tmp_path, "thong-ke.txt", RELEASE)
    args = ["add", str(release), "--dry-run", "--unit", "tinh-phu-tho", "--period", "2025-09"]
    res = CliRunner().invoke(app, [*args, "--kind", "statistical_release"])
    assert res.exit_code == 0, res.output
    assert "tinh-phu-tho-2025-09-bao-cao" in res.output
    res = CliRunner().invoke(app, ["extract", str(release), "--unit", "cuc-thong-ke-x"])
    assert res.exit_code == 0
    assert "not a known unit id" in res.stderr and '"unit_id": "cuc-thong-ke-x"' in res.stdout
