"""The `solieu extract` contract, on a report text that is not in sources/."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from solieu.cli import app

UNSEEN = """\
BÁO CÁO
Tình hình kinh tế - xã hội tháng 10 năm 2025

I. KẾT QUẢ THỰC HIỆN

1. Tài chính - ngân sách

Tổng thu ngân sách nhà nước trên địa bàn lũy kế đến hết tháng 10 ước đạt 10.909 triệu đồng,
bằng 85,3% dự toán tỉnh giao, tăng 8,37% so với cùng kỳ. Tổng chi ngân sách 7.250,5 triệu đồng.

2. Cải cách hành chính

Trung tâm Phục vụ hành chính công tiếp nhận 2.325 hồ sơ; đã giải quyết 2.081/2.325 hồ sơ,
trong đó trước hạn 1.500 hồ sơ, đúng hạn 570 hồ sơ, quá hạn 11 hồ sơ.
Tiếp nhận 350 văn bản đến, ban hành 210 văn bản đi.
"""


def test_extract_prints_one_json_object_with_the_contract_fields(tmp_path):
    f = tmp_path / "bao-cao-xa-moi.txt"
    f.write_text(UNSEEN, encoding="utf-8")
    res = CliRunner().invoke(
        app, ["extract", str(f), "--unit", "xa-van-nham", "--period", "2025-10", "--format", "json"]
    )
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert set(out) >= {"document", "figures", "observations"}
    assert out["document"]["unit_id"] == "xa-van-nham" and out["document"]["period"] == "2025-10"
    text = f.read_text(encoding="utf-8")
    for fig in out["figures"]:
        assert {"value", "unit", "text", "start", "end"} <= set(fig)
    values = {(fig["value"], fig["unit"]) for fig in out["figures"]}
    assert (10909000000, "VND") in values
    assert (8.37, "percent") in values
    assert (2081, "hồ sơ") in values and (2325, "hồ sơ") in values
    for obs in out["observations"]:
        assert {"indicator_id", "value", "unit", "quote"} <= set(obs)
        assert obs["quote"]
    got = {(o["indicator_id"], o["value"]) for o in out["observations"]}
    assert ("budget_revenue", 10909000000) in got
    assert ("admin_dossiers_received", 2325) in got
    assert ("admin_dossiers_resolved_late", 11) in got
    assert "10.909" in text


def test_extract_names_the_file_on_bad_input(tmp_path):
    f = tmp_path / "empty.txt"
    f.write_bytes(b"")
    res = CliRunner().invoke(app, ["extract", str(f)])
    assert res.exit_code != 0
    assert "empty.txt" in res.output


def test_extract_accepts_a_unit_it_does_not_know_with_a_warning(tmp_path):
    f = tmp_path / "bao-cao.txt"
    f.write_text(UNSEEN, encoding="utf-8")
    args = ["extract", str(f), "--unit", "xa-khong-co-that", "--period", "2025-10"]
    res = CliRunner().invoke(app, args)
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["document"]["unit_id"] == "xa-khong-co-that"
    assert "not a known unit" in res.stderr
    assert any(o["unit_id"] == "xa-khong-co-that" for o in json.loads(res.stdout)["observations"])
