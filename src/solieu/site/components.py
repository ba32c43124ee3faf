"""HTML building blocks shared by the generated pages (tables, charts, cards, citations).

Why raw HTML inside the Markdown pages: Python-Markdown passes block-level HTML through
untouched, so text from the reports is escaped exactly once (here, with ``markupsafe``) and
is never re-read as Markdown, Jinja or JavaScript. Every helper returns ``Markup``.
"""

from __future__ import annotations

import csv
import io
import json
import posixpath
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

Row = dict[str, str]


def md_escape(text: str) -> Markup:
    """Escape text for a Markdown heading/paragraph: HTML first, then Markdown specials."""
    s = str(escape(" ".join(str(text).split())))
    out = []
    for ch in s:
        if ch in "\\`*_{}[]()#+-.!|~":
            out.append("\\" + ch if ch not in "|~" else {"|": "&#124;", "~": "&#126;"}[ch])
        else:
            out.append(ch)
    return Markup("".join(out))


def safe_title(text: str) -> str:
    """A page title for front matter and the nav: no markup characters survive."""
    return " ".join(
        str(text).replace("<", "‹").replace(">", "›").replace("{", "(").replace("}", ")").split()
    )


def rel(from_dir: str, target: str) -> str:
    """Relative URL from a page directory ("don-vi/x/") to a site path ("van-ban/d/#f-1")."""
    path, _, frag = target.partition("#")
    start = from_dir.rstrip("/") or "."
    r = posixpath.relpath(path.rstrip("/") or ".", start)
    if path.endswith("/") or path == "":
        r = r + "/" if r != "." else "./"
    return r + ("#" + frag if frag else "")


def anchor_id(figure_id: str) -> str:
    """Anchor of a figure in its document page: dots become dashes (DESIGN.md)."""
    return "f-" + figure_id.replace(".", "-")


def json_script(obj: Any, cls: str, **attrs: str) -> Markup:
    """JSON inside <script type=application/json>, safe against </script> in the data."""
    data = json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    data = data.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    extra = "".join(f' {k.replace("_", "-")}="{escape(v)}"' for k, v in sorted(attrs.items()))
    return Markup(f'<script type="application/json" class="{cls}"{extra}>{data}</script>')


def csv_text(fields: Sequence[str], rows: Sequence[Row]) -> str:
    """CSV bytes of exactly these rows and columns, as the data package writes them."""
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(fields), lineterminator="\n", extrasaction="ignore")
    w.writeheader()
    for r in rows:
        w.writerow({k: r.get(k, "") for k in fields})
    return buf.getvalue()


@dataclass
class Column:
    """A displayed column: header, cell renderer (returns Markup) and optional sort key."""

    title: str
    cell: Callable[[Row], Markup | str]
    sort: Callable[[Row], str | float] | None = None
    numeric: bool = False


@dataclass
class Outputs:
    """Files a page writes next to itself (CSV slices, chart specs), keyed by relative path."""

    files: dict[str, str] = field(default_factory=dict)

    def add(self, relpath: str, text: str) -> str:
        self.files[relpath] = text
        return relpath


def data_table(
    *,
    table_id: str,
    caption: str,
    rows: Sequence[Row],
    columns: Sequence[Column],
    csv_name: str,
    csv_fields: Sequence[str],
    id_field: str,
    out: Outputs,
    filterable: bool = False,
    search_exclude: bool = False,
    note: str = "",
) -> Markup:
    """A captioned, scrollable table with a "Tải CSV" link to a CSV of exactly its rows."""
    out.add(csv_name, csv_text(csv_fields, rows))
    head = []
    for i, c in enumerate(columns):
        label = escape(c.title)
        if c.sort is not None:
            head.append(
                f'<th scope="col" aria-sort="none"><button type="button" class="sl-sort" '
                f'data-col="{i}"{" data-numeric" if c.numeric else ""}>{label}</button></th>'
            )
        else:
            head.append(f'<th scope="col">{label}</th>')
    body = []
    for r in rows:
        cells = []
        for c in columns:
            sort_attr = ""
            if c.sort is not None:
                sort_attr = f' data-sort="{escape(str(c.sort(r)))}"'
            cls = ' class="sl-num"' if c.numeric else ""
            cells.append(f"<td{cls}{sort_attr}>{c.cell(r)}</td>")
        body.append(f'<tr data-row-id="{escape(r.get(id_field, ""))}">{"".join(cells)}</tr>')
    filt = ""
    if filterable:
        filt = (
            f'<label class="sl-filter">Lọc bảng <input type="search" data-filter="{table_id}" '
            f'placeholder="gõ để lọc, có thể không dấu" autocomplete="off"></label>'
        )
    excl = " data-search-exclude" if search_exclude else ""
    note_html = f'<p class="sl-note">{escape(note)}</p>' if note else ""
    return Markup(
        f'<div class="sl-table" id="{table_id}"{excl}>'
        f'<div class="sl-table-bar"><a class="md-button sl-dl" href="{escape(csv_name)}" '
        f'download>Tải CSV</a> <span class="sl-count">{len(rows)} dòng</span>{filt}</div>'
        f'<div class="sl-scroll" tabindex="0" role="region" aria-label="{escape(caption)}">'
        f'<table class="sl-data" data-table="{table_id}"><caption>{escape(caption)}</caption>'
        f"<thead><tr>{''.join(head)}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
        f"{note_html}</div>"
    )


def chart_block(
    *,
    chart_id: str,
    spec: dict[str, Any],
    caption: str,
    csv_name: str,
    rows: Sequence[Row],
    csv_fields: Sequence[str],
    meta: dict[str, Any],
    out: Outputs,
    alt_table: Markup,
    small: bool = False,
) -> Markup:
    """A chart: spec in JSON, a caption, downloads (CSV, PNG, SVG, spec, metadata), a table."""
    out.add(csv_name, csv_text(csv_fields, rows))
    spec_name = csv_name.removesuffix(".csv") + ".vl.json"
    meta_name = csv_name.removesuffix(".csv") + ".meta.json"
    out.add(spec_name, json.dumps(spec, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
    out.add(meta_name, json.dumps(meta, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
    base = escape(csv_name.removesuffix(".csv").rsplit("/", 1)[-1])
    cls = "sl-chart sl-chart--small" if small else "sl-chart"
    return Markup(
        f'<figure class="{cls}" id="{chart_id}" data-search-exclude>'
        f"<figcaption>{escape(caption)}</figcaption>"
        f'<div class="sl-vega" role="img" aria-label="{escape("Biểu đồ: " + caption)}" '
        f'data-name="{base}"></div>'
        f"{json_script(spec, 'sl-spec')}"
        f'<div class="sl-chart-dl" aria-label="Tải biểu đồ">'
        f'<a href="{escape(csv_name)}" download>Tải CSV</a>'
        f'<button type="button" data-export="png">PNG</button>'
        f'<button type="button" data-export="svg">SVG</button>'
        f'<a href="{escape(spec_name)}" download>Đặc tả Vega-Lite</a>'
        f'<a href="{escape(meta_name)}" download>Siêu dữ liệu</a></div>'
        f'<details class="sl-alt"><summary>Bảng số liệu của biểu đồ</summary>{alt_table}'
        f"</details></figure>"
    )


def cite_block(*, title: str, issuer: str, unit: str, period: str, source_date: str) -> Markup:
    """ "Trích dẫn": a ready citation; page URL and access date are filled in by the browser."""
    parts = [p for p in [issuer, title] if p]
    doc = ". ".join(escape(p) for p in parts)
    date_txt = f" ({escape(source_date)})" if source_date else ""
    return Markup(
        '<div class="sl-cite" data-search-exclude><p class="sl-cite-h">Trích dẫn</p>'
        f'<p class="sl-cite-text">{doc}{date_txt}. Đơn vị: {escape(unit)}; kỳ: {escape(period)}. '
        'Trong: <em>Số liệu Lạng Sơn</em>, <span class="sl-cite-url">trang này</span>, '
        'truy cập ngày <span class="sl-cite-date">…</span>.</p></div>'
    )


def path_str(p: Path) -> str:
    return p.as_posix()
