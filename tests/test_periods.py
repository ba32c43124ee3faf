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


# --------------------------------------------------------------------------- year to date

from solieu.periods import canonical, year_to_date, year_to_date_of  # noqa: E402


@pytest.mark.parametrize(
    ("label", "start", "end", "vi"),
    [
        ("2025-YTD09", dt.date(2025, 1, 1), dt.date(2025, 9, 30), "9 tháng đầu năm 2025"),
        ("2024-YTD02", dt.date(2024, 1, 1), dt.date(2024, 2, 29), "2 tháng đầu năm 2024"),
        ("2025-YTD11", dt.date(2025, 1, 1), dt.date(2025, 11, 30), "11 tháng đầu năm 2025"),
    ],
)
def test_year_to_date_periods(label, start, end, vi):
    p = parse_period(label)
    assert (p.granularity, p.start, p.end) == ("ytd", start, end)
    assert label_vi(label) == vi


@pytest.mark.parametrize("bad", ["2025-YTD13", "2025-YTD9", "2025-YTD00", "2025-ytd09"])
def test_bad_year_to_date_periods_are_refused(bad):
    with pytest.raises(ValueError, match="YTD"):
        parse_period(bad)


def test_one_span_one_label():
    assert [year_to_date(2025, m) for m in (1, 3, 6, 9, 12)] == [
        "2025-01", "2025-Q1", "2025-H1", "2025-YTD09", "2025"
    ]  # fmt: skip
    assert canonical("2025-YTD06") == "2025-H1" and canonical("2025-Q3") == "2025-Q3"
    assert year_to_date_of(parse_period("2025-Q3")) == "2025-YTD09"
    assert year_to_date_of(parse_period("2025-10")) == "2025-YTD10"


@given(st.integers(2000, 2100), st.integers(1, 12))
def test_year_to_date_runs_from_january_to_the_months_end(year, month):
    p = parse_period(year_to_date(year, month))
    assert p.start == dt.date(year, 1, 1) and p.end.month == month
    assert (p.end + dt.timedelta(days=1)).day == 1


def test_the_table_schema_accepts_every_form():
    import re

    from solieu.package import descriptor_template

    res = {r["name"]: r for r in descriptor_template()["resources"]}
    for name in ("documents", "observations"):
        (field,) = [f for f in res[name]["fields"] if f["name"] == "period"]
        pattern = field["constraints"]["pattern"]
        for label in ("2025-06", "2025-Q3", "2025-H1", "2025-YTD09", "2025"):
            assert re.fullmatch(pattern, label), (name, label)
        assert not re.fullmatch(pattern, "2025-YTD13")


@pytest.mark.parametrize("report", ["2025-09", "2025-Q3", "2025-YTD09", "2025-10"])
def test_a_nine_month_value_runs_from_the_first_of_january(report):
    """Issue 9: "9 tháng đầu năm 2025" covers 2025-01-01 to 2025-09-30, whatever the report."""
    from solieu.model import DocumentMeta
    from solieu.pipeline import process_text

    text = "Thu ngân sách nhà nước trên địa bàn 9 tháng đầu năm 2025 ước đạt 8.400 tỷ đồng."
    meta = DocumentMeta(document_id="t", file="t", unit_id="xa-mot", period=report)
    (o,) = [o for o in process_text(text, meta).observations if o.indicator_id == "budget_revenue"]
    assert (o.period, o.period_start, o.period_end) == ("2025-YTD09", "2025-01-01", "2025-09-30")


@pytest.mark.parametrize(
    "text",
    [
        "Đến hết ngày 20-10-2025, bộ phận một cửa của xã tiếp nhận 4.512 hồ sơ.",
        "Tính đến ngày 20/10/2025, xã đã tiếp nhận 4.512 hồ sơ thủ tục hành chính.",
        "Bộ phận một cửa tiếp nhận 4.512 hồ sơ (tính đến ngày 20.10.2025).",
    ],
)
def test_a_value_as_of_a_day_keeps_its_date(text):
    from solieu.model import DocumentMeta
    from solieu.pipeline import process_text

    meta = DocumentMeta(document_id="t", file="t", unit_id="xa-mot", period="2025")
    (o,) = [
        o
        for o in process_text(text, meta).observations
        if o.indicator_id == "admin_dossiers_received"
    ]
    assert o.as_of == "2025-10-20" and o.period_end == "2025-10-20"
