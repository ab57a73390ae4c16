"""The librarian's commands: ``remove`` (an edition by date or id, or articles), ``edit`` (metadata)
and ``reenrich`` (street offices and topics again, with the archive's own lists).

``edit`` follows the same rules as the viewer's form (:func:`index.catalog.edits.normalise_edit`):
``--reporters "王 芳,李满"`` stores the two names ``王芳`` and ``李满``.
"""

from __future__ import annotations

import argparse
import logging

from index.cli.common import UsageError, date_arg, open_archive
from index.cli.parser import Command
from index.errors import ArchiveError
from index.i18n import _

logger = logging.getLogger(__name__)
_EDIT_OPTIONS = ("title", "kicker", "subtitle", "reporters", "streets", "topics")


def _remove_arguments(sp: argparse.ArgumentParser) -> None:
    sp.add_argument("date", nargs="?", type=date_arg, default=None, help=_("edition date YYYY-MM-DD"))
    sp.add_argument(
        "--edition", type=int, action="append", default=[], metavar="ID", help=_("edition id (repeatable)")
    )
    sp.add_argument(
        "--article", type=int, action="append", default=[], metavar="ID", help=_("article id (repeatable)")
    )


def _edit_arguments(sp: argparse.ArgumentParser) -> None:
    sp.add_argument("id", type=int, metavar="ID")
    sp.add_argument("--title")
    sp.add_argument("--kicker")
    sp.add_argument("--subtitle")
    sp.add_argument("--reporters", help=_('names, "A,B" or "A、B"; spaces inside a name are dropped'))
    sp.add_argument("--streets", help=_("street offices, comma separated"))
    sp.add_argument("--topics", help=_("topics, primary first, comma separated"))


def cmd_remove(args: argparse.Namespace) -> int:
    """Remove editions (by date and/or id) or articles; prints what went."""
    if args.date is None and not args.edition and not args.article:
        raise UsageError(_("say what to remove: a DATE, --edition ID or --article ID"))
    with open_archive(args, write=True) as archive:
        editions = list(args.edition)
        if args.date is not None:
            on_day = [e.id for e in archive.editions() if e.date == args.date]
            if not on_day:
                raise ArchiveError(_("no edition dated {date}").format(date=args.date.isoformat()))
            editions += on_day
        articles = 0
        if editions:
            articles += len(archive.remove_editions(editions).article_ids)
        if args.article:
            articles += len(archive.remove_articles(args.article).article_ids)
    print(
        _("removed {editions} edition(s), {articles} article(s)").format(
            editions=len(editions), articles=articles
        )
    )
    return 0


def cmd_edit(args: argparse.Namespace) -> int:
    """Store a correction of one article; prints the article's fields afterwards."""
    changes = {name: getattr(args, name) for name in _EDIT_OPTIONS if getattr(args, name) is not None}
    if not changes:
        raise UsageError(
            _("nothing to change: give --title, --kicker, --subtitle, --reporters, --streets or --topics")
        )
    with open_archive(args, write=True) as archive:
        record = archive.edit_article(args.id, **changes)
    print(f"{record.id}: {record.title}")
    print(_("  reporters: {names}").format(names="、".join(record.reporters)))
    print(
        _("  streets: {streets}  topics: {topics}").format(
            streets="、".join(record.streets), topics="、".join(record.topics)
        )
    )
    print(_("  edited: {fields}").format(fields=", ".join(sorted(record.edited))))
    return 0


def _reenrich_arguments(sp: argparse.ArgumentParser) -> None:
    sp.add_argument(
        "--copy-lists",
        action="store_true",
        help=_("first copy the shipped gazetteer and taxonomy into the archive folder (to edit them there)"),
    )


def cmd_reenrich(args: argparse.Namespace) -> int:
    """Apply street offices and topics again (the archive's own lists if it has them); edits stay."""
    from index.reenrich import copy_lists, reenrich_archive

    with open_archive(args, write=True) as archive:
        if args.copy_lists:
            for path in copy_lists(archive.root):
                print(_("list: {path}").format(path=path))
            return 0
        changed = reenrich_archive(archive)
    print(_("street offices and topics applied again: {changed} article(s) changed").format(changed=changed))
    return 0


def library_commands() -> tuple[Command, ...]:
    """The ``remove``, ``edit`` and ``reenrich`` subcommands (their help in the current language)."""
    return (
        Command(
            "remove",
            _("remove an edition (by date or --edition ID) or articles (--article ID)"),
            cmd_remove,
            _remove_arguments,
        ),
        Command(
            "edit",
            _("correct an article's metadata (the same rules as the viewer's form)"),
            cmd_edit,
            _edit_arguments,
        ),
        Command(
            "reenrich",
            _("apply street offices and topics again to every article (librarian corrections stay)"),
            cmd_reenrich,
            _reenrich_arguments,
        ),
    )
