"""Tables as data: columns, rows of cells (lists of :class:`Run`) and the CSV of exactly those rows.

Why data and not markup: the ``table`` macro of ``templates/ui.html.j2`` is the one place that
writes a table, so every cell is autoescaped there; a page module only says what a cell holds.
A long table shows its first rows; the others are in a JSON file of the same cells that the
site script appends (as text nodes) when a reader asks for them, so a page's weight does not
grow with the corpus.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from solieu.xlsx import inert_cell

from .render import Run, text

Row = dict[str, str]
Cell = Sequence[Run] | str
Names = Callable[[str, Row], tuple[str, str] | None]
BOM = "\ufeff"  # Excel on Windows reads UTF-8 only with it ("Tổng", not "Tá»•ng")
PAGE_ROWS = 25  # rows of a long table in the page; the rest load on demand


@dataclass
class Column:
    """A displayed column: header, what a cell holds and an optional sort key."""

    title: str
    cell: Callable[[Row], Cell]
    sort: Callable[[Row], str | float] | None = None
    numeric: bool = False
    wide: bool = False  # a quote: wraps, limited width on wide screens
    text_sort: bool = False  # sortable by the text shown (no sort key written per cell)
    css: str = ""  # a class for the column's cells and header (its width on wide screens)


@dataclass
class Outputs:
    """Files a page writes next to itself (CSV slices, JSON), keyed by relative path."""

    files: dict[str, str] = field(default_factory=dict)

    def add(self, relpath: str, content: str) -> str:
        self.files[relpath] = content
        return relpath


def csv_text(
    fields: Sequence[str],
    rows: Sequence[Row],
    types: Mapping[str, str],
    names: Names | None = None,
) -> str:
    """CSV of exactly these rows, for Excel and for code: UTF-8 with a BOM, and after each code
    column (``indicator_id``, ``unit_id``, ``basis``…) its Vietnamese name (``names``).

    Text cells that a spreadsheet would run as a formula are made inert (``inert_cell``);
    numbers in numeric columns stay as the data package writes them. Lines end in CRLF
    (RFC 4180): with "\\n" the csv module would leave a cell holding a bare CR unquoted, and
    every reader would split the row there.
    """
    named = {k: names(k, rows[0]) is not None for k in fields} if names and rows else {}
    header: list[str] = []
    for k in fields:
        header.append(k)
        if named.get(k):
            header.append(names(k, rows[0])[0])  # type: ignore[index,misc]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(header)
    plan = [(k, types.get(k, "string"), named.get(k, False)) for k in fields]
    for r in rows:
        line = []
        for k, ftype, has_name in plan:
            line.append(inert_cell(r.get(k) or "", ftype))
            if has_name:
                line.append(inert_cell(names(k, r)[1]))  # type: ignore[index,misc]
        w.writerow(line)
    return BOM + buf.getvalue()


def runs(cell: Cell) -> list[Run]:
    return [text(cell)] if isinstance(cell, str) else list(cell)


def _cls(c: Column) -> str:
    return " ".join(
        k for k, on in (("sl-num", c.numeric), ("sl-wide", c.wide), (c.css, c.css)) if on
    )


def _row(
    r: Row,
    columns: Sequence[Column],
    id_field: str,
    anchor: Callable[[Row], str] | None,
    sortable: bool = True,
):
    return {
        # a row with a permalink is found by it; others by their row id (CSV, tests)
        "id": r.get(id_field, "") if id_field and not anchor else "",
        "anchor": anchor(r) if anchor else "",
        "cells": [
            {
                "runs": runs(c.cell(r)),
                "sort": None if c.sort is None or not sortable else str(c.sort(r)),
                "cls": _cls(c),
            }
            for c in columns
        ],
    }


def rows_json(rows: Sequence[dict[str, Any]]) -> str:
    """The rows a reader may load later, as plain data (text, href, class per run)."""
    out = [
        {
            "id": r["id"],
            "a": r["anchor"],
            "c": [
                {
                    "s": cell["sort"],
                    "r": [
                        {k: v for k, v in (("t", x.text), ("h", x.href), ("k", x.cls)) if v}
                        for x in cell["runs"]
                    ],
                }
                for cell in r["cells"]
            ],
        }
        for r in rows
    ]
    return json.dumps({"rows": out}, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def data_table(
    *,
    table_id: str,
    caption: str,
    rows: Sequence[Row],
    columns: Sequence[Column],
    id_field: str = "",
    out: Outputs | None = None,
    csv_name: str = "",
    csv_fields: Sequence[str] = (),
    csv_types: Mapping[str, str] | None = None,
    names: Names | None = None,
    filterable: bool = False,
    note: str = "",
    anchor: Callable[[Row], str] | None = None,
    groups: Callable[[Row], str] | None = None,
    page_rows: int | None = None,
    stacked: bool = True,
) -> dict[str, Any]:
    """A captioned table for the ``table`` macro; with ``csv_name``, a "Tải CSV" of its rows.

    ``groups`` splits the rows under group headings (one table, one CSV: a unit's indicators
    by sector); ``page_rows`` shows that many rows and writes the others to
    ``<table_id>.json`` for the "Hiện thêm" button (needs ``out``).
    """
    if csv_name and out is not None:
        out.add(csv_name, csv_text(csv_fields, rows, csv_types or {}, names))
    built = [_row(r, columns, id_field, anchor, sortable=groups is None) for r in rows]
    # a column empty in every row says nothing and takes room on a phone: drop it
    keep = [
        j
        for j in range(len(columns))
        if j == 0 or any(any(x.text for x in b["cells"][j]["runs"]) for b in built)
    ]
    if len(keep) < len(columns):
        columns = [columns[j] for j in keep]
        for b in built:
            b["cells"] = [b["cells"][j] for j in keep]
    more = None
    if page_rows is not None and out is not None and len(built) > page_rows:
        src = out.add(f"{table_id}.json", rows_json(built[page_rows:]))
        more = {"src": src, "n": len(built) - page_rows}
        built = built[:page_rows]
    body: list[dict[str, Any]] = []
    if groups:
        for r, b in zip(rows, built, strict=False):
            g = groups(r)
            if not body or body[-1]["name"] != g:
                body.append({"name": g, "rows": []})
            body[-1]["rows"].append(b)
    else:
        body = [{"name": "", "rows": built}]
    return {
        "id": table_id,
        "caption": caption,
        "columns": [
            {
                "title": c.title,
                "sortable": (c.sort is not None or c.text_sort) and not groups,
                "numeric": c.numeric,
                "wide": c.wide,
                "cls": " ".join(k for k, on in (("sl-wide", c.wide), (c.css, c.css)) if on),
            }
            for c in columns
        ],
        "groups": body,
        "n_rows": len(rows),
        "csv": csv_name,
        "filterable": filterable,
        "note": note,
        "more": more,
        "stacked": stacked,
    }
