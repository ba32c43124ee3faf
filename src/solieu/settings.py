"""Site settings: name, description, home text and URL, from the corpus and `solieu.yaml`.

The same code serves any corpus: five reports of one province, or reports of communes all over
the country. What the site calls itself therefore comes from the units its reports come from
("Số liệu Lạng Sơn" when they all lie in Lạng Sơn, "Số liệu địa phương" otherwise), and a
deployment can say otherwise in `solieu.yaml` at the project root (section ``site``). Wording
lives in ``data/settings.yaml``.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from solieu import units as units_mod
from solieu.errors import InputError
from solieu.paths import DATA_DIR, Paths, load_data

SETTINGS_FILE = "solieu.yaml"
_LEVEL_ORDER = ("province", "district", "special_zone", "ward", "commune")


class SiteSettings(BaseModel):
    """What `solieu.yaml` may set under ``site`` (every key optional)."""

    model_config = ConfigDict(extra="forbid")

    name: str | None = None
    description: str | None = None
    home_text: str | None = None
    url: str | None = None  # mkdocs `site_url`: canonical links and the sitemap


@cache
def _cfg() -> dict[str, Any]:
    return load_data(DATA_DIR / "settings.yaml")


def _read(paths: Paths) -> SiteSettings:
    """The ``site`` section of `solieu.yaml`, checked; empty when there is no file."""
    path = paths.root / SETTINGS_FILE
    if not path.exists():
        return SiteSettings()
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise InputError(path, f"not valid YAML: {exc}", hint="fix the file or remove it") from exc
    if not isinstance(raw, dict) or set(raw) - {"site"}:
        raise InputError(path, "expected one section, `site:`", hint="see README, Settings")
    try:
        return SiteSettings.model_validate(raw.get("site") or {})
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors(include_url=False)
        )
        raise InputError(
            path,
            f"bad site settings ({problems})",
            where="section site",
            hint="keys: " + ", ".join(SiteSettings.model_fields),
        ) from exc


def _provinces(unit_ids: list[str]) -> list[str]:
    """Names of the provinces the units lie in (their own time's), without "Tỉnh"."""
    t = units_mod.table()
    return sorted({t.short[units_mod.province_of(u)] for u in unit_ids})


def _issuers(unit_ids: list[str], provinces: list[str]) -> str:
    """Who issued the reports, in Vietnamese: "Ủy ban nhân dân tỉnh Lạng Sơn, thành phố Lạng Sơn
    và phường Tam Thanh", or, when there are many, how many."""
    cfg = _cfg()
    units = units_mod.load_units()
    ordered = sorted(unit_ids, key=lambda u: (_LEVEL_ORDER.index(units[u].level), units[u].name))
    if len(unit_ids) > int(cfg["max_issuers_named"]):
        if len(provinces) == 1:
            province = units_mod.in_sentence(units[units_mod.province_of(ordered[0])])
            return cfg["issuers_counted_in"].format(n=len(unit_ids), province=province)
        return cfg["issuers_counted"].format(n=len(unit_ids))
    t = units_mod.table()
    names = []
    for u in ordered:
        name = units_mod.in_sentence(units[u])
        prov = units_mod.province_of(u)
        if len(provinces) > 1 and prov != u:  # namesakes abound: say where
            name += f" ({t.short[prov]})"
        names.append(name)
    names = list(dict.fromkeys(names))
    joined = (
        names[0] if len(names) == 1 else f"{', '.join(names[:-1])} {cfg['and_word']} {names[-1]}"
    )
    return f"{cfg['issuer_prefix']} {joined}"


def load(paths: Paths, units_in_corpus: Iterable[str]) -> SiteSettings:
    """The site's settings: `solieu.yaml` where it says, derived from the corpus elsewhere.

    ``units_in_corpus`` are the unit ids of the catalogued reports (unknown ids are ignored).
    Raises InputError when `solieu.yaml` is malformed.
    """
    given = _read(paths)
    known = units_mod.load_units()
    ids = sorted({u for u in units_in_corpus if u in known})
    cfg = _cfg()
    provinces = _provinces(ids)
    if len(provinces) == 1:
        name = cfg["name_one_province"].format(province=provinces[0])
    else:
        name = cfg["name_many"]
    issuers = _issuers(ids, provinces) if ids else cfg["issuers_none"]
    derived = SiteSettings(
        name=name,
        description=cfg["description"].format(issuers=issuers),
        home_text=cfg["home_text"].format(issuers=issuers),
    )
    return derived.model_copy(update=given.model_dump(exclude_none=True))
