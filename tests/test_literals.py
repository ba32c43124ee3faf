"""The literal prefilter of the vocabularies (solieu.literals): sound, or it changes decisions.

A pattern the prefilter skips must be one that cannot match the text. These tests check the
reader of regex syntax on made-up phrases, then soundness as a property: for patterns built
from the syntax the vocabularies use and texts they match (in any letter case), the text
always holds one of the pattern's literals; and the case mapping against what the `regex`
module itself matches, over all of Unicode.
"""

from __future__ import annotations

import sys

import regex as re
from hypothesis import given, settings
from hypothesis import strategies as st

from solieu import literals
from solieu.concepts import compile_vi, name_regex
from solieu.literals import Prefilter, case_table, required, required_any


def test_a_name_requires_its_longest_word():
    assert required(name_regex("thu ngân sách nhà nước")) == {"ngân"}
    assert required(name_regex("hồ sơ")) in ({"hồ"}, {"sơ"})


def test_alternatives_each_give_a_literal():
    assert required("thu nội địa|thu ngân sách") == {"thu nội địa", "thu ngân sách"}
    assert required_any([name_regex("vốn đầu tư"), name_regex("giải ngân")]) == {"vốn", "giải"}


def test_optional_parts_are_not_required():
    assert required(r"(?:tổng\s+)?thu") == {"thu"}
    assert required(r"doanh\s+nghiệp?") == {"doanh"}
    assert required(r"thuế{0,2}") == {"thu"}
    assert required(r"(?:khu\s+vực\s+)*dịch\s+vụ") == {"dịch"}


def test_a_required_group_gives_one_literal_per_alternative():
    assert required(r"\d+\s+(?:hồ\s+sơ|giấy\s+phép)") == {"hồ", "giấy"}


def test_lookarounds_and_classes_are_never_required():
    assert required(r"(?<!doanh\s)thu\b") == {"thu"}
    assert required(r"[tT]hu(?=\s+ngân)") == {"hu"}


def test_no_prefilter_when_an_alternative_needs_no_literal():
    assert required(r"thu|\d+") is None
    assert required(r"(?:thu)?") is None
    assert required("") is None


def test_no_prefilter_on_syntax_it_does_not_read():
    for src in (r"(?i)thu", r"\x74hu", r"(?>thu)", r"(?P=a)thu", r"[thu", r"(thu", "thu\\"):
        assert required(src) is None, src


def test_named_groups_and_case_flags_are_read_other_scoped_flags_skipped():
    assert required(r"(?i:tháng)\s+(?P<n>\d+)") == {"tháng"}
    assert required(r"(?P<n>ngân)\s+sách") == {"ngân"}
    assert required(r"(?-i:[IV]+)\s+quý") == {"quý"}
    assert required(r"(?x:ngân sách)\s+xã") == {"xã"}


def test_prefilter_keeps_order_and_patterns_without_literals():
    pre = Prefilter([("a", frozenset({"ngân"})), ("b", None), ("c", frozenset({"hồ"}))])
    assert pre.candidates("THU NGÂN SÁCH") == ["a", "b"]
    assert pre.candidates("Hồ sơ và ngân sách") == ["a", "b", "c"]
    assert pre.candidates("không có gì") == ["b"]


def test_case_table_matches_what_regex_matches_over_all_of_unicode():
    """For each letter the vocabularies write (and "i", which `regex` equates with the dotless
    "ı" where `str.casefold` does not), every character a case-insensitive literal matches
    maps to the same representative (the mapping may join more: `regex` matches "I" with "i"
    and "ı", and "i" with "I" and "İ", and the table joins all four)."""
    letters = (
        "aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ"
    )
    letters += letters.upper() + "ßſkK"
    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)
    table = case_table(letters)
    for ch in set(letters):
        rep = ch.translate(table)
        matched = {m.group() for m in compile_vi(re.escape(ch)).finditer(every)}
        mapped = {chr(c) for c, to in table.items() if to == rep} | {rep}
        assert matched <= mapped, ch


# Patterns built from the syntax the vocabularies use: words (any case), whitespace runs,
# optional and repeated parts, alternations, classes, digits, lookarounds.
WORDS = ["thu", "ngân", "sách", "hồ", "sơ", "Dịch", "vụ", "ĐẦU", "tư", "kinh", "tế", "ı", "İ"]


def _patterns(depth: int = 2) -> st.SearchStrategy[str]:
    word = st.sampled_from(WORDS).map(re.escape)
    leaf = st.one_of(
        word,
        word.map(lambda w: w + "?"),
        st.sampled_from([r"\s+", r"\s*", r"\d+", r"[,.]", r"[tT]h", r"\w+", "."]),
        st.sampled_from([r"(?<!\w)", r"(?![\p{L}])", r"(?=\s)", r"\b"]),
    )

    def extend(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        seq = st.lists(inner, min_size=1, max_size=4).map("".join)
        return st.one_of(
            seq,
            st.lists(seq, min_size=2, max_size=3).map(lambda a: "(?:" + "|".join(a) + ")"),
            seq.map(lambda s: f"(?:{s})?"),
            seq.map(lambda s: f"(?:{s})" + "{1,2}"),
            seq.map(lambda s: f"({s})"),
            seq.map(lambda s: f"(?P<g>{s})"),
            seq.map(lambda s: f"(?i:{s})"),
            seq.map(lambda s: f"(?-i:{s})"),
            seq.map(lambda s: f"(?x:{s})"),
            st.lists(seq, min_size=2, max_size=3).map("|".join),
        )

    return st.recursive(leaf, extend, max_leaves=8)


def _compile_v0(src: str) -> re.Pattern | None:
    try:
        return re.compile(src, re.VERSION0)
    except re.error:
        return None  # a name used twice ("(?P<g>…)" repeated): not a pattern at all


def _variants(text: str) -> st.SearchStrategy[str]:
    """``text`` with letters in any case, inside other words."""
    return st.tuples(
        st.lists(st.booleans(), min_size=len(text), max_size=len(text)),
        st.sampled_from(["", "tổng ", "x"]),
        st.sampled_from(["", " năm", "y"]),
    ).map(
        lambda a: (
            a[1]
            + "".join(c.upper() if up else c.lower() for c, up in zip(text, a[0], strict=True))
            + a[2]
        )
    )


@settings(max_examples=400, deadline=None)
@given(data=st.data(), src=_patterns())
def test_a_text_a_pattern_matches_holds_one_of_its_literals(data, src):
    keys = required(src)
    if keys is None:
        return
    pre = Prefilter([(0, keys)])
    # as the vocabularies compile them (case-insensitive, VERSION1), and as the number
    # grammar does (VERSION0, case as written)
    for pat in (compile_vi(src), compile_vi(src, reverse=True), _compile_v0(src)):
        if pat is None:
            continue
        pieces = data.draw(st.lists(st.sampled_from([*WORDS, " ", "12", ","]), max_size=8))
        for text in (" ".join(pieces), data.draw(_variants(" ".join(pieces)))):
            if pat.search(text):
                assert pre.candidates(text) == [0], (src, text, keys)


@settings(max_examples=300, deadline=None)
@given(data=st.data(), src=_patterns())
def test_a_sample_of_a_pattern_holds_one_of_its_literals(data, src):
    """Texts drawn from the pattern itself (so that it matches), then re-cased."""
    keys = required(src)
    py_src = src.replace(r"\p{L}", r"\w")
    try:
        sample = data.draw(st.from_regex(py_src, fullmatch=True))
    except Exception:  # noqa: BLE001 — a pattern `re` cannot generate from
        return
    text = data.draw(_variants(sample))
    if keys is not None and compile_vi(src).search(text):
        assert Prefilter([(0, keys)]).candidates(text) == [0], (src, text, keys)


def test_the_module_reads_the_vocabulary_flags():
    assert literals.CASE_FLAGS & re.IGNORECASE


def test_texts_with_unusual_cases_are_folded_as_regex_matches():
    """ "tin" matches "TİN" in `regex` (and "İ".lower() is two characters): such a text is
    translated, not lowered; "tın" (dotless) it does not match."""
    pre = Prefilter([(0, required("thu")), (1, required("tin"))])
    assert compile_vi("tin").search("TİN") and not compile_vi("tin").search("tın")
    assert pre.candidates("TİN") == [1]
    assert pre.candidates("TIN") == [1]
    assert pre.candidates("tın") == []
    assert pre.candidates("ſhu") == []  # "ſ" is "s", not "t"
