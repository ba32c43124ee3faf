"""Generate every page of the site (Markdown with escaped raw HTML) from ``SiteData``.

Each page is written as ``<dir>/index.md`` so its URL is ``/<dir>/``; CSV slices, chart
specs and metadata are written next to it, which keeps every link relative and the site
deployable under any base path (GitHub Pages project sites).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from . import charts
from .components import (
    Column,
    Outputs,
    anchor_id,
    chart_block,
    cite_block,
    data_table,
    md_escape,
    rel,
    safe_title,
)
from .data import Row, SiteData, num, period_key
from .fmt import exact_value, fmt_num, human_value
from .labels import (
    basis_label,
    check_kind_label,
    date_label,
    kind_label,
    labels,
    level_label,
    measure_label,
    period_label,
    qualifier_label,
    sector_description,
    sector_label,
    sector_slug,
    temporal_label,
    unit_label,
    verdict_label,
)

SITE_NAME = "Số liệu Lạng Sơn"
FIG_FIELDS_SHOWN = ["figure_id", "text", "value", "unit", "kind", "basis", "section"]


def _env() -> Environment:
    env = Environment(
        loader=PackageLoader("solieu.site", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=False,
    )
    env.filters["md"] = md_escape
    return env


def h(level: int, text: str, anchor: str | None = None) -> Markup:
    """A Markdown heading (so it reaches the TOC and the search index), text escaped."""
    suffix = f" {{#{anchor}}}" if anchor else ""
    return Markup("#" * level + " " + str(md_escape(text)) + suffix)


def url(*parts: str) -> str:
    """A site path from its parts: url("van-ban", doc_id) → "van-ban/<doc_id>/"."""
    return "/".join(parts) + "/"


def a(href: str, text: str, cls: str = "") -> str:
    c = f' class="{cls}"' if cls else ""
    return f'<a href="{escape(href)}"{c}>{escape(text)}</a>'


class SiteBuilder:
    """Collects pages (Markdown text) and side files (CSV, JSON) for one build."""

    def __init__(self, sd: SiteData):
        self.sd = sd
        self.env = _env()
        self.pages: dict[str, str] = {}
        self.files: dict[str, str] = {}
        self.binaries: dict[str, bytes] = {}
        self.nav: list[Any] = []

    # ---------------------------------------------------------------- helpers
    def unit_name(self, unit_id: str) -> str:
        u = self.sd.units_by_id.get(unit_id)
        return u["name"] if u and u.get("name") else unit_id

    def ind_name(self, indicator_id: str) -> str:
        i = self.sd.indicators_by_id.get(indicator_id)
        return i["name_vi"] if i and i.get("name_vi") else indicator_id

    def doc_title(self, doc_id: str) -> str:
        d = self.sd.docs_by_id.get(doc_id)
        return d["title"] if d and d.get("title") else doc_id

    def fig_href(self, page_dir: str, document_id: str, figure_id: str) -> str:
        return rel(page_dir, f"van-ban/{document_id}/#{anchor_id(figure_id)}")

    def write(
        self,
        page_dir: str,
        title: str,
        blocks: Iterable[Markup | str],
        out: Outputs | None = None,
        boost: float | None = None,
        hide_toc: bool = False,
    ) -> None:
        tpl = self.env.get_template("page.md.j2")
        text = tpl.render(
            title_json=Markup(json.dumps(safe_title(title), ensure_ascii=False)),
            title=title,
            blocks=[b if isinstance(b, Markup) else Markup(b) for b in blocks],
            boost=boost,
            hide_toc=hide_toc,
        )
        md_path = f"{page_dir}index.md" if page_dir else "index.md"
        self.pages[md_path] = text
        if out:
            for relpath, content in out.files.items():
                self.files[f"{page_dir}{relpath}"] = content

    def obs_columns(self, page_dir: str, show_unit: bool, show_ind: bool) -> list[Column]:
        cols: list[Column] = []
        if show_ind:
            cols.append(
                Column(
                    "Chỉ tiêu",
                    lambda o: Markup(
                        a(
                            rel(page_dir, f"chi-tieu/{o['indicator_id']}/"),
                            self.ind_name(o["indicator_id"]),
                        )
                    ),
                    sort=lambda o: self.ind_name(o["indicator_id"]),
                )
            )
        if show_unit:
            cols.append(
                Column(
                    "Đơn vị hành chính",
                    lambda o: Markup(
                        a(rel(page_dir, f"don-vi/{o['unit_id']}/"), self.unit_name(o["unit_id"]))
                    ),
                    sort=lambda o: self.unit_name(o["unit_id"]),
                )
            )
        cols += [
            Column(
                "Kỳ",
                lambda o: Markup(
                    a(
                        rel(page_dir, f"don-vi/{o['unit_id']}/{o['period']}/"),
                        period_label(o["period"]),
                    )
                ),
                sort=lambda o: "{}-{:02d}-{}".format(*period_key(o["period"])),
            ),
            Column(
                "Giá trị",
                lambda o: exact_value(num(o["value"]), o["unit"]),
                sort=lambda o: num(o["value"]) or 0.0,
                numeric=True,
            ),
            Column("So với / cơ sở", lambda o: basis_label(o.get("basis"))),
            Column("Ghi chú", lambda o: self.obs_note(o)),
            Column(
                "Nguồn",
                lambda o: Markup(
                    a(self.fig_href(page_dir, o["document_id"], o["figure_id"]), "câu gốc")
                ),
            ),
        ]
        return cols

    def name_with_basis(self, o: Row) -> str:
        """Indicator name plus its basis, without saying "so với" twice."""
        name = self.ind_name(o["indicator_id"])
        b = basis_label(o.get("basis"))
        if not b or b.lower() in name.lower():
            return name
        if "so với" in name.lower():
            b = b.removeprefix("so với ")
        return f"{name} — {b}"

    def obs_note(self, o: Row) -> str:
        bits = []
        if o.get("qualifier"):
            bits.append(qualifier_label(o["qualifier"]))
        if o.get("estimate") in ("true", "True", "1"):
            bits.append("ước tính")
        if o.get("as_of"):
            bits.append("tính đến " + date_label(o["as_of"]))
        if o.get("derivation") == "implied":
            bits.append("suy ra từ phép tính trong văn bản")
        if o.get("is_latest") in ("false", "False", "0"):
            bits.append("có số liệu mới hơn")
        for flag in filter(None, (o.get("flags") or "").split(";")):
            bits.append(labels().get("flags", {}).get(flag, flag))
        return "; ".join(bits)

    def obs_table(
        self,
        page_dir: str,
        table_id: str,
        caption: str,
        rows: Sequence[Row],
        out: Outputs,
        csv_name: str,
        show_unit: bool = True,
        show_ind: bool = True,
        quotes: bool = False,
    ) -> Markup:
        cols = self.obs_columns(page_dir, show_unit, show_ind)
        if quotes:
            cols.insert(-1, Column("Câu trích", lambda o: o.get("quote", "")))
        return data_table(
            table_id=table_id,
            caption=caption,
            rows=rows,
            columns=cols,
            csv_name=csv_name,
            csv_fields=self.sd.fields["observations"],
            id_field="observation_id",
            out=out,
            filterable=len(rows) > 12,
        )

    def cite(self, title: str, issuer: str, unit: str, period: str, date: str) -> Markup:
        return cite_block(
            title=title, issuer=issuer, unit=unit, period=period, source_date=date_label(date)
        )

    def chart(
        self,
        out: Outputs,
        page_dir: str,
        chart_id: str,
        spec: dict[str, Any],
        caption: str,
        rows: Sequence[Row],
        meta_extra: dict[str, Any],
        small: bool = False,
    ) -> Markup:
        """A chart plus its CSV (the observation rows behind it) and its alt table."""
        name = f"{chart_id}.csv"
        inds = sorted({r["indicator_id"] for r in rows})
        docs = sorted({r["document_id"] for r in rows})
        meta = {
            "title": caption,
            "indicators": [
                {
                    k: self.sd.indicators_by_id.get(i, {}).get(k, "")
                    for k in ("indicator_id", "name_vi", "name_en", "unit", "definition")
                }
                for i in inds
            ],
            "sources": [
                {
                    k: self.sd.docs_by_id.get(d, {}).get(k, "")
                    for k in ("document_id", "title", "issuer", "period", "signed", "licence")
                }
                for d in docs
            ],
            "licence": self.sd.package.get("licenses", []),
            **meta_extra,
        }
        alt_table = self.obs_table(
            page_dir,
            f"{chart_id}-bang",
            f"Số liệu của biểu đồ: {caption}",
            rows,
            Outputs(),
            csv_name=name,
        )
        return chart_block(
            chart_id=chart_id,
            spec=spec,
            caption=caption,
            csv_name=name,
            rows=rows,
            csv_fields=self.sd.fields["observations"],
            meta=meta,
            out=out,
            alt_table=alt_table,
            small=small,
        )

    def latest(self, rows: Iterable[Row]) -> list[Row]:
        return [r for r in rows if r.get("is_latest") not in ("false", "False", "0")]

    # ---------------------------------------------------------------- cards
    def comparisons(self, o: Row) -> list[str]:
        """Comparisons the report states right after the figure ("…, tăng 8% so với cùng kỳ").

        Only figures that follow it closely in the same clause and name a basis count, so a
        list of other sectors' rates in the same sentence is never shown as a comparison.
        """
        f = self.sd.figures_by_id.get(o.get("figure_id", ""))
        if not f:
            return []
        out: list[str] = []
        text_end = int(f["end"])
        for g in self.sd.figures_by_doc.get(f["document_id"], []):
            if g["sentence"] != f["sentence"] or int(g["start"]) < text_end:
                continue
            gap = self.gap_text(f, text_end, int(g["start"]))
            if gap is None or len(gap) > 60 or any(c in gap for c in ";.:") or len(out) >= 2:
                break
            if g.get("kind") == "level" or not g.get("basis"):
                break
            verb = {"increase": "tăng", "decrease": "giảm"}.get(g.get("direction") or "", "")
            if not verb:
                verb = "bằng" if g.get("kind") == "ratio" else "đạt"
            out.append(
                f"{verb} {human_value(num(g['value']), g['unit'])} "
                f"{basis_label(g.get('basis'))}".strip()
            )
            text_end = int(g["end"])
        return out

    def gap_text(self, f: Row, start: int, end: int) -> str | None:
        """The report text between two figures (None when the text is not available)."""
        doc = self.sd.ingest.get(f["document_id"])
        if doc is None:
            return None
        return doc.text[start:end]

    def cards(self, page_dir: str, rows: Sequence[Row], limit: int = 6) -> Markup:
        order = {k: i for i, k in enumerate(labels().get("headline", []))}
        pick: dict[str, Row] = {}
        for o in sorted(
            self.latest(rows),
            key=lambda o: (
                order.get(o["indicator_id"], 999),
                o["indicator_id"],
                o["observation_id"],
            ),
        ):
            pick.setdefault(o["indicator_id"], o)
        chosen = list(pick.values())[:limit]
        if not chosen:
            return Markup("")
        items = []
        for o in chosen:
            v = num(o["value"])
            cmp_ = "".join(f'<p class="sl-card-cmp">{escape(c)}</p>' for c in self.comparisons(o))
            note = self.obs_note(o)
            exact = exact_value(v, o["unit"])
            exact_html = (
                f'<p class="sl-card-exact">{escape(exact)}</p>'
                if exact != human_value(v, o["unit"])
                else ""
            )
            name_link = a(
                rel(page_dir, f"chi-tieu/{o['indicator_id']}/"), self.ind_name(o["indicator_id"])
            )
            src_link = a(self.fig_href(page_dir, o["document_id"], o["figure_id"]), "nguồn")
            items.append(
                '<div class="sl-card">'
                f'<p class="sl-card-name">{name_link}</p>'
                f'<p class="sl-card-value"><data value="{escape(o["value"])}">'
                f"{escape(human_value(v, o['unit']))}</data></p>"
                f"{exact_html}{cmp_}"
                f'<p class="sl-card-meta">{escape(self.unit_name(o["unit_id"]))} · '
                f"{escape(period_label(o['period']))}"
                f"{' · ' + str(escape(note)) if note else ''} · "
                f"{src_link}</p>"
                "</div>"
            )
        return Markup(f'<div class="sl-cards">{"".join(items)}</div>')

    # ---------------------------------------------------------------- charts
    def _bar_rows(self, rows: Sequence[Row], label_fn, scale: float) -> list[dict[str, Any]]:
        out, seen = [], defaultdict(int)
        for o in rows:
            label = label_fn(o)
            seen[label] += 1
            if seen[label] > 1:
                label = f"{label} ({seen[label]})"
            out.append(
                {
                    "label": label,
                    "value": (num(o["value"]) or 0.0) / scale,
                    "period": period_label(o["period"]),
                }
            )
        return out

    def period_charts(
        self, page_dir: str, unit_id: str, period: str, rows: Sequence[Row], out: Outputs
    ) -> list[Markup]:
        rows = self.latest(rows)
        where = f"{self.unit_name(unit_id)}, {period_label(period)}"
        blocks: list[Markup] = []

        def lbl(o: Row) -> str:
            return self.name_with_basis(o)

        progress = [
            o
            for o in rows
            if o["unit"] == "percent"
            and (
                "_pct_" in o["indicator_id"]
                or o["indicator_id"].endswith("_pct")
                or (o.get("basis") or "").startswith(("plan", "estimate"))
                or "estimate" in (o.get("basis") or "")
            )
        ]
        if progress:
            spec = charts.hbar(
                self._bar_rows(progress, lbl, 1.0),
                value_title="%",
                description=f"Tiến độ so với kế hoạch, dự toán — {where}",
                rule_at=100.0,
            )
            blocks.append(
                self.chart(
                    out,
                    page_dir,
                    "bieu-do-tien-do",
                    spec,
                    f"Tiến độ so với kế hoạch / dự toán (%) — {where}",
                    progress,
                    {"unit": "percent", "period": period},
                )
            )
        dossiers = [
            o
            for o in rows
            if o["indicator_id"].startswith(("admin_dossiers_resolved_", "admin_dossiers_pending"))
        ]
        if dossiers:
            u = dossiers[0]["unit"]
            spec = charts.hbar(
                self._bar_rows(dossiers, lambda o: self.ind_name(o["indicator_id"]), 1.0),
                value_title=unit_label(u) or "hồ sơ",
                description=f"Tình trạng giải quyết hồ sơ — {where}",
                decimals=0,
            )
            blocks.append(
                self.chart(
                    out,
                    page_dir,
                    "bieu-do-ho-so",
                    spec,
                    f"Hồ sơ thủ tục hành chính theo tình trạng ({unit_label(u)}) — {where}",
                    dossiers,
                    {"unit": u, "period": period},
                )
            )
        grdp = [o for o in rows if o["indicator_id"].startswith("grdp_growth")]
        if grdp:
            spec = charts.hbar(
                self._bar_rows(grdp, lambda o: self.ind_name(o["indicator_id"]), 1.0),
                value_title="% so với cùng kỳ",
                description=f"Tăng trưởng GRDP theo khu vực — {where}",
            )
            blocks.append(
                self.chart(
                    out,
                    page_dir,
                    "bieu-do-grdp",
                    spec,
                    f"Tăng trưởng GRDP theo khu vực (% so với cùng kỳ) — {where}",
                    grdp,
                    {"unit": "percent", "period": period},
                )
            )
        if not blocks and rows:
            by_unit: dict[str, list[Row]] = defaultdict(list)
            for o in rows:
                by_unit[o["unit"]].append(o)
            unit, group = sorted(by_unit.items(), key=lambda kv: (-len(kv[1]), kv[0]))[0]
            group = group[:12]
            scale, title = charts.display_scale(unit, [num(o["value"]) or 0 for o in group])
            spec = charts.hbar(
                self._bar_rows(group, lbl, scale),
                value_title=title,
                description=f"Các chỉ tiêu tính bằng {title} — {where}",
            )
            blocks.append(
                self.chart(
                    out,
                    page_dir,
                    "bieu-do-chi-tieu",
                    spec,
                    f"Các chỉ tiêu ({title}) — {where}",
                    group,
                    {"unit": unit, "period": period},
                )
            )
        return blocks

    # ---------------------------------------------------------------- pages
    def build_all(self, methods_md: str | None) -> None:
        self.home()
        self.units()
        self.indicators()
        self.sectors()
        self.documents()
        self.downloads()
        if methods_md is not None:
            self.pages["phuong-phap.md"] = methods_md + self.coverage_md()
        self.make_nav(methods_md is not None)

    def home(self) -> None:
        sd, d = self.sd, ""
        blocks: list[Markup | str] = [
            Markup(
                '<p class="sl-lead">Số liệu kinh tế – xã hội trích từ báo cáo công khai của Ủy '
                "ban nhân dân tỉnh Lạng Sơn, thành phố Lạng Sơn và phường Tam Thanh. Mỗi con số "
                "dẫn về đúng câu văn trong báo cáo gốc. Ô tìm kiếm hiểu cả chữ có dấu lẫn "
                "không dấu.</p>"
            )
        ]
        prov = [u for u in sd.tables["units"] if u.get("level") == "province"]
        if prov:
            pid = prov[0]["unit_id"]
            periods = sd.unit_periods().get(pid, [])
            with_obs = [p for p in periods if sd.obs_for(pid, p)]
            if with_obs:
                p = with_obs[-1]
                blocks.append(h(2, f"Số liệu nổi bật: {self.unit_name(pid)}, {period_label(p)}"))
                blocks.append(self.cards(d, sd.obs_for(pid, p)))
                blocks.append(
                    Markup(
                        f"<p>{a(rel(d, f'don-vi/{pid}/{p}/'), 'Xem toàn bộ số liệu kỳ này →')}</p>"
                    )
                )
        blocks.append(h(2, "Báo cáo mới nhất"))
        docs = sorted(
            sd.tables["documents"],
            key=lambda x: (
                x.get("period_end") or "",
                period_key(x.get("period") or "0000"),
                x["document_id"],
            ),
            reverse=True,
        )
        items = []
        for doc in docs:
            items.append(
                f"<li>{a(rel(d, url('van-ban', doc['document_id'])), doc.get('title') or '')} — "
                f"{escape(doc.get('issuer') or '')}, "
                f"{escape(period_label(doc.get('period') or ''))}"
                f" ({escape(kind_label(doc.get('kind')))}) · "
                f"{a(rel(d, url('don-vi', doc['unit_id'], doc['period'])), 'số liệu')}</li>"
            )
        blocks.append(Markup(f'<ul class="sl-list">{"".join(items)}</ul>'))
        blocks.append(h(2, "Theo đơn vị hành chính"))
        blocks.append(self.unit_list(d))
        blocks.append(h(2, "Theo lĩnh vực"))
        blocks.append(self.sector_list(d))
        blocks.append(h(2, "Theo chỉ tiêu"))
        with_data = [
            i for i in sd.tables["indicators"] if sd.obs_by_indicator.get(i["indicator_id"])
        ]
        blocks.append(
            Markup(
                f"<p>{len(with_data)} chỉ tiêu có số liệu trên tổng số "
                f"{len(sd.tables['indicators'])} "
                f"chỉ tiêu trong danh mục. {a(rel(d, 'chi-tieu/'), 'Xem danh mục chỉ tiêu →')}</p>"
            )
        )
        blocks.append(
            Markup(
                f"<p>{a(rel(d, 'tai-ve/'), 'Tải toàn bộ dữ liệu')} · "
                f"{a(rel(d, 'phuong-phap/'), 'Phương pháp và giới hạn')}</p>"
            )
        )
        self.write("", SITE_NAME, blocks, hide_toc=True)

    def unit_list(self, d: str) -> Markup:
        """Units with data first; then the other communes and wards, in a compact list."""
        periods = self.sd.unit_periods()
        units = sorted(
            self.sd.tables["units"], key=lambda u: (u.get("valid_to") != "", u["unit_id"])
        )
        items, others = [], []
        for u in units:
            status = f" (đến {date_label(u['valid_to'])})" if u.get("valid_to") else ""
            link = a(rel(d, url("don-vi", u["unit_id"])), u["name"])
            if periods.get(u["unit_id"]):
                n = len(periods[u["unit_id"]])
                items.append(
                    f"<li>{link} — {escape(level_label(u.get('level')))}{escape(status)}; "
                    f"{n} kỳ có số liệu</li>"
                )
            else:
                others.append(f"<li>{link}</li>")
        html = f'<ul class="sl-list">{"".join(items)}</ul>'
        if others:
            html += (
                f'<details class="sl-more"><summary>{len(others)} đơn vị khác chưa có báo cáo '
                f'(xã, phường của tỉnh từ 01/7/2025)</summary><ul class="sl-list sl-cols">'
                f"{''.join(others)}</ul></details>"
            )
        return Markup(html)

    def sectors_map(self) -> dict[str, list[Row]]:
        out: dict[str, list[Row]] = defaultdict(list)
        for i in self.sd.tables["indicators"]:
            out[sector_slug(i.get("sector") or "other")].append(i)
        return dict(sorted(out.items()))

    def sector_list(self, d: str) -> Markup:
        items = []
        for slug, inds in self.sectors_map().items():
            n = sum(len(self.sd.obs_by_indicator.get(i["indicator_id"], [])) for i in inds)
            items.append(
                f"<li>{a(rel(d, f'linh-vuc/{slug}/'), sector_label(inds[0]['sector']))}"
                f" — {len(inds)} chỉ tiêu, {n} số liệu</li>"
            )
        return Markup(f'<ul class="sl-list sl-cols">{"".join(items)}</ul>')

    def units(self) -> None:
        sd = self.sd
        d = "don-vi/"
        self.write(
            d,
            "Đơn vị hành chính",
            [
                Markup(
                    "<p>Các đơn vị có báo cáo hoặc có số liệu, kể cả đơn vị đã chấm dứt hoạt "
                    "động khi sắp xếp chính quyền địa phương hai cấp (từ 01/7/2025).</p>"
                ),
                self.unit_list(d),
            ],
        )
        periods = sd.unit_periods()
        for u in sorted(sd.tables["units"], key=lambda u: u["unit_id"]):
            self.unit_page(u, periods.get(u["unit_id"], []))
            for p in periods.get(u["unit_id"], []):
                self.period_page(u, p)

    def unit_page(self, u: Row, periods: list[str]) -> None:
        sd, uid = self.sd, u["unit_id"]
        d = f"don-vi/{uid}/"
        out = Outputs()
        facts = [
            ("Cấp", level_label(u.get("level"))),
            ("Mã đơn vị hành chính", u.get("code") or "không có mã chính thức"),
        ]
        if u.get("parent_id"):
            facts.append(
                (
                    "Trực thuộc",
                    Markup(a(rel(d, f"don-vi/{u['parent_id']}/"), self.unit_name(u["parent_id"]))),
                )
            )
        if u.get("valid_from"):
            facts.append(("Hoạt động từ", date_label(u["valid_from"])))
        if u.get("valid_to"):
            facts.append(("Chấm dứt hoạt động sau", date_label(u["valid_to"])))
        lineage = []
        for src in filter(None, (u.get("formed_from") or "").split(";")):
            lineage.append(("Hình thành từ", src))
        for dst in filter(None, (u.get("merged_into") or "").split(";")):
            lineage.append(("Sáp nhập vào", dst))
        for other in sd.tables["units"]:
            if uid in (other.get("merged_into") or "").split(";") and other["unit_id"] not in (
                u.get("formed_from") or ""
            ).split(";"):
                lineage.append(("Tiếp nhận", other["unit_id"]))
        grouped: dict[str, list[str]] = {}
        for label, target in lineage:  # one row per relation, its units joined
            grouped.setdefault(label, []).append(
                a(rel(d, f"don-vi/{target}/"), self.unit_name(target))
            )
        for label, links in grouped.items():
            facts.append((label, Markup(", ".join(links))))
        if u.get("note"):
            facts.append(("Ghi chú", u["note"]))
        dl = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in facts)
        blocks: list[Markup | str] = [Markup(f'<dl class="sl-facts">{dl}</dl>')]
        blocks.append(h(2, "Các kỳ báo cáo"))
        items = []
        for p in periods:
            docs = sd.docs_for(uid, p)
            dtxt = "; ".join(
                f"{a(rel(d, url('van-ban', x['document_id'])), x.get('title') or '')}" for x in docs
            )
            items.append(
                f"<li>{a(rel(d, f'don-vi/{uid}/{p}/'), period_label(p))} — "
                f"{len(sd.obs_for(uid, p))} số liệu chỉ tiêu"
                f"{' · ' + dtxt if dtxt else ''}</li>"
            )
        blocks.append(
            Markup(
                f'<ul class="sl-list">{"".join(items)}</ul>'
                if items
                else "<p>Chưa có kỳ báo cáo nào.</p>"
            )
        )
        obs = sorted(
            sd.obs_by_unit.get(uid, []),
            key=lambda o: (o["indicator_id"], period_key(o["period"]), o["observation_id"]),
        )
        if obs:
            blocks.append(h(2, "Chỉ tiêu theo thời gian"))
            by_ind: dict[str, list[Row]] = defaultdict(list)
            for o in self.latest(obs):
                by_ind[o["indicator_id"]].append(o)
            smalls = []
            for k, (iid, rows) in enumerate(
                sorted(
                    by_ind.items(),
                    key=lambda kv: (
                        sector_slug(sd.indicators_by_id.get(kv[0], {}).get("sector", "")),
                        kv[0],
                    ),
                )
            ):
                unit = rows[0]["unit"]
                scale, title = charts.display_scale(unit, [num(o["value"]) or 0 for o in rows])
                data = []
                for o in rows:
                    b = basis_label(o.get("basis"))
                    data.append(
                        {
                            "period": period_label(o["period"]) + (f" · {b}" if b else ""),
                            "value": (num(o["value"]) or 0) / scale,
                        }
                    )
                spec = charts.period_bars(
                    data, value_title=title, description=f"{self.ind_name(iid)} theo kỳ"
                )
                smalls.append(
                    self.chart(
                        out,
                        d,
                        f"chi-tieu-{k + 1:02d}",
                        spec,
                        f"{self.ind_name(iid)} ({title})",
                        rows,
                        {"unit": unit, "unit_id": uid},
                        small=True,
                    )
                )
            blocks.append(Markup(f'<div class="sl-grid">{"".join(smalls)}</div>'))
            blocks.append(h(2, "Tất cả số liệu chỉ tiêu"))
            blocks.append(
                self.obs_table(
                    d,
                    "bang-chi-tieu",
                    f"Số liệu chỉ tiêu của {u['name']}",
                    obs,
                    out,
                    "chi-tieu.csv",
                    show_unit=False,
                )
            )
        last = sd.docs_for(uid, periods[-1]) if periods else []
        blocks.append(
            self.cite(
                "Số liệu theo đơn vị hành chính",
                last[0].get("issuer", "") if last else "",
                u["name"],
                ", ".join(period_label(p) for p in periods),
                last[0].get("signed") or last[0].get("period_end", "") if last else "",
            )
        )
        # a unit that still exists outranks the former unit of the same name in search
        self.write(d, u["name"], blocks, out, boost=2 if u.get("valid_to") else 3)

    def period_page(self, u: Row, period: str) -> None:
        sd, uid = self.sd, u["unit_id"]
        d = f"don-vi/{uid}/{period}/"
        out = Outputs()
        docs = sd.docs_for(uid, period)
        obs = sorted(
            sd.obs_for(uid, period), key=lambda o: (o["indicator_id"], o["observation_id"])
        )
        title = f"{u['name']} — {period_label(period)}"
        blocks: list[Markup | str] = []
        if docs:
            items = "".join(
                f"<li>{a(rel(d, url('van-ban', x['document_id'])), x.get('title') or '')} "
                f"({escape(kind_label(x.get('kind')))}; {escape(x.get('issuer') or '')}"
                f"{'; ký ngày ' + date_label(x['signed']) if x.get('signed') else ''})</li>"
                for x in docs
            )
            blocks.append(Markup(f'<p>Nguồn:</p><ul class="sl-list">{items}</ul>'))
        else:
            blocks.append(
                Markup(
                    "<p>Số liệu của kỳ này được trích từ báo cáo của đơn vị khác "
                    "(xem cột Nguồn).</p>"
                )
            )
        if obs:
            blocks.append(h(2, "Số liệu chính", "so-lieu-chinh"))
            blocks.append(self.cards(d, obs))
            chart_blocks = self.period_charts(d, uid, period, obs, out)
            if chart_blocks:
                blocks.append(h(2, "Biểu đồ", "bieu-do"))
                blocks.extend(chart_blocks)
            by_sector: dict[str, list[Row]] = defaultdict(list)
            for o in obs:
                sec = sd.indicators_by_id.get(o["indicator_id"], {}).get("sector") or "other"
                by_sector[sec].append(o)
            blocks.append(h(2, "Theo lĩnh vực", "theo-linh-vuc"))
            for sec in sorted(by_sector, key=sector_slug):
                slug = sector_slug(sec)
                blocks.append(h(3, sector_label(sec), f"lv-{slug}"))
                blocks.append(
                    self.obs_table(
                        d,
                        f"bang-{slug}",
                        f"{sector_label(sec)} — {u['name']}, {period_label(period)}",
                        by_sector[sec],
                        out,
                        f"{slug}.csv",
                        show_unit=False,
                    )
                )
        elif not any(sd.figures_by_doc.get(x["document_id"]) for x in docs):
            pass
        else:
            blocks.append(
                Markup(
                    "<p>Chưa có chỉ tiêu nào được trích cho kỳ này; danh sách "
                    "các con số trong văn bản ở bên dưới.</p>"
                )
            )
        for x in docs:
            if x.get("kind") == "work_programme" or not sd.figures_by_doc.get(x["document_id"]):
                blocks.extend(self.tasks(d, x))
        checks = [c for x in docs for c in sd.checks_by_doc.get(x["document_id"], [])]
        if checks:
            blocks.append(h(2, "Kiểm tra số học", "kiem-tra"))
            blocks.append(
                Markup(
                    "<p>Các phép tính báo cáo tự nêu (tỷ lệ, tỷ trọng, tổng các phần) được tính "
                    "lại. <strong>Không khớp</strong> nghĩa là con số trong báo cáo khác kết quả "
                    "tính lại; chúng tôi công bố nguyên trạng, không sửa.</p>"
                )
            )
            blocks.append(self.checks_table(d, checks, out))
        figs = [f for x in docs for f in sd.figures_by_doc.get(x["document_id"], [])]
        if figs:
            blocks.append(h(2, "Tất cả con số trong văn bản", "tat-ca-so-lieu"))
            blocks.append(
                self.figures_table(
                    d,
                    figs,
                    out,
                    f"Các con số trích từ văn bản — {u['name']}, {period_label(period)}",
                )
            )
        src = docs[0] if docs else {}
        blocks.append(
            self.cite(
                src.get("title", ""),
                src.get("issuer", ""),
                u["name"],
                period_label(period),
                src.get("signed") or src.get("period_end", ""),
            )
        )
        self.write(d, title, blocks, out, boost=1.5)

    def tasks(self, d: str, doc: Row) -> list[Markup]:
        """A work programme: its tasks (paragraphs) grouped under its section headings."""
        ing = self.sd.ingest.get(doc["document_id"])
        if not ing:
            return []
        out: list[Markup] = [h(2, "Nhiệm vụ theo lĩnh vực", "nhiem-vu")]
        out.append(
            Markup(
                f"<p>{escape(kind_label(doc.get('kind')))}: văn bản nêu nhiệm vụ, "
                "không nêu số liệu kết quả. Mỗi nhiệm vụ dẫn về đoạn văn gốc.</p>"
            )
        )
        items: list[str] = []
        n = 0

        def flush() -> None:
            if items:
                out.append(Markup(f'<ul class="sl-tasks">{"".join(items)}</ul>'))
                items.clear()

        for b in ing.blocks:
            txt = ing.text[b.start : b.end]
            if b.kind == "heading" and (b.level or 1) <= 3:
                flush()
                n += 1
                out.append(h(min(6, 2 + (b.level or 1)), txt, f"nv-{n}"))
            elif b.kind == "paragraph":
                short = " ".join(txt.split())
                href = rel(d, f"van-ban/{doc['document_id']}/#b-{b.index}")
                items.append(
                    f'<li>{escape(short)} <a href="{escape(href)}" class="sl-src" '
                    f'aria-label="Đoạn gốc trong văn bản">↗</a></li>'
                )
        flush()
        return out

    def checks_table(self, d: str, checks: Sequence[Row], out: Outputs) -> Markup:
        def quote_link(c: Row) -> Markup:
            fids = [f for f in (c.get("figure_ids") or "").split(";") if f]
            q = escape(c.get("quote") or "")
            if fids:
                return Markup(f"{q} {a(self.fig_href(d, c['document_id'], fids[0]), '↗')}")
            return Markup(q)

        cols = [
            Column(
                "Kết quả",
                lambda c: Markup(
                    f'<span class="sl-verdict sl-verdict--{escape(c["verdict"])}">'
                    f"{escape(verdict_label(c['verdict']))}</span>"
                ),
                sort=lambda c: c["verdict"],
            ),
            Column("Loại", lambda c: check_kind_label(c.get("kind"))),
            Column("Phép tính", lambda c: c.get("claim") or ""),
            Column("Báo cáo ghi", lambda c: fmt_num(num(c.get("stated"))), numeric=True),
            Column(
                "Tính lại",
                lambda c: (
                    fmt_num(num(c.get("computed")), None)
                    if num(c.get("computed")) is None
                    else fmt_num(round(num(c["computed"]), 4))
                ),
                numeric=True,
            ),
            Column("Câu trích", quote_link),
            Column("Ghi chú", lambda c: c.get("note") or ""),
        ]
        order = {"fail": 0, "cannot_check": 1, "pass": 2}
        rows = sorted(checks, key=lambda c: (order.get(c["verdict"], 3), c["check_id"]))
        return data_table(
            table_id="bang-kiem-tra",
            caption="Kiểm tra số học",
            rows=rows,
            columns=cols,
            csv_name="kiem-tra.csv",
            csv_fields=self.sd.fields["checks"],
            id_field="check_id",
            out=out,
        )

    def figures_table(self, d: str, figs: Sequence[Row], out: Outputs, caption: str) -> Markup:
        def ind_cell(f: Row) -> Markup:
            obs = self.sd.obs_by_figure.get(f["figure_id"], [])
            return Markup(
                ", ".join(
                    a(rel(d, f"chi-tieu/{o['indicator_id']}/"), self.ind_name(o["indicator_id"]))
                    for o in obs
                )
            )

        kinds = {
            "level": "mức",
            "percent": "phần trăm",
            "change": "thay đổi",
            "pp": "điểm %",
            "ratio": "tỷ lệ",
            "range": "khoảng",
            "fraction": "phân số",
            "rank": "thứ hạng",
        }
        cols = [
            Column(
                "Như văn bản ghi",
                lambda f: Markup(a(self.fig_href(d, f["document_id"], f["figure_id"]), f["text"])),
                sort=lambda f: f"{int(f.get('start') or 0):09d}",
            ),
            Column(
                "Giá trị chuẩn hóa",
                lambda f: (
                    exact_value(num(f["value"]), f["unit"])
                    + (f" – {fmt_num(num(f['value_max']))}" if f.get("value_max") else "")
                ),
                sort=lambda f: num(f["value"]) or 0.0,
                numeric=True,
            ),
            Column(
                "Loại",
                lambda f: kinds.get(f.get("kind") or "", f.get("kind") or ""),
                sort=lambda f: f.get("kind") or "",
            ),
            Column("So với", lambda f: basis_label(f.get("basis"))),
            Column("Chỉ tiêu", ind_cell),
            Column(
                "Mục",
                lambda f: (
                    ("chú thích " + f["footnote"]) if f.get("footnote") else f.get("section") or ""
                ),
                sort=lambda f: f.get("section") or "",
            ),
        ]
        return data_table(
            table_id="bang-con-so",
            caption=caption,
            rows=figs,
            columns=cols,
            csv_name="con-so.csv",
            csv_fields=self.sd.fields["figures"],
            id_field="figure_id",
            out=out,
            filterable=True,
            search_exclude=True,
        )

    def indicators(self) -> None:
        sd = self.sd
        d = "chi-tieu/"
        out = Outputs()
        cols = [
            Column(
                "Chỉ tiêu",
                lambda i: Markup(a(rel(d, f"chi-tieu/{i['indicator_id']}/"), i["name_vi"])),
                sort=lambda i: i["name_vi"],
            ),
            Column(
                "Lĩnh vực",
                lambda i: sector_label(i.get("sector") or ""),
                sort=lambda i: sector_label(i.get("sector") or ""),
            ),
            Column("Đơn vị tính", lambda i: unit_label(i.get("unit") or "")),
            Column(
                "Số liệu",
                lambda i: str(len(sd.obs_by_indicator.get(i["indicator_id"], []))),
                sort=lambda i: len(sd.obs_by_indicator.get(i["indicator_id"], [])),
                numeric=True,
            ),
        ]
        rows = sorted(
            sd.tables["indicators"],
            key=lambda i: (sector_slug(i.get("sector") or ""), i["indicator_id"]),
        )
        self.write(
            d,
            "Danh mục chỉ tiêu",
            [
                Markup(
                    "<p>Mỗi chỉ tiêu có định nghĩa, đơn vị tính và mọi số liệu trích được, "
                    "kèm câu gốc trong báo cáo.</p>"
                ),
                data_table(
                    table_id="bang-danh-muc",
                    caption="Danh mục chỉ tiêu",
                    rows=rows,
                    columns=cols,
                    csv_name="chi-tieu.csv",
                    csv_fields=sd.fields["indicators"],
                    id_field="indicator_id",
                    out=out,
                    filterable=True,
                ),
            ],
            out,
        )
        for i in rows:
            self.indicator_page(i)

    def indicator_page(self, i: Row) -> None:
        sd, iid = self.sd, i["indicator_id"]
        d = f"chi-tieu/{iid}/"
        out = Outputs()
        facts = [
            ("Mã", iid),
            ("Tên tiếng Anh", i.get("name_en") or ""),
            ("Đơn vị tính", unit_label(i.get("unit") or "")),
            (
                "Lĩnh vực",
                Markup(
                    a(
                        rel(d, f"linh-vuc/{sector_slug(i.get('sector') or '')}/"),
                        sector_label(i.get("sector") or ""),
                    )
                ),
            ),
            ("Định nghĩa", i.get("definition") or ""),
            ("Loại số liệu", measure_label(i.get("measure"))),
            ("Kỳ tính", temporal_label(i.get("temporal"))),
        ]
        if i.get("comparability"):
            facts.append(("Lưu ý khi so sánh", i["comparability"]))
        dl = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in facts if v)
        blocks: list[Markup | str] = [Markup(f'<dl class="sl-facts">{dl}</dl>')]
        obs = sorted(
            sd.obs_by_indicator.get(iid, []),
            key=lambda o: (
                period_key(o["period"]),
                o["unit_id"],
                o.get("basis") or "",
                o["observation_id"],
            ),
        )
        if obs:
            latest = self.latest(obs)
            unit = latest[0]["unit"] if latest else obs[0]["unit"]
            scale, title = charts.display_scale(unit, [num(o["value"]) or 0 for o in latest])
            rows = self._bar_rows(
                latest,
                lambda o: (
                    f"{self.unit_name(o['unit_id'])} · "
                    f"{period_label(o['period'])}"
                    + (f" · {basis_label(o['basis'])}" if o.get("basis") else "")
                ),
                scale,
            )
            for r, o in zip(rows, latest, strict=True):
                r["unit"] = self.unit_name(o["unit_id"])
            spec = charts.hbar(
                rows,
                value_title=title,
                color="unit",
                color_title="Đơn vị hành chính",
                description=f"{i['name_vi']} theo đơn vị và kỳ",
                rule_at=100.0 if iid.endswith(("_pct_plan", "_pct_estimate")) else None,
            )
            blocks.append(h(2, "So sánh giữa các đơn vị", "so-sanh"))
            blocks.append(
                self.chart(
                    out,
                    d,
                    "bieu-do-so-sanh",
                    spec,
                    f"{i['name_vi']} ({title}) theo đơn vị và kỳ",
                    latest,
                    {"unit": unit},
                )
            )
            blocks.append(h(2, "Mọi số liệu và câu gốc", "so-lieu"))
            blocks.append(
                self.obs_table(
                    d,
                    "bang-so-lieu",
                    f"{i['name_vi']} — mọi số liệu",
                    obs,
                    out,
                    "so-lieu.csv",
                    show_ind=False,
                    quotes=True,
                )
            )
        else:
            blocks.append(
                Markup("<p>Chưa có số liệu nào cho chỉ tiêu này trong các báo cáo hiện có.</p>")
            )
        src = [sd.docs_by_id[o["document_id"]] for o in obs if o["document_id"] in sd.docs_by_id]
        blocks.append(
            self.cite(
                i["name_vi"],
                "; ".join(sorted({s.get("issuer", "") for s in src})),
                ", ".join(sorted({self.unit_name(o["unit_id"]) for o in obs})) or "—",
                ", ".join(
                    period_label(p) for p in sorted({o["period"] for o in obs}, key=period_key)
                )
                or "—",
                max((s.get("signed") or s.get("period_end") or "" for s in src), default=""),
            )
        )
        self.write(d, i["name_vi"], blocks, out, boost=3)

    def sectors(self) -> None:
        sd = self.sd
        self.write("linh-vuc/", "Lĩnh vực", [self.sector_list("linh-vuc/")])
        for slug, inds in self.sectors_map().items():
            d = f"linh-vuc/{slug}/"
            out = Outputs()
            name = sector_label(inds[0]["sector"])
            blocks: list[Markup | str] = []
            desc = sector_description(inds[0]["sector"])
            if desc:
                blocks.append(Markup(f"<p>{escape(desc)}.</p>"))
            obs = sorted(
                (
                    o
                    for i in inds
                    for o in self.latest(sd.obs_by_indicator.get(i["indicator_id"], []))
                ),
                key=lambda o: (
                    o["indicator_id"],
                    o["unit_id"],
                    period_key(o["period"]),
                    o["observation_id"],
                ),
            )
            items = "".join(
                f"<li>{a(rel(d, url('chi-tieu', i['indicator_id'])), i['name_vi'])} "
                f"({len(sd.obs_by_indicator.get(i['indicator_id'], []))} số liệu)</li>"
                for i in sorted(inds, key=lambda i: i["indicator_id"])
            )
            blocks.append(h(2, "Chỉ tiêu"))
            blocks.append(Markup(f'<ul class="sl-list sl-cols">{items}</ul>'))
            if obs:
                blocks.append(h(2, "Số liệu mới nhất"))
                blocks.append(
                    self.obs_table(d, "bang-linh-vuc", f"{name} — số liệu", obs, out, "so-lieu.csv")
                )
            self.write(d, name, blocks, out, boost=2)

    def documents(self) -> None:
        from .document import document_body

        sd = self.sd
        d = "van-ban/"
        items = "".join(
            f"<li>{a(rel(d, url('van-ban', x['document_id'])), x.get('title') or '')} — "
            f"{escape(x.get('issuer') or '')}, {escape(period_label(x.get('period') or ''))}</li>"
            for x in sorted(sd.tables["documents"], key=lambda x: x["document_id"])
        )
        self.write(d, "Văn bản nguồn", [Markup(f'<ul class="sl-list">{items}</ul>')])
        for x in sorted(sd.tables["documents"], key=lambda x: x["document_id"]):
            dd = f"van-ban/{x['document_id']}/"
            facts = [
                ("Cơ quan ban hành", x.get("issuer") or ""),
                (
                    "Đơn vị",
                    Markup(a(rel(dd, f"don-vi/{x['unit_id']}/"), self.unit_name(x["unit_id"]))),
                ),
                (
                    "Kỳ báo cáo",
                    Markup(
                        a(
                            rel(dd, f"don-vi/{x['unit_id']}/{x['period']}/"),
                            period_label(x.get("period") or ""),
                        )
                    ),
                ),
                ("Loại văn bản", kind_label(x.get("kind"))),
                ("Ngày ký", date_label(x.get("signed")) or "không ghi trong văn bản"),
                (
                    "Giấy phép",
                    labels()
                    .get("licences", {})
                    .get(x.get("licence") or "", x.get("licence") or ""),
                ),
                ("Tệp gốc", x.get("file") or ""),
                ("SHA-256", Markup(f"<code>{escape(x.get('sha256') or '')}</code>")),
                (
                    "Con số / chỉ tiêu / kiểm tra",
                    f"{x.get('n_figures', '')} / {x.get('n_observations', '')} / "
                    f"{x.get('n_checks', '')}",
                ),
            ]
            dl = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in facts if v)
            blocks: list[Markup | str] = [Markup(f'<dl class="sl-facts">{dl}</dl>')]
            blocks.append(
                Markup(
                    '<p class="sl-note">Các con số được tô màu; di chuột hoặc dùng phím Tab để xem '
                    "giá trị đã chuẩn hóa, đơn vị và chỉ tiêu.</p>"
                )
            )
            blocks.append(
                self.cite(
                    x.get("title") or "",
                    x.get("issuer") or "",
                    self.unit_name(x["unit_id"]),
                    period_label(x.get("period") or ""),
                    x.get("signed") or x.get("period_end") or "",
                )
            )
            ing = sd.ingest.get(x["document_id"])
            if ing:
                blocks.append(h(2, "Nội dung văn bản", "noi-dung"))
                blocks.extend(document_body(self, dd, x["document_id"], ing))
            else:
                blocks.append(Markup("<p>Chưa có văn bản đã chuẩn hóa cho tài liệu này.</p>"))
            self.write(dd, x.get("title") or x["document_id"], blocks, boost=0.5)

    def downloads(self) -> None:
        from .downloads import downloads_page

        downloads_page(self)

    def coverage_md(self) -> str:
        sd = self.sd
        lines = [
            "",
            "",
            "## Phạm vi dữ liệu hiện có {#pham-vi}",
            "",
            "| Văn bản | Đơn vị | Kỳ | Con số | Chỉ tiêu | Kiểm tra |",
            "| --- | --- | --- | ---: | ---: | ---: |",
        ]
        for x in sorted(sd.tables["documents"], key=lambda x: x["document_id"]):
            lines.append(
                f"| {md_escape(x.get('title') or '')} | {md_escape(self.unit_name(x['unit_id']))}"
                f" | {md_escape(period_label(x.get('period') or ''))} | "
                f"{fmt_num(num(x.get('n_figures')))} | {fmt_num(num(x.get('n_observations')))} | "
                f"{fmt_num(num(x.get('n_checks')))} |"
            )
        verdicts = defaultdict(int)
        for c in sd.tables["checks"]:
            verdicts[c["verdict"]] += 1
        lines += [
            "",
            f"Tổng cộng {fmt_num(len(sd.tables['figures']))} con số, "
            f"{fmt_num(len(sd.tables['observations']))} số liệu chỉ tiêu, "
            f"{fmt_num(len(sd.tables['indicators']))} chỉ tiêu trong danh mục; kiểm tra "
            "số học: "
            + ", ".join(f"{verdict_label(k)} {v}" for k, v in sorted(verdicts.items()))
            + ".",
            "",
        ]
        return "\n".join(lines)

    def make_nav(self, methods: bool) -> None:
        sd = self.sd
        periods = sd.unit_periods()
        units = []
        for u in sorted(sd.tables["units"], key=lambda u: (u.get("valid_to") != "", u["unit_id"])):
            uid = u["unit_id"]
            if not periods.get(uid):
                continue  # units without reports are listed on the "Đơn vị" page only
            units.append(
                {
                    safe_title(u["name"]): [f"don-vi/{uid}/index.md"]
                    + [
                        {safe_title(period_label(p)): f"don-vi/{uid}/{p}/index.md"}
                        for p in periods.get(uid, [])
                    ]
                }
            )
        inds = [
            {safe_title(i["name_vi"]): f"chi-tieu/{i['indicator_id']}/index.md"}
            for i in sorted(sd.tables["indicators"], key=lambda i: i["indicator_id"])
        ]
        secs = [
            {safe_title(sector_label(v[0]["sector"])): f"linh-vuc/{k}/index.md"}
            for k, v in self.sectors_map().items()
        ]
        docs = [
            {
                safe_title(
                    f"{self.unit_name(x['unit_id'])} — "
                    f"{period_label(x.get('period') or '')} "
                    f"({kind_label(x.get('kind')).lower()})"
                ): f"van-ban/{x['document_id']}/index.md"
            }
            for x in sorted(sd.tables["documents"], key=lambda x: x["document_id"])
        ]
        self.nav = [
            {"Trang chủ": "index.md"},
            {"Đơn vị": ["don-vi/index.md", *units]},
            {"Chỉ tiêu": ["chi-tieu/index.md", *inds]},
            {"Lĩnh vực": ["linh-vuc/index.md", *secs]},
            {"Văn bản": ["van-ban/index.md", *docs]},
            {"Tải về": "tai-ve/index.md"},
        ]
        if methods:
            self.nav.append({"Phương pháp": "phuong-phap.md"})
