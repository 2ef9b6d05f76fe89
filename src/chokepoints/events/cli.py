"""`chokepoints events`: extract events from news files, or watch a folder for new ones."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from chokepoints.errors import ChokepointsError, InputError
from chokepoints.report.tables import Format, render

app = typer.Typer(help="Trade-policy and supply events from news text (issue 6).", no_args_is_help=True)
err = Console(stderr=True)

DbOption = Annotated[Path | None, typer.Option("--db", help="Warehouse file (default: CHOKEPOINTS_DB or the "
                                                             "user data directory).", envvar="CHOKEPOINTS_DB")]
FormatOption = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
DateOption = Annotated[str | None, typer.Option("--date", help="Article date YYYY-MM-DD (default: the file's own "
                                                               "meta tag or dateline).")]
ConfidenceOption = Annotated[float | None, typer.Option(
    "--min-confidence", min=0.0, max=1.0,
    help="Keep the rules' events at or above this confidence instead of the model's fitted threshold: lower "
         "reads more events and more wrong ones (docs/methods/events.md, 'Choosing the threshold').")]


def _fail(e: Exception) -> None:
    err.print(f"[bold red]error:[/] {e}", highlight=False, soft_wrap=True)
    raise typer.Exit(1)


def _date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(f"--date {value!r} is not a date YYYY-MM-DD") from None


@app.command()
def extract(
    files: Annotated[list[Path], typer.Argument(help="News files (plain text or HTML).")],
    article_date: DateOption = None,
    db: DbOption = None,
    fmt: FormatOption = Format.table,
    min_confidence: ConfidenceOption = None,
) -> None:
    """Events in news files, each marked new / update / known against the warehouse's measures and projects."""
    import chokepoints as ck
    from chokepoints.events.text import read_document
    from chokepoints.events.watch import analyse, reference_tables, to_frame

    try:
        when = _date(article_date)
        docs = [read_document(f, article_date=when) for f in files]
        path = Path(db).expanduser() if db else ck.warehouse.default_path()
        if path.exists():
            with ck.open(path, read_only=True) as wh:
                measures, projects = reference_tables(wh)
        else:
            measures, projects = None, None
        results = [(str(f), analyse(d, measures, projects, min_confidence)) for f, d in zip(files, docs, strict=True)]
    except ChokepointsError as e:
        _fail(e)
    frame = to_frame(results, full=fmt is not Format.table)
    if frame.empty and fmt is Format.table:  # (an empty table prints nothing: say what was read)
        typer.echo(f"No events found in {len(files)} file(s).")
        return
    if fmt is Format.csv:
        frame = to_frame(results, full=False).assign(file=[f for f, evs in results for _ in evs])
    render(frame, fmt, title="Events", caption="evidence spans and values set aside as unlikely: --format json; "
                                                "status against the warehouse's measures and projects")


@app.command()
def watch(
    folder: Annotated[Path, typer.Argument(help="Folder news files appear in.")],
    drafts: Annotated[Path | None, typer.Option("--drafts", help="Where draft scenarios go (default: "
                                                                 "FOLDER/drafts).")] = None,
    once: Annotated[bool, typer.Option("--once", help="Process the files there now and exit.")] = False,
    poll: Annotated[float, typer.Option("--poll", help="Seconds between looks at the folder.", min=0.1)] = 5.0,
    article_date: DateOption = None,
    db: DbOption = None,
    min_confidence: ConfidenceOption = None,
) -> None:
    """Store each new file's events (once per content, by sha256); draft a scenario per new control or tariff."""
    import chokepoints as ck
    from chokepoints.events.watch import WatchReport, watch_once

    try:
        if not folder.is_dir():
            raise InputError("not a folder", file=folder)
        when = _date(article_date)
        out = drafts or folder / "drafts"
        report = WatchReport()
        with ck.open(db) as wh:
            while True:
                n_stored, n_drafts, n_failed = len(report.stored), len(report.drafts), len(report.failed)
                n_undrafted = len(report.undrafted)
                watch_once(folder, wh, out, article_date=when, report=report, min_confidence=min_confidence)
                for file, rows in report.stored[n_stored:]:
                    err.print(f"stored {rows} event(s) from {file}", soft_wrap=True, highlight=False)
                for p in report.drafts[n_drafts:]:
                    err.print(f"drafted {p}", soft_wrap=True, highlight=False)
                for file, why in report.undrafted[n_undrafted:]:
                    err.print(f"not drafted from {file}: the scenario would not run ({why})", soft_wrap=True,
                              highlight=False)
                for _file, problem in report.failed[n_failed:]:
                    err.print(f"[bold red]error:[/] {problem}", soft_wrap=True, highlight=False)
                if once:
                    break
                time.sleep(poll)
    except ChokepointsError as e:
        _fail(e)
    except KeyboardInterrupt:
        pass
    if report.failed and once:
        raise typer.Exit(1)
