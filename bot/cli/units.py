"""`cchc units`: the registry of units (id, name, kind, parent, aliases, clauses, deadlines), and
the mentions that resolved to no known kind of unit, so an admin can add an alias."""

from __future__ import annotations

import json

import click

from bot.cli.common import cli_config, domain_errors

data_option = click.option("--data", type=click.Path(file_okay=False), help="Data directory.")


@click.command("units")
@data_option
@click.option("--json", "as_json", is_flag=True, help="One JSON object per unit.")
@click.option("--unresolved", is_flag=True, help="List mentions that named no known kind of unit.")
@click.pass_context
def units_cmd(ctx: click.Context, data: str | None, as_json: bool, unresolved: bool) -> None:
    """List the units the corpus and the units file know, or the mentions left unresolved."""
    from index.pipeline import sync_units
    from index.store.database import Store
    from index.store.registry import Registry, unit_counts, unresolved_mentions

    config = cli_config(ctx, None, data)
    with domain_errors():
        store = Store(config.db_path)
        sync_units(config, store)
        if unresolved:
            for mention, doc, path in unresolved_mentions(store.db):
                click.echo(f"{mention}\t{doc} [{path}]")
            return
        registry, counts = Registry.load(store.db), unit_counts(store.db)
    for unit in registry.units.values():
        clauses, deadlines = counts.get(unit.id, (0, 0))
        row = {"id": unit.id, "name": unit.name, "kind": unit.kind, "parent": unit.parent,
               "aliases": list(unit.aliases), "clauses": clauses, "deadlines": deadlines}
        if unit.is_group:
            row |= {"member_kind": unit.member_kind, "scope": unit.scope}
        if as_json:
            click.echo(json.dumps(row, ensure_ascii=False))
        else:
            parent = f" ⊂ {unit.parent or unit.scope}" if unit.parent or unit.scope else ""
            click.echo(f"{unit.name}\t{unit.kind}{parent}\t{clauses} clauses, {deadlines} deadlines\t[{unit.id}]")
