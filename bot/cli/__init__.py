"""`cchc` command line. Commands load lazily so `cchc ask` starts fast (no torch unless configured)."""

from __future__ import annotations

import importlib

import click

# module -> its commands (name -> one-line help); command NAME is the module's NAME_cmd. A module is
# imported only when one of its commands runs.
MODULES: dict[str, dict[str, str]] = {
    "bot.cli.corpus": {
        "index": "Parse the corpus into the store and search indexes.",
        "docs": "List indexed documents.",
        "show": "Show one document: header, clauses, dates.",
        "deadlines": "List deadlines from a date on.",
    },
    "bot.cli.units": {"units": "List the registry of units (and mentions left unresolved)."},
    "bot.cli.answer": {"ask": "Answer a question from the indexed directives.",
                       "eval": "Score retrieval and answers on a question set."},
    "bot.cli.serve": {"serve": "Run the Telegram bot.", "remind": "Send (or with --dry-run, print) due reminders."},
    "bot.quality.bench": {"bench": "Benchmark indexing and queries against baselines."},
    "bot.cli.progress": {"progress": "Tasks done / pending / overdue per document and unit."},
    "bot.cli.feedback": {"feedback": "List feedback on answers, or export it as eval questions."},
}
# name -> (module, one-line help), in the order `cchc --help` lists them.
COMMANDS: dict[str, tuple[str, str]] = {
    name: (module, help_) for module, helps in MODULES.items() for name, help_ in helps.items()}


class LazyGroup(click.Group):
    """A click group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module_name, _ = COMMANDS[name]
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            return None
        return getattr(module, f"{name}_cmd")

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
