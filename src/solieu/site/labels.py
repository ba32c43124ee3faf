"""Vietnamese labels for codes in the data package (kept in ``labels.yaml``, not in code)."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from slugify import slugify

from solieu import vi_format

LABELS_FILE = Path(__file__).with_name("labels.yaml")


@cache
def labels() -> dict[str, Any]:
    return yaml.safe_load(LABELS_FILE.read_text(encoding="utf-8"))


def _get(group: str, code: str | None) -> str:
    if not code:
        return ""
    value = labels().get(group, {}).get(code)
    return code if value is None else str(value)


def unit_label(unit: str) -> str:
    """ "VND" → "đồng"; a count noun already in Vietnamese is returned unchanged."""
    return vi_format.unit_label(unit)


def sector_slug(sector: str) -> str:
    """URL slug of a sector: its Vietnamese name without diacritics ("tai-chinh-ngan-sach"),
    so that two codes the site names alike share one page."""
    return slugify(sector_label(sector)) or "khac"


def sector_label(sector: str) -> str:
    entry = labels()["sectors"].get(sector) or labels()["sectors"].get(
        (sector or "").replace("-", "_")
    )
    if entry:
        return str(entry[0])
    return (sector or "Khác").replace("_", " ").capitalize()


def sector_description(sector: str) -> str:
    entry = labels()["sectors"].get(sector)
    return str(entry[1]) if entry else ""


def kind_label(kind: str | None) -> str:
    return _get("kinds", kind)


def level_label(level: str | None) -> str:
    return _get("levels", level)


DATED_BASES = [  # comparison with an explicitly dated earlier period (DESIGN.md, bases)
    (re.compile(r"year_(\d{4})"), lambda m: f"so với năm {m.group(1)}"),
    (
        re.compile(r"month_(\d{4})_(\d{2})"),
        lambda m: f"so với tháng {int(m.group(2))}/{m.group(1)}",
    ),
    (
        re.compile(r"quarter_(\d{4})_Q([1-4])"),
        lambda m: f"so với quý {['I', 'II', 'III', 'IV'][int(m.group(2)) - 1]}/{m.group(1)}",
    ),
]


def basis_label(basis: str | None) -> str:
    """ "plan" → "so với kế hoạch"; a dated basis ("year_2024") is said in words too."""
    for pattern, say in DATED_BASES:
        m = pattern.fullmatch(basis or "")
        if m:
            return say(m)
    return _get("bases", basis)


def qualifier_label(q: str | None) -> str:
    return _get("qualifiers", q)


def verdict_label(v: str | None) -> str:
    return _get("verdicts", v)


def check_kind_label(k: str | None) -> str:
    return _get("check_kinds", k)


def measure_label(m: str | None) -> str:
    return _get("measures", m)


def temporal_label(t: str | None) -> str:
    return _get("temporals", t)


def period_label(period: str) -> str:
    """Human period: "2025-06" → "Tháng 6/2025"; "2025-H1" → "6 tháng đầu năm 2025";
    "2025-Q3" → "Quý III/2025"; "2025-YTD09" → "9 tháng đầu năm 2025"."""
    m = re.fullmatch(r"(\d{4})-YTD(\d{2})", period or "")
    if m:
        return f"{int(m.group(2))} tháng đầu năm {m.group(1)}"
    m = re.fullmatch(r"(\d{4})-(\d{2})", period or "")
    if m:
        return f"Tháng {int(m.group(2))}/{m.group(1)}"
    m = re.fullmatch(r"(\d{4})-H([12])", period or "")
    if m:
        return f"6 tháng {'đầu' if m.group(2) == '1' else 'cuối'} năm {m.group(1)}"
    m = re.fullmatch(r"(\d{4})-Q([1-4])", period or "")
    if m:
        return f"Quý {['I', 'II', 'III', 'IV'][int(m.group(2)) - 1]}/{m.group(1)}"
    if re.fullmatch(r"\d{4}", period or ""):
        return f"Năm {period}"
    return period or ""


def date_label(iso: str | None) -> str:
    """ "2025-07-18" → "18/7/2025" (the way Vietnamese documents write dates)."""
    return vi_format.date(iso)


_WHY_NAMED = re.compile(r"(?P<concept>[\w.]+): “(?P<name>[^”]*)” (?P<where>.+)")
_WHY_RULE = re.compile(r"rule (?P<n>\d+) of (?P<ind>\w+)(?: \(windows: (?P<windows>[^)]*)\))?")
_WHY_FIGURE = re.compile(r"figure: (?P<kind>\w+) (?P<unit>.+)")
_WHY_OVER = re.compile(r"“vượt (?P<text>[^”]*)” = 100 \+ (?P<x>[\d.]+) %")


def why_label(why: str | None, unit_name: Callable[[str], str]) -> str:
    """The data package's ``why`` (a reviewer's record, in the catalogue's terms) in Vietnamese.

    Why: readers judge a mapping by the words that named the concept; codes of rules and
    windows mean nothing to them. Parts this function does not know are kept as written,
    never dropped, so a new kind of reason still shows.
    """
    vocab = labels().get("why", {})
    out = []
    for part in filter(None, (why or "").split("; ")):
        if m := _WHY_NAMED.fullmatch(part):
            where = vocab.get("where", {}).get(m["where"], m["where"])
            out.append(f"tên gọi “{m['name']}” {where}")
        elif m := _WHY_RULE.fullmatch(part):
            said = f"theo quy tắc {m['n']} của chỉ tiêu trong danh mục"
            tested = [w for w in (m["windows"] or "").split(", ") if w]
            windows = vocab.get("windows", {})
            wanted = [windows.get(w, w) for w in tested if not w.startswith("not_")]
            if wanted:
                said += " (xét " + ", ".join(wanted) + ")"
            out.append(said)
        elif m := _WHY_FIGURE.fullmatch(part):
            unit = "" if m["unit"] == "(no unit)" else f", đơn vị {unit_label(m['unit'])}"
            out.append(f"con số dạng {_get('figure_kinds', m['kind'])}{unit}")
        elif m := _WHY_OVER.fullmatch(part):
            out.append(f"“vượt {m['text']}” nghĩa là bằng 100 % + {vi_format.number(m['x'])} %")
        elif part.startswith("basis: "):
            out.append(basis_label(part.removeprefix("basis: ")))
        elif part.startswith("former unit: "):
            out.append("đơn vị cũ: " + unit_name(part.removeprefix("former unit: ")))
        else:
            out.append(part)
    return "; ".join(out)
