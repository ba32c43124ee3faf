"""The `solieu` command: extract one report, build everything, preview, add reports, diff data.

Thin on purpose: each command parses its arguments and calls one stage or pipeline function.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import http.server
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from solieu.errors import InputError, printable
from solieu.model import DocumentMeta, to_jsonable
from solieu.paths import Paths

app = typer.Typer(
    help="solieu — số liệu from Vietnamese local-government reports.",
    no_args_is_help=True,
    add_completion=False,
)
err = Console(stderr=True)


def _report_errors(errors: list[InputError]) -> None:
    for e in errors:
        style = "red" if e.severity == "error" else "yellow"
        # escaped: a file name or quote like "[/red]" is text, not rich markup (which would
        # raise MarkupError, a traceback instead of the message)
        err.print(
            f"[{style}]{e.severity}[/{style}]: {escape(str(e))}", highlight=False, soft_wrap=True
        )


@contextlib.contextmanager
def _setup_problems(command: str) -> Iterator[None]:
    """Problems of the machine (disk full, read-only, npm ci missing, a build running): one line."""
    from solieu.errors import SetupError, setup_error_from_os

    try:
        yield
    except SetupError as exc:
        err.print(f"[red]error[/red]: {escape(str(exc))}", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from exc
    except OSError as exc:
        known = setup_error_from_os(exc, f"solieu {command}")
        if known is None:
            raise
        err.print(f"[red]error[/red]: {escape(str(known))}", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from exc


@app.command()
def extract(
    file: Annotated[Path, typer.Argument(help="a report: .txt, .pdf or .docx")],
    unit: Annotated[str | None, typer.Option(help="unit id, e.g. phuong-tam-thanh")] = None,
    period: Annotated[str | None, typer.Option(help="YYYY-MM, YYYY-Qn, YYYY-Hn or YYYY")] = None,
    kind: Annotated[str | None, typer.Option(help="monthly_report, half_year_report, ...")] = None,
    fmt: Annotated[str, typer.Option("--format", help="json (one object) or jsonl")] = "json",
) -> None:
    """Figures and indicator observations of one report, as JSON on stdout."""
    from solieu.catalog import sha256_file
    from solieu.periods import parse_period
    from solieu.pipeline import process_text
    from solieu.readers import read_report_full

    _warn_unknown_unit(unit)
    try:
        if period:
            parse_period(period)
        read = read_report_full(file)
    except (InputError, ValueError) as exc:
        shown = str(exc) if isinstance(exc, InputError) else printable(f"{file}: {exc}")
        err.print(f"[red]error[/red]: {escape(shown)}", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from exc
    meta = DocumentMeta(
        document_id=file.stem,
        file=str(file),
        unit_id=unit,
        period=period,
        kind=kind,
        sha256=sha256_file(file),
    )
    try:
        result = process_text(read.text, meta, read.structure)
    except Exception as exc:  # noqa: BLE001 - a message, not a traceback
        shown = printable(f"{file}: internal error while extracting ({type(exc).__name__}: {exc})")
        err.print(
            f"[red]error[/red]: {escape(shown)} — please report this with the file",
            soft_wrap=True,
        )
        raise typer.Exit(2) from exc
    if not result.meta.unit_id or not result.meta.period:
        err.print(
            f"[yellow]warning[/yellow]: {file}: could not tell the unit or period from the "
            "text; pass --unit and --period. Observations need them."
        )
    out = {
        "document": {
            **dataclasses.asdict(result.meta),
            "n_figures": len(result.figures),
            "n_observations": len(result.observations),
        },
        "figures": to_jsonable(result.figures),
        "observations": to_jsonable(result.observations),
        "checks": to_jsonable(result.checks),
    }
    if fmt == "jsonl":
        for key in ("figures", "observations", "checks"):
            for row in out[key]:
                sys.stdout.write(json.dumps({"type": key[:-1], **row}, ensure_ascii=False) + "\n")
        return
    sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=1) + "\n")


def _warn_unknown_unit(unit: str | None) -> None:
    """Any slug may label an extraction (so that any text can be scored); one that is not a
    unit id is said on stderr, with the closest ids."""
    if not unit:
        return
    from solieu.units import load_units, suggest

    if unit in load_units():
        return
    close = suggest(unit)
    hint = f" (closest ids: {', '.join(close)})" if close else ""
    err.print(
        f"[yellow]warning[/yellow]: --unit {unit!r} is not a known unit id{hint}; "
        "extracting with it as a label",
        highlight=False,
        soft_wrap=True,
    )


@app.command()
def build(
    site: Annotated[bool, typer.Option(help="also build the static site")] = True,
    engine: Annotated[
        str, typer.Option(help="where per-report work runs: local (all cores), serial, dask")
    ] = "local",
    scheduler: Annotated[
        str | None, typer.Option(help="with --engine dask: address of a running scheduler")
    ] = None,
    workers: Annotated[int | None, typer.Option(help="processes (default: all cores)")] = None,
    timings: Annotated[
        Path | None, typer.Option(help="write wall and CPU seconds per stage to this JSON file")
    ] = None,
) -> None:
    """Run every stage on sources/catalog.yaml: data package, then the site."""
    from solieu.engine import make_engine
    from solieu.pipeline import build as run_build

    paths = Paths()
    with _setup_problems("build"):
        result = run_build(paths, site=site, engine=make_engine(engine, scheduler, workers))
    if timings:
        timings.write_text(
            json.dumps({k: {"wall": w, "cpu": c} for k, (w, c) in result.timings.items()}),
            encoding="utf-8",
        )
    for note in result.notes:
        err.print(f"[cyan]repaired[/cyan]: {escape(note)}", highlight=False, soft_wrap=True)
    _report_errors(result.errors)
    n_fig = sum(r.n_figures for r in result.reports)  # not r.figures: read from disk
    n_obs = sum(len(r.observations) for r in result.reports)
    n_err = sum(e.severity == "error" for e in result.errors)
    n_warn = len(result.errors) - n_err
    err.print(
        f"built {len(result.reports)} report(s): {n_fig} figures, {n_obs} observations; "
        f"{n_err} error(s), {n_warn} warning(s)"
    )
    if result.failed:
        raise typer.Exit(1)


@app.command()
def serve(
    port: Annotated[int, typer.Option(help="port on 127.0.0.1")] = 8000,
    rebuild: Annotated[bool, typer.Option(help="build first")] = False,
) -> None:
    """Preview the built site at http://127.0.0.1:PORT/ (offline, as GitHub Pages serves it)."""
    paths = Paths()
    if rebuild or not (paths.site / "index.html").exists():
        build(site=True)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(paths.site))
    with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as httpd:
        err.print(f"serving {paths.site} at http://127.0.0.1:{port}/ (Ctrl+C to stop)")
        with contextlib.suppress(KeyboardInterrupt):
            httpd.serve_forever()


@app.command()
def add(
    files: Annotated[list[Path], typer.Argument(help="report files: .pdf, .docx or .txt")],
    dry_run: Annotated[bool, typer.Option(help="show what would be added, change nothing")] = False,
    unit: Annotated[
        str | None, typer.Option(help="unit id, when the text does not name it (e.g. xa-soc-son)")
    ] = None,
    period: Annotated[str | None, typer.Option(help="YYYY-MM, YYYY-Qn, YYYY-Hn or YYYY")] = None,
    kind: Annotated[
        str | None, typer.Option(help="monthly_report, statistical_release, ...")
    ] = None,
) -> None:
    """Add new reports to sources/ and sources/catalog.yaml (the monthly routine).

    --unit, --period and --kind override what is detected from the text."""
    from solieu.add import add_files

    overrides = {"unit_id": unit, "period": period, "kind": kind}
    raise typer.Exit(add_files(files, Paths(), dry_run=dry_run, overrides=overrides))


@app.command()
def diff(
    against: Annotated[
        str, typer.Argument(help="a git ref (e.g. origin/main) or a directory")
    ] = "HEAD",
) -> None:
    """What changes in the published numbers compared with another version (Markdown)."""
    from solieu.diff import run_diff

    try:
        out = run_diff(against, Paths())
    except ValueError as exc:
        err.print(f"[red]error[/red]: {exc}")
        raise typer.Exit(2) from exc
    sys.stdout.write(out + "\n")


@app.command("eval")
def evaluate() -> None:
    """Precision and recall of figures and indicators against the hand-built gold set."""
    from solieu.evaluate import main

    raise typer.Exit(main(Paths()))


@app.command()
def validate() -> None:
    """Validate datapackage/ with frictionless (the check journalists' tools make)."""
    from frictionless import Package

    report = Package(str(Paths().datapackage / "datapackage.json")).validate()
    if report.valid:
        err.print("datapackage/ is valid")
        return
    for task in report.tasks:
        for e in task.errors[:20]:
            err.print(f"[red]{task.name}[/red]: {e.message}")
    raise typer.Exit(1)


if __name__ == "__main__":
    app()
