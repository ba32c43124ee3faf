"""Periods as the reports use them: month, quarter, half year, year, year-to-date — with bounds.

A value's period is not only a label: a June report's cumulative revenue covers January to
June. Keeping start and end dates beside the label lets the site and users compare like with like.

Forms (``period`` columns of the data package):

- ``YYYY-MM`` a month, ``YYYY-Qn`` a quarter, ``YYYY-Hn`` a half year, ``YYYY`` a year;
- ``YYYY-YTDmm`` year to date: 1 January to the last day of month ``mm`` ("9 tháng đầu năm
  2025" is ``2025-YTD09``, 2025-01-01 to 2025-09-30; "lũy kế đến hết tháng 10" is
  ``2025-YTD10``). A year-to-date span that another form names exactly is written in that
  form (January to March is ``2025-Q1``, to June ``2025-H1``, to December ``2025``), so that
  one span has one label (``canonical``).
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

import regex as re

_PATTERNS = [
    (re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$"), "month"),
    (re.compile(r"^(\d{4})-Q([1-4])$"), "quarter"),
    (re.compile(r"^(\d{4})-H([12])$"), "half"),
    (re.compile(r"^(\d{4})-YTD(0[1-9]|1[0-2])$"), "ytd"),
    (re.compile(r"^(\d{4})$"), "year"),
]
ROMAN = ("I", "II", "III", "IV")
# The reports solieu reads are from the 2000s on; an earlier period is a typo ("1925" for
# "2025") or a test file, and published it would sit alone at the far left of every chart.
EARLIEST = dt.date(2000, 1, 1)


@dataclass(frozen=True)
class Period:
    label: str
    granularity: str  # month | quarter | half | ytd | year
    start: dt.date
    end: dt.date

    @property
    def sort_key(self) -> tuple[dt.date, dt.date]:
        return (self.end, self.start)

    def contains(self, other: Period) -> bool:
        return self.start <= other.start and other.end <= self.end


def parse_period(label: str) -> Period:
    """Parse `YYYY-MM`, `YYYY-Qn`, `YYYY-Hn`, `YYYY-YTDmm` or `YYYY`; raise ValueError with the
    accepted forms."""
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
            "ytd": (1, n),
        }[gran]
        end_day = calendar.monthrange(year, last)[1]
        return Period(label, gran, dt.date(year, first, 1), dt.date(year, last, end_day))
    raise ValueError(f"period {label!r} is not YYYY-MM, YYYY-Qn, YYYY-Hn, YYYY-YTDmm or YYYY")


def canonical(label: str) -> str:
    """The one label of a span: a year-to-date span another form names exactly takes that form
    ("2025-YTD06" → "2025-H1", "2025-YTD01" → "2025-01"); any other label is returned as is."""
    p = parse_period(label)
    if p.granularity != "ytd":
        return label
    y, m = p.start.year, p.end.month
    return {1: f"{y}-01", 3: f"{y}-Q1", 6: f"{y}-H1", 12: f"{y}"}.get(m, label)


def year_to_date(year: int, month: int) -> str:
    """The label of 1 January to the end of ``month`` (canonical)."""
    return canonical(f"{year}-YTD{month:02d}")


def year_to_date_of(period: Period) -> str:
    """From 1 January to the end of ``period`` (the span a cumulative value of it covers)."""
    return year_to_date(period.end.year, period.end.month)


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
    """Human Vietnamese name of a period: 'tháng 6/2025', '6 tháng đầu năm 2025', 'quý II/2025',
    '9 tháng đầu năm 2025'."""
    p = parse_period(label)
    y = p.start.year
    if p.granularity == "month":
        return f"tháng {p.start.month}/{y}"
    if p.granularity == "quarter":
        return f"quý {ROMAN[(p.start.month - 1) // 3]}/{y}"
    if p.granularity == "half":
        return f"6 tháng {'đầu' if p.start.month == 1 else 'cuối'} năm {y}"
    if p.granularity == "ytd":
        return f"{p.end.month} tháng đầu năm {y}"
    return f"năm {y}"
