"""Vietnamese number formatting and text folding for the site.

Why: readers expect "10.909" (dot groups thousands) and "8,37" (comma is the decimal mark);
Python's default "10909.0" or "8.37" would be misread by a factor of a thousand. Large money
amounts are also shown the way reports write them ("10.909 triệu đồng", "1.992 tỷ đồng") with
the exact value kept next to them.
"""

from __future__ import annotations

import math
import unicodedata
from decimal import ROUND_HALF_UP, Decimal

from .labels import unit_label


def fmt_num(value: float | int | str | None, decimals: int | None = None) -> str:
    """Format a number Vietnamese-style: 10909 → "10.909", 8.37 → "8,37", -1234.5 → "-1.234,5".

    With ``decimals=None`` the shortest exact decimal form of the float is used (at most 6
    decimals), so 8.37 never prints as 8,3699999.
    """
    if value is None or value == "":
        return ""
    x = float(value)
    if math.isnan(x) or math.isinf(x):
        return ""
    if decimals is None:
        d = Decimal(repr(round(x, 6)))
        if d == d.to_integral_value():
            d = d.quantize(Decimal(1))
    else:
        d = (
            Decimal(repr(x)).quantize(Decimal(1).scaleb(-decimals))
            if decimals
            else Decimal(round(x))
        )
    sign = "-" if d < 0 else ""
    d = abs(d)
    s = format(d, "f")
    int_part, _, frac = s.partition(".")
    groups = []
    while len(int_part) > 3:
        groups.insert(0, int_part[-3:])
        int_part = int_part[:-3]
    groups.insert(0, int_part)
    out = ".".join(groups)
    if frac:
        out += "," + frac
    if out in ("0", "0,0") or set(out) <= {"0", ",", "."}:
        sign = ""
    return sign + out


def _trim(value: float, max_decimals: int) -> str:
    """Round half up to at most ``max_decimals``, drop trailing zeros (1,50 → 1,5; 2,00 → 2)."""

    d = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-max_decimals), ROUND_HALF_UP)
    return fmt_num(float(d))


SCALES_VND = [(1e9, "tỷ"), (1e6, "triệu")]


def _decimals(x: float) -> int:
    """Fewer decimals for bigger numbers: 52,04 · 725,4 · 1.992."""
    return 2 if abs(x) < 100 else 1 if abs(x) < 1000 else 0


def human_value(value: float | None, unit: str) -> str:
    """A reader-friendly rendering of a normalised value with its unit.

    10909000000 VND → "10,91 tỷ đồng"; 1992e9 VND → "1.992 tỷ đồng"; 3110000 lượt →
    "3,11 triệu lượt"; 8.37 percent →
    "8,37%"; 10.4 pp → "10,4 điểm %". The exact value stays available via :func:`exact_value`.
    """
    if value is None or value == "":
        return ""
    x = float(value)
    if unit == "percent":
        return fmt_num(round(x, 2)) + "%"
    if unit == "pp":
        return fmt_num(round(x, 2)) + " điểm %"
    label = unit_label(unit)
    if unit in ("VND", "USD"):
        for factor, word in SCALES_VND:
            if abs(x) >= factor:
                return f"{_trim(x / factor, _decimals(x / factor))} {word} {label}"
        return f"{fmt_num(round(x, 2))} {label}"
    if abs(x) >= 1e6 and x == int(x):
        return f"{_trim(x / 1e6, _decimals(x / 1e6))} triệu {label}".strip()
    return f"{fmt_num(round(x, 3))} {label}".strip()


def exact_value(value: float | None, unit: str) -> str:
    """The exact normalised value with its unit label: "10.909.000.000 đồng"."""
    if value is None or value == "":
        return ""
    if unit == "percent":
        return fmt_num(value) + "%"
    if unit == "pp":
        return fmt_num(value) + " điểm %"
    return f"{fmt_num(value)} {unit_label(unit)}".strip()


def fold(text: str) -> str:
    """Remove Vietnamese diacritics (NFD, drop combining marks, đ→d) for accent-free search."""
    s = unicodedata.normalize("NFD", text)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", s.replace("đ", "d").replace("Đ", "D"))
