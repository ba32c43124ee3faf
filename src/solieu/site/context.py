"""What every page module shares: the site data, name lookups and the collected outputs.

Why one object: page modules are independent of each other (no page imports another); they
only need this context, the blocks of ``blocks.py`` and their own template.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
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


@lru_cache(maxsize=1)
def code_version() -> str:
    """Hash of what turns data into pages: the site's code, templates and wording."""
    from solieu.paths import DATA_DIR

    h = hashlib.sha1()
    here = Path(__file__).parent
    files = [p for p in sorted(here.rglob("*")) if p.suffix in (".py", ".j2", ".yaml")]
    files += [here.parent / "vi_format.py", DATA_DIR / "vi" / "format.yaml"]
    for p in files:
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()


_CODE = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")


def digest(*parts: object) -> str:
    """A key of a page's inputs: rows (dicts of strings), lists of them, strings."""
    h = hashlib.sha1(code_version().encode())
    for part in parts:
        rows = part if isinstance(part, list | tuple) else [part]
        for r in rows:
            if isinstance(r, dict):
                h.update("\x1f".join(f"{k}\x1e{v}" for k, v in r.items()).encode("utf-8"))
            else:
                h.update(str(r).encode("utf-8"))
            h.update(b"\x1d")
        h.update(b"\x1c")
    return h.hexdigest()


class PageCache:
    """What an earlier build made, by the key of its inputs (``build/site-cache``): bytes
    that are slow to make (gzipped parts, workbooks) and the facts pages take from a
    report's figures (`Context._facts`). Pages themselves are left in place instead
    (`PageManifest`).

    Why: when a report is added, the other thousand reports' inputs are the same; taking
    their results from here gives the same bytes (the key covers the code too) in a fraction
    of the time.
    """

    def __init__(self, directory: Path | None):
        self.directory = directory
        self.used: set[Path] = set()

    def _path(self, kind: str, name: str) -> Path | None:
        if self.directory is None:
            return None
        return self.directory / kind / f"{name.replace('/', '~')}.json"

    def get(self, kind: str, name: str, key: str) -> dict[str, Any] | None:
        path = self._path(kind, name)
        if path is None or not path.is_file():
            return None
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if data.get("key") != key:
            return None
        self.used.add(path)
        return data["outputs"]

    def put(self, kind: str, name: str, key: str, outputs: dict[str, Any]) -> None:
        path = self._path(kind, name)
        if path is None:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps({"key": key, "outputs": outputs}, ensure_ascii=False), "utf-8")
        os.replace(tmp, path)
        self.used.add(path)

    def prune(self) -> None:
        """Forget pages this build did not make (reports removed, pages renamed)."""
        if self.directory is None or not self.directory.is_dir():
            return
        for path in self.directory.rglob("*"):
            if path.is_file() and path not in self.used:
                path.unlink()


class PageManifest:
    """Which generated files (pages, side files, HTML fragments) the last finished build left
    in place, with the key of the inputs each group of them was made from.

    Why: after one report is added, thousands of pages have the same key as before and their
    files are already written; they are then neither made, read nor compared again. The
    manifest is removed before any file is written and saved after all are (`begin_writing`,
    `save`), and it remembers each file's size and time: a build stopped halfway, or a file
    changed or removed by hand, makes those pages again.
    """

    def __init__(self, path: Path | None, docs: Path, fragments: Path):
        self.path, self.docs, self.fragments = path, docs, fragments
        self.previous: dict[str, Any] = {}
        if path is not None and path.is_file():
            try:
                self.previous = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                self.previous = {}
        self.current: dict[str, Any] = {}

    def _paths(self, entry: dict[str, Any]) -> Iterator[tuple[Path, list[int] | None]]:
        for name, stat in entry["files"]:
            yield self.docs / name, stat
        for md, stat in entry["fragments"]:
            yield self.fragments / f"{md}.json", stat

    def hit(self, group: str, key: str) -> dict[str, Any] | None:
        """The previous build's entry for ``group`` when its key and files are unchanged."""
        entry = self.previous.get(group)
        if not entry or entry["key"] != key:
            return None
        for path, stat in self._paths(entry):
            if stat is None or _stat(path) != stat:
                return None
        return entry

    def record(self, group: str, entry: dict[str, Any]) -> None:
        self.current[group] = entry

    def begin_writing(self) -> None:
        if self.path is not None:
            self.path.unlink(missing_ok=True)

    def save(self) -> None:
        """After every file is in place: their sizes and times, for `hit` to compare."""
        if self.path is None:
            return
        for entry in self.current.values():
            entry["files"] = [[n, _stat(self.docs / n)] for n, _ in entry["files"]]
            entry["fragments"] = [
                [md, _stat(self.fragments / f"{md}.json")] for md, _ in entry["fragments"]
            ]
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(self.current, ensure_ascii=False, sort_keys=True), "utf-8")
        os.replace(tmp, self.path)


def _stat(path: Path) -> list[int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


class Context:
    """Pages (Markdown text), their fragments, side files and search records of one build."""

    def __init__(
        self,
        sd: SiteData,
        settings: SiteSettings | None = None,
        cache: PageCache | None = None,
        *,
        manifest: PageManifest | None = None,
    ):
        """``manifest``: the pages the previous build left in place (see `cached`)."""
        self.sd = sd
        self.manifest = manifest
        self.kept: set[str] = set()  # files of build/docs left as they are (`cached`)
        self.kept_fragments: set[str] = set()  # pages whose fragment files are left so
        self.memo: dict[str, Any] = {}  # values page modules compute once per build
        self.cache = cache or PageCache(None)
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
        self._doc_digest: dict[str, str] = {}
        self._fact_memo: dict[str, dict[str, dict[str, Any]]] = {}
        self._names: Counter[str] | None = None
        self._named: dict[str, tuple[str, Callable[[str], str]]] | None = None
        self.csp = csp.policy()  # of the pages the site writes itself (no inline script)

    # ------------------------------------------------------------------ output
    OUTPUTS = ("pages", "fragments", "files", "search")

    @contextmanager
    def _capture(self) -> Iterator[dict[str, Any]]:
        """Collect what is written inside the block apart, then add it to the build."""
        saved = {k: getattr(self, k) for k in self.OUTPUTS}
        got: dict[str, Any] = {"pages": {}, "fragments": {}, "files": {}, "search": []}
        for k in self.OUTPUTS:
            setattr(self, k, got[k])
        try:
            yield got
        finally:
            for k in self.OUTPUTS:
                setattr(self, k, saved[k])
            self._replay(got)

    def _replay(self, got: dict[str, Any]) -> None:
        self.pages.update(got["pages"])
        self.fragments.update(got["fragments"])
        self.files.update(got["files"])
        self.search.extend(got["search"])

    def ind_key(self, indicator_id: str) -> str:
        """What a page shows of an indicator (its key part; not its count of values, which
        every new report changes)."""
        i = self.sd.indicators_by_id.get(indicator_id, {})
        return "\x1f".join(
            i.get(k) or "" for k in ("indicator_id", "name_vi", "unit", "sector", "measure")
        )

    def doc_digest(self, doc_id: str) -> str:
        """The key of one report's rows and text (pages of the report and of its period)."""
        if doc_id not in self._doc_digest:
            sd = self.sd
            # the key of a report's figures covers its text too (both follow from the report
            # and the extractor's code); only a package written without keys is hashed
            text = sd.ingest_hash(doc_id) if doc_id not in sd.doc_keys else ""
            self._doc_digest[doc_id] = digest(
                sd.docs_by_id.get(doc_id, {}),
                sd.figures_digest(doc_id),
                sd.obs_by_doc.get(doc_id, []),
                sd.checks_by_doc.get(doc_id, []),
                text,
            )
        return self._doc_digest[doc_id]

    def cached_blob(self, kind: str, name: str, key: str) -> Path | None:
        """The file of bytes made for ``name`` by an earlier build with the same ``key``."""
        hit = self.cache.get(kind, name, key)
        if hit is None or self.cache.directory is None:
            return None
        path = self.cache.directory / kind / hit["file"]
        if not path.is_file():
            return None
        self.cache.used.add(path)
        return path

    def cached_binary(self, kind: str, name: str, key: str, make: Callable[[], bytes]) -> bytes:
        """Bytes (a zip, a workbook) made again only when the key of their inputs changes."""
        path = self.cached_blob(kind, name, key)
        if path is not None:
            return path.read_bytes()
        data = make()
        if self.cache.directory is not None:
            blob = self.cache.directory / kind / (name.replace("/", "~") + ".bin")
            blob.parent.mkdir(parents=True, exist_ok=True)
            blob.write_bytes(data)
            self.cache.used.add(blob)
            self.cache.put(kind, name, key, {"file": blob.name})
        return data

    def cached(self, kind: str, name: str, key: str, make: Callable[[], None]) -> None:
        """``make()`` the page(s), or leave the previous build's files in place when ``key``
        (of their inputs, ``digest``) is the same (`PageManifest`)."""
        group = f"{kind}/{name}"
        hit = self.manifest.hit(group, key) if self.manifest is not None else None
        if hit is not None:
            self.kept.update(rel for rel, _ in hit["files"])
            self.kept_fragments.update(md for md, _ in hit["fragments"])
            self.search.extend(hit["search"])
            self.manifest.record(group, hit)  # type: ignore[union-attr]
            return
        with self._capture() as got:
            make()
        if self.manifest is not None:
            files = sorted([*got["pages"], *got["files"]])
            self.manifest.record(
                group,
                {
                    "key": key,
                    "files": [[rel, None] for rel in files],
                    "fragments": [[md, None] for md in sorted(got["fragments"])],
                    "search": got["search"],
                },
            )

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
        data.setdefault("cite", self.page_cite(page_dir, title))
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

    def page_cite(self, page_dir: str, title: str) -> dict[str, str]:
        """The citation of a page that is not one source's values (an index, the downloads)."""
        return {"what": title, "source": "", "unit": "", "period": "", "url": self.url(page_dir)}

    def url(self, page_dir: str) -> str:
        """The page's address when the site's URL is known (canonical, citations), else ""."""
        base = (self.settings.url or "").rstrip("/")
        return f"{base}/{page_dir}" if base else ""

    # ------------------------------------------------------------------ names
    def unit_name(self, unit_id: str) -> str:
        u = self.sd.units_by_id.get(unit_id)
        return u["name"] if u and u.get("name") else unit_id

    def namesake(self, unit_id: str) -> bool:
        """Another unit of the site has this unit's name (its province then tells them apart).

        Why only then: in search, a commune whose record names its province would be found by
        the province's name, and come before the province itself.
        """
        if self._names is None:
            self._names = Counter(u.get("name") or "" for u in self.sd.tables["units"])
        return self._names[self.unit_name(unit_id)] > 1

    def ind_name(self, indicator_id: str) -> str:
        i = self.sd.indicators_by_id.get(indicator_id)
        return i["name_vi"] if i and i.get("name_vi") else indicator_id

    def named(self, text: str) -> str:
        """A text of the data package (a check's sum, its note) with every indicator code it
        names replaced by the indicator's Vietnamese name: readers do not see codes."""
        return _CODE.sub(
            lambda m: self.ind_name(m[0]) if m[0] in self.sd.indicators_by_id else m[0], text
        )

    def fig_href(self, page_dir: str, document_id: str, figure_id: str) -> str:
        return rel(page_dir, f"van-ban/{document_id}/#{anchor_id(figure_id)}")

    def value_href(self, page_dir: str, o: Row) -> str:
        """The permalink of a value: its row on its unit × period page."""
        period = self.sd.page_period(o)
        return rel(page_dir, f"don-vi/{o['unit_id']}/{period}/#{value_anchor(o)}")

    def table(self, resource: str, **kw: Any) -> dict[str, Any]:
        """A table of rows of a data package resource; its "Tải CSV" has that resource's
        columns with Vietnamese names beside the codes (and Table Schema types, so numbers are
        told from formulas)."""
        kw.setdefault("csv_fields", self.sd.fields[resource])
        return data_table(
            id_field=resource.removesuffix("s") + "_id",  # "checks" → "check_id"
            csv_types=self.sd.types.get(resource, {}),
            names=self.csv_names,
            **kw,
        )

    def csv(self, resource: str, rows: list[Row], drop: tuple[str, ...] = ()) -> str:
        """A CSV of rows of a resource, for Excel and code (``tables.csv_text``)."""
        fields = [f for f in self.sd.fields[resource] if f not in drop]
        return csv_text(fields, rows, self.sd.types.get(resource, {}), self.csv_names)

    @property
    def _named_columns(self) -> dict[str, tuple[str, Callable[[str], str]]]:
        """Code column → (its name column, the function naming a code); built once, since
        per-table CSVs ask for every cell."""
        if self._named is None:
            self._named = {
                "indicator_id": ("indicator_name_vi", self.ind_name),
                "unit_id": ("unit_name", self.unit_name),
                "parent_id": ("parent_name", self.unit_name),
                "period": ("period_label_vi", period_label),
                "basis": ("basis_label_vi", basis_label),
                "qualifier": ("qualifier_label_vi", qualifier_label),
            }
        return self._named

    def csv_names(self, field_name: str, row: Row) -> tuple[str, str] | None:
        """The Vietnamese name column written after a code column of a per-table CSV."""
        v = row.get(field_name) or ""
        named = self._named_columns
        if field_name == "figure_id" and "observation_id" not in row:
            obs = self.sd.obs_by_figure.get(v, [])
            return "indicator_names_vi", "; ".join(self.ind_name(o["indicator_id"]) for o in obs)
        if field_name == "kind":
            group = (
                "check_kinds"
                if "check_id" in row
                else ("figure_kinds" if "figure_id" in row else "kinds")
            )
            return "kind_label_vi", str(labels().get(group, {}).get(v, v))
        if field_name == "verdict":
            return "verdict_label_vi", str(labels().get("verdicts", {}).get(v, v))
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
            facts = self._facts(o.get("document_id") or "")
            written = facts["nouns"].get(o.get("figure_id") or "")
            if written:
                return written
        return vi_format.unit_label(o.get("unit"))

    def _facts(self, doc_id: str) -> dict[str, dict[str, Any]]:
        """What pages need of one document's figures: the count word of each count figure as
        the report writes it, and the comparisons stated after each figure a value is from.

        Why kept in the page cache by the document's key: indicator pages name the unit of
        every value and show the comparisons of hundreds, from every report; reading every
        report's figures again for them would be most of a rebuild after one report is added.
        """
        if doc_id in self._fact_memo:
            return self._fact_memo[doc_id]
        sd = self.sd
        wanted = sorted({o.get("figure_id") or "" for o in sd.obs_by_doc.get(doc_id, [])})
        key = digest(sd.doc_keys[doc_id], wanted) if doc_id in sd.doc_keys else None
        facts = self.cache.get("so-lieu-van-ban", doc_id, key) if key else None
        if facts is None:
            figures = sd.figures_of(doc_id)
            nouns = {}
            for f in figures:
                if f.get("unit") and vi_format.is_count(f["unit"]):
                    text = f.get("unit_text") or ""
                    abbreviation = text.upper() == text and any(c.isalpha() for c in text)
                    nouns[f["figure_id"]] = text if text and abbreviation else f["unit"]
            by_id = {f["figure_id"]: f for f in figures}
            facts = {
                "nouns": nouns,
                "comparisons": {
                    fid: _comparisons(by_id[fid], figures) for fid in wanted if fid in by_id
                },
            }
            if key:
                self.cache.put("so-lieu-van-ban", doc_id, key, facts)
        self._fact_memo[doc_id] = facts
        return facts

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
        """Comparisons the report states right after the value's figure (`_comparisons`)."""
        return self._facts(o.get("document_id") or "")["comparisons"].get(
            o.get("figure_id") or "", []
        )


def _comparisons(f: Row, figures: list[Row]) -> list[str]:
    """Comparisons the report states right after figure ``f`` ("…, tăng 8% so với cùng kỳ"),
    from its document's ``figures``.

    Only figures that follow it closely in the same clause and name a basis count, so a
    list of other sectors' rates in the same sentence is never shown as a comparison.
    """
    out: list[str] = []
    text_end = int(f["end"])
    for g in figures:
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
