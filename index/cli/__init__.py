"""The command line over the core: ``pingcheng-archive import|parse|search|export|reindex|stats|timeline|related|check|backup``.

:func:`main` runs one command and returns its exit code (:class:`index.cli.common.Exit`). The core
never imports the viewer: the launcher (:mod:`viewer.launch`) passes the desktop subcommands
(``gui``, ``install-desktop``) in as :class:`Command` objects.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable, Sequence

from index import i18n
from index.cli.archive_cmds import (
    cmd_backup,
    cmd_check,
    cmd_import,
    cmd_parse,
    cmd_reindex,
    cmd_stats,
    cmd_timeline,
)
from index.cli.common import Exit, UsageError
from index.cli.export_cmd import cmd_export
from index.cli.parser import Command, build_parser
from index.cli.search_cmd import cmd_search
from index.errors import ArchiveError, BadQuery, Cancelled, ImportRefused
from index.i18n import _

logger = logging.getLogger(__name__)

__all__ = ["COMMANDS", "Command", "Exit", "build_parser", "main"]

COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "import": cmd_import,
    "parse": cmd_parse,
    "search": cmd_search,
    "export": cmd_export,
    "reindex": cmd_reindex,
    "stats": cmd_stats,
    "check": cmd_check,
    "backup": cmd_backup,
    "timeline": cmd_timeline,
    "related": cmd_timeline,
}


def _error(message: str) -> None:
    print(_("error: {message}").format(message=message), file=sys.stderr)


def _setup_logging(verbose: bool) -> None:
    from index import logs

    logs.setup(stderr_level=logging.DEBUG if verbose else logging.WARNING)


def main(argv: Sequence[str] | None = None, extra: Sequence[Command] = ()) -> int:
    """Run one command line; returns the exit code (0 ok, 1 input refused, 2 usage, 3 archive error).

    Args:
        argv: The arguments without the program name (default: ``sys.argv[1:]``).
        extra: Subcommands added by the launcher (run by their own ``run``).
    """
    i18n.set_language(None)  # the command line follows the locale
    from index.cli.library_cmds import library_commands

    extra = (*library_commands(), *extra)
    parser = build_parser(tuple(extra))
    try:
        args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    except SystemExit as exc:  # --help/--version (0) or a usage error (2, already printed)
        return int(exc.code) if isinstance(exc.code, int) else int(Exit.USAGE)
    _setup_logging(bool(getattr(args, "verbose", False)))
    handlers = dict(COMMANDS)
    handlers.update({c.name: c.run for c in extra if c.name not in COMMANDS})
    if args.command is None:
        parser.print_help(sys.stderr)
        return int(Exit.USAGE)
    try:
        code = handlers[args.command](args)
        sys.stdout.flush()  # a closed pipe shows here, not in the interpreter's last flush
        return code
    except (UsageError, BadQuery) as exc:
        _error(str(exc))
        return int(Exit.USAGE)
    except ImportRefused as exc:
        _error(str(exc))
        return int(Exit.REFUSED)
    except Cancelled as exc:
        _error(str(exc))
        return int(Exit.INTERRUPTED)
    except ArchiveError as exc:
        logger.info("command %s failed: %s", args.command, exc)
        _error(str(exc))
        return int(Exit.ARCHIVE)
    except KeyboardInterrupt:
        print(_("interrupted: what was stored before stays in the archive"), file=sys.stderr)
        return int(Exit.INTERRUPTED)
    except BrokenPipeError:  # `… | head`: the reader went away
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # Python's final flush would fail again
        return int(Exit.OK)
