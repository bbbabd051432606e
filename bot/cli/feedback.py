"""`cchc feedback`: the officials' 👍 / 👎 on the bot's answers, and their export as eval questions."""

from __future__ import annotations

from pathlib import Path

import click

from bot.cli.common import cli_config, domain_errors


@click.command("feedback")
@click.option("--export", "export_path", type=click.Path(dir_okay=False, writable=True),
              help="Write the feedback as eval questions (JSONL, the format `cchc eval` reads).")
@click.option("--verdict", type=click.Choice(["all", "down", "up"]), default="all", show_default=True,
              help="Which feedback: all, 👎 only (down) or 👍 only (up).")
@click.option("--data", type=click.Path(file_okay=False), help="Data directory.")
@click.pass_context
def feedback_cmd(ctx: click.Context, export_path: str | None, verdict: str, data: str | None) -> None:
    """List the feedback on answers, or export it as eval questions."""
    from bot.quality.feedback import Feedback, export
    from bot.reminders.subscriptions import open_db

    config = cli_config(ctx, data=data)
    with domain_errors(), open_db(config) as (store, _):
        rows = Feedback(store.db).rows(None if verdict == "all" else verdict)
    if export_path:
        try:
            count = export(rows, Path(export_path))
        except OSError as exc:
            raise click.ClickException(f"{export_path}: cannot write ({exc.strerror})") from exc
        click.echo(f"wrote {count} question(s) to {export_path}; fill in evidence and answer_any for the 👎 ones")
        return
    if not rows:
        click.echo("No feedback yet.")
    for row in rows:
        mark = "👍" if row["verdict"] == "up" else "👎"
        comment = f" — {row['comment']}" if row["comment"] else ""
        click.echo(f"{row['created_at'][:16]}  {mark}  {row['question']}{comment}")
