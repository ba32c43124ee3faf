"""The one Vietnamese number formatter: "10.909" (dot groups thousands), "8,37" (comma is the
decimal mark), money the way reports write it ("10,91 tỷ đồng"), and text folded for search.

Why one module: Python's "10909.0" or "8.37" is misread by Vietnamese readers by a factor of a
thousand, so every number a person reads — on the site, in `solieu diff` — goes through here.
Digits and symbols come from Babel's ``vi`` locale (CLDR), not from hand-written rules; unit
words are in ``data/vi/format.yaml``.
"""

from __future__ import annotations

import math
import unicodedata
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from typing import Any

import yaml
from babel.numbers import get_decimal_symbol, get_group_symbol, get_minus_sign_symbol

from solieu.paths import DATA_DIR

LOCALE = "vi"
FORMAT_FILE = DATA_DIR / "vi" / "format.yaml"
SCALES = [(Decimal(10) ** 9, "tỷ"), (Decimal(10) ** 6, "triệu")]


@cache
def _symbols() -> tuple[str, str, str]:
    """The ``vi`` locale's decimal mark, group separator and minus sign (CLDR, via Babel)."""
    return get_decimal_symbol(LOCALE), get_group_symbol(LOCALE), get_minus_sign_symbol(LOCALE)


def _localise(s: str) -> str:
    """Python's "-1,234.5" written with the locale's symbols: "-1.234,5"."""
    decimal, group, minus = _symbols()
    return s.translate({ord(","): group, ord("."): decimal, ord("-"): minus})


@cache
def _vocabulary() -> dict[str, Any]:
    return yaml.safe_load(FORMAT_FILE.read_text(encoding="utf-8"))


def unit_label(unit: str | None) -> str:
    """ "VND" → "đồng", "dossiers" → "hồ sơ"; a code without a label is returned as written."""
    if not unit:
        return ""
    label = _vocabulary()["units"].get(unit)
    return unit if label is None else str(label)


def is_count(unit: str | None) -> bool:
    """A count of things (hồ sơ, ca, lượt…): integer axis ticks, never "0,5 hồ sơ"."""
    return bool(unit) and unit not in _vocabulary()["measures"]


def _decimal(value: float | int | str | Decimal | None, exact: bool = False) -> Decimal | None:
    """The value as a Decimal: integers exactly; floats in their shortest form rounded to six
    decimals (8.37, never 8,3699999), or unrounded with ``exact``."""
    if value is None or value == "" or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, Decimal):
        return value if value.is_finite() else None
    try:
        x = float(value)
    except (TypeError, ValueError):
        return None
    if math.isnan(x) or math.isinf(x):
        return None
    return Decimal(repr(x if exact else round(x, 6)))


def number(value: float | int | str | Decimal | None, decimals: int | None = None) -> str:
    """10909 → "10.909", 8.37 → "8,37", -1234.5 → "-1.234,5"; "" for no number.

    ``decimals=None`` keeps the value's own digits (at most 6 decimals); an integer ``decimals``
    rounds half up to exactly that many.
    """
    d = _decimal(value, exact=decimals is not None)
    if d is None:
        return ""
    if decimals is not None:
        d = d.quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    elif d == d.to_integral_value():
        d = d.quantize(Decimal(1))
    else:
        d = d.normalize()  # 10.40 → 10.4: the value's own digits, no padding
    out = _localise(format(d, ",f"))  # Babel's symbols; format() is 20× faster than Babel's
    return out[1:] if out[:1] == _symbols()[2] and not out.strip("-0.,").strip() else out


def _trim(d: Decimal) -> str:
    """Fewer decimals for bigger numbers (52,04 · 725,4 · 1.992), trailing zeros dropped."""
    places = 2 if abs(d) < 100 else 1 if abs(d) < 1000 else 0
    q = d.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP).normalize()
    return number(q)


def human(value: float | int | str | None, unit: str, noun: str = "") -> str:
    """A reader-friendly value with its unit: 10909000000 VND → "10,91 tỷ đồng",
    8.37 percent → "8,37%", 3110000 lượt → "3,11 triệu lượt".

    ``noun`` is the count noun as the report writes it ("ca", not the catalogue's "vụ").
    """
    d = _decimal(value)
    if d is None:
        return ""
    if unit == "percent":
        return number(round(d, 2)) + "%"
    if unit == "pp":
        return number(round(d, 2)) + " điểm %"
    label = noun or unit_label(unit)
    if unit in ("VND", "USD"):
        for factor, word in SCALES:
            if abs(d) >= factor:
                return f"{_trim(d / factor)} {word} {label}"
        return f"{number(round(d, 2))} {label}"
    if abs(d) >= SCALES[1][0] and d == d.to_integral_value():
        return f"{_trim(d / SCALES[1][0])} triệu {label}".strip()
    return f"{number(round(d, 3))} {label}".strip()


def exact(value: float | int | str | None, unit: str, noun: str = "") -> str:
    """The exact value with its unit label: "10.909.000.000 đồng", "8,37%"."""
    s = number(value)
    if not s:
        return ""
    if unit == "percent":
        return s + "%"
    if unit == "pp":
        return s + " điểm %"
    return f"{s} {noun or unit_label(unit)}".strip()


def change(old: float, new: float) -> str:
    """Relative change in per cent, signed, one decimal: "+3,9%"."""
    pct = (new - old) / abs(old) * 100
    return ("+" if pct >= 0 else "") + number(pct, 1) + "%"


def date(iso: str | None) -> str:
    """ "2025-07-18" → "18/7/2025", the way Vietnamese documents write dates."""
    parts = (iso or "").split("-")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        return iso or ""
    return f"{int(parts[2])}/{int(parts[1])}/{parts[0]}"


def fold(text: str) -> str:
    """Diacritics removed (NFD, combining marks dropped, đ→d): "Thu ngân sách" → "Thu ngan sach",
    so that readers who type without accents still find what they look for."""
    s = unicodedata.normalize("NFD", text)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", s.replace("đ", "d").replace("Đ", "D"))


__all__ = ["change", "date", "exact", "fold", "human", "is_count", "number", "unit_label"]
