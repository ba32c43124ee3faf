"""Periods as the reports use them: month, quarter, half year, year — with explicit bounds.

A value's period is not only a label: a June report's cumulative revenue covers January to
June. Keeping start and end dates beside the label lets the site and users compare like with like.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

import regex as re

_PATTERNS = [
    (re.compile(r"(\d{4})-(0[1-9]|1[0-2])"), "month"),
    (re.compile(r"(\d{4})-Q([1-4])"), "quarter"),
    (re.compile(r"(\d{4})-H([12])"), "half"),
    (re.compile(r"(\d{4})"), "year"),
]
# The reports solieu reads are from the 2000s on; an earlier period is a typo ("1925" for
# "2025") or a test file, and published it would sit alone at the far left of every chart.
EARLIEST = dt.date(2000, 1, 1)


@dataclass(frozen=True)
class Period:
    label: str
    granularity: str  # month | quarter | half | year
    start: dt.date
    end: dt.date

    @property
    def sort_key(self) -> tuple[dt.date, dt.date]:
        return (self.end, self.start)


def parse_period(label: str) -> Period:
    """Parse `YYYY-MM`, `YYYY-Qn`, `YYYY-Hn` or `YYYY`; raise ValueError with the accepted forms."""
    for pattern, gran in _PATTERNS:
        m = pattern.fullmatch(label)
        if not m:
            continue
        year = int(m.group(1))
        if year < 1:
            break
        if gran == "year":
            return Period(label, gran, dt.date(year, 1, 1), dt.date(year, 12, 31))
        n = int(m.group(2))
        first, last = {
            "month": (n, n),
            "quarter": (3 * n - 2, 3 * n),
            "half": (6 * n - 5, 6 * n),
        }[gran]
        end_day = calendar.monthrange(year, last)[1]
        return Period(label, gran, dt.date(year, first, 1), dt.date(year, last, end_day))
    raise ValueError(f"period {label!r} is not YYYY-MM, YYYY-Qn, YYYY-Hn or YYYY")


def period_problem(period: Period, today: dt.date) -> str | None:
    """Why a parsed period cannot be a report's period, or None: before 2000, or not yet begun.

    A period that has begun but not ended is accepted: a monthly report is often signed in
    the last days of its month.
    """
    if period.start < EARLIEST:
        return (
            f"the period {period.label} is before {EARLIEST.year}; solieu publishes reports "
            f"from {EARLIEST.year} on"
        )
    if period.start > today:
        return f"the period {period.label} lies in the future (today is {today.isoformat()})"
    return None


def year_start(period: Period) -> dt.date:
    return dt.date(period.start.year, 1, 1)


def label_vi(label: str) -> str:
    """Human Vietnamese name of a period: 'tháng 6/2025', '6 tháng đầu năm 2025', 'quý II/2025'."""
    p = parse_period(label)
    y = p.start.year
    if p.granularity == "month":
        return f"tháng {p.start.month}/{y}"
    if p.granularity == "quarter":
        return f"quý {['I', 'II', 'III', 'IV'][(p.start.month - 1) // 3]}/{y}"
    if p.granularity == "half":
        return f"6 tháng {'đầu' if p.start.month == 1 else 'cuối'} năm {y}"
    return f"năm {y}"
