"""The `kg` command: each subcommand lives in its own module here and only parses, calls the library, prints.

A new command is a new module with a click command, plus one line in COMMANDS.
"""

from __future__ import annotations

import importlib
import sys

import click

COMMANDS = [
    ("kg.cli.build", "build_command"),
    ("kg.cli.build", "eval_command"),
    ("kg.cli.export", "export_command"),
    ("kg.cli.serve", "serve_command"),
    ("kg.cli.push", "push_command"),
    ("kg.cli.query", "query_command"),
    ("kg.cli.paths", "paths_command"),
    ("kg.cli.render", "render_command"),
    ("kg.cli.review", "review_command"),
    ("kg.cli.validate", "validate_command"),
]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kg")
def main() -> None:
    """Career knowledge graphs from career articles.

    \b
    Exit status: 0 all good; 1 some articles failed (the others were built);
    2 usage error; 3 --check found exports stale; 4 the graph violates SHACL.
    """


for _module, _name in COMMANDS:
    main.add_command(getattr(importlib.import_module(_module), _name))


def run() -> None:
    """Console entry point: click's own handling, except that Ctrl-C prints one line and exits 130."""
    try:
        main.main(standalone_mode=False)
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(130)
    except click.exceptions.Abort:
        click.echo("interrupted", err=True)
        sys.exit(130)
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
    except click.ClickException as error:
        error.show()
        sys.exit(error.exit_code)
    except BrokenPipeError:  # `kg query ... | head`: the reader left, nothing to report
        sys.exit(0)
