import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from solieu.periods import label_vi, parse_period


@pytest.mark.parametrize(
    ("label", "start", "end", "vi"),
    [
        ("2025-06", dt.date(2025, 6, 1), dt.date(2025, 6, 30), "tháng 6/2025"),
        ("2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29), "tháng 2/2024"),
        ("2025-H1", dt.date(2025, 1, 1), dt.date(2025, 6, 30), "6 tháng đầu năm 2025"),
        ("2025-H2", dt.date(2025, 7, 1), dt.date(2025, 12, 31), "6 tháng cuối năm 2025"),
        ("2025-Q2", dt.date(2025, 4, 1), dt.date(2025, 6, 30), "quý II/2025"),
        ("2025", dt.date(2025, 1, 1), dt.date(2025, 12, 31), "năm 2025"),
    ],
)
def test_parse_period(label, start, end, vi):
    p = parse_period(label)
    assert (p.start, p.end) == (start, end)
    assert label_vi(label) == vi


@pytest.mark.parametrize(
    "bad", ["2025-13", "2025-6", "2025-H3", "2025-Q5", "06/2025", "", "2025-h1"]
)
def test_bad_periods_are_refused(bad):
    with pytest.raises(ValueError, match="YYYY-MM"):
        parse_period(bad)


@given(st.integers(1900, 2100), st.integers(1, 12))
def test_month_bounds_cover_the_month(year, month):
    p = parse_period(f"{year}-{month:02d}")
    assert p.start.day == 1 and p.start.month == p.end.month == month
    assert (p.end + dt.timedelta(days=1)).day == 1
