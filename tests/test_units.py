from solieu.units import load_units


def test_contract_units_exist_with_codes_and_lineage():
    units = load_units()
    assert units["tinh-lang-son"].code == "20" and units["tinh-lang-son"].level == "province"
    assert units["phuong-tam-thanh"].code == "05986"
    assert units["phuong-tam-thanh"].valid_from == "2025-07-01"
    city = units["thanh-pho-lang-son"]
    assert city.valid_to == "2025-06-30" and city.level == "district"
    assert set(units["phuong-tam-thanh"].formed_from) == {"phuong-tam-thanh-cu", "xa-hoang-dong"}
    assert units["xa-hoang-dong"].merged_into == "phuong-tam-thanh"


def test_all_current_communes_of_the_province_are_known():
    units = load_units()
    current = [u for u in units.values() if u.parent_id == "tinh-lang-son" and not u.valid_to]
    assert len(current) == 65  # Lạng Sơn after the July 2025 reform
    assert all(u.code.isdigit() and len(u.code) == 5 for u in current)


def test_parents_exist():
    units = load_units()
    for u in units.values():
        assert u.parent_id is None or u.parent_id in units, u.unit_id
        assert u.merged_into is None or u.merged_into in units
        assert all(f in units for f in u.formed_from)
