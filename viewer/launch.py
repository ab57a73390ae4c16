"""The program's entry point: no subcommand opens the viewer, any other runs the core command line.

``pingcheng-archive`` (the console script) and ``python main.py`` both call :func:`main`. The core
(:mod:`index.cli`) never imports the viewer, so the desktop subcommands (``gui``,
``install-desktop``) are handed to it from here. Nothing here imports Qt before the viewer starts.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from index.cli import Command, Exit
from index.cli import main as cli_main
from index.i18n import _

logger = logging.getLogger(__name__)


def run_viewer(archive: Path | None) -> int:
    """Start the desktop viewer, or say why it cannot start (no display) and return an exit code."""
    from viewer.platform import display_problem

    problem = display_problem()
    if problem:
        print(problem, file=sys.stderr)
        return int(Exit.USAGE)
    from viewer.app import run

    return run(archive_dir=archive)


def _gui(args: argparse.Namespace) -> int:
    return run_viewer(getattr(args, "archive", None))


def _install_desktop(args: argparse.Namespace) -> int:
    from viewer.platform import install_desktop

    try:
        written = install_desktop(Path(args.prefix) if args.prefix else None)
    except OSError as exc:
        logger.exception("install-desktop failed")
        print(_("error: {message}").format(message=exc), file=sys.stderr)
        return int(Exit.ARCHIVE)
    for path in written:
        print(_("wrote {path}").format(path=path))
    return int(Exit.OK)


def _install_desktop_args(sp: argparse.ArgumentParser) -> None:
    sp.add_argument(
        "--prefix",
        default=None,
        help=_("data folder to install into (default: the user's, e.g. ~/.local/share)"),
    )


DESKTOP_COMMANDS: tuple[Command, ...] = (
    Command("gui", _("open the desktop viewer (the default)"), _gui),
    Command(
        "install-desktop",
        _("add the viewer to the applications menu (.desktop file and icon)"),
        _install_desktop,
        _install_desktop_args,
    ),
)


def _wants_viewer(argv: Sequence[str]) -> Path | bool | None:
    """The archive folder when ``argv`` only chooses an archive (or nothing): the viewer starts."""
    args = list(argv)
    if not args:
        return None
    if len(args) == 2 and args[0] == "--archive":
        return Path(args[1])
    if len(args) == 1 and args[0].startswith("--archive="):
        return Path(args[0].split("=", 1)[1])
    return False


def main(argv: Sequence[str] | None = None) -> int:
    """Run the program with ``argv`` (default: ``sys.argv[1:]``); returns the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    archive = _wants_viewer(args)
    if archive is not False:
        from index import logs

        logs.setup()
        return run_viewer(archive if isinstance(archive, Path) else None)
    return cli_main(args, extra=DESKTOP_COMMANDS)


if __name__ == "__main__":
    sys.exit(main())
