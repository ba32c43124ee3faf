"""Administrative units: current codes from `vietnam-provinces`, lineage from our own YAML.

The package knows today's province and commune codes after the July 2025 reform but not the
units that ceased (districts such as Thành phố Lạng Sơn, the communes merged away), which
reports before July 2025 are about; those and their lineage live in `data/units.yaml`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import yaml
from slugify import slugify
from vietnam_provinces import ProvinceCode, Ward

from solieu.paths import DATA_DIR

LEVEL_BY_DIVISION = {"phường": "ward", "xã": "commune", "đặc khu": "special_zone"}
PROVINCE_CODES = {"tinh-lang-son": 20}


@dataclass
class Unit:
    unit_id: str
    name: str
    level: str
    code: str = ""
    parent_id: str | None = None
    valid_from: str | None = None
    valid_to: str | None = None
    formed_from: list[str] = field(default_factory=list)
    merged_into: str | None = None
    note: str = ""


def unit_id_for(name: str) -> str:
    """Slug of a unit's official name ('Phường Tam Thanh' → 'phuong-tam-thanh')."""
    return slugify(name)


@lru_cache(maxsize=1)
def load_units() -> dict[str, Unit]:
    """All known units by id: the curated YAML plus every current commune of each province."""
    curated = yaml.safe_load((DATA_DIR / "units.yaml").read_text(encoding="utf-8"))["units"]
    units: dict[str, Unit] = {}
    for province_id, code in PROVINCE_CODES.items():
        for ward in Ward.iter_by_province(ProvinceCode(code)):
            uid = unit_id_for(ward.name)
            units[uid] = Unit(
                unit_id=uid,
                name=ward.name,
                level=LEVEL_BY_DIVISION.get(str(ward.division_type.value), "commune"),
                code=f"{int(ward.code):05d}",
                parent_id=province_id,
                valid_from="2025-07-01",
            )
    for row in curated:
        row = {k: v for k, v in row.items() if v is not None}
        row["formed_from"] = list(row.get("formed_from", []))
        units[row["unit_id"]] = Unit(**row)
    return dict(sorted(units.items()))
