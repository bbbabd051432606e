"""`cchc index`, `cchc docs`, `cchc show`, `cchc deadlines`."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import click

from bot.cli.common import cli_config, domain_errors
from index.store.models import Document
from index.text.normalize import vn_date as format_date

corpus_option = click.option("--corpus", type=click.Path(file_okay=False), help="Corpus directory.")
data_option = click.option("--data", type=click.Path(file_okay=False), help="Data directory.")


@click.command("index")
@corpus_option
@data_option
@click.option("--rebuild", is_flag=True, help="Re-parse every file and rebuild the search indexes.")
@click.pass_context
def index_cmd(ctx: click.Context, corpus: str | None, data: str | None, rebuild: bool) -> None:
    """Parse the corpus into the store and search indexes."""
    from index.pipeline import corpus_files, index_corpus

    config = cli_config(ctx, corpus, data)
    with domain_errors():
        total = len(corpus_files(config.corpus_dir))
        with click.progressbar(length=total, label="Indexing", show_pos=True,
                               item_show_func=lambda name: name) as bar:
            def progress(name: str, done: int, _total: int) -> None:
                bar.current_item = name  # type: ignore[attr-defined]
                bar.update(1)
            embedding = EmbedBar()
            try:
                report = index_corpus(config, progress=progress, rebuild=rebuild, embed_progress=embedding)
            finally:
                embedding.close()
    if report.reparsed:
        click.echo("The parser changed since the last run: every file was parsed again.")
    if report.new_passages:
        click.echo("The passage format changed since the last run: the vector index was rebuilt.")
    click.echo(
        f"{report.documents} documents, {report.clauses} clauses, {report.deadlines} dated tasks "
        f"(added {len(report.added)}, replaced {len(report.replaced)}, unchanged {len(report.unchanged)}, "
        f"removed {len(report.removed)}, duplicates {len(report.duplicates)}) in {config.data_dir}"
    )
    for name, original in report.duplicates:
        click.echo(f"{name}: same content as {original}, skipped")
    from bot.reminders.subscriptions import link_subscriptions

    for name in link_subscriptions(config):
        click.echo(f"subscription to {name!r} names no single unit: add an alias to the units file", err=True)
    if report.stages:
        click.echo("time: " + ", ".join(f"{k} {v:.2f}s" for k, v in report.stages.items()))
    for name, message in report.errors:
        click.echo(f"error: {message}" if name in message else f"error: {name}: {message}", err=True)


class EmbedBar:
    """A second progress bar for the embedding step, opened when it starts (its length is known
    only then): on a thousand dispatches it runs for tens of minutes after parsing is done."""

    def __init__(self) -> None:
        self._bar: Any = None
        self._done = 0

    def __call__(self, done: int, total: int) -> None:
        if self._bar is None:
            click.echo()
            self._bar = click.progressbar(length=total, label="Embedding clauses", show_pos=True, show_eta=True)
            self._bar.__enter__()
        self._bar.update(done - self._done)
        self._done = done

    def close(self) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
            self._bar = None


@click.command("docs")
@data_option
@click.pass_context
def docs_cmd(ctx: click.Context, data: str | None) -> None:
    """List indexed documents."""
    from index.store.database import Store

    config = cli_config(ctx, data=data)
    docs = Store(config.db_path).documents()
    if not docs:
        click.echo("No documents indexed. Run `cchc index`.")
    for doc in docs:
        click.echo(f"{doc.id[:8]}  {doc.source:<28} {doc.number or '-':<16} {format_date(doc.date):<10} "
                   f"{doc.doc_type:<10} {(doc.subject or doc.title)[:70]}")


def _header_lines(doc: Document) -> list[str]:
    signer = doc.signer
    fields = [
        ("File", doc.source), ("Id", doc.id), ("Type", doc.doc_type), ("Number", doc.number),
        ("Issuer", doc.issuer), ("Place", doc.place), ("Date", format_date(doc.date)),
        ("Subject", doc.subject), ("Title", doc.title), ("Author", doc.author),
        ("Recipients", "; ".join(doc.recipients)),
        ("Signer", ", ".join(x for x in (signer.authority, signer.position, signer.name) if x)
         if signer else ""),
        ("Nơi nhận", "; ".join(doc.cc)),
    ]
    return [f"{k + ':':<11} {v}" for k, v in fields if v]


@click.command("show")
@click.argument("doc")
@data_option
@click.pass_context
def show_cmd(ctx: click.Context, doc: str, data: str | None) -> None:
    """Show one document (id, file name or number): header, clauses, units, dates."""
    from index.store.database import Store

    config = cli_config(ctx, data=data)
    with domain_errors():
        found = Store(config.db_path).find_document(doc)
    click.echo("\n".join(_header_lines(found)))
    for clause in found.clauses:
        click.echo(f"\n[{clause.path}] ({clause.kind}) {clause.text}")
        if clause.lead_units or clause.support_units:
            click.echo(f"    units: lead={clause.lead_units} support={clause.support_units}")
        for m in clause.dates:
            extra = f" ({m.recurrence})" if m.recurrence else ""
            click.echo(f"    {m.kind}: {format_date(m.date) or '-'}{extra} — {m.text}")
        for marker, note in clause.footnotes.items():
            click.echo(f"    footnote {marker}: {note}")


def _parse_day(value: str | None, flag: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter(f"expected YYYY-MM-DD, got {value!r}", param_hint=flag) from exc


@click.command("deadlines")
@click.option("--from", "start", help="Only deadlines on or after this day (YYYY-MM-DD).")
@click.option("--to", "end", help="Only deadlines on or before this day (YYYY-MM-DD).")
@click.option("--unit", help="Only deadlines of this unit (accents and case ignored).")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
@click.option("--ics", "ics_path", type=click.Path(dir_okay=False), help="Write the tasks as an iCalendar file.")
@click.option("--xlsx", "xlsx_path", type=click.Path(dir_okay=False), help="Write the tasks as an Excel workbook.")
@data_option
@click.pass_context
def deadlines_cmd(ctx: click.Context, start: str | None, end: str | None, unit: str | None,
                  as_json: bool, ics_path: str | None, xlsx_path: str | None, data: str | None) -> None:
    """List deadlines, effective dates and recurring tasks from a date on (or write the tasks to
    .ics / .xlsx files)."""
    from index.store.database import Store
    from index.store.deadlines import upcoming

    config = cli_config(ctx, data=data)
    store = Store(config.db_path)
    rows = upcoming(store, _parse_day(start, "--from"), _parse_day(end, "--to"), unit)
    if ics_path or xlsx_path:
        _write_exports(store, rows, config.today(), ics_path, xlsx_path)
        return
    if as_json:
        click.echo(json.dumps([r.to_json() for r in rows], ensure_ascii=False, indent=2))
        return
    if not rows:
        click.echo("No deadlines found.")
    for r in rows:
        click.echo(f"{format_date(r.date)}  {r.kind:<9} {r.unit or '-'} — {r.task}\n"
                   f"            {r.doc} {r.number} [{r.clause}]: «{r.text}»")


def _write_exports(store: Any, rows: list[Any], today: dt.date, ics_path: str | None, xlsx_path: str | None) -> None:
    """Write the tasks among `rows` (not effective dates) to the files asked for."""
    from bot.reminders.export import calendar_ics, sheet_xlsx
    from bot.reminders.progress import build_tasks

    tasks = build_tasks(store, rows, today)
    files = [(ics_path, lambda: calendar_ics(tasks, "Hạn công việc CCHC")),
             (xlsx_path, lambda: sheet_xlsx(tasks, f"Hạn công việc — ngày {today:%d/%m/%Y}"))]
    for path, make in files:
        if not path:
            continue
        try:
            Path(path).write_bytes(make())
        except OSError as exc:
            raise click.ClickException(f"{path}: cannot write ({exc.strerror})") from exc
        click.echo(f"wrote {len(tasks)} task(s) to {path}")
