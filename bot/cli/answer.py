"""`cchc ask` and `cchc eval`. The answerer (and its embedding model) loads once per command."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import click

from bot.cli.common import cli_config, domain_errors
from bot.quality.evaluate import DEV_QUESTIONS

DEFAULT_QUESTIONS = DEV_QUESTIONS

data_option = click.option("--data", type=click.Path(file_okay=False), help="Data directory.")


@click.command("ask")
@click.argument("question", required=False)
@data_option
@click.option("--json", "as_json", is_flag=True, help="One JSON object per question.")
@click.pass_context
def ask_cmd(ctx: click.Context, question: str | None, data: str | None, as_json: bool) -> None:
    """Answer QUESTION; without it, answer each line of stdin in order (blank lines skipped)."""
    from bot.answering.answerer import Answerer

    config = cli_config(ctx, data=data)
    questions = [question] if question is not None else [line for line in sys.stdin if line.strip()]
    with domain_errors():
        answerer = Answerer(config)
        for n, text in enumerate(questions):
            answer = answerer.ask(text.strip())
            if as_json:
                click.echo(json.dumps(answer.to_json(), ensure_ascii=False))
            else:
                click.echo(("\n" if n else "") + answer.reply)


@click.command("eval")
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False))
@data_option
@click.option("--mode", type=click.Choice(["fused", "bm25", "dense"]), default="fused", show_default=True)
@click.option("--fusion", type=click.Choice(["weighted", "rrf"]), default="weighted", show_default=True)
@click.option("--weight", type=click.FloatRange(0.0, 1.0), default=None,
              help="Dense weight (default: retrieval.dense_weight from config.toml).")
@click.option("--sweep", is_flag=True, help="Try dense weights 0.0..1.0 for weighted fusion and RRF.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--as-written", is_flag=True,
              help="Ask each question only as written (no unaccented copies of Vietnamese ones).")
@click.option("--deadlines", "gold", type=click.Path(exists=True, dir_okay=False),
              help="Check the indexed deadlines against this gold file (found, right unit, extra dates).")
@click.pass_context
def eval_cmd(ctx: click.Context, files: tuple[str, ...], data: str | None, mode: str, fusion: str,
             weight: float | None, sweep: bool, as_json: bool, as_written: bool, gold: str | None) -> None:
    """Score retrieval (hit@1, hit@3, MRR@10) and answers on FILES (default: the shared dev set), by
    language and kind; with --deadlines, the extracted deadlines (and FILES only when given)."""
    from bot.answering.answerer import Answerer
    from bot.quality import evaluate as ev
    from index.search.embed import make_embedder
    from index.store.database import Store

    config = cli_config(ctx, data=data)
    if gold:
        _check_deadlines(config.db_path, Path(gold), as_json)
        if not files:
            return
    paths = [Path(f) for f in files] or _default_questions()
    try:
        items = ev.load_questions(paths)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    with domain_errors():
        store = Store(config.db_path)
        embedder = ev.CachingEmbedder(make_embedder(config.embedding)) if mode != "bm25" or sweep else None
        if sweep:
            rows = ev.sweep(lambda f, w: Answerer(config, store, embedder, fusion=f, dense_weight=w), items)
            click.echo(json.dumps(rows, ensure_ascii=False, indent=1) if as_json else ev.format_sweep(rows))
            return
        answerer = Answerer(config, store, embedder, mode=mode, fusion=fusion, dense_weight=weight)
        report = ev.evaluate(answerer, items, as_written=as_written)
    if as_json:
        click.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=1))
    else:
        used = answerer.dense_weight
        click.echo(ev.format_report(report, f"{', '.join(map(str, paths))} — mode {mode}, fusion {fusion}, "
                                            f"dense weight {used}"))


def _check_deadlines(db_path: Path, gold: Path, as_json: bool) -> None:
    """Every dated row of the index (no window) against the gold deadlines."""
    from bot.quality.deadline_check import check, load_gold
    from index.store.database import Store
    from index.store.deadlines import upcoming

    try:
        deadlines, recurring = load_gold(gold)
    except (ValueError, KeyError, AttributeError) as exc:
        raise click.ClickException(f"{gold}: not a gold deadline file ({exc})") from exc
    with domain_errors():
        rows = upcoming(Store(db_path), dt.date.min)
    report = check(rows, deadlines, recurring)
    click.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=1) if as_json else report.format())


def _default_questions() -> list[Path]:
    if not DEFAULT_QUESTIONS.is_file():
        raise click.UsageError(f"no question file given and {DEFAULT_QUESTIONS} does not exist")
    return [DEFAULT_QUESTIONS]
