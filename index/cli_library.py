"""The librarian's commands: ``remove`` (an edition by date or id, or articles) and ``edit`` (metadata).

``edit`` follows the same rules as the viewer's form (:func:`index.catalog.edits.normalise_edit`):
``--reporters "王 芳,李满"`` stores the two names ``王芳`` and ``李满``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

from index.cli_commands import _open
from index.errors import ArchiveError

logger = logging.getLogger(__name__)
_EDIT_OPTIONS = ("title", "kicker", "subtitle", "reporters", "streets", "topics")


def add_library_commands(sub: Any) -> None:
    """Register ``remove`` and ``edit`` on the ``main.py`` sub-command parser."""
    sp = sub.add_parser(
        "remove", help="remove an edition (by date or --edition ID) or articles (--article ID)"
    )
    sp.add_argument(
        "date", nargs="?", type=dt.date.fromisoformat, default=None, help="edition date YYYY-MM-DD"
    )
    sp.add_argument(
        "--edition", type=int, action="append", default=[], metavar="ID", help="edition id (repeatable)"
    )
    sp.add_argument(
        "--article", type=int, action="append", default=[], metavar="ID", help="article id (repeatable)"
    )
    sp = sub.add_parser("edit", help="correct an article's metadata (the same rules as the viewer's form)")
    sp.add_argument("id", type=int, metavar="ID")
    sp.add_argument("--title")
    sp.add_argument("--kicker")
    sp.add_argument("--subtitle")
    sp.add_argument("--reporters", help='names, "A,B" or "A、B"; spaces inside a name are dropped')
    sp.add_argument("--streets", help="street offices, comma separated")
    sp.add_argument("--topics", help="topics, primary first, comma separated")


def cmd_remove(args: argparse.Namespace) -> int:
    """Remove editions (by date and/or id) or articles; prints what went."""
    with _open(args, write=True) as archive:
        editions = list(args.edition)
        if args.date is not None:
            on_day = [e.id for e in archive.editions() if e.date == args.date]
            if not on_day:
                raise ArchiveError(f"No edition dated {args.date.isoformat()}")
            editions += on_day
        if not editions and not args.article:
            raise ArchiveError("Say what to remove: a DATE, --edition ID or --article ID")
        removed_articles = 0
        if editions:
            removed_articles += len(archive.remove_editions(editions).article_ids)
        if args.article:
            removed_articles += len(archive.remove_articles(args.article).article_ids)
    print(f"removed {len(editions)} edition(s), {removed_articles} article(s)")
    return 0


def cmd_edit(args: argparse.Namespace) -> int:
    """Store a correction of one article; prints the article's fields afterwards."""
    changes = {name: getattr(args, name) for name in _EDIT_OPTIONS if getattr(args, name) is not None}
    if not changes:
        raise ArchiveError(
            "Nothing to change: give --title, --kicker, --subtitle, --reporters, --streets or --topics"
        )
    with _open(args, write=True) as archive:
        record = archive.edit_article(args.id, **changes)
    print(f"{record.id}: {record.title}")
    print(f"  reporters: {'、'.join(record.reporters)}")
    print(f"  streets: {'、'.join(record.streets)}  topics: {'、'.join(record.topics)}")
    print(f"  edited: {', '.join(sorted(record.edited))}")
    return 0


LIBRARY_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {"remove": cmd_remove, "edit": cmd_edit}
