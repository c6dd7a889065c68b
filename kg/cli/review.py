"""`kg review`: a local page to accept, reject and fix the extracted facts of each article."""

from __future__ import annotations

import webbrowser
from pathlib import Path

import click

from kg.cli.common import USAGE, fail
from kg.review.server import make_server


@click.command("review")
@click.argument("source", type=click.Path(path_type=Path), default=Path("source"))
@click.option("--port", type=int, default=7071, show_default=True, help="Port on 127.0.0.1 (0: any free one).")
@click.option("--no-browser", is_flag=True, help="Print the address; do not open a browser.")
@click.option("-v", "--verbose", is_flag=True, help="Log every request.")
def review_command(source: Path, port: int, no_browser: bool, verbose: bool) -> None:
    """Review the facts of the articles under SOURCE (default: source/) in the browser.

    \b
    Each article is shown with the evidence of every fact highlighted, its facts beside it.
    Keys: j/k next/previous, a accept, r reject, e edit label, t change type,
    n new fact from the selected words, Esc back to the list.
    Every decision is written at once to SOURCE/curation.yaml (with its date);
    `kg build` applies them. Listens on 127.0.0.1 only; Ctrl-C stops.
    """
    try:
        server = make_server(source, port, verbose=verbose)
    except OSError as error:
        fail(f"error: cannot listen on 127.0.0.1:{port}: {error.strerror}", USAGE)
    for problem in server.review.corpus.problems:
        click.echo(str(problem), err=True)
    click.echo(f"reviewing {len(server.review.corpus.articles)} articles of {source} at {server.url}; "
               f"decisions go to {server.review.path}; Ctrl-C stops")
    if not no_browser:
        webbrowser.open(server.url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("stopped", err=True)
    finally:
        server.server_close()
