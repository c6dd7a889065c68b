"""The `kg` command: each subcommand lives in its own module here and only parses, calls the library, prints.

A new command is a new module with a click command, plus one row in COMMANDS. A command's module is imported
only when that command runs (or its own --help is asked), so `kg --help` loads no stage of the pipeline.
"""

from __future__ import annotations

import importlib
import sys

import click

from kg.errors import KgError

COMMANDS = {  # name -> (module, function, the summary `kg --help` shows: tests/test_cli.py keeps it the command's own)
    "build": ("kg.cli.build", "build_command", "Build the career graph from the markdown articles under SOURCE (default: source/)."),
    "cache": ("kg.cli.cache", "cache_command", "Show or clear kg's caches: the extracted articles of each source folder, the store of each export folder."),
    "eval": ("kg.cli.build", "eval_command", "Score extraction against gold YAML files: precision and recall per fact type, misses and extras."),
    "export": ("kg.cli.export", "export_command", "Export the career graph as Turtle, TriG, N-Quads, N-Triples, JSON-LD, GraphML, CSV or VoID."),
    "paths": ("kg.cli.paths", "paths_command", "Career-path analytics on the graph kg build wrote; every edge used is shown with its quote."),
    "push": ("kg.cli.push", "push_command", "Push one named graph per article (and one for the ontology) to a triple store; pushing twice changes nothing."),
    "query": ("kg.cli.query", "query_command", "Ask the graph: NAME is a named question (see --list) or a .rq file."),
    "render": ("kg.cli.render", "render_command", "Write one HTML view of the career graph; pages open offline from file://."),
    "review": ("kg.cli.review", "review_command", "Review the facts of the articles under SOURCE (default: source/) in the browser."),
    "serve": ("kg.cli.serve", "serve_command", "Serve the graph: query page at /, SPARQL 1.1 Protocol at /sparql, named questions at /api/<name>."),
    "validate": ("kg.cli.validate", "validate_command", "Validate a career graph against ontology/shapes.ttl; exit 4 and list the violations if it fails."),
}


class LazyGroup(click.Group):
    """Lists commands from COMMANDS and imports a command's module only when that command is asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module, function, _ = COMMANDS[name]
        return getattr(importlib.import_module(module), function)

    def invoke(self, ctx: click.Context):
        """Every command's KgError becomes one line on stderr and the error's own exit status: mapped here only."""
        try:
            return super().invoke(ctx)
        except KgError as error:
            click.echo(str(error), err=True)
            ctx.exit(error.exit_code)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with formatter.section("Commands"):
            formatter.write_dl([(name, COMMANDS[name][2]) for name in self.list_commands(ctx)])


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kg")
def main() -> None:
    """Career knowledge graphs from career articles.

    \b
    Exit status: 0 all good; 1 some articles failed (the others were built);
    2 usage error; 3 --check found exports stale; 4 the graph violates SHACL;
    130 interrupted.
    """


def run() -> None:
    """Console entry point: click's own handling, except that Ctrl-C prints one line and exits 130. Without
    standalone mode click returns the status of a `ctx.exit(n)` (every KgError's) instead of exiting with it."""
    try:
        status = main.main(standalone_mode=False)
    except (KeyboardInterrupt, click.exceptions.Abort):
        click.echo("interrupted", err=True)
        sys.exit(130)
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
    except click.ClickException as error:
        error.show()
        sys.exit(error.exit_code)
    except BrokenPipeError:  # `kg query ... | head`: the reader left, nothing to report
        sys.exit(0)
    sys.exit(status if isinstance(status, int) else 0)
