"""The Vietnamese numeral and unit grammar (solieu.numbers)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from solieu.numbers import (
    format_vi_number,
    load_vocab,
    match_unit,
    parse_vi_number,
)


@pytest.mark.parametrize(
    ("written", "value", "flags"),
    [
        ("10.909", 10909, ()),
        ("8,37", 8.37, ()),
        ("1.073,664", 1073.664, ()),
        ("41.710,4", 41710.4, ()),
        ("17.345,6", 17345.6, ()),
        ("73.162.408.000", 73162408000, ()),
        ("06", 6, ("leading_zero",)),
        ("0", 0, ()),
        ("100", 100, ()),
        ("1812", 1812, ()),
        ("2.455,0", 2455.0, ()),
        ("4.965,00", 4965.0, ()),
        ("0,5", 0.5, ()),
        ("3.5", 3.5, ("ambiguous_separator",)),
        ("12.34", 12.34, ("ambiguous_separator",)),
        ("1,234,567", 1234567, ("english_grouping",)),
    ],
)
def test_parse_vi_number(written, value, flags):
    got = parse_vi_number(written)
    assert got.value == pytest.approx(value)
    assert got.flags == flags


@pytest.mark.parametrize("bad", ["", "abc", ",5", ".5", "1..2", "1,2,3.4"])
def test_parse_rejects_non_numerals(bad):
    with pytest.raises(ValueError):
        parse_vi_number(bad)


@pytest.mark.parametrize(
    ("value", "decimals", "written"),
    [(10909, 0, "10.909"), (8.37, 2, "8,37"), (1073.664, 3, "1.073,664"), (5, 0, "5")],
)
def test_format_vi_number(value, decimals, written):
    assert format_vi_number(value, decimals) == written


@given(st.integers(min_value=0, max_value=10**15))
def test_integer_round_trip(n):
    written = format_vi_number(n)
    assert parse_vi_number(written).value == n


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=1, max_value=4))
def test_decimal_round_trip(n, decimals):
    value = n / 10**decimals
    written = format_vi_number(value, decimals)
    assert "," in written
    assert parse_vi_number(written).value == pytest.approx(value)


@given(
    st.integers(min_value=1, max_value=999_999),
    st.sampled_from([("nghìn", 1e3), ("ngàn", 1e3), ("triệu", 1e6), ("tỷ", 1e9)]),
)
def test_scale_round_trip(n, scale):
    word, factor = scale
    text = f"{format_vi_number(n)} {word} đồng"
    num = parse_vi_number(text.split()[0])
    u = match_unit(text, len(text.split()[0]))
    assert u is not None and u.unit == "VND"
    assert num.value * u.scale == pytest.approx(n * factor)


def _unit(text: str):
    """Unit read after the first whitespace-delimited numeral of ``text``."""
    head = text.split()[0].rstrip("%")
    end = len(head)
    while end and not head[end - 1].isdigit():
        end -= 1
    return match_unit(text, end)


@pytest.mark.parametrize(
    ("text", "unit", "scale", "factor"),
    [
        ("10.909 triệu đồng", "VND", 1e6, 1),
        ("2.297,8 tỷ đồng", "VND", 1e9, 1),
        ("5 nghìn tỷ đồng", "VND", 1e12, 1),
        ("41.710,4 triệu USD", "USD", 1e6, 1),
        ("8,37%", "percent", 1, 1),
        ("43.028 ha", "ha", 1, 1),
        ("5,4ha nuôi", "ha", 1, 1),
        ("913.546 m2", "m2", 1, 1),
        ("11.158 m³", "m3", 1, 1),
        ("69,83 nghìn m3", "m3", 1e3, 1),
        ("100km", "km", 1, 1),
        ("4.701 m,", "m", 1, 1),
        ("608,97 nghìn tấn", "tonne", 1e3, 1),
        ("77,26 triệu kWh", "kWh", 1e6, 1),
        ("55 tạ/ha", "quintal/ha", 1, 1),
        ("3 tạ", "tonne", 1, 0.1),
        ("11.000 đồng/kg", "VND/kg", 1, 1),
        ("750 lượt xe/ngày", "lượt xe/ngày", 1, 1),
        ("15,18 tiêu chí/xã", "tiêu chí/xã", 1, 1),
        ("9 bác sỹ trên vạn dân", "bác sỹ/vạn dân", 1, 1),
        ("1,2 triệu cây", "cây", 1e6, 1),
        ("3,11 triệu lượt", "lượt", 1e6, 1),
        ("2.081 hồ sơ", "hồ sơ", 1, 1),
        ("2.081 hồ   sơ", "hồ sơ", 1, 1),
        ("06 hộ", "hộ", 1, 1),
        ("23 vụ", "vụ", 1, 1),
        ("13 trường hợp", "trường hợp", 1, 1),
        ("205 doanh nghiệp", "doanh nghiệp", 1, 1),
        ("58 GCN", "gcn", 1, 1),
        ("104TH", "trường hợp", 1, 1),
        ("74 đồng chí", "đồng chí", 1, 1),
        ("1,43 điểm phần trăm", "pp", 1, 1),
        ("10,4% điểm", "pp", 1, 1),
        ("2.250.000đ", "VND", 1, 1),
        ("25.298.726 (nghìn đồng)", "VND", 1e3, 1),
        ("234 mm", "mm", 1, 1),
        ("1.234 nghìn HK", "hành khách", 1e3, 1),
        ("1.234 lượt/ngày đêm", "lượt/ngày đêm", 1, 1),
        ("8 nhóm hàng", "nhóm hàng", 1, 1),
        ("3.456 thẻ căn cước", "thẻ căn cước", 1, 1),
    ],
)
def test_units(text, unit, scale, factor):
    u = _unit(text)
    assert u is not None
    assert (u.unit, u.scale, u.factor) == (unit, scale, factor)


@pytest.mark.parametrize(
    "text",
    [
        "5 tỷ lệ",  # "tỷ lệ" is a rate, not a scale word
        "2025 của",
        "6 tháng đầu năm",
    ],
)
def test_no_unit(text):
    u = _unit(text)
    assert u is None or u.unit in ("", "tháng")


def test_m_does_not_match_words():
    u = _unit("5 mới")
    assert u is None or u.unit != "m"


def test_noun_guess_is_flagged():
    u = _unit("12 trí thức trẻ")
    assert u is not None and "noun_guess" in u.flags


def test_vocab_has_every_section():
    v = load_vocab()
    for key in (
        "scales",
        "units",
        "count_nouns",
        "compound_units",
        "qualifiers",
        "bases",
        "change_words",
        "estimate_markers",
        "cumulative_markers",
        "not_figure_patterns",
    ):
        assert v.raw[key], key


# --------------------------------------------------------------------------- hostile numerals


@pytest.mark.parametrize("space", ["\u00a0", "\u202f", "\u2009"])
def test_no_break_space_groups_thousands(space):
    assert parse_vi_number(f"5{space}120").value == 5120
    assert parse_vi_number(f"12{space}345{space}678,5").value == 12345678.5
    assert "space_grouping" in parse_vi_number(f"5{space}120").flags


@given(st.integers(min_value=1000, max_value=10**15))
def test_plain_space_groups_read_as_the_whole_number(n):
    written = f"{n:,}".replace(",", " ")
    parsed = parse_vi_number(written)
    assert parsed.value == n and "space_grouping_plain" in parsed.flags


def test_numeral_spans_a_plain_group_but_not_a_short_one():
    from solieu.numbers import NUMERAL

    assert NUMERAL.findall("thu 5 120 tỷ") == ["5 120"]
    assert NUMERAL.findall("12 34 và 7") == ["12", "34", "7"]
    assert NUMERAL.findall("năm 2025 120 hộ") == ["2025", "120"]


def test_numeral_spans_a_no_break_group_but_not_a_short_one():
    from solieu.numbers import NUMERAL

    assert NUMERAL.findall("thu 5\u202f120 tỷ") == ["5\u202f120"]
    assert NUMERAL.findall("12\u202f34 và 7") == ["12", "34", "7"]


@given(st.text(alphabet="0123456789", min_size=1, max_size=500))
def test_any_digit_string_parses_or_is_refused(digits):
    """A digit string of any length gives a finite value or a ValueError (too large), never
    another exception: a 400-digit number is not an internal error."""
    from solieu.numbers import NumberTooLarge

    try:
        n = parse_vi_number(digits)
    except NumberTooLarge:
        assert len(digits.lstrip("0")) > 18
        return
    assert n.value == n.value and abs(n.value) < 1e19  # finite, not NaN


@given(
    st.lists(st.text(alphabet="0123456789", min_size=1, max_size=40), min_size=1, max_size=6),
    st.sampled_from([".", ",", "\u202f", " "]),
)
def test_any_grouped_numeral_parses_or_is_refused(groups, sep):
    written = sep.join(groups)
    try:
        n = parse_vi_number(written)
    except ValueError:
        return
    assert n.value == n.value and abs(n.value) < 1e19
