"""`solieu add FILE...`: the monthly routine — place a new report and catalogue it for review.

The maintainer receives a signed PDF (or DOCX, or text), runs one command, reviews the
catalogue entry and the printed summary, and opens a pull request. Everything that could go
wrong is checked here, before the file enters `sources/`: the file must read cleanly, must not
be a report we already have, and its unit and period must be recognisable, from 2000 on and
not in the future. The catalogue is appended to as text, so its comments and layout stay as
written.

Each file is on its own: whatever goes wrong with one (a refusal, a bug in a reader, a full
disk) becomes that file's one-line message and the others are still added. Writing is
crash-safe: files are written under temporary names, synced, and renamed into place just before
the catalogue is replaced in one rename; a journal written first lets the next `add` undo a
run killed in between, so `sources/` is either as before or holds the report fully catalogued.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import sys
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from solieu.catalog import parse_catalog, read_catalog_text
from solieu.errors import InputError, printable, setup_error_from_os
from solieu.locking import Busy, exclusive
from solieu.paths import Paths
from solieu.readers import ReadResult, limit, read_bounded, read_report_full

KIND_SLUGS = {"work_programme": "chuong-trinh"}  # every other kind is a report: bao-cao
DEFAULT_LICENCE = "public-domain-vn-ip-law-art15"
Echo = Callable[[str], None]
TMP_PREFIX = ".solieu-tmp-"  # files being written; never a report, removed by the next add
JOURNAL = ".solieu-add-journal.json"  # what an add is renaming into place, until catalogued
LOCK = "add.lock"  # in build/: one add at a time per project
# Fault injection for the crash-safety test: `SOLIEU_ADD_PAUSE_AT=renamed` makes `add` print
# "paused at renamed" and sleep at that point, so a test can kill it there.
PAUSE_ENV = "SOLIEU_ADD_PAUSE_AT"


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
    with contextlib.ExitStack() as stack:
        try:
            if not dry_run:
                stack.enter_context(add_lock(root))
                try:
                    notes = recover(root)
                except OSError as exc:
                    raise _environment_error(exc, root) from exc
                for note in notes:
                    echo(f"  {note}")
            existing = _catalogue_index(root)
        except InputError as exc:
            echo(f"✗ {exc}")
            return 1
        failed = sum(
            not _add_one(Path(p), root, existing, today, dry_run, echo, overrides) for p in paths
        )
    if not dry_run and len(paths) > failed:
        echo("Review the new entries in sources/catalog.yaml, then run `make site` to see them.")
    return 1 if failed else 0


def _add_one(
    path: Path,
    root: Paths,
    existing: _Index,
    today: dt.date,
    dry_run: bool,
    echo: Echo,
    overrides: dict[str, str] | None = None,
) -> bool:
    """One file, isolated: any failure, expected or not, is its one-line message."""
    try:
        placed = prepare(path, root, existing, today, overrides)
        if not dry_run:
            commit(placed, root)
    except InputError as exc:
        echo(f"✗ {exc}")
        return False
    except Exception as exc:  # noqa: BLE001 - one file's bug must not stop the others
        echo(f"✗ {_unexpected(path, exc)}")
        return False
    shown = printable(str(path))
    if dry_run:
        echo(f"(dry run) would add {shown} as {placed.document_id}")
    else:
        echo(f"✓ added {shown} as {placed.document_id}")
    for note in placed.notes:
        echo(printable(f"  {note}"))
    existing.register(placed)
    return True


def _unexpected(path: Path, exc: Exception) -> InputError:
    return InputError(
        path,
        f"unexpected error, not added ({type(exc).__name__}: {str(exc)[:200]})",
        hint="this is a bug in solieu: please report it with the file; the other files "
        "are not affected",
    )


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
    text = read_catalog_text(root.catalog)
    try:
        parsed = parse_catalog(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(
            root.catalog,
            f"not valid YAML: {getattr(exc, 'problem', None) or exc}; nothing was added",
            where=f"line {mark.line + 1}" if mark is not None else None,
            hint="fix the catalogue first (see `solieu build`), then add again",
        ) from exc
    raw = parsed.data
    for entry in (raw.get("documents") or []) if isinstance(raw, dict) else []:
        if not isinstance(entry, dict) or "id" not in entry:
            continue
        doc_id = str(entry["id"])
        idx.ids.add(doc_id)
        for key in ("file", "original"):
            _index_file(idx, root, entry.get(key), doc_id, text_too=key == "file")
        if entry.get("unit_id") and entry.get("period") and entry.get("kind"):
            k = (str(entry["unit_id"]), str(entry["period"]), str(entry["kind"]))
            idx.by_key.setdefault(k, doc_id)
    # files in sources/ that no entry names are still taken names, except those an interrupted
    # add left behind (named in its journal), which the next real add removes
    if root.sources.is_dir():
        leftovers = _journal_names(root)
        idx.ids.update(
            p.stem
            for p in root.sources.iterdir()
            if p.is_file() and not _is_ours(p.name) and p.name not in leftovers
        )
    return idx


def _journal_names(root: Paths) -> set[str]:
    try:
        record = json.loads((root.sources / JOURNAL).read_text(encoding="utf-8"))
        return {Path(str(n)).name for n in record["files"]}
    except (OSError, ValueError, KeyError, TypeError):
        return set()


def _index_file(idx: _Index, root: Paths, name: Any, doc_id: str, text_too: bool) -> None:
    """Hash one catalogued file (bounded: a bad entry must not make `add` read a huge file)."""
    if not isinstance(name, str) or not name:
        return
    f = root.sources / name
    try:
        if not f.is_file() or f.stat().st_size > limit("max_file_mb") * 1_000_000:
            return
        data = f.read_bytes()
    except OSError:
        return
    idx.by_hash[hashlib.sha256(data).hexdigest()] = doc_id
    if text_too:
        idx.by_hash[_text_key(data.decode("utf-8", errors="replace"))] = doc_id


def _is_ours(name: str) -> bool:
    """Temporary, journal and lock files of `add` itself."""
    return name.startswith((TMP_PREFIX, JOURNAL))


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
    data = read_bounded(path)
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
    name = _plain(path.name)
    entry["origin"] = (
        f"{name} ({'text layer' if result.format == 'pdf' else 'text'} extracted by solieu add)"
        if result.format != "text"
        else name
    )
    placed = Placed(doc_id, entry, files, text=result.text)
    placed.notes += _describe(detected, result, entry, existing)
    return placed


def _plain(name: str) -> str:
    """A file name fit for the catalogue: control characters (refused there) replaced."""
    return "".join("?" if unicodedata.category(ch) == "Cc" else ch for ch in name)


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
    from solieu.periods import parse_period, period_problem
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
    problem = period_problem(p, today)
    if problem:
        raise InputError(
            path,
            problem,
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
    notes.append(_count_figures(result, entry))
    notes += [f"reader: {w}" for w in result.warnings]
    notes += [f"doubt: {d}" for d in detected.get("doubts") or []]
    if unit is not None:
        from solieu.metadata import unit_existence_problem

        problem = unit_existence_problem(unit, entry["period"], entry.get("signed"))
        if problem:
            notes.append(f"doubt: {problem}")
    key = (entry["unit_id"], entry["period"], entry["kind"])
    if key in existing.by_key:
        notes.append(
            f"doubt: {existing.by_key[key]!r} is also a {key[2]} for {key[0]} {key[1]}; "
            "both will be published and differing values flagged"
        )
    return notes


def _count_figures(result: ReadResult, entry: dict[str, Any]) -> str:
    """Run stages 1-3 on the new report (its structure too, when the reader kept it), so the
    maintainer sees at once whether it parses."""
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
        r = process_text(result.text, meta, result.structure)
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
    """Write the files and the catalogue so that a crash at any moment leaves no half-add.

    Order: every file and the new catalogue under temporary names (synced); a journal naming
    the files; the files renamed into place; the catalogue replaced in one rename (the commit
    point); the journal removed. Killed before the catalogue rename, the next `add` finds the
    journal and removes what it names (:func:`recover`); after it, the report is added.
    """
    try:
        root.sources.mkdir(parents=True, exist_ok=True)
        before = root.catalog.read_text(encoding="utf-8") if root.catalog.exists() else None
    except OSError as exc:
        raise _environment_error(exc, root) from exc
    text = _appended(before, placed, root.catalog)
    tmps: dict[Path, Path] = {}
    placed_now: list[Path] = []
    journal = root.sources / JOURNAL
    try:
        for target, content in placed.files.items():
            if target.exists():
                raise InputError(
                    target,
                    "already exists in sources/ (a file no entry names?); nothing was added",
                    hint="move it away or catalogue it, then add again",
                )
            tmps[target] = root.sources / f"{TMP_PREFIX}{target.name}"
            _write_durable(tmps[target], _bytes(content))
        catalog_tmp = root.sources / f"{TMP_PREFIX}{root.catalog.name}"
        _write_durable(catalog_tmp, text.encode("utf-8"))
        _checkpoint("written")
        record = {"id": placed.document_id, "files": [t.name for t in placed.files]}
        _write_durable(journal, json.dumps(record).encode("utf-8"))
        _checkpoint("journal")
        for target, tmp in tmps.items():
            os.replace(tmp, target)
            placed_now.append(target)
            _checkpoint(f"renamed-{len(placed_now)}")
        _sync_dir(root.sources)
        _checkpoint("renamed")
        os.replace(catalog_tmp, root.catalog)  # the commit point
    except BaseException as exc:
        _undo([*tmps.values(), root.sources / f"{TMP_PREFIX}{root.catalog.name}"], placed_now)
        with contextlib.suppress(OSError):
            journal.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _environment_error(exc, root) from exc
        raise
    _sync_dir(root.sources)
    _checkpoint("catalogued")
    with contextlib.suppress(OSError):
        journal.unlink(missing_ok=True)
        _sync_dir(root.sources)


def _appended(before: str | None, placed: Placed, catalog: Path) -> str:
    """The catalogue with the entry appended; refused when it would not land in `documents:`."""
    text = before if before is not None else "documents:\n"
    if not text.endswith("\n"):
        text += "\n"
    text += entry_yaml(
        placed.entry,
        "added by `solieu add`: review unit, period, kind, title and signed date against "
        "the report",
    )
    try:
        raw = parse_catalog(text).data
        ids = [e.get("id") for e in raw["documents"] if isinstance(e, dict)]
    except (yaml.YAMLError, KeyError, TypeError, AttributeError) as exc:
        ids, problem = [], f"{type(exc).__name__}: {exc}"
    else:
        problem = "the appended entry did not land in `documents:`"
    if placed.document_id not in ids:
        raise InputError(
            catalog,
            f"could not append the entry ({problem}); nothing was changed",
            hint="`documents:` must be the last top-level key of the catalogue; "
            "add the entry by hand",
        )
    return text


def _bytes(content: bytes | str) -> bytes:
    return content.encode("utf-8") if isinstance(content, str) else content


def _write_durable(path: Path, data: bytes) -> None:
    """Write and fsync, so that a rename after it never exposes a short or empty file."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)


def _sync_dir(folder: Path) -> None:
    """fsync a directory, so its renames survive a power cut (not only a killed process)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _undo(tmps: list[Path], placed_now: list[Path]) -> None:
    for f in [*tmps, *placed_now]:
        with contextlib.suppress(OSError):
            f.unlink(missing_ok=True)


def _checkpoint(name: str) -> None:
    """The fault-injection hook (see PAUSE_ENV): does nothing unless a test asks for it."""
    if os.environ.get(PAUSE_ENV) == name:
        sys.stdout.write(f"paused at {name}\n")
        sys.stdout.flush()
        time.sleep(float(os.environ.get("SOLIEU_ADD_PAUSE_SECONDS", "60")))


def recover(root: Paths) -> list[str]:
    """Undo what a killed `add` left: temporary files, and files renamed into place whose
    catalogue entry never landed (named in the journal). Returns what was cleaned."""
    notes: list[str] = []
    if not root.sources.is_dir():
        return notes
    journal = root.sources / JOURNAL
    if journal.exists():
        try:
            doc_id = str(json.loads(journal.read_text(encoding="utf-8"))["id"])
        except (OSError, ValueError, KeyError, TypeError):
            doc_id = ""
        if doc_id and doc_id not in _catalogued_ids(root):
            for name in sorted(_journal_names(root)):
                f = root.sources / name
                if f.is_file():
                    f.unlink()
                    notes.append(f"removed {f.name}, left by an interrupted `solieu add`")
        journal.unlink(missing_ok=True)
    for f in root.sources.iterdir():
        if f.name.startswith(TMP_PREFIX) and f.is_file():
            f.unlink(missing_ok=True)
            notes.append(f"removed {f.name}, a temporary file of an interrupted `solieu add`")
    if notes:
        _sync_dir(root.sources)
    return notes


def _catalogued_ids(root: Paths) -> set[str]:
    try:
        raw = parse_catalog(read_catalog_text(root.catalog)).data
        return {str(e.get("id")) for e in raw["documents"] if isinstance(e, dict)}
    except (InputError, yaml.YAMLError, KeyError, TypeError, AttributeError):
        return set()


@contextlib.contextmanager
def add_lock(root: Paths):  # noqa: ANN202 - a context manager
    """One `add` at a time per project: a second would race for the catalogue and could take
    the first one's temporary files for leftovers. The lock lives in build/, so sources/ holds
    only reports."""
    try:
        with exclusive(root.build / LOCK):
            yield
    except Busy:
        raise InputError(
            root.sources,
            "another `solieu add` is running on this project; nothing was added",
            hint="wait for it to finish, then run this add again",
        ) from None
    except OSError as exc:
        raise _environment_error(exc, root) from exc


def _environment_error(exc: OSError, root: Paths) -> InputError:
    """A problem of the machine, not of the report: one line naming it and the fix."""
    where = Path(exc.filename) if exc.filename else root.sources
    known = setup_error_from_os(
        exc, "adding reports", undone="nothing was added", again="`solieu add`"
    )
    if known is not None:
        return InputError(where, known.problem, hint=known.fix)
    return InputError(
        where,
        f"cannot write here ({exc.strerror or exc}); nothing was added",
        hint="check the folder and the disk, then run `solieu add` again",
    )
