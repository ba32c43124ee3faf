"""Administrative units of Việt Nam, before and after the July 2025 reform, and their lineage.

Reports come from every level of local government and from both sides of the reform: a 2024
report of a district that no longer exists, a 2025-11 report of a ward formed from three former
communes. Each needs a stable id, its official code and its place in the lineage, so that its
figures can be compared with the units that came before or after it.

Nothing here is typed by hand that a maintained dataset gives:

* ``vietnam-provinces`` — the 34 provinces and 3,321 communes, wards and special zones in force
  since 2025-07-01, with their official codes (the authority for current codes and names);
* ``vietnamadminunits`` (MIT) — the 63 provinces, 696 districts and 10,040 communes before the
  reform, with codes, and which current unit(s) each former commune went into
  (``data/dataset.db``, ``data/converter_2025.json``).

``data/units.yaml`` holds only what no dataset has: the division-type words, the ids already
published that the id rule would now give otherwise (pins), and the wording of the notes.
The id rule is documented in DESIGN.md ("Unit ids").
"""

from __future__ import annotations

import datetime as dt
import difflib
import importlib.util
import json
import re
import sqlite3
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Any

import regex as _regex
from slugify import slugify

from solieu.paths import DATA_DIR, load_data

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")  # grave, acute, tilde, hook, dot below


@dataclass
class Unit:
    unit_id: str
    name: str
    level: str  # province | district | ward | commune | special_zone
    code: str = ""
    parent_id: str | None = None
    valid_from: str | None = None
    valid_to: str | None = None
    formed_from: list[str] = field(default_factory=list)
    # successors: one when the unit merged, several when its territory was divided
    merged_into: list[str] = field(default_factory=list)
    note: str = ""


def unit_id_for(name: str) -> str:
    """Slug of a unit's official name ('Phường Tam Thanh' → 'phuong-tam-thanh').

    The same as python-slugify's (a test checks every unit), computed by one table lookup per
    letter for Vietnamese Latin script: slugify costs 37 µs a name, and there are 14,000.
    """
    folded = unicodedata.normalize("NFC", name).translate(_FOLD)
    if not folded.isascii():
        return slugify(name)
    return _NON_ALNUM.sub("-", folded.lower()).strip("-")


def _fold_table() -> dict[int, str]:
    """Each accented Latin letter → its base letter ("ệ" → "e", "Đ" → "D")."""
    table = {ord("đ"): "d", ord("Đ"): "D"}
    for cp in [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:
        base = "".join(
            c for c in unicodedata.normalize("NFD", chr(cp)) if not unicodedata.combining(c)
        )
        if base != chr(cp) and base.isascii() and base:
            table[cp] = base
    return table


_FOLD = _fold_table()


def clean_name(name: str) -> str:
    """A name as the datasets should have written it: NFC, single spaces, plain dash and quote."""
    name = unicodedata.normalize("NFC", name).replace("’", "'").replace("–", "-")
    return " ".join(name.split())


_slug = cache(unit_id_for)  # for names that repeat (a district's, on each of its communes)


@cache
def name_key(name: str) -> str:
    """Key under which two spellings of one name meet: case-folded, and the tone mark of each
    syllable moved to its end, so that the old and new tone placements agree ("Hoà"/"Hòa",
    "Thuỷ"/"Thủy") while different names stay apart ("Văn"/"Vân")."""
    words = []
    for word in unicodedata.normalize("NFD", clean_name(name).casefold()).split(" "):
        tones = "".join(c for c in word if c in _TONES)
        words.append("".join(c for c in word if c not in _TONES) + tones)
    return unicodedata.normalize("NFC", " ".join(words))


# ---------------------------------------------------------------------------------------------
# Reading the datasets


@cache
def _cfg() -> dict[str, Any]:
    return load_data(DATA_DIR / "units.yaml")


def _package_data(package: str) -> Path:
    """The ``data`` folder of an installed package, located without importing it: importing
    ``vietnamadminunits`` loads geopy and shapely for address parsing (0.8 s), importing
    ``vietnam_provinces`` builds an enum of 3,321 codes (0.1 s); solieu reads only their data."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(f"{package} is not installed (see pyproject.toml)")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


@dataclass
class _Rec:
    """One unit while the table is built: enough to name it, place it and give it an id."""

    era: str  # "new" (in force since the reform) or "old" (before it)
    kind: str  # division type word: "xã", "thành phố trung ương", ...
    short: str  # the name without its type word
    code: str
    province_short: str  # the short name of the province it belongs to (at its time)
    parent: str | None = None  # key of the parent record
    district_slug: str = ""  # of a former commune: its district (to tell namesakes apart)
    formed_from: list[str] = field(default_factory=list)  # record keys
    merged_into: list[str] = field(default_factory=list)  # record keys
    divided: bool = False
    unit_id: str = ""
    namesake_of_current: bool = False  # a former unit whose name a current unit bears

    def name(self, types: dict[str, dict[str, str]]) -> str:
        return f"{types[self.kind]['prefix']} {self.short}"


def _strip_prefix(name: str, levels: tuple[str, ...]) -> tuple[str, str]:
    """('Phường Tam Thanh') → ('phường', 'Tam Thanh'), among the types of the given levels
    ("Thành phố" opens the names of provinces and of districts); the longest word wins."""
    low = name.casefold()
    for kind, prefix in _prefixes(levels):
        if low.startswith(prefix):
            return kind, name[len(prefix) :]
    raise ValueError(f"unit name without a known type word: {name!r}")


@cache
def _prefixes(levels: tuple[str, ...]) -> list[tuple[str, str]]:
    """(type word, "<prefix> " case-folded) of the given levels, longest first."""
    types = _cfg()["types"]
    out = [(k, s["prefix"].casefold() + " ") for k, s in types.items() if s["level"] in levels]
    return sorted(out, key=lambda kv: -len(kv[1]))


_PROVINCE = ("province",)
_DISTRICT = ("district",)
_COMMUNE = ("ward", "commune", "special_zone")


def _current(recs: dict[str, _Rec]) -> dict[tuple, str]:
    """Current provinces and communes from vietnam-provinces; returns (province code, name key)
    → record key, to join the other dataset by name (its codes are the draft ones)."""
    by_name: dict[tuple, str] = {}
    path = _package_data("vietnam_provinces") / "nested-divisions.json"
    for p in json.loads(path.read_text(encoding="utf-8")):
        kind = str(p["division_type"])
        short = clean_name(p["name"])
        if kind != "tỉnh":
            short = _strip_prefix(short, _PROVINCE)[1]
        pkey = f"new:{int(p['code']):02d}"
        recs[pkey] = _Rec("new", kind, short, f"{int(p['code']):02d}", short)
        by_name[(int(p["code"]), "")] = pkey
        for w in p["wards"]:
            wkind, wshort = _strip_prefix(clean_name(w["name"]), _COMMUNE)
            key = f"new:{int(w['code']):05d}"
            recs[key] = _Rec("new", wkind, wshort, f"{int(w['code']):05d}", short, parent=pkey)
            by_name[(int(p["code"]), name_key(w["name"]))] = key
    return by_name


def _former(recs: dict[str, _Rec], db: sqlite3.Connection) -> dict[str, str]:
    """Former provinces, districts and communes; returns dataset key → record key."""
    keys: dict[str, str] = {}
    rows = db.execute(
        "select provinceKey, districtKey, wardKey, province, district, ward, provinceCode,"
        " districtCode, wardCode, districtType from admin_units_legacy"
    )
    for pk, dk, wk, pname, dname, wname, pcode, dcode, wcode, dtype in rows:
        pkind, pshort = _strip_prefix(clean_name(pname), _PROVINCE)
        prec = f"old:{pcode}"
        if prec not in recs:
            recs[prec] = _Rec("old", pkind, pshort, pcode, pshort)
            keys[pk] = prec
        drec = f"old:{dcode}"
        if drec not in recs:
            dkind, dshort = _strip_prefix(clean_name(dname), _DISTRICT)
            if dkind != dtype.casefold():
                raise ValueError(f"district {dname!r} has type {dtype!r}")
            recs[drec] = _Rec("old", dkind, dshort, dcode, pshort, parent=prec)
        if wk is None:  # an island district without communes: it is its own lineage key
            keys[f"{pk}_{dk}_"] = drec
            continue
        wkind, wshort = _strip_prefix(clean_name(wname), _COMMUNE)
        wrec = f"old:{wcode}"
        recs[wrec] = _Rec(
            "old", wkind, wshort, wcode, pshort, parent=drec, district_slug=_slug(dname)
        )
        keys[f"{pk}_{dk}_{wk}"] = wrec
    return keys


def _link(recs: dict[str, _Rec], old: str, new: str) -> None:
    if new not in recs[old].merged_into:
        recs[old].merged_into.append(new)
    if old not in recs[new].formed_from:
        recs[new].formed_from.append(old)


def _lineage(
    recs: dict[str, _Rec],
    current: dict[tuple, str],
    former: dict[str, str],
    db: sqlite3.Connection,
    conv: dict[str, Any],
) -> None:
    """Who went into whom, from the converter's 63→34 mapping (keys joined by name)."""
    new_ward: dict[tuple[str, str], str] = {}
    new_prov: dict[str, str] = {}
    for pk, wk, wname, pcode in db.execute(
        "select provinceKey, wardKey, ward, provinceCode from admin_units"
    ):
        new_ward[(pk, wk)] = current[(int(pcode), name_key(wname))]
        new_prov[pk] = current[(int(pcode), "")]
    for pk, olds in conv["DICT_PROVINCE"].items():
        for old in olds:
            _link(recs, former[old], new_prov[pk])
    for pk, wards in conv["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for wk, olds in wards.items():
            for old in olds:
                _link(recs, former[old], new_ward[(pk, wk)])
    for pk, olds in conv["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old, parts in olds.items():
            # the default successor first: where a value of the divided unit most likely went
            for part in sorted(parts, key=lambda x: not x["isDefaultNewWard"]):
                _link(recs, former[old], new_ward[(pk, part["newWardKey"])])
            recs[former[old]].divided = True


def _unchanged(recs: dict[str, _Rec]) -> dict[str, str]:
    """Former units the reform left as they were (same name, the whole of one successor, which
    has no other predecessor): one unit spanning the reform, not a former twin. Returns
    old record key → new record key."""
    same: dict[str, str] = {}
    for key, r in recs.items():
        if r.era != "old" or len(r.merged_into) != 1 or r.divided:
            continue
        new = recs[r.merged_into[0]]
        same_kind = r.kind == new.kind or {r.kind, new.kind} <= {"tỉnh", "thành phố trung ương"}
        if same_kind and new.formed_from == [key] and name_key(new.short) == name_key(r.short):
            same[key] = r.merged_into[0]
    return same


# ---------------------------------------------------------------------------------------------
# Ids


def _assign_ids(recs: dict[str, _Rec], types: dict[str, dict[str, str]]) -> None:
    """The id rule (DESIGN.md, "Unit ids"): the slug of the official name; namesakes qualified by
    their province, then district, then code; a former unit whose name a current unit bears
    ends in ``-cu``; ids already published are pinned in units.yaml."""
    cfg = _cfg()
    pins: dict[str, str] = {}
    for code, uid in (cfg.get("pinned_ids") or {}).items():
        key = f"old:{code[4:]}" if str(code).startswith("old:") else f"new:{code}"
        if key not in recs:
            raise ValueError(f"units.yaml pins {uid!r} to {code!r}, which no dataset has")
        pins[key] = uid
    taken = set(pins.values())
    base = {k: unit_id_for(r.name(types)) for k, r in recs.items()}
    current_bases = {base[k] for k, r in recs.items() if r.era == "new"}
    suffix = cfg["former_id_suffix"]

    def qualify(keys: list[str], stem: dict[str, str], quals: list[Callable]) -> None:
        """Give each key its stem if no other has it; qualify namesakes by the first
        qualifier that tells them apart (one that all of them share is skipped)."""
        groups: dict[str, list[str]] = defaultdict(list)
        for k in keys:
            groups[stem[k]].append(k)
        for s, members in groups.items():
            if len(members) == 1 and s not in taken:
                recs[members[0]].unit_id = s
                taken.add(s)
                continue
            rest = list(quals)
            while rest:
                q = rest.pop(0)
                values = {q(recs[k]) for k in members}
                if "" not in values and (len(values) > 1 or len(members) == 1):
                    qualify(members, {k: f"{s}-{q(recs[k])}" for k in members}, rest)
                    break
            else:
                raise ValueError(f"units {members} cannot be told apart by any qualifier")

    province = lambda r: _slug(r.province_short)  # noqa: E731
    district = lambda r: r.district_slug  # noqa: E731
    code = lambda r: r.code  # noqa: E731
    for k, uid in pins.items():
        recs[k].unit_id = uid
    free = [k for k in recs if k not in pins]
    new = sorted(k for k in free if recs[k].era == "new")
    qualify(new, base, [province, code])
    for k, r in recs.items():
        r.namesake_of_current = r.era == "old" and base[k] in current_bases
    old = sorted(k for k in free if recs[k].era == "old")
    stem = {k: base[k] + (f"-{suffix}" if recs[k].namesake_of_current else "") for k in old}
    qualify(old, stem, [province, district, code])


# ---------------------------------------------------------------------------------------------
# The table


@dataclass
class Table:
    """Every unit, and the indexes that detection and lineage queries need (the name indexes
    are built on first use: the data package needs only the units)."""

    units: dict[str, Unit]
    short: dict[str, str]  # unit id → its name without the type word
    kind: dict[str, str]  # unit id → the type word opening its name ("xã", "thành phố")
    # unit id → the units under it at its own time (a district's communes, also those that
    # outlived it unchanged): where its territory went
    children: dict[str, tuple[str, ...]]

    @cached_property
    def by_name(self) -> dict[str, tuple[str, ...]]:
        """Name key of the official name ("<type word> <name>", without "(cũ)") → unit ids."""
        out: dict[str, list[str]] = defaultdict(list)
        for uid, u in self.units.items():
            out[name_key(plain_name(u))].append(uid)
        return {k: tuple(sorted(v)) for k, v in out.items()}

    @cached_property
    def provinces(self) -> dict[str, frozenset[str]]:
        """Unit id → name keys of the provinces it lay in, then and now."""
        return _province_keys(self)


def _note(
    r: _Rec, recs: dict[str, _Rec], types: dict[str, dict[str, str]], heirs: list[str]
) -> str:
    """Why a former unit ended and where its territory went (Vietnamese, for the site)."""
    if r.era != "old":
        return ""
    notes = _cfg()["notes"]

    def names(keys: Iterable[str]) -> str:
        return ", ".join(recs[k].name(types)[:1].lower() + recs[k].name(types)[1:] for k in keys)

    if r.merged_into:
        tpl = notes["divided"] if r.divided else notes["merged"]
        if types[r.kind]["level"] == "province":
            tpl = notes["province_merged"]
        return tpl.format(targets=names(r.merged_into))
    if heirs:
        return notes["district"].format(targets=names(heirs))
    return notes["ended"]


def plain_name(unit: Unit) -> str:
    """The official name without the " (cũ)" that tells a former unit from its namesake."""
    return unit.name.removesuffix(_cfg()["former_name_suffix"])


def in_sentence(unit: Unit) -> str:
    """The name as it stands inside a Vietnamese sentence: "phường Tam Thanh"."""
    name = plain_name(unit)
    return name[:1].lower() + name[1:]


@cache
def table() -> Table:
    """Build the table once per process (0.3–0.5 s: two JSON files, one SQLite table)."""
    cfg = _cfg()
    types: dict[str, dict[str, str]] = cfg["types"]
    reform = cfg["reform_date"]
    ended = (dt.date.fromisoformat(reform) - dt.timedelta(days=1)).isoformat()
    data = _package_data("vietnamadminunits")
    recs: dict[str, _Rec] = {}
    current = _current(recs)
    with sqlite3.connect(f"file:{data / 'dataset.db'}?mode=ro", uri=True) as db:
        former = _former(recs, db)
        conv = json.loads((data / "converter_2025.json").read_text(encoding="utf-8"))
        _lineage(recs, current, former, db, conv)
    same = _unchanged(recs)
    for new in same.values():
        recs[new].formed_from = []
    spanning = set(same.values())
    # a commune spanning the reform lay, before it, in a district that ended
    old_district = {new: recs[old].parent for old, new in same.items() if recs[old].parent}
    recs = {k: r for k, r in recs.items() if k not in same}
    for r in recs.values():  # a former district's parent may be a province that continued
        if r.parent in same:
            r.parent = same[r.parent]
    _assign_ids(recs, types)
    heirs: dict[str, list[str]] = defaultdict(list)  # former district → its communes' successors
    for k, r in recs.items():
        district = old_district.get(k) or r.parent
        if district and recs[district].era == "old" and (r.era == "old" or k in old_district):
            for m in r.merged_into if r.era == "old" else [k]:
                if m not in heirs[district]:
                    heirs[district].append(m)

    units: dict[str, Unit] = {}
    short: dict[str, str] = {}
    kind: dict[str, str] = {}
    for k, r in recs.items():
        name = r.name(types)
        display = name
        if r.namesake_of_current:
            display += cfg["former_name_suffix"]
        units[r.unit_id] = Unit(
            unit_id=r.unit_id,
            name=display,
            level=types[r.kind]["level"],
            code=r.code,
            parent_id=recs[r.parent].unit_id if r.parent else None,
            valid_from=reform if r.era == "new" and k not in spanning else None,
            valid_to=ended if r.era == "old" else None,
            formed_from=sorted(recs[x].unit_id for x in r.formed_from),
            merged_into=[recs[x].unit_id for x in r.merged_into],
            note=_note(r, recs, types, heirs.get(k, [])),
        )
        short[r.unit_id] = r.short
        kind[r.unit_id] = types[r.kind]["prefix"].casefold()
    children: dict[str, list[str]] = defaultdict(list)
    for u in units.values():
        if u.parent_id:
            children[u.parent_id].append(u.unit_id)
    for new, district in old_district.items():
        children[recs[district].unit_id].append(recs[new].unit_id)
    t = Table(
        units=dict(sorted(units.items())),
        short=short,
        kind=kind,
        children={k: tuple(sorted(v)) for k, v in children.items()},
    )
    return t


def load_units() -> dict[str, Unit]:
    """All known units by id: current and former, of the whole country."""
    return table().units


# ---------------------------------------------------------------------------------------------
# Queries


def ancestors(unit_id: str, units: Mapping[str, Unit] | None = None) -> list[str]:
    """Parent, grandparent, ... of a unit (nearest first), in ``units`` (default: all known)."""
    units = load_units() if units is None else units
    out: list[str] = []
    parent = units[unit_id].parent_id
    while parent and parent not in out and parent in units:
        out.append(parent)
        parent = units[parent].parent_id
    return out


def province_of(unit_id: str) -> str:
    """The province (at the unit's own time) the unit lies in, or the unit if it is one."""
    units = load_units()
    for uid in [unit_id, *ancestors(unit_id)]:
        if units[uid].level == "province":
            return uid
    raise ValueError(f"{unit_id} lies in no province")


def _province_keys(t: Table) -> dict[str, frozenset[str]]:
    """Per unit, name keys of the province it lay in and of the provinces its successors lie
    in: a text that names either is placed there."""
    root: dict[str, str] = {}

    def top(uid: str) -> str:
        if uid not in root:
            parent = t.units[uid].parent_id
            root[uid] = top(parent) if parent else uid
        return root[uid]

    out: dict[str, frozenset[str]] = {}

    def keys(uid: str) -> frozenset[str]:
        if uid not in out:
            own = {name_key(t.short[top(uid)])}
            out[uid] = frozenset(own.union(*(keys(m) for m in t.units[uid].merged_into)))
        return out[uid]

    for uid in t.units:
        keys(uid)
    return out


def valid_on(unit_id: str, day: dt.date) -> bool:
    u = load_units()[unit_id]
    lo = dt.date.fromisoformat(u.valid_from) if u.valid_from else dt.date.min
    hi = dt.date.fromisoformat(u.valid_to) if u.valid_to else dt.date.max
    return lo <= day <= hi


def formed_from(unit_id: str) -> list[str]:
    """The former units a unit was formed from (empty when the reform left it as it was)."""
    return list(load_units()[unit_id].formed_from)


def merged_into(unit_id: str) -> list[str]:
    """The units a former unit went into (several when its territory was divided)."""
    return list(load_units()[unit_id].merged_into)


def successors(unit_id: str, on_date: dt.date | None = None) -> list[str]:
    """Units in force on ``on_date`` (default: today's units) that hold the territory of
    ``unit_id``: the unit itself while it exists; the unit(s) it went into; for a former
    district, the units its communes went into."""
    units = load_units()
    t = table()
    out: list[str] = []

    def walk(uid: str, seen: set[str]) -> None:
        if uid in seen:
            return
        seen.add(uid)
        u = units[uid]
        if valid_on(uid, on_date) if on_date else u.valid_to is None:
            if uid not in out:
                out.append(uid)
            return
        if u.merged_into:
            for m in u.merged_into:
                walk(m, seen)
        else:
            for c in t.children.get(uid, ()):
                walk(c, seen)

    walk(unit_id, set())
    return out


def predecessors(unit_id: str, on_date: dt.date) -> list[str]:
    """Units in force on ``on_date`` whose territory ``unit_id`` took over (the unit itself if
    it existed then)."""
    out: list[str] = []

    def walk(uid: str, seen: set[str]) -> None:
        if uid in seen:
            return
        seen.add(uid)
        if valid_on(uid, on_date):
            out.append(uid)
            return
        for f in load_units()[uid].formed_from:
            walk(f, seen)

    walk(unit_id, set())
    return out


@dataclass(frozen=True)
class FormerUnit:
    """A predecessor as a successor's report names it ("xã Hoàng Đồng (cũ)", "Tam Thanh:")."""

    unit_id: str
    name: str  # official name, "Xã Hoàng Đồng"
    short: str  # without its type word, "Hoàng Đồng"
    kind: str  # its type word, "xã"


def former_units(unit_id: str) -> list[FormerUnit]:
    """The units ``unit_id`` was formed from, with the names its reports call them by."""
    t = table()
    return [
        FormerUnit(f, t.units[f].name, t.short[f], t.kind[f]) for f in t.units[unit_id].formed_from
    ]


def related(unit_ids: Iterable[str], units: Mapping[str, Unit] | None = None) -> set[str]:
    """The units, their ancestors, and the units of their lineage (what they were formed from,
    what they went into) with those units' ancestors: everything a page or a row about the
    given units links to. ``units`` defaults to every known unit (the site passes the data
    package's own table); ids not in it are ignored."""
    units = load_units() if units is None else units
    out: set[str] = set()
    for uid in unit_ids:
        if uid not in units:
            continue
        for v in [uid, *units[uid].formed_from, *units[uid].merged_into]:
            if v in units:
                out.add(v)
                out.update(ancestors(v, units))
    return out


def with_data(unit_ids: Iterable[str], units: Mapping[str, Unit] | None = None) -> set[str]:
    """Units the site makes pages for: those with data, their ancestors and lineage."""
    return related(unit_ids, units)


def for_package(units: dict[str, Unit], used: Iterable[str]) -> list[Unit]:
    """Rows of the data package's `units` resource, taken from ``units``: every current unit,
    and the former units that documents or observations refer to, with their ancestors and
    lineage (the whole former country would triple the file for rows no one refers to)."""
    keep = {uid for uid, u in units.items() if u.valid_to is None} | related(used)
    return [units[uid] for uid in sorted(keep) if uid in units]


def facts(unit_id: str) -> str:
    """ "10108, Thành phố Hà Nội, from 2025-07-01": the code, province and dates that tell a
    unit from its namesakes."""
    units = load_units()
    u = units[unit_id]
    prov = province_of(unit_id)
    where = "" if prov == unit_id else f", {units[prov].name}"
    period = ""
    if u.valid_to:
        period = f", until {u.valid_to}"
    elif u.valid_from:
        period = f", from {u.valid_from}"
    return f"{u.code or 'no code'}{where}{period}"


def describe(unit_id: str) -> str:
    """ "xa-hoa-phu-ha-noi (10108, Thành phố Hà Nội, from 2025-07-01)"."""
    return f"{unit_id} ({facts(unit_id)})"


@cache
def _by_slug() -> dict[str, tuple[str, ...]]:
    """Unit ids by the slug of their official name ("xa-hoa-phu" → every Xã Hòa Phú)."""
    out: dict[str, list[str]] = defaultdict(list)
    for uid, u in load_units().items():
        out[unit_id_for(plain_name(u))].append(uid)
    return {
        k: tuple(sorted(v, key=lambda x: (load_units()[x].valid_to is not None, x)))
        for k, v in out.items()
    }


def suggest(text: str, n: int = 5) -> list[str]:
    """Ids close to ``text`` (an id, a slug or a name), for a "did you mean" message: the units
    of that name, then those named by its first words (a slug with a province appended), then
    ids spelled alike."""
    slug = unit_id_for(text)
    out: list[str] = []
    parts = slug.split("-")
    for k in range(len(parts), 1, -1):
        for uid in _by_slug().get("-".join(parts[:k]), ()):
            if uid not in out:
                out.append(uid)
        if out:
            break
    for uid in difflib.get_close_matches(slug, list(load_units()), n=n, cutoff=0.6):
        if uid not in out:
            out.append(uid)
    return out[:n]


def validity_warning(unit_id: str, day: dt.date, what: str) -> str | None:
    """Why ``unit_id`` cannot have issued a report dated ``day`` (None when it could): the
    unit's dates, and the units that held its territory then."""
    units = load_units()
    if unit_id not in units or valid_on(unit_id, day):
        return None
    u = units[unit_id]
    if u.valid_from and day < dt.date.fromisoformat(u.valid_from):
        others = predecessors(unit_id, day)
        rel, since = "was formed from", f"exists from {u.valid_from}"
    else:
        others = successors(unit_id, day)
        rel, since = "went into", f"ceased after {u.valid_to}"
    msg = f"{unit_id} {since}, but {what} is {day.isoformat()}"
    if others:
        shown = ", ".join(describe(o) for o in others[:6])
        more = f" and {len(others) - 6} more" if len(others) > 6 else ""
        msg += f"; it {rel} {shown}{more}: check whether the report is theirs"
    return msg


# ---------------------------------------------------------------------------------------------
# Former units as a successor's report labels them


def _tone_variants(word: str) -> set[str]:
    """The word with its tone mark on either vowel of a final "oa", "oe", "uy": reports write
    both "Hòa" and "Hoà", "Thủy" and "Thuỷ"."""
    nfd = unicodedata.normalize("NFD", word)
    tones = [c for c in nfd if c in _TONES]
    base = "".join(c for c in nfd if c not in _TONES)
    out = {unicodedata.normalize("NFC", word)}
    m = re.search(r"([oOuU]\u0306?\u0302?\u031b?)([aAeEyY]\u0302?)$", base)
    if len(tones) == 1 and m:
        first = base[: m.end(1)] + tones[0] + base[m.end(1) :]
        last = base + tones[0]
        out |= {unicodedata.normalize("NFC", first), unicodedata.normalize("NFC", last)}
    return out


def _name_pattern(short: str) -> str:
    """Regex for a name as reports write it: any spacing, either tone placement."""
    words = []
    for word in clean_name(short).split(" "):
        variants = sorted(_tone_variants(word), key=len, reverse=True)
        words.append("(?:" + "|".join(re.escape(v) for v in variants) + ")")
    return r"\s+".join(words)


@cache
def former_unit_labels(unit_id: str | None) -> tuple[dict[str, Any], ...]:
    """How a report of ``unit_id`` labels the values of the units it was formed from: one
    entry per former unit, ``{"unit_id", "name", "_re"}``, ``_re`` matching the start of a
    clause such as "Tam Thanh: 4.269,7 triệu đồng" or "xã Hoàng Đồng (cũ): 12 hồ sơ"
    (template ``former_unit_label`` in units.yaml). Empty for an unknown or unmerged unit."""
    if not unit_id or unit_id not in load_units():
        return ()
    template = _cfg()["former_unit_label"]
    out = []
    for f in former_units(unit_id):
        pattern = template.format(type=re.escape(f.kind), name=_name_pattern(f.short))
        out.append({"unit_id": f.unit_id, "name": f.name, "_re": _regex.compile(pattern)})
    return tuple(out)
