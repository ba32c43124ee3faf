"""The artifacts passed between pipeline stages.

Each stage is a function from one of these records to the next, and each record
serialises to plain JSON under ``build/<stage>/`` so a maintainer can open it and
see exactly what a stage produced. Plain dataclasses (not an ORM) keep the
artifacts inspectable and the stages independently testable.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, TypeVar

BlockKind = Literal["heading", "paragraph", "footnote"]


@dataclass
class DocumentMeta:
    """What we know about a report: from the catalogue, or detected from its text."""

    document_id: str
    file: str
    unit_id: str | None = None
    period: str | None = None  # YYYY-MM | YYYY-Qn | YYYY-Hn | YYYY
    kind: str | None = None  # monthly_report | half_year_report | work_programme | ...
    title: str | None = None
    issuer: str | None = None
    signed: str | None = None  # ISO date
    licence: str | None = None
    url: str | None = None
    sha256: str | None = None
    original: str | None = None  # the PDF/DOCX as received, beside `file` (its extracted text)
    # What the text itself says, kept beside the catalogue values so a disagreement shows.
    detected: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


@dataclass
class Block:
    """A paragraph, heading or footnote of the normalised text (span into ``Document.text``)."""

    index: int
    kind: BlockKind
    start: int
    end: int
    section: str = ""  # section path of the enclosing heading, e.g. "II > 1 > 1.2"
    label: str | None = None  # heading label as written: "I.", "1.2.", "a)"
    level: int | None = None  # heading depth, 1 = top
    footnote: int | None = None  # footnote number when kind == "footnote"


@dataclass
class FootnoteRef:
    """A footnote marker removed from the body: where it stood and which note it calls."""

    number: int
    offset: int  # position in Document.text right after the word/number it was glued to
    block: int


@dataclass
class SourceRef:
    """A footnote reference as the file records it: the note it calls and where it stood.

    ``offset`` indexes the text of its :class:`SourceBlock`, from which the marker itself is
    already removed.
    """

    number: int
    offset: int


@dataclass
class SourceBlock:
    """What a PDF or DOCX reader knows about one paragraph, heading or footnote (stage 0 → 1).

    Readers that see a file's structure hand it to ingest as data, so that ingest does not
    have to guess paragraphs and footnote links back from a line layout. ``text`` is the block
    as printed, its lines separated by ``\\n`` (ingest joins them as it joins wrapped lines);
    ``label`` and ``level`` are given only when the file says so (Word's automatic numbering,
    heading styles; the label is also at the start of ``text``, as it is shown);
    ``pages`` is the page each line is printed on (PDF), which bounds where a marker that the
    file does not mark (a footnote number printed unraised) may be searched.
    """

    kind: BlockKind
    text: str
    label: str | None = None
    level: int | None = None
    footnote: int | None = None  # the note's number when kind == "footnote"
    refs: list[SourceRef] = field(default_factory=list)
    pages: list[int] | None = None


@dataclass
class Document:
    """Output of stage 1 (ingest): a normalised report.

    ``text`` holds the body blocks then the footnote blocks, separated by blank lines,
    with footnote markers removed (see ``footnote_refs``). All spans in later stages
    index into this string, so ``text[start:end]`` always gives back what was matched.
    """

    meta: DocumentMeta
    text: str
    blocks: list[Block] = field(default_factory=list)
    footnote_refs: list[FootnoteRef] = field(default_factory=list)


@dataclass
class Figure:
    """Output of stage 2: one number as written in a report, parsed and placed."""

    figure_id: str
    document_id: str
    value: float
    unit: str  # base unit: VND, USD, percent, pp, ha, m2, km, kg, tonne, ... or a count noun
    text: str  # exactly Document.text[start:end]
    start: int
    end: int
    value_max: float | None = None  # upper end of a range
    unit_text: str = ""  # the unit as written, e.g. "triệu đồng"
    scale: float = 1.0
    kind: str = "level"  # level | percent | change | pp | ratio | range | fraction | rank
    direction: str | None = None  # increase | decrease
    basis: str | None = None  # same_period | previous_month | plan | estimate_central | ...
    qualifier: str | None = None  # approx | over | under | nearly | at_least | at_most
    estimate: bool = False
    cumulative: bool = False
    as_of: str | None = None  # ISO date
    # the span the figure's own words give it (a period label: "2025-07", "2025-Q3",
    # "2025-YTD09", "2025"), "?" for a shorter span than the report's that the words do not
    # name, None when they say nothing (the indicator decides)
    span: str | None = None
    sentence: str = ""
    sentence_start: int = 0
    section: str = ""
    in_footnote: bool = False
    footnote: int | None = None
    group: str | None = None  # shared id of the parts of a fraction / ratio / range
    role: str | None = None  # numerator | denominator | result
    flags: list[str] = field(default_factory=list)


@dataclass
class Observation:
    """Output of stage 3: a catalogue indicator's value for a unit and a period."""

    observation_id: str
    indicator_id: str
    unit_id: str
    period: str
    value: float
    unit: str
    document_id: str
    figure_id: str
    quote: str
    start: int
    end: int
    period_start: str | None = None
    period_end: str | None = None
    as_of: str | None = None
    basis: str | None = None
    qualifier: str | None = None
    estimate: bool = False
    derivation: str = "stated"  # stated | implied
    flags: list[str] = field(default_factory=list)
    # why it was mapped: the concept and the words that named it (or the rule), the figure's
    # kind, unit and basis, and any conversion ("vượt 23,2% dự toán" = 123,2 %)
    why: str = ""
    concept: str | None = None  # the vocabulary concept it was mapped through, if any


@dataclass
class Check:
    """An arithmetic claim a report makes, recomputed."""

    check_id: str
    document_id: str
    kind: str  # ratio | share | sum
    claim: str  # human-readable statement of what is checked
    stated: float | None
    computed: float | None
    verdict: Literal["pass", "fail", "cannot_check"]
    quote: str
    start: int
    end: int
    figure_ids: list[str] = field(default_factory=list)
    note: str = ""


T = TypeVar("T")


def to_jsonable(obj: Any) -> Any:
    """Dataclasses (nested) to plain JSON types."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return dataclasses.asdict(obj)
    if isinstance(obj, list):
        return [to_jsonable(o) for o in obj]
    return obj


def dumps(obj: Any) -> str:
    """``json.dumps(to_jsonable(obj), ensure_ascii=False, indent=1)``, the same text, faster.

    Why: with an indent, the standard library encodes in pure Python, and `dataclasses.asdict`
    deep-copies every value first; the artifacts of one report (≈ 20,000 values) took longer
    to write than to ingest. This walks the dataclasses directly and encodes each value with
    the standard library's own C functions; anything it does not know (a key that is not a
    string, an unusual type) goes the standard way.
    """
    out: list[str] = []
    try:
        _encode(obj, out, "\n")
    except _Unusual:
        return json.dumps(to_jsonable(obj), ensure_ascii=False, indent=1)
    return "".join(out)


class _Unusual(Exception):
    """A value `dumps` leaves to the standard encoder."""


_encode_str = json.encoder.encode_basestring  # the C function json.dumps uses (no ASCII escapes)


def _float(x: float) -> str:
    if x != x:
        return "NaN"
    if x in (float("inf"), float("-inf")):
        return "Infinity" if x > 0 else "-Infinity"
    return float.__repr__(x)


# exact type → its JSON (subclasses take the general path of `_encode`)
_SCALARS: dict[type, Any] = {
    str: _encode_str,
    int: int.__repr__,
    float: _float,
    bool: lambda b: "true" if b else "false",
    type(None): lambda _: "null",
}
_FIELDS: dict[type, tuple[tuple[str, str], ...]] = {}  # dataclass → (field, its JSON key)


def _encode(obj: Any, out: list[str], nl: str) -> None:
    """Append the indent-1 JSON of ``obj``; ``nl`` is a newline and the current indentation."""
    scalar = _SCALARS.get(obj.__class__)
    if scalar is not None:
        out.append(scalar(obj))
    elif isinstance(obj, str):
        out.append(_encode_str(obj))
    elif isinstance(obj, bool):
        out.append("true" if obj else "false")
    elif isinstance(obj, int):
        out.append(int.__repr__(obj))
    elif isinstance(obj, float):
        out.append(_float(obj))
    elif isinstance(obj, (list, tuple)):
        _encode_list(obj, out, nl)
    elif isinstance(obj, dict):
        if any(not isinstance(k, str) for k in obj):
            raise _Unusual("a key that is not a string")
        _encode_items([(_encode_str(k), v) for k, v in obj.items()], out, nl)
    elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        keys = _FIELDS.get(obj.__class__)
        if keys is None:
            names = [f.name for f in dataclasses.fields(obj)]
            keys = _FIELDS[obj.__class__] = tuple((n, _encode_str(n)) for n in names)
        _encode_items([(k, getattr(obj, n)) for n, k in keys], out, nl)
    else:
        raise _Unusual(type(obj).__name__)


def _encode_list(items: list[Any] | tuple[Any, ...], out: list[str], nl: str) -> None:
    if not items:
        out.append("[]")
        return
    inner = nl + " "
    sep = "[" + inner
    for value in items:
        scalar = _SCALARS.get(value.__class__)
        if scalar is not None:
            out.append(sep + scalar(value))
        else:
            out.append(sep)
            _encode(value, out, inner)
        sep = "," + inner
    out.append(nl + "]")


def _encode_items(items: list[tuple[str, Any]], out: list[str], nl: str) -> None:
    """An object from (JSON key, value) pairs."""
    if not items:
        out.append("{}")
        return
    inner = nl + " "
    sep = "{" + inner
    for key, value in items:
        scalar = _SCALARS.get(value.__class__)
        if scalar is not None:
            out.append(sep + key + ": " + scalar(value))
        else:
            out.append(sep + key + ": ")
            _encode(value, out, inner)
        sep = "," + inner
    out.append(nl + "}")


def write_json(path: Path, obj: Any) -> None:
    """Write an artifact deterministically (sorted keys off, stable indentation, final newline)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dumps(obj) + "\n", encoding="utf-8")


def read_json(path: Path) -> Any:
    """An artifact written by `write_json`."""
    return json.loads(path.read_text(encoding="utf-8"))


def document_from_dict(d: dict[str, Any]) -> Document:
    return Document(
        meta=DocumentMeta(**d["meta"]),
        text=d["text"],
        blocks=[Block(**b) for b in d.get("blocks", [])],
        footnote_refs=[FootnoteRef(**r) for r in d.get("footnote_refs", [])],
    )
