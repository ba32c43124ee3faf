"""Stage 3, vocabulary: which concept a figure is about (solieu.concepts), on a toy vocabulary.

The phrases are made up for the tests; the catalogue's own vocabulary is tested through the
pipeline in test_indicators.py.
"""

from __future__ import annotations

import regex as re
from hypothesis import given, settings
from hypothesis import strategies as st

from solieu.concepts import ConceptHit, Grammar, Texts, blank, compile_concepts, fold, resolve

VOCAB = compile_concepts(
    {
        "revenue": {"names": ["thu ngân sách"]},
        "revenue_part": {"names": ["thu nội địa"]},
        "growth": {"names": ["tăng trưởng kinh tế"]},
        "sector": {
            "names": ["dịch vụ"],
            "sure_names": ["khu vực dịch vụ"],
            "context": ["tăng trưởng"],
            "not_preceded_by": ["doanh thu"],
        },
        "founded": {"after": ["thành lập mới"]},
        "receipt": {"names": ["tiếp nhận"]},
        "channel": {"names": ["trực tuyến"], "after": ["trực tuyến"]},
        "total": {"names": ["tổng thu"], "unless": ["bổ sung từ cấp trên"]},
        "mining": {"names": ["khai khoáng"]},
        "index": {"names": ["chỉ số sản xuất"]},
    }
)
GRAMMAR = Grammar(
    carry_leads=re.compile(r"^\W*(?:đạt|bằng|tăng)\b"),
    level_leads=re.compile(r"\W*lũy kế\W*(?:đạt)?\W*"),
    part_leads=re.compile(r"^\W*(?:trong đó|riêng)(?! tháng)\b"),
    transparent=re.compile(r"tại trung tâm hành chính công"),
    copula=re.compile(r"^\W*là(?: chỉ số)?(?: của)?(?: ngành)? ?"),
)


def hit(
    near: str,
    *,
    clause: str | None = None,
    earlier: str = "",
    after: str = "",
    scope: str = "",
    prior: str = "",
    level: bool = True,
) -> ConceptHit | None:
    clause = near if clause is None else clause
    t = Texts.of(
        near=near,
        clause=clause,
        earlier=earlier,
        after=after,
        scope=scope or earlier + clause + after,
        sentence=earlier + clause + after,
        prior=prior,
    )
    return resolve(VOCAB, t, level=level, grammar=GRAMMAR)


def concept(*args, **kw) -> str | None:
    h = hit(*args, **kw)
    return h.concept if h else None


def test_the_closest_name_before_the_number_wins():
    assert concept("Thu ngân sách đạt ") == "revenue"
    assert concept("Thu ngân sách đạt 9 tỷ, trong đó thu nội địa ") == "revenue_part"


def test_a_name_glued_after_the_number_wins():
    assert concept("Trong kỳ có ", after=" thành lập mới") == "founded"
    # an aside in brackets breaks the number down: it does not name it
    assert concept("Đã tiếp nhận ", after=" (trực tuyến ") == "receipt"


def test_a_rate_looks_back_over_its_clause_a_level_does_not():
    clause = "Thu ngân sách đạt 9 tỷ đồng, bằng "
    assert concept(", bằng ", clause=clause, level=False) == "revenue"
    assert concept(", chi thường xuyên ", clause=clause, level=True) is None
    # a count joined by "và" shares the verb of the one before
    assert concept(" và ", clause="Tiếp nhận 5 hồ sơ và ", level=True) == "receipt"


def test_a_clause_without_a_subject_carries_the_one_before():
    assert concept("đạt ", earlier="Thu ngân sách đạt 9 tỷ, bằng 50% dự toán; ", level=False) == (
        "revenue"
    )
    assert concept("chi ", earlier="Thu ngân sách đạt 9 tỷ; ", level=False) is None


def test_an_amount_that_only_continues_the_one_before_takes_its_concept():
    assert concept(" lũy kế đạt ", clause="Thu ngân sách đạt 9 tỷ, lũy kế đạt ") == "revenue"


def test_a_part_of_a_whole_named_before_is_not_the_whole():
    prior = "Tiếp nhận 50 hồ sơ"
    assert concept(", trong đó tiếp nhận ", prior=prior) is None
    assert concept(", trong đó thu nội địa ", prior="Thu ngân sách 9 tỷ") == "revenue_part"
    # a shorter span is not a part
    assert concept(", riêng tháng 10 tiếp nhận ", prior=prior) == "receipt"


def test_office_names_are_transparent():
    assert concept("đã tiếp nhận tại Trung tâm hành chính công ") == "receipt"
    text = "a tại trung tâm hành chính công b"
    assert blank(GRAMMAR.transparent, text) == "a " + " " * (len(text) - 4) + " b"


def test_a_copula_after_the_number_names_it():
    assert concept("; giảm ", level=False, after=" là chỉ số của ngành khai khoáng") == "mining"


def test_context_unless_and_a_preceding_measure():
    assert concept("dịch vụ tăng ", scope="Tăng trưởng kinh tế 8%; dịch vụ tăng ") == "sector"
    assert concept("dịch vụ tăng ", scope="Doanh nghiệp dịch vụ tăng ") is None  # no context
    assert concept("khu vực dịch vụ tăng ", scope="khu vực dịch vụ tăng ") == "sector"  # sure
    assert concept("doanh thu khu vực dịch vụ tăng ") is None  # another measure of the sector
    assert concept("tổng thu đạt ", after=" (gồm bổ sung từ cấp trên)") is None  # unless


def test_old_and_new_tone_marks_are_one_spelling():
    assert fold("thuỷ sản, hoá đơn, khoẻ") == "thủy sản, hóa đơn, khỏe"
    assert fold("Thuỷ") == "Thủy"
    vocab = compile_concepts({"fish": {"names": ["thủy sản"]}})
    t = Texts.of(near="thuỷ sản tăng ", clause="", earlier="", after="", scope="", sentence="")
    assert resolve(vocab, t, level=False).concept == "fish"


def test_ties_go_to_the_longer_name_ending_at_the_same_place():
    vocab = compile_concepts(
        {"a": {"names": ["xây dựng"]}, "b": {"names": ["công nghiệp và xây dựng"]}}
    )
    t = Texts.of(near="công nghiệp và xây dựng tăng ", clause="", earlier="", after="", scope="",
                 sentence="")  # fmt: skip
    assert resolve(vocab, t, level=False).concept == "b"


def _last_name_unfiltered(concepts, text: str):
    """The last name found with the prefilter off: every name of every concept tried."""
    from solieu import concepts as mod
    from solieu.literals import Prefilter

    on = mod._name_prefilter(concepts)
    off = Prefilter([(item, None) for item in on.items])
    mod._PREFILTER[id(concepts)] = (concepts, off)
    try:
        return mod._last_name(concepts, text, "before")
    finally:
        mod._PREFILTER[id(concepts)] = (concepts, on)


def _catalogue_words() -> list[str]:
    """The plain words of the catalogue's concept names (no regex syntax)."""
    from solieu.indicators import CATALOGUE_PATH, _read_yaml

    words = set()
    for spec in (_read_yaml(str(CATALOGUE_PATH)).get("concepts") or {}).values():
        for key in ("names", "sure_names"):
            for name in (spec or {}).get(key) or []:
                words.update(w for w in str(name).split() if re.fullmatch(r"\p{L}+", w))
    return sorted(words)


_WORDS = _catalogue_words()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*_WORDS, ",", "12", "tỷ đồng", "\n"]), max_size=14), st.data())
def test_the_literal_prefilter_finds_the_name_every_name_search_finds(words, data):
    """With the catalogue's vocabulary, on texts made of its words (in any letter case), the
    prefiltered search of the last name decides as searching every name does, and the last
    end is where one backward search of all the names together finds it."""
    from solieu import concepts as mod
    from solieu.indicators import compile_catalogue

    concepts = compile_catalogue().concepts
    text = fold(" ".join(words))
    if data.draw(st.booleans()):
        text = text.upper()
    assert mod._last_name(concepts, text, "before") == _last_name_unfiltered(concepts, text)
    together = mod.compile_vi(
        "|".join(
            f"(?:{p.pattern.removeprefix('(?-f)(?r)')})"
            for c in concepts.values()
            for p in (c.names, c.sure)
            if p is not None
        ),
        reverse=True,
    )
    m = together.search(text)
    cands = mod._name_prefilter(concepts).candidates(text)
    assert mod._last_end(cands, text) == (m.end() if m else None)
