"""Administrative units of the whole country, before and after the 2025 reform, and lineage."""

from __future__ import annotations

import csv
import datetime as dt
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
import regex as re
from hypothesis import given, settings
from hypothesis import strategies as st
from slugify import slugify

from solieu import units as U
from solieu.units import load_units

FIXTURES = Path(__file__).resolve().parent / "fixtures"
REFORM = dt.date(2025, 7, 1)
BEFORE, AFTER = dt.date(2025, 6, 30), dt.date(2025, 7, 1)


def _current(level: str | None = None) -> list[U.Unit]:
    return [
        u
        for u in load_units().values()
        if u.valid_to is None and (level is None or u.level == level)
    ]


# --------------------------------------------------------------------------- the datasets


def test_current_country_from_vietnam_provinces():
    provinces = _current("province")
    assert len(provinces) == 34
    communes = [u for u in _current() if u.level != "province"]
    assert len(communes) == 3321
    assert Counter(u.level for u in communes) == {"commune": 2621, "ward": 687, "special_zone": 13}
    codes = [u.code for u in communes]
    assert len(set(codes)) == len(codes) and all(re.fullmatch(r"\d{5}", c) for c in codes)
    assert all(u.parent_id in {p.unit_id for p in provinces} for u in communes)


def test_former_country_from_vietnamadminunits():
    units = load_units()
    former = [u for u in units.values() if u.valid_to]
    assert all(u.valid_to == "2025-06-30" for u in former)
    # 63 provinces before the reform: 52 merged away, 11 left as they were (one unit each)
    assert sum(u.level == "province" for u in former) == 52
    spanning = [u for u in _current("province") if u.valid_from is None]
    assert len(spanning) == 11 and units["tinh-lang-son"] in spanning
    assert sum(u.level == "district" for u in former) == 696
    # 10,035 communes: each one former unit, or one unit spanning the reform
    communes = [u for u in former if u.level in ("ward", "commune")]
    unchanged = [u for u in _current() if u.level != "province" and u.valid_from is None]
    assert len(communes) + len(unchanged) == 10035


def test_lang_son_keeps_its_65_communes():
    current = [u for u in _current() if u.parent_id == "tinh-lang-son"]
    assert len(current) == 65
    assert all(u.code.isdigit() and len(u.code) == 5 for u in current)


def _published() -> list[dict[str, str]]:
    lines = (FIXTURES / "published_units.csv").read_text(encoding="utf-8").splitlines()
    return list(csv.DictReader(line for line in lines if not line.startswith("#")))


@pytest.mark.parametrize("row", _published(), ids=lambda r: r["unit_id"])
def test_published_ids_keep_their_meaning(row):
    u = load_units()[row["unit_id"]]
    assert (u.name, u.level, u.code, u.valid_to or "") == (
        row["name"],
        row["level"],
        row["code"],
        row["valid_to"],
    )


def test_contract_units_and_lineage():
    units = load_units()
    assert units["tinh-lang-son"].code == "20" and units["tinh-lang-son"].level == "province"
    assert units["phuong-tam-thanh"].code == "05986"
    assert units["phuong-tam-thanh"].valid_from == "2025-07-01"
    city = units["thanh-pho-lang-son"]
    assert (city.code, city.level, city.valid_to) == ("178", "district", "2025-06-30")
    assert units["phuong-tam-thanh"].formed_from == ["phuong-tam-thanh-cu", "xa-hoang-dong"]
    assert units["xa-hoang-dong"].merged_into == ["phuong-tam-thanh"]
    assert units["phuong-tam-thanh-cu"].parent_id == "thanh-pho-lang-son"
    assert units["thanh-pho-ha-noi"].level == "province"  # a centrally-run city


def test_references_exist_and_lineage_is_symmetric():
    units = load_units()
    for u in units.values():
        assert u.parent_id is None or u.parent_id in units, u.unit_id
        for m in u.merged_into:
            assert u.unit_id in units[m].formed_from, (u.unit_id, m)
            assert units[m].valid_from == "2025-07-01"
        for f in u.formed_from:
            assert u.unit_id in units[f].merged_into, (u.unit_id, f)
        if u.valid_to:
            assert u.note, u.unit_id  # why it ended, for the site


def test_ids_are_unique_slugs():
    units = load_units()
    assert all(re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", uid) for uid in units)
    assert all(u.unit_id == uid for uid, u in units.items())


# --------------------------------------------------------------------------- the id rule


def test_namesakes_are_qualified_by_province():
    units = load_units()
    assert units["phuong-tan-hung-hai-phong"].code == "10537"
    assert units["phuong-tan-hung-ho-chi-minh"].code == "27475"
    assert units["xa-hoa-phu-ha-noi"].code == "10108"
    assert units["xa-hoa-phu-dak-lak"].code == "24175"
    assert "phuong-tan-hung" not in units and "xa-hoa-phu" not in units


def test_former_namesake_of_a_current_unit_ends_in_cu():
    units = load_units()
    old = units["tinh-phu-tho-cu"]
    assert (old.name, old.valid_to, old.merged_into) == (
        "Tỉnh Phú Thọ (cũ)",
        "2025-06-30",
        ["tinh-phu-tho"],
    )
    assert units["tinh-phu-tho"].formed_from == [
        "tinh-hoa-binh",
        "tinh-phu-tho-cu",
        "tinh-vinh-phuc",
    ]
    # a former unit no current unit is named after keeps the plain slug
    assert units["huyen-soc-son"].valid_to == "2025-06-30"


def test_namesakes_in_one_province_are_told_apart_by_district_or_code():
    units = load_units()
    # Xã Hoằng Đồng and Xã Hoằng Đông: one slug, one province, one district: the code
    # (the qualifiers they share are skipped); Xã Hoàng Đồng of Lạng Sơn keeps its pinned id
    assert units["xa-hoang-dong-15952"].name == "Xã Hoằng Đồng"
    assert units["xa-hoang-dong-15997"].name == "Xã Hoằng Đông"
    assert units["xa-hoang-dong"].parent_id == "thanh-pho-lang-son"
    # Phường 1 of many districts of Thành phố Hồ Chí Minh: province, then district
    assert units["phuong-1-ho-chi-minh-quan-3"].parent_id == "quan-3"


def test_ids_are_deterministic():
    before = {uid: (u.code, u.valid_to) for uid, u in load_units().items()}
    U.table.cache_clear()
    try:
        after = {uid: (u.code, u.valid_to) for uid, u in load_units().items()}
    finally:
        U.table.cache_clear()
    assert before == after


def test_unit_id_for_is_python_slugify_on_every_name():
    for u in load_units().values():
        name = u.name.removesuffix(" (cũ)")
        assert U.unit_id_for(name) == slugify(name), name


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aăâđeêioôơuưy ÁÀẢÃẠÊỆĐđơỜ'-–1x")), max_size=30))
def test_unit_id_for_agrees_with_slugify(text):
    assert U.unit_id_for(text) == slugify(text)


# --------------------------------------------------------------------------- names


@pytest.mark.parametrize(
    ("a", "b"),
    [("Xã Hoà Phú", "xã hòa phú"), ("Thuỷ Nguyên", "Thủy Nguyên"), ("Khoẻ", "khỏe")],
)
def test_name_key_folds_tone_placement(a, b):
    assert U.name_key(a) == U.name_key(b)


@pytest.mark.parametrize(("a", "b"), [("Văn Lãng", "Vân Lãng"), ("Hoằng Đồng", "Hoằng Đông")])
def test_name_key_keeps_different_names_apart(a, b):
    assert U.name_key(a) != U.name_key(b)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aoeuyhTHÀÁẢÃẠòóỏõọỳýỷỹỵ ")), max_size=20))
def test_name_key_is_stable(text):
    key = U.name_key(text)
    assert U.name_key(key) == key
    assert U.name_key(unicodedata.normalize("NFD", text)) == key


def test_dataset_spellings_meet():
    # vietnam-provinces writes "Xã Đàm Thuỷ", vietnamadminunits "Xã Đàm Thủy": one unit
    by_name = U.table().by_name
    assert by_name[U.name_key("Xã Đàm Thủy")] == by_name[U.name_key("Xã Đàm Thuỷ")]


# --------------------------------------------------------------------------- lineage API


def test_successors_of_a_merged_commune_and_of_a_district():
    assert U.successors("xa-hoang-dong") == ["phuong-tam-thanh"]
    assert U.successors("xa-hoang-dong", BEFORE) == ["xa-hoang-dong"]
    heirs = U.successors("thanh-pho-lang-son")
    assert "phuong-tam-thanh" in heirs and len(heirs) == 4
    assert all(load_units()[h].valid_from == "2025-07-01" for h in heirs)
    assert U.successors("tinh-vinh-phuc", AFTER) == ["tinh-phu-tho"]
    assert U.successors("tinh-lang-son", BEFORE) == ["tinh-lang-son"]


def test_a_district_s_successors_include_communes_that_outlived_it():
    units = load_units()
    spanning = [u for u in _current() if u.level in ("ward", "commune") and u.valid_from is None]
    for u in spanning:
        districts = [d for d, kids in U.table().children.items() if u.unit_id in kids]
        (district,) = [d for d in districts if units[d].level == "district"]
        assert u.unit_id in U.successors(district)
        assert U.in_sentence(u) in units[district].note


def test_predecessors():
    assert U.predecessors("phuong-tam-thanh", BEFORE) == ["phuong-tam-thanh-cu", "xa-hoang-dong"]
    assert U.predecessors("tinh-phu-tho", dt.date(2024, 1, 1)) == [
        "tinh-hoa-binh",
        "tinh-phu-tho-cu",
        "tinh-vinh-phuc",
    ]
    assert U.predecessors("tinh-lang-son", dt.date(2020, 1, 1)) == ["tinh-lang-son"]


def test_former_units_with_their_names():
    formers = U.former_units("phuong-tam-thanh")
    assert [(f.unit_id, f.short, f.kind) for f in formers] == [
        ("phuong-tam-thanh-cu", "Tam Thanh", "phường"),
        ("xa-hoang-dong", "Hoàng Đồng", "xã"),
    ]
    assert U.former_units("tinh-lang-son") == []


def test_lineage_of_any_merger():
    # every current unit formed by the reform has predecessors, each of which names it back
    units = load_units()
    formed = [u for u in _current() if u.valid_from]
    assert formed and all(u.formed_from for u in formed)
    ward = units["xa-soc-son"]
    for f in U.former_units("xa-soc-son"):
        assert "xa-soc-son" in units[f.unit_id].merged_into
        assert units[units[f.unit_id].parent_id].unit_id == "huyen-soc-son"
    assert ward.parent_id == "thanh-pho-ha-noi"


@pytest.mark.parametrize(
    ("clause", "unit_id"),
    [
        ("Tam Thanh: 4.269,7 triệu đồng", "phuong-tam-thanh-cu"),
        ("- xã Hoàng Đồng (cũ): 12 hồ sơ", "xa-hoang-dong"),
        ("Phường Tam Thanh (cũ) : 5 hộ", "phuong-tam-thanh-cu"),
        ("Hoàng  Đồng: 3", "xa-hoang-dong"),
        ("Hoàng Đồng tăng 5%", None),
        ("Tổng: 9", None),
    ],
)
def test_former_unit_labels(clause, unit_id):
    labels = U.former_unit_labels("phuong-tam-thanh")
    found = [lab["unit_id"] for lab in labels if lab["_re"].search(clause)]
    assert found == ([unit_id] if unit_id else [])


def test_former_unit_labels_accept_either_tone_placement():
    hoa = next(
        u
        for u in load_units().values()
        if u.valid_from and any("Hòa" in f.short for f in U.former_units(u.unit_id))
    )
    f = next(f for f in U.former_units(hoa.unit_id) if "Hòa" in f.short)
    labels = {lab["unit_id"]: lab["_re"] for lab in U.former_unit_labels(hoa.unit_id)}
    assert labels[f.unit_id].search(f"{f.short.replace('Hòa', 'Hoà')}: 7 hộ")
    assert U.former_unit_labels("not-a-unit") == ()


def test_validity_warning_names_predecessors_and_successors():
    early = U.validity_warning("phuong-tam-thanh", dt.date(2024, 12, 31), "its signing date")
    assert "exists from 2025-07-01" in early
    assert "phuong-tam-thanh-cu (05974" in early and "xa-hoang-dong (05986" in early
    late = U.validity_warning("huyen-soc-son", dt.date(2025, 11, 30), "its period's end")
    assert "ceased after 2025-06-30" in late and "xa-soc-son (00376" in late
    assert U.validity_warning("phuong-tam-thanh", AFTER, "x") is None
    assert U.validity_warning("unknown-id", AFTER, "x") is None


def test_describe_tells_namesakes_apart():
    assert (
        U.describe("xa-hoa-phu-ha-noi")
        == "xa-hoa-phu-ha-noi (10108, Thành phố Hà Nội, from 2025-07-01)"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("xa-soc-son-ha-noi", "xa-soc-son"),
        ("phuong-tam-than", "phuong-tam-thanh"),
        ("Sóc Sơn", "xa-soc-son"),
    ],
)
def test_suggest_close_ids(text, expected):
    assert expected in U.suggest(text)


# --------------------------------------------------------------------------- package and site


def test_related_adds_ancestors_and_lineage():
    got = U.related(["phuong-tam-thanh", "not-a-unit"])
    assert got == {
        "phuong-tam-thanh",
        "tinh-lang-son",
        "phuong-tam-thanh-cu",
        "xa-hoang-dong",
        "thanh-pho-lang-son",
    }
    assert U.with_data(["huyen-soc-son"]) == {"huyen-soc-son", "thanh-pho-ha-noi"}


@settings(max_examples=50, deadline=None)
@given(st.lists(st.sampled_from(sorted(load_units())), max_size=5))
def test_related_is_closed_under_ancestors(ids):
    units = load_units()
    got = U.related(ids)
    assert set(ids) <= got
    for uid in got:
        assert units[uid].parent_id is None or units[uid].parent_id in got


def test_package_rows_are_current_units_and_what_data_refers_to():
    units = load_units()
    rows = U.for_package(units, ["xa-hoang-dong"])
    ids = {u.unit_id for u in rows}
    assert {u.unit_id for u in _current()} <= ids
    assert {"xa-hoang-dong", "thanh-pho-lang-son", "phuong-tam-thanh"} <= ids
    assert "huyen-soc-son" not in ids  # former units nothing refers to stay out
    assert len(ids) == len(_current()) + 2
