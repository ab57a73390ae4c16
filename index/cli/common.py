"""What every subcommand shares: exit codes, argument types, opening the archive, JSON output."""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import IntEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from index.errors import ArchiveError, ArchiveLocked
from index.i18n import _

if TYPE_CHECKING:
    from index.archive import Archive

logger = logging.getLogger(__name__)


class Exit(IntEnum):
    """The command line's exit codes (documented in ``--help``)."""

    OK = 0
    REFUSED = 1  # some input was refused (files not imported); the rest was done
    USAGE = 2  # bad command line or query
    ARCHIVE = 3  # the archive is missing, locked, damaged, or an export failed
    INTERRUPTED = 130  # Ctrl+C


class UsageError(Exception):
    """A command line that makes no sense (exit code 2)."""


def exit_codes_help() -> str:
    """The epilog of ``--help`` listing the exit codes."""
    return "\n".join(
        [
            _("exit codes:"),
            "  0  " + _("done"),
            "  1  " + _("some input was refused (the rest was done)"),
            "  2  " + _("usage error (bad option, query or date), or no display for the viewer"),
            "  3  " + _("archive error (no archive, locked, damaged; export failed)"),
            "  130  " + _("interrupted (Ctrl+C); what was stored stays in the archive"),
        ]
    )


def date_arg(text: str) -> dt.date:
    """An argparse type for ``YYYY-MM-DD``."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(_("not a date (YYYY-MM-DD): {text}").format(text=text)) from exc


def jsonable(obj: Any) -> Any:
    """Dataclasses, tuples, sets and dates as plain JSON values."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {k: jsonable(v) for k, v in dataclasses.asdict(obj).items()}
    if isinstance(obj, dict):
        return {k: jsonable(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple | set | frozenset):
        return [jsonable(v) for v in obj]
    if isinstance(obj, dt.date):
        return obj.isoformat()
    return obj


def archive_dir(args: argparse.Namespace) -> Path:
    """The ``--archive`` folder, else the user's default archive."""
    from index.paths import default_archive_dir

    return Path(args.archive) if getattr(args, "archive", None) else default_archive_dir()


@contextmanager
def open_archive(args: argparse.Namespace, *, write: bool) -> Iterator[Archive]:
    """The archive; for reading, read-only if another program holds it.

    Raises:
        ArchiveError: No archive there (reading), or it cannot be opened.
    """
    from index.archive import Archive
    from index.paths import CATALOG_NAME

    root = archive_dir(args)
    if not write and not (root / CATALOG_NAME).is_file():
        raise ArchiveError(
            _(
                "No archive at {root}: import editions first (pingcheng-archive --archive {root} import FILES)"
            ).format(root=root)
        )
    try:
        archive = Archive(root)
    except ArchiveLocked:
        if write:
            raise
        logger.info("archive %s is locked by another program: opening it read-only", root)
        archive = Archive(root, readonly=True)
    from index.reenrich import follow_imports

    follow_imports(archive)  # an import gets the archive's own gazetteer and taxonomy
    for note in (archive.repair, "" if write else archive.notice):  # a writer gets its own error
        if note:
            print(_("note: {note}").format(note=note), file=sys.stderr)
    try:
        yield archive
    finally:
        archive.close()
