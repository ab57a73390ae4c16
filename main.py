"""Pingcheng newspaper archive launcher.

With no subcommand it opens the desktop viewer; with one (``import``, ``parse``, ``search``,
``export``, ``reindex``, ``stats``) it runs the same core from the command line.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from index.cli import main as cli_main

    return cli_main(sys.argv[1:] if argv is None else argv)


if __name__ == "__main__":
    sys.exit(main())
