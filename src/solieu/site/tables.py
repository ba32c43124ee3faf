"""Tables as data: columns, rows of cells (lists of :class:`Run`) and the CSV of exactly those rows.

Why data and not markup: the ``table`` macro of ``templates/ui.html.j2`` is the one place that
writes a table, so every cell is autoescaped there; a page module only says what a cell holds.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from solieu.xlsx import inert_cell

from .render import Run, text

Row = dict[str, str]
Cell = Sequence[Run] | str


@dataclass
class Column:
    """A displayed column: header, what a cell holds and an optional sort key."""

    title: str
    cell: Callable[[Row], Cell]
    sort: Callable[[Row], str | float] | None = None
    numeric: bool = False


@dataclass
class Outputs:
    """Files a page writes next to itself (CSV slices, chart specs), keyed by relative path."""

    files: dict[str, str] = field(default_factory=dict)

    def add(self, relpath: str, content: str) -> str:
        self.files[relpath] = content
        return relpath


def csv_text(fields: Sequence[str], rows: Sequence[Row], types: Mapping[str, str]) -> str:
    """CSV of exactly these rows and columns, safe to open in a spreadsheet.

    Text cells that a spreadsheet would run as a formula are made inert (``inert_cell``);
    numbers in numeric columns stay as the data package writes them. Lines end in CRLF
    (RFC 4180): with "\n" the csv module would leave a cell holding a bare CR unquoted, and
    every reader would split the row there.
    """
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(fields)
    for r in rows:
        w.writerow([inert_cell(r.get(k) or "", types.get(k, "string")) for k in fields])
    return buf.getvalue()


def runs(cell: Cell) -> list[Run]:
    return [text(cell)] if isinstance(cell, str) else list(cell)


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
    filterable: bool = False,
    search_exclude: bool = False,
    note: str = "",
) -> dict[str, Any]:
    """A captioned table for the ``table`` macro; with ``csv_name``, a "Tải CSV" of its rows."""
    if csv_name and out is not None:
        out.add(csv_name, csv_text(csv_fields, rows, csv_types or {}))
    return {
        "id": table_id,
        "caption": caption,
        "columns": [
            {"title": c.title, "sortable": c.sort is not None, "numeric": c.numeric}
            for c in columns
        ],
        "rows": [
            {
                "id": r.get(id_field, "") if id_field else "",
                "cells": [
                    {
                        "runs": runs(c.cell(r)),
                        "sort": None if c.sort is None else str(c.sort(r)),
                    }
                    for c in columns
                ],
            }
            for r in rows
        ],
        "csv": csv_name,
        "filterable": filterable,
        "search_exclude": search_exclude,
        "note": note,
    }
