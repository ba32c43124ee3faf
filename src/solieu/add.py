"""`solieu add FILE...`: the monthly routine — place a new report and catalogue it for review.

The maintainer receives a signed PDF (or DOCX, or text), runs one command, reviews the
catalogue entry and the printed summary, and opens a pull request. Everything that could go
wrong is checked here, before the file enters `sources/`: the file must read cleanly, must not
be a report we already have, and its unit and period must be recognisable and not in the
future. The catalogue is appended to as text, so its comments and layout stay as written.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from solieu.errors import InputError
from solieu.paths import Paths
from solieu.readers import ReadResult, read_report_full

KIND_SLUGS = {"work_programme": "chuong-trinh"}  # every other kind is a report: bao-cao
DEFAULT_LICENCE = "public-domain-vn-ip-law-art15"
Echo = Callable[[str], None]


@dataclass
class Placed:
    """A report accepted for `sources/`: its id, files and catalogue entry."""

    document_id: str
    entry: dict[str, Any]
    files: dict[Path, bytes | str] = field(default_factory=dict)  # target -> content
    text: str = ""  # the report text the pipeline will read
    notes: list[str] = field(default_factory=list)


def add_files(
    paths: list[Path],
    root: Paths,
    *,
    dry_run: bool = False,
    today: dt.date | None = None,
    echo: Echo = print,
    overrides: dict[str, str] | None = None,
) -> int:
    """Add each file; return 0 when all were added, 1 when any was refused.

    ``overrides`` (unit_id, period, kind) replace what is detected from the text, for reports
    that do not say it (statistics-office releases never name their province in the body)."""
    today = today or dt.date.today()
    try:
        existing = _catalogue_index(root)
    except InputError as exc:
        echo(f"✗ {exc}")
        return 1
    failed = 0
    for path in paths:
        path = Path(path)
        try:
            placed = prepare(path, root, existing, today, overrides)
        except InputError as exc:
            failed += 1
            echo(f"✗ {exc}")
            continue
        if dry_run:
            echo(f"(dry run) would add {path} as {placed.document_id}")
        else:
            try:
                commit(placed, root)
            except InputError as exc:
                failed += 1
                echo(f"✗ {exc}")
                continue
            echo(f"✓ added {path} as {placed.document_id}")
        for note in placed.notes:
            echo(f"  {note}")
        existing.register(placed)
    if not dry_run and len(paths) > failed:
        echo("Review the new entries in sources/catalog.yaml, then run `make site` to see them.")
    return 1 if failed else 0


# --------------------------------------------------------------------------- what is there


def _text_key(text: str) -> str:
    """Hash of a report's words, so a PDF whose text we already hold as .txt is a duplicate."""
    norm = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


@dataclass
class _Index:
    ids: set[str] = field(default_factory=set)
    by_hash: dict[str, str] = field(default_factory=dict)  # sha256 of file or text -> entry id
    by_key: dict[tuple[str, str, str], str] = field(default_factory=dict)

    def register(self, placed: Placed) -> None:
        e = placed.entry
        self.ids.add(placed.document_id)
        for content in placed.files.values():
            data = content.encode("utf-8") if isinstance(content, str) else content
            self.by_hash[hashlib.sha256(data).hexdigest()] = placed.document_id
        self.by_hash[_text_key(placed.text)] = placed.document_id
        self.by_key.setdefault((e["unit_id"], e["period"], e["kind"]), placed.document_id)


def _catalogue_index(root: Paths) -> _Index:
    """Ids, content hashes (of files and of their text) and unit-period-kinds in the catalogue."""
    idx = _Index()
    if not root.catalog.exists():
        return idx
    try:
        raw = yaml.safe_load(root.catalog.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(
            root.catalog,
            f"not valid YAML: {getattr(exc, 'problem', exc)}; nothing was added",
            where=f"line {mark.line + 1}" if mark is not None else None,
            hint="fix the catalogue first (see `solieu build`), then add again",
        ) from exc
    for entry in (raw.get("documents") or []) if isinstance(raw, dict) else []:
        if not isinstance(entry, dict) or "id" not in entry:
            continue
        doc_id = str(entry["id"])
        idx.ids.add(doc_id)
        for key in ("file", "original"):
            if entry.get(key):
                f = root.sources / str(entry[key])
                if f.is_file():
                    data = f.read_bytes()
                    idx.by_hash[hashlib.sha256(data).hexdigest()] = doc_id
                    if key == "file":
                        idx.by_hash[_text_key(data.decode("utf-8", errors="replace"))] = doc_id
        if entry.get("unit_id") and entry.get("period") and entry.get("kind"):
            k = (str(entry["unit_id"]), str(entry["period"]), str(entry["kind"]))
            idx.by_key.setdefault(k, doc_id)
    # files in sources/ that no entry names are still taken names
    if root.sources.is_dir():
        idx.ids.update(p.stem for p in root.sources.iterdir() if p.is_file())
    return idx


# --------------------------------------------------------------------------- one file


def prepare(
    path: Path,
    root: Paths,
    existing: _Index,
    today: dt.date,
    overrides: dict[str, str] | None = None,
) -> Placed:
    """Read, check and describe one file; raise InputError when it must not be added."""
    result = read_report_full(path)
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    for h in (digest, _text_key(result.text)):
        if h in existing.by_hash:
            what = "the same file" if h == digest else "the same text"
            raise InputError(
                path,
                f"already in the catalogue: entry {existing.by_hash[h]!r} holds {what}",
                hint="nothing to do; to replace that report, edit its entry",
            )
    detected = apply_overrides(path, _detect(path, result.text), overrides)
    unit_id, period, kind = _check_detected(path, detected, today, result.text)
    slug = KIND_SLUGS.get(kind, "bao-cao")
    base = f"{unit_id}-{period.lower()}-{slug}"
    doc_id, n = base, 2
    while doc_id in existing.ids:
        doc_id, n = f"{base}-{n}", n + 1

    ext = path.suffix.lower() if result.format != "text" else ".txt"
    files: dict[Path, bytes | str] = {}
    entry: dict[str, Any] = {"id": doc_id, "file": f"{doc_id}.txt"}
    if result.format == "text":
        files[root.sources / f"{doc_id}.txt"] = data
    else:
        files[root.sources / f"{doc_id}{ext}"] = data
        files[root.sources / f"{doc_id}.txt"] = result.text
        entry["original"] = f"{doc_id}{ext}"
    entry.update(unit_id=unit_id, period=period, kind=kind)
    for key in ("title", "issuer", "signed"):
        if detected.get(key):
            entry[key] = str(detected[key])
    entry["licence"] = DEFAULT_LICENCE
    entry["origin"] = (
        f"{path.name} ({'text layer' if result.format == 'pdf' else 'text'} "
        f"extracted by solieu add)"
        if result.format != "text"
        else path.name
    )
    placed = Placed(doc_id, entry, files, text=result.text)
    placed.notes += _describe(detected, result, entry, existing)
    return placed


def _detect(path: Path, text: str) -> dict[str, Any]:
    try:
        from solieu.metadata import detect
    except ImportError as exc:  # the metadata stage is part of the pipeline; say so plainly
        raise InputError(
            path,
            "cannot detect unit and period: solieu.metadata is missing",
            hint="reinstall solieu",
        ) from exc
    return dict(detect(text) or {})


def apply_overrides(
    path: Path, detected: dict[str, Any], overrides: dict[str, str] | None
) -> dict[str, Any]:
    """What the maintainer passed (--unit, --period, --kind) wins over what the text says; an
    unknown unit id is refused with the ids closest to it. The doubts about an overridden
    field no longer apply; whether the unit existed on the report's date is checked anew."""
    from solieu.catalog import KINDS
    from solieu.metadata import issuer_of, unit_validity
    from solieu.periods import parse_period
    from solieu.units import load_units, plain_name, suggest

    given = {k: v for k, v in (overrides or {}).items() if v}
    if not given:
        return detected
    out = dict(detected)
    unit_id = given.get("unit_id")
    if unit_id is not None and unit_id not in load_units():
        close = suggest(unit_id)
        raise InputError(
            path,
            f"unknown unit {unit_id!r} (--unit)",
            where="option --unit",
            hint=("did you mean " + ", ".join(close) + "?")
            if close
            else "see datapackage/units.csv",
        )
    if "period" in given:
        try:
            parse_period(given["period"])
        except ValueError as exc:
            raise InputError(path, str(exc), where="option --period") from exc
    if "kind" in given and given["kind"] not in KINDS:
        raise InputError(
            path,
            f"unknown kind {given['kind']!r}",
            where="option --kind",
            hint="one of " + ", ".join(sorted(KINDS)),
        )
    dropped = {d for key in given for d in (out.get("doubts_by_field") or {}).get(key, [])}
    doubts = [d for d in out.get("doubts") or [] if d not in dropped]
    out.update(given)
    if unit_id is not None:
        unit = load_units()[unit_id]
        out["unit_name"] = plain_name(unit)
        out["issuer"] = issuer_of(unit, out.get("kind") == "statistical_release")
    warning = unit_validity(out.get("unit_id"), out.get("period"), out.get("signed"))
    if warning and warning not in doubts:
        doubts.append(warning)
    out["doubts"] = doubts
    return out


def _doubts(detected: dict[str, Any]) -> str:
    doubts = detected.get("doubts") or []
    return ("; text says: " + "; ".join(map(str, doubts))) if doubts else ""


def header_issuer(text: str) -> str | None:
    """The issuer as its header writes it ("PHƯỜNG BA ĐÌNH"), to name an unknown unit."""
    from solieu.readers import _rules

    rules = _rules()
    after = {a.casefold() for a in rules["issuer_header_after"]}
    prefixes = tuple(p.casefold() + " " for p in rules["issuer_header_prefixes"])
    lines = [" ".join(ln.split()) for ln in text.split("\n") if ln.strip()][:20]
    for prev, line in zip(["", *lines], lines, strict=False):
        norm = unicodedata.normalize("NFC", line).casefold()
        prev_norm = unicodedata.normalize("NFC", prev).casefold()
        if prev_norm in after and norm.startswith(prefixes):
            return line
    return None


def _check_detected(
    path: Path, detected: dict[str, Any], today: dt.date, text: str = ""
) -> tuple[str, str, str]:
    """Unit, period and kind must be read from the text, known, and not in the future."""
    from solieu.periods import parse_period
    from solieu.units import load_units

    hint_meta = (
        "add the entry to sources/catalog.yaml by hand (copy the file into sources/ "
        "and give unit_id, period and kind)"
    )
    unit_id = detected.get("unit_id")
    candidates = detected.get("unit_candidates") or []
    if not unit_id and candidates:
        from solieu.units import describe

        raise InputError(
            path,
            "several units bear the name the report gives its issuer, and the text names no "
            "province that tells them apart: " + "; ".join(describe(c) for c in candidates[:12]),
            where="field unit_id",
            hint="pass the right one with --unit",
        )
    if not unit_id:
        named = header_issuer(text)
        if named:
            raise InputError(
                path,
                f'unknown unit: the header names "{named}", which is not a '
                f"unit solieu knows (Việt Nam's units before and after 2025){_doubts(detected)}",
                where="field unit_id",
                hint="pass the unit's id with --unit (see datapackage/units.csv)",
            )
        raise InputError(
            path,
            "cannot tell which unit issued the report (no known "
            f'"UBND …" issuer or unit name found){_doubts(detected)}',
            where="field unit_id",
            hint="pass the unit's id with --unit, or " + hint_meta,
        )
    if unit_id not in load_units():
        raise InputError(
            path,
            f"unknown unit {unit_id!r}{_doubts(detected)}",
            where="field unit_id",
            hint="pass the unit's id with --unit (see datapackage/units.csv)",
        )
    period = detected.get("period")
    if not period:
        raise InputError(
            path,
            'cannot read the period the report covers (no "tháng …/năm …", '
            f'"6 tháng đầu năm …" or similar found){_doubts(detected)}',
            where="field period",
            hint=hint_meta,
        )
    try:
        p = parse_period(str(period))
    except ValueError as exc:
        raise InputError(
            path, f"unreadable period: {exc}", where="field period", hint=hint_meta
        ) from exc
    if p.start > today:
        raise InputError(
            path,
            f"the period {period} lies in the future (today is {today.isoformat()})",
            where="field period",
            hint="check the year written in the report; a typo there is common",
        )
    kind = detected.get("kind")
    if not kind:
        raise InputError(
            path,
            f"cannot tell the kind of document{_doubts(detected)}",
            where="field kind",
            hint=hint_meta,
        )
    return str(unit_id), str(period), str(kind)


def _describe(
    detected: dict[str, Any], result: ReadResult, entry: dict[str, Any], existing: _Index
) -> list[str]:
    """The summary the maintainer reviews: what was found, how many figures, what is doubtful."""
    from solieu.periods import label_vi
    from solieu.units import facts, load_units, successors

    unit = load_units().get(entry["unit_id"])
    notes = [
        f"unit: {entry['unit_id']}" + (f" ({unit.name}) — {facts(unit.unit_id)}" if unit else ""),
        f"period: {entry['period']} ({label_vi(entry['period'])})",
        f"kind: {entry['kind']}",
        f"read as {result.format}" + (f", {result.pages} page(s)" if result.pages else ""),
    ]
    if unit is not None and unit.valid_to:
        notes.insert(1, f"now: {', '.join(successors(unit.unit_id))} (its territory today)")
    for key in ("title", "issuer", "signed"):
        if entry.get(key):
            notes.append(f"{key}: {entry[key]}")
    notes.append(_count_figures(result.text, entry))
    notes += [f"reader: {w}" for w in result.warnings]
    notes += [f"doubt: {d}" for d in detected.get("doubts") or []]
    key = (entry["unit_id"], entry["period"], entry["kind"])
    if key in existing.by_key:
        notes.append(
            f"doubt: {existing.by_key[key]!r} is also a {key[2]} for {key[0]} {key[1]}; "
            "both will be published and differing values flagged"
        )
    return notes


def _count_figures(text: str, entry: dict[str, Any]) -> str:
    """Run stages 1-3 on the new text, so the maintainer sees at once whether it parses."""
    try:
        from solieu.model import DocumentMeta
        from solieu.pipeline import process_text

        meta = DocumentMeta(
            document_id=entry["id"],
            file=entry["file"],
            unit_id=entry["unit_id"],
            period=entry["period"],
            kind=entry["kind"],
        )
        r = process_text(text, meta)
    except ImportError:
        return "figures: not counted (pipeline stages not installed)"
    except Exception as exc:  # noqa: BLE001 - a summary line, never a reason to refuse
        return f"figures: not counted ({type(exc).__name__}: {exc})"
    n_ind = len({o.indicator_id for o in r.observations})
    return (
        f"{len(r.figures)} figures, {len(r.observations)} observations of {n_ind} "
        f"indicators, {len(r.checks)} arithmetic checks"
    )


# --------------------------------------------------------------------------- writing


def _scalar(value: Any) -> str:
    out = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=10**6)
    out = out.strip()
    if out.endswith("\n..."):
        out = out[: -len("\n...")]
    out = out.removesuffix("...").strip()
    if isinstance(value, str) and out == value and _needs_quotes(value):
        out = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return out


def _needs_quotes(value: str) -> bool:
    """Dates stay strings (as in the hand-written entries), so YAML never turns them into dates."""
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def entry_yaml(entry: dict[str, Any], comment: str | None = None) -> str:
    """One catalogue entry in the layout of the hand-written ones."""
    lines = [f"  # {comment}"] if comment else []
    for i, (key, value) in enumerate(entry.items()):
        lines.append(("  - " if i == 0 else "    ") + f"{key}: {_scalar(value)}")
    return "\n".join(lines) + "\n"


def commit(placed: Placed, root: Paths) -> None:
    """Write the files and append the entry; undo both if the catalogue no longer loads."""
    root.sources.mkdir(parents=True, exist_ok=True)
    before = root.catalog.read_text(encoding="utf-8") if root.catalog.exists() else None
    written: list[Path] = []
    try:
        for target, content in placed.files.items():
            if isinstance(content, str):
                target.write_text(content, encoding="utf-8")
            else:
                target.write_bytes(content)
            written.append(target)
        text = before if before is not None else "documents:\n"
        if not text.endswith("\n"):
            text += "\n"
        text += entry_yaml(
            placed.entry,
            "added by `solieu add`: review unit, period, kind, "
            "title and signed date against the report",
        )
        raw = yaml.safe_load(text)
        ids = [e.get("id") for e in raw["documents"]]
        if placed.document_id not in ids:
            raise RuntimeError("the appended entry did not land in `documents:`")
        root.catalog.write_text(text, encoding="utf-8")
    except Exception as exc:
        for f in written:
            f.unlink(missing_ok=True)
        if before is not None:
            root.catalog.write_text(before, encoding="utf-8")
        raise InputError(
            root.catalog,
            f"could not append the entry ({exc}); nothing was changed",
            hint="`documents:` must be the last top-level key of the catalogue; "
            "add the entry by hand",
        ) from exc
