"""What span of time a value covers, so that a chart only joins values of one kind.

Why: a monthly report gives the month's flow ("trong tháng"), the running total since January
("lũy kế", "tính đến ngày 10/11") and sometimes a level at a date ("hộ nghèo hiện có"). Drawn
as one series they mislead: "Tháng 11/2025" would stand beside "6 tháng đầu năm 2025" as if
the same kind of number. The kind is read from the value's own dates (``period_start``,
``period_end``, ``as_of``) and the indicator's measure, never from the period's label alone:
January to June is year-to-date whether the report calls it "6 tháng đầu năm" or "lũy kế".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from solieu.vi_format import date as date_label

Row = dict[str, str]


@dataclass(frozen=True)
class SpanKind:
    code: str
    title: str  # said in a chart's title: "Lũy kế từ đầu năm"
    axis: str  # the time axis: "Kỳ: lũy kế từ 1/1 đến ngày cuối kỳ"
    order: int


KINDS = {
    k.code: k
    for k in (
        SpanKind("month", "Số liệu từng tháng", "Tháng", 0),
        SpanKind("ytd", "Lũy kế từ đầu năm", "Lũy kế từ 1/1 đến ngày", 1),
        SpanKind("quarter", "Số liệu từng quý", "Quý", 2),
        SpanKind("half", "Số liệu 6 tháng", "6 tháng", 3),
        SpanKind("year", "Số liệu cả năm", "Năm", 4),
        SpanKind("level", "Số liệu tại thời điểm", "Ngày", 5),
        SpanKind("other", "Số liệu theo kỳ khác", "Ngày cuối kỳ", 6),
    )
}


def _date(s: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(s or "")
    except ValueError:
        return None


def _month_end(d: dt.date) -> dt.date:
    nxt = dt.date(d.year + d.month // 12, d.month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def span_kind(o: Row, measure: str = "") -> str:
    """The kind of span of an observation: month, ytd, quarter, half, year, level or other."""
    if measure == "stock":
        return "level"
    start, end = _date(o.get("period_start")), _date(o.get("period_end"))
    if start is None or end is None:
        return "other"
    same_year = start.year == end.year
    if start.day == 1 and same_year and start.month == end.month:
        return "month"
    if start == dt.date(start.year, 1, 1) and same_year:
        return "year" if (end.month, end.day) == (12, 31) else "ytd"
    if start.day == 1 and same_year and end == _month_end(end):
        months = end.month - start.month + 1
        if months == 3 and start.month in (4, 7, 10):
            return "quarter"
        if months == 6 and start.month == 7:
            return "half"
    return "other"


def when(o: Row, kind: str) -> str:
    """The date a value stands at on a time axis: its as-of date for a level, else its end."""
    if kind == "level" and o.get("as_of"):
        return o["as_of"]
    return o.get("period_end") or o.get("as_of") or ""


CALENDAR = {"month", "quarter", "half", "year"}  # values of a whole calendar span


def position(o: Row, kind: str) -> str:
    """Where a value sits on a time axis: a calendar span at its first day (the axis says
    "11/2025" under November's value), a running total or a level at its date."""
    if kind in CALENDAR and o.get("period_start"):
        return o["period_start"]
    return when(o, kind)


def axis_format(kind: str) -> str:
    """d3 time format of the axis labels of one kind of span (Vietnamese order)."""
    if kind == "year":
        return "%Y"
    if kind in CALENDAR:
        return "%-m/%Y"
    return "%-d/%-m/%Y"


def span_label(o: Row, kind: str, period_label: str) -> str:
    """What a reader is told the value covers: the period's name, or the dates when the value
    stops short of the period's end ("từ 1/1 đến 10/11/2025")."""
    end = o.get("period_end") or ""
    if kind == "ytd" and end and _date(end) != _month_end(_date(end) or dt.date.min):
        return f"từ 1/1 đến {date_label(end)}"
    if kind == "level":
        return f"tại {date_label(when(o, kind))}" if when(o, kind) else period_label
    if kind == "other" and o.get("period_start") and end:
        return f"từ {date_label(o['period_start'])} đến {date_label(end)}"
    return period_label
