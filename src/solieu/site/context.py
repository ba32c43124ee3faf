"""What every page module shares: the site data, name lookups and the collected outputs.

Why one object: page modules are independent of each other (no page imports another); they
only need this context, the blocks of ``blocks.py`` and their own template.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from solieu.settings import SiteSettings

from .data import Row, SiteData, num
from .fmt import human_value
from .labels import basis_label, date_label, labels, qualifier_label
from .render import render
from .tables import Outputs, data_table
from .urls import anchor_id, rel


class Context:
    """Pages (Markdown text) and side files (CSV, JSON, binaries) collected for one build."""

    def __init__(self, sd: SiteData, settings: SiteSettings | None = None):
        self.sd = sd
        # name, description, home text, url: from the corpus and solieu.yaml (solieu.settings)
        self.settings = settings or SiteSettings(name="Số liệu", home_text="", description="")
        self.pages: dict[str, str] = {}
        self.files: dict[str, str] = {}
        self.binaries: dict[str, bytes] = {}
        self.nav: list[Any] = []

    # ------------------------------------------------------------------ output
    def write(
        self,
        page_dir: str,
        template: str,
        *,
        title: str,
        out: Outputs | None = None,
        boost: float | None = None,
        hide_toc: bool = False,
        **data: Any,
    ) -> None:
        """Render ``template`` as ``<page_dir>index.md``; its side files go next to it."""
        md_path = f"{page_dir}index.md" if page_dir else "index.md"
        self.pages[md_path] = render(
            template, title=title, boost=boost, hide_toc=hide_toc, site=self.settings, **data
        )
        if out:
            for relpath, content in out.files.items():
                self.files[f"{page_dir}{relpath}"] = content

    # ------------------------------------------------------------------ names
    def unit_name(self, unit_id: str) -> str:
        u = self.sd.units_by_id.get(unit_id)
        return u["name"] if u and u.get("name") else unit_id

    def ind_name(self, indicator_id: str) -> str:
        i = self.sd.indicators_by_id.get(indicator_id)
        return i["name_vi"] if i and i.get("name_vi") else indicator_id

    def fig_href(self, page_dir: str, document_id: str, figure_id: str) -> str:
        return rel(page_dir, f"van-ban/{document_id}/#{anchor_id(figure_id)}")

    def table(self, resource: str, **kw: Any) -> dict[str, Any]:
        """A table of rows of a data package resource; its "Tải CSV" has that resource's
        columns (and Table Schema types, so numbers are told from formulas)."""
        return data_table(
            id_field=resource.removesuffix("s") + "_id",  # "checks" → "check_id"
            csv_fields=self.sd.fields[resource],
            csv_types=self.sd.types.get(resource, {}),
            **kw,
        )

    # ------------------------------------------------------------------ observations
    @staticmethod
    def latest(rows: Iterable[Row]) -> list[Row]:
        return [r for r in rows if r.get("is_latest") not in ("false", "False", "0")]

    def name_with_basis(self, o: Row) -> str:
        """Indicator name plus its basis, without saying "so với" twice."""
        name = self.ind_name(o["indicator_id"])
        b = basis_label(o.get("basis"))
        if not b or b.lower() in name.lower():
            return name
        if "so với" in name.lower():
            b = b.removeprefix("so với ")
        return f"{name} — {b}"

    @staticmethod
    def obs_note(o: Row) -> str:
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
