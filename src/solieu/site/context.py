"""What every page module shares: the site data, name lookups and the collected outputs.

Why one object: page modules are independent of each other (no page imports another); they
only need this context, the blocks of ``blocks.py`` and their own template.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from solieu import vi_format
from solieu.settings import SiteSettings

from . import csp
from .data import Row, SiteData, is_true, num
from .labels import basis_label, date_label, labels, period_label, qualifier_label
from .render import render, split_fragments
from .spans import span_kind, span_label
from .tables import Outputs, csv_text, data_table
from .urls import anchor_id, rel


@dataclass
class Search:
    """One page's record in the site's search index (``docs/hooks/search_index.py``).

    Why records and not the pages: the theme's search plugin would index every table cell of
    every page (112 MB at 1,000 reports); a reader looks for a place and a topic, which the
    title and a few key terms name. ``boost`` ranks pages with data above pages without.
    """

    teaser: str
    terms: list[str] = field(default_factory=list)
    boost: float = 1.0


class Context:
    """Pages (Markdown text), their fragments, side files and search records of one build."""

    def __init__(self, sd: SiteData, settings: SiteSettings | None = None):
        self.sd = sd
        # name, description, home text, url: from the corpus and solieu.yaml (solieu.settings)
        self.settings = settings or SiteSettings(name="Số liệu", home_text="", description="")
        self.pages: dict[str, str] = {}
        self.fragments: dict[str, dict[str, str]] = {}
        self.files: dict[str, str] = {}
        self.binaries: dict[str, bytes] = {}
        self.copies: dict[str, Path] = {}  # site path → a file copied as it is (the package)
        self.search: list[dict[str, Any]] = []
        self.nav: list[Any] = []
        self._span: dict[str, str] = {}
        self.csp = csp.policy()  # of the pages the site writes itself (no inline script)

    # ------------------------------------------------------------------ output
    def write(
        self,
        page_dir: str,
        template: str,
        *,
        title: str,
        out: Outputs | None = None,
        search: Search | None = None,
        hide_toc: bool = False,
        **data: Any,
    ) -> None:
        """Render ``template`` as ``<page_dir>index.md``; its side files go next to it."""
        md_path = f"{page_dir}index.md" if page_dir else "index.md"
        text = render(
            template,
            title=title,
            hide_toc=hide_toc,
            site=self.settings,
            page_url=self.url(page_dir),
            **data,
        )
        self.pages[md_path], frags = split_fragments(text)
        if frags:
            self.fragments[md_path] = frags
        if out:
            for relpath, content in out.files.items():
                self.files[f"{page_dir}{relpath}"] = content
        if search is not None:
            self.add_search(page_dir, title, search)

    def add_search(self, location: str, title: str, s: Search) -> None:
        terms = list(dict.fromkeys(t for t in s.terms if t))
        self.search.append(
            {
                "location": location,
                "title": title,
                "text": s.teaser,
                "terms": terms,
                "boost": s.boost,
            }
        )

    def url(self, page_dir: str) -> str:
        """The page's address when the site's URL is known (canonical, citations), else ""."""
        base = (self.settings.url or "").rstrip("/")
        return f"{base}/{page_dir}" if base else ""

    # ------------------------------------------------------------------ names
    def unit_name(self, unit_id: str) -> str:
        u = self.sd.units_by_id.get(unit_id)
        return u["name"] if u and u.get("name") else unit_id

    def ind_name(self, indicator_id: str) -> str:
        i = self.sd.indicators_by_id.get(indicator_id)
        return i["name_vi"] if i and i.get("name_vi") else indicator_id

    def fig_href(self, page_dir: str, document_id: str, figure_id: str) -> str:
        return rel(page_dir, f"van-ban/{document_id}/#{anchor_id(figure_id)}")

    def value_href(self, page_dir: str, o: Row) -> str:
        """The permalink of a value: its row on its unit × period page."""
        return rel(page_dir, f"don-vi/{o['unit_id']}/{o['period']}/#{value_anchor(o)}")

    def table(self, resource: str, **kw: Any) -> dict[str, Any]:
        """A table of rows of a data package resource; its "Tải CSV" has that resource's
        columns with Vietnamese names beside the codes (and Table Schema types, so numbers are
        told from formulas)."""
        return data_table(
            id_field=resource.removesuffix("s") + "_id",  # "checks" → "check_id"
            csv_fields=self.sd.fields[resource],
            csv_types=self.sd.types.get(resource, {}),
            names=self.csv_names,
            **kw,
        )

    def csv(self, resource: str, rows: list[Row]) -> str:
        """A CSV of rows of a resource, for Excel and code (``tables.csv_text``)."""
        return csv_text(
            self.sd.fields[resource], rows, self.sd.types.get(resource, {}), self.csv_names
        )

    def csv_names(self, field_name: str, row: Row) -> tuple[str, str] | None:
        """The Vietnamese name column written after a code column of a per-table CSV."""
        v = row.get(field_name) or ""
        named = {
            "indicator_id": ("indicator_name_vi", self.ind_name),
            "unit_id": ("unit_name", self.unit_name),
            "parent_id": ("parent_name", self.unit_name),
            "period": ("period_label_vi", period_label),
            "basis": ("basis_label_vi", basis_label),
            "qualifier": ("qualifier_label_vi", qualifier_label),
            "document_id": (
                "document_title",
                lambda d: self.sd.docs_by_id.get(d, {}).get("title") or "",
            ),
        }
        if field_name == "unit":
            label = self.noun(row) if "observation_id" in row else vi_format.unit_label(v)
            return "unit_label_vi", label
        if field_name in named:
            col, fn = named[field_name]
            return col, fn(v) if v else ""
        return None

    # ------------------------------------------------------------------ observations
    @staticmethod
    def latest(rows: Iterable[Row]) -> list[Row]:
        return [r for r in rows if r.get("is_latest") not in ("false", "False", "0")]

    def span(self, o: Row) -> str:
        """The kind of span the value covers (``spans.span_kind``), once per observation."""
        key = o.get("observation_id") or id(o)
        if key not in self._span:
            measure = self.sd.indicators_by_id.get(o["indicator_id"], {}).get("measure", "")
            self._span[key] = span_kind(o, measure or "")
        return self._span[key]

    def span_text(self, o: Row) -> str:
        return span_label(o, self.span(o), period_label(o["period"]))

    def noun(self, o: Row) -> str:
        """The unit word of a count as the report writes it ("ca", "đơn"), else the label."""
        if vi_format.is_count(o.get("unit")):
            f = self.sd.figures_by_id.get(o.get("figure_id") or "")
            if f and f.get("unit") and vi_format.is_count(f["unit"]):
                text = f.get("unit_text") or ""
                if text and text.upper() == text and any(c.isalpha() for c in text):
                    return text  # an abbreviation (GCNQSD) as written
                return f["unit"]
        return vi_format.unit_label(o.get("unit"))

    def human(self, o: Row) -> str:
        return vi_format.human(num(o["value"]), o["unit"], self.noun(o))

    def exact(self, o: Row) -> str:
        return vi_format.exact(num(o["value"]), o["unit"], self.noun(o))

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
        if o.get("as_of") and o["as_of"] != o.get("period_end"):
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
            gap = gap_text(f, g, text_end)
            if gap is None or len(gap) > 60 or any(c in gap for c in ";.:") or len(out) >= 2:
                break
            if g.get("kind") == "level" or not g.get("basis"):
                break
            verb = {"increase": "tăng", "decrease": "giảm"}.get(g.get("direction") or "", "")
            if not verb:
                verb = "bằng" if g.get("kind") == "ratio" else "đạt"
            out.append(
                f"{verb} {vi_format.human(num(g['value']), g['unit'])} "
                f"{basis_label(g.get('basis'))}".strip()
            )
            text_end = int(g["end"])
        return out


def gap_text(f: Row, g: Row, start: int) -> str | None:
    """The report text from offset ``start`` to figure ``g``, both in ``f``'s sentence.

    Read from the sentence the package keeps (no report text is loaded): ``f`` is placed in
    it where ``g`` then stands at its own distance, so a number written twice is not confused.
    """
    sentence, text = f.get("sentence") or "", f.get("text") or ""
    fs, gs = int(f["start"]), int(g["start"])
    p = sentence.find(text) if text else -1
    while p != -1:
        if sentence.startswith(g.get("text") or "", p + gs - fs):
            lo, hi = start - fs + p, gs - fs + p
            return sentence[lo:hi] if 0 <= lo <= hi <= len(sentence) else None
        p = sentence.find(text, p + 1)
    return None


def value_anchor(o: Row) -> str:
    """The anchor of a value on its unit × period page (stable: from its id)."""
    return "v-" + hashlib.sha1(o["observation_id"].encode("utf-8")).hexdigest()[:10]


def is_estimate(o: Row) -> bool:
    return is_true(o.get("estimate"))
