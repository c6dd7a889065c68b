"""`python -m kg` and the `kg` command: the CLI, with Ctrl-C answered even while it is still loading."""

import sys


def main() -> None:
    try:
        from kg.cli import run
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        sys.exit(130)
    run()


if __name__ == "__main__":
    main()
