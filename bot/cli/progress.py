"""`cchc progress`: tasks done / pending / overdue per document and per unit, from the completions
recorded under the bot's reminders (what /tiendo shows)."""

from __future__ import annotations

import datetime as dt
import json

import click

from bot.cli.common import cli_config, domain_errors
from bot.reminders.progress import Progress, Tally


def _table(title: str, tallies: list[Tally]) -> list[str]:
    lines = [f"\n{title}", f"{'done':>6} {'pending':>8} {'overdue':>8}  name"]
    lines += [f"{t.done:>6} {t.pending:>8} {t.overdue:>8}  {t.name}" for t in tallies]
    return lines


def format_progress(report: Progress) -> str:
    """The plain-text report: totals, then per document and per unit, the most overdue first."""
    total = report.total
    head = (f"Progress on {report.today:%d/%m/%Y}: {total.total} task(s), {total.done} done, "
            f"{total.pending} pending, {total.overdue} overdue")
    return "\n".join([head, *_table("By document", report.documents), *_table("By unit", report.units)])


@click.command("progress")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON object.")
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), help="Pretend today is this date.")
@click.option("--data", type=click.Path(file_okay=False), help="Data directory.")
@click.pass_context
def progress_cmd(ctx: click.Context, as_json: bool, today: dt.datetime | None, data: str | None) -> None:
    """Tasks done / pending / overdue per document and per unit."""
    from bot.reminders.progress import progress
    from bot.reminders.subscriptions import open_db

    config = cli_config(ctx, data=data)
    with domain_errors(), open_db(config) as (store, _):
        report = progress(store, today.date() if today else config.today())
    if as_json:
        click.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    elif not report.total.total:
        click.echo("No dated tasks found. Run `cchc index`.")
    else:
        click.echo(format_progress(report))
