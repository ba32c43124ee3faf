"""Synthetic corpora for benchmarks: N real units × M months of plausible, never-published reports.

Why: solieu must be measured at a province's year (≈ 1,000 reports) and the country's
(≈ 40,000), and only five real reports are embedded. A synthetic report here is one of the
embedded reports re-addressed to another real, current unit and month, with every quantity
multiplied by a seeded random factor (so values vary and sums no longer hold, as in real
corpora). The texts keep the genre's sentence shapes, which is what the pipeline's cost
depends on. They are written to a throwaway project folder, never to `sources/`, and are never
published: the catalogue marks them `origin: synthetic`.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import regex as re
import yaml

from solieu.paths import Paths
from solieu.units import Unit, load_units

# A quantity as reports write it: Vietnamese digit groups, optional decimals, then a unit word
# or a per cent sign (dates, years, codes and list labels stay as they are).
_QUANTITY = re.compile(
    r"(?<![\d/.,\-])(\d{1,3}(?:\.\d{3})+|\d+)(,\d+)?(?=\s?(?:%|\p{Ll}))(?!\s?(?:năm|tháng|ngày|giờ)\b)"
)
_MONTH_NAME = re.compile(r"\b(tháng)\s+(?:0?[1-9]|1[0-2])\b", re.IGNORECASE)
_YEAR = re.compile(r"\b(năm)\s+20\d\d\b")


@dataclass(frozen=True)
class Template:
    """An embedded report used as the pattern of synthetic ones, and the names to replace."""

    file: str
    level: str  # the unit level the text speaks as
    names: tuple[str, ...]  # proper names of the issuing unit in the text


TEMPLATES = {
    "commune": Template("phuong-tam-thanh-2025-11-bao-cao.txt", "commune", ("Tam Thanh",)),
    "province": Template("tinh-lang-son-2025-h1-bao-cao.txt", "province", ("Lạng Sơn",)),
}


def months(start: str, count: int) -> list[str]:
    """`count` consecutive months from `start` (YYYY-MM)."""
    year, month = (int(x) for x in start.split("-"))
    out = []
    for _ in range(count):
        out.append(f"{year:04d}-{month:02d}")
        month += 1
        if month > 12:
            year, month = year + 1, 1
    return out


def current_units(n: int) -> list[Unit]:
    """The first `n` current communes and wards, province by province (a stable order)."""
    units = load_units()
    chosen = [
        u
        for u in units.values()
        if u.level in ("commune", "ward") and u.valid_to is None and u.code
    ]
    chosen.sort(key=lambda u: (u.parent_id or "", u.code))
    if len(chosen) < n:
        raise ValueError(f"only {len(chosen)} current communes/wards are known, {n} asked")
    return chosen[:n]


def _bare_name(unit: Unit) -> str:
    """'Phường Tân Hưng' → 'Tân Hưng' (the text writes the level word itself)."""
    parts = unit.name.split(" ", 1)
    return parts[1] if len(parts) == 2 and parts[0] in ("Phường", "Xã", "Đặc") else unit.name


def _perturb(text: str, rng: random.Random) -> str:
    """Every quantity × a factor in [0.6, 1.4], written back in the same notation."""

    def one(m: re.Match[str]) -> str:
        whole, frac = m.group(1), m.group(2) or ""
        value = float(whole.replace(".", "") + frac.replace(",", "."))
        decimals = len(frac) - 1 if frac else 0
        new = value * rng.uniform(0.6, 1.4)
        if decimals:
            s = f"{new:,.{decimals}f}"
        else:
            s = f"{round(new):,d}" if "." in whole else str(round(new))
        if whole.startswith("0") and len(whole) > 1 and not decimals:
            s = s.zfill(len(whole))
        return s.replace(",", "\0").replace(".", ",").replace("\0", ".")

    return _QUANTITY.sub(one, text)


def synthesize(template_text: str, tpl: Template, unit: Unit, month: str, seed: int) -> str:
    """One synthetic report: `template_text` re-addressed to `unit` and `month`, values varied."""
    rng = random.Random(f"{seed}:{unit.unit_id}:{month}")
    year, mon = month.split("-")
    text = template_text
    for name in tpl.names:
        text = text.replace(name, _bare_name(unit))
    text = _MONTH_NAME.sub(lambda m: f"{m.group(1)} {int(mon)}", text)
    text = _YEAR.sub(lambda m: f"{m.group(1)} {year}", text)
    return _perturb(text, rng)


def plan(n_reports: int, first_month: str = "2025-11", per_unit: int = 12) -> Iterator[tuple]:
    """(unit, month) pairs: ⌈N / per_unit⌉ real units × `per_unit` consecutive months."""
    n_units = -(-n_reports // per_unit)
    ms = months(first_month, per_unit)
    k = 0
    for unit in current_units(n_units):
        for m in ms:
            if k == n_reports:
                return
            yield unit, m
            k += 1


def generate(project: Path, n_reports: int, seed: int = 0, root: Paths | None = None) -> Paths:
    """Write a throwaway project (sources + catalogue + site config) with `n_reports` reports."""
    root = root or Paths()
    paths = Paths(project)
    paths.sources.mkdir(parents=True, exist_ok=True)
    tpl = TEMPLATES["commune"]
    template_text = (root.sources / tpl.file).read_text(encoding="utf-8")
    entries = []
    for unit, month in plan(n_reports):
        doc_id = f"{unit.unit_id}-{month}-bao-cao"
        name = f"{doc_id}.txt"
        (paths.sources / name).write_text(
            synthesize(template_text, tpl, unit, month, seed), encoding="utf-8"
        )
        entries.append(
            {
                "id": doc_id,
                "file": name,
                "unit_id": unit.unit_id,
                "period": month,
                "kind": "monthly_report",
                "title": f"Báo cáo tình hình kinh tế - xã hội tháng {int(month[5:])} "
                f"năm {month[:4]} (tổng hợp, không công bố)",
                "origin": "synthetic",
            }
        )
    paths.catalog.write_text(
        "# Synthetic benchmark corpus: never published.\n"
        + yaml.safe_dump({"documents": entries}, allow_unicode=True, sort_keys=False),
        encoding="utf-8",
    )
    for item in ("mkdocs.yml",):
        (project / item).write_bytes((root.root / item).read_bytes())
    docs = project / "docs"
    if not docs.exists():
        docs.symlink_to(root.docs, target_is_directory=True)
    nm = project / "node_modules"
    if not nm.exists():
        nm.symlink_to(root.root / "node_modules", target_is_directory=True)
    return paths
