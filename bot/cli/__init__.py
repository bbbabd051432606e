"""`cchc` command line. Commands load lazily so `cchc ask` starts fast (no torch unless configured)."""

from __future__ import annotations

import importlib

import click

# name -> (module:attribute, one-line help). Modules are imported only when their command runs.
COMMANDS: dict[str, tuple[str, str]] = {
    "index": ("bot.cli.corpus:index_cmd", "Parse the corpus into the store and search indexes."),
    "docs": ("bot.cli.corpus:docs_cmd", "List indexed documents."),
    "show": ("bot.cli.corpus:show_cmd", "Show one document: header, clauses, dates."),
    "deadlines": ("bot.cli.corpus:deadlines_cmd", "List deadlines from a date on."),
    "units": ("bot.cli.units:units_cmd", "List the registry of units (and mentions left unresolved)."),
    "ask": ("bot.cli.answer:ask_cmd", "Answer a question from the indexed directives."),
    "eval": ("bot.cli.answer:eval_cmd", "Score retrieval and answers on a question set."),
    "serve": ("bot.cli.serve:serve_cmd", "Run the Telegram bot."),
    "remind": ("bot.cli.serve:remind_cmd", "Send (or with --dry-run, print) due reminders."),
    "bench": ("bot.quality.bench:bench_cmd", "Benchmark indexing and queries against baselines."),
    "progress": ("bot.cli.progress:progress_cmd", "Tasks done / pending / overdue per document and unit."),
    "feedback": ("bot.cli.feedback:feedback_cmd", "List feedback on answers, or export it as eval questions."),
}


class LazyGroup(click.Group):
    """A click group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        target, _ = COMMANDS[name]
        module_name, attr = target.split(":")
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            return None
        return getattr(module, attr)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with formatter.section("Commands"):
            formatter.write_dl([(name, help_) for name, (_, help_) in COMMANDS.items()])


@click.group(cls=LazyGroup)
@click.option("--config", "config_path", type=click.Path(dir_okay=False), envvar="CCHC_CONFIG",
              help="config.toml to use (default: the project's).")
@click.pass_context
def cli(ctx: click.Context, config_path: str | None) -> None:
    """Trợ lý CCHC: answers questions on administrative-reform directives."""
    ctx.obj = {"config_path": config_path}
