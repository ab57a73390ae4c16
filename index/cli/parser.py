"""The argument parser: subcommands, their options, and the search filters derived from the field registry."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from index import fields
from index.cli.common import date_arg, exit_codes_help
from index.i18n import _, language

TEXT_FORMATS: tuple[str, ...] = ("md", "csv", "json", "txt", "ris", "bibtex", "csljson")


class HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """Help text with the usage prefix in the current language."""

    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        """Usage line with the translated ``usage:`` prefix unless one is given (argparse)."""
        super().add_usage(usage, actions, groups, _("usage: ") if prefix is None else prefix)


class Parser(argparse.ArgumentParser):
    """An argument parser whose own texts (headings, -h, errors) follow the current language."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._positionals.title = _("positional arguments")
        self._optionals.title = _("options")
        self.add_argument("-h", "--help", action="help", help=_("show this help and exit"))

    def error(self, message: str) -> None:  # type: ignore[override]
        """Print the usage and the error, exit with code 2."""
        self.print_usage(sys.stderr)
        self.exit(2, _("{prog}: error: {message}").format(prog=self.prog, message=message) + "\n")


@dataclass(frozen=True)
class Command:
    """A subcommand added by the caller of :func:`main` (the launcher adds ``gui``, ``install-desktop``)."""

    name: str
    help: str
    run: Callable[[argparse.Namespace], int]
    add_arguments: Callable[[argparse.ArgumentParser], None] | None = None


def version() -> str:
    """The installed version of the application."""
    from index import __version__

    return __version__


def _label(fld: fields.Field) -> str:
    return fld.label_zh if language() == "zh_CN" else fld.label_en.lower()


def add_filters(sp: argparse.ArgumentParser, *, sort: bool = True) -> None:
    """The filter options of ``search``, ``export --query`` and ``stats``: one per registry field with a
    CLI flag, the dates, and (``sort``) the order."""
    for fld in fields.FIELDS:
        if fld.cli_flag:
            sp.add_argument(
                fld.cli_flag,
                dest=f"filter_{fld.name}",
                action="append",
                default=[],
                metavar=fld.label_en.upper().replace(" ", "_").replace("/", "_"),
                help=_("only this {label} (repeatable), e.g. {example}").format(
                    label=_label(fld), example=fld.example
                ),
            )
    sp.add_argument(
        "--from",
        dest="date_from",
        type=date_arg,
        default=None,
        metavar="YYYY-MM-DD",
        help=_("from this date on"),
    )
    sp.add_argument(
        "--to", dest="date_to", type=date_arg, default=None, metavar="YYYY-MM-DD", help=_("up to this date")
    )
    if not sort:
        return
    sp.add_argument(
        "--sort",
        choices=("relevance", "date", "date_asc"),
        default="relevance",
        help=_("order: relevance, date (newest first) or date_asc"),
    )


def _add_search(sub: argparse._SubParsersAction[Parser]) -> None:
    sp = sub.add_parser(
        "search",
        help=_('search the archive (words, "phrase", -word, OR, {prefixes})').format(
            prefixes=fields.prefix_help()
        ),
    )
    sp.add_argument("query", nargs="?", default="", help=_("the query (empty: every article)"))
    add_filters(sp)
    sp.add_argument("--offset", type=int, default=0, help=_("skip this many hits (paging)"))
    sp.add_argument(
        "--limit", type=int, default=None, help=_("how many hits to show (default 20; with --ids: all)")
    )
    out = sp.add_mutually_exclusive_group()
    out.add_argument(
        "--json",
        action="store_true",
        help=_(
            'print JSON {"total", "offset", "hits", "facets"}; each snippet is text with "highlights" offsets'
        ),
    )
    out.add_argument("--ids", action="store_true", help=_("print only the article ids, one per line"))


def _add_export(sub: argparse._SubParsersAction[Parser]) -> None:
    from index.export import FORMATS

    sp = sub.add_parser(
        "export",
        help=_("write articles (by id or a search) to a docx/pdf/md/csv/json/txt/ris/bibtex/csljson file"),
    )
    sp.add_argument("ids", type=int, nargs="*", metavar="ID", help=_("article ids (see search --ids)"))
    sp.add_argument("--format", dest="fmt", required=True, choices=FORMATS, help=_("the file format"))
    sp.add_argument(
        "--out",
        required=True,
        help=_("the file to write ('-': standard output, text formats only); its extension must match"),
    )
    sp.add_argument("--query", default=None, help=_("export every article this search finds"))
    add_filters(sp)
    sp.add_argument(
        "--one-per-article",
        action="store_true",
        help=_("write one file per article into the folder --out"),
    )
    sp.add_argument(
        "--template",
        default="{date}_{title}",
        help=_("file name of each article with --one-per-article: {date} {title} {id} {section} {page}"),
    )


def _add_insight(sub: argparse._SubParsersAction[Parser], stats: argparse.ArgumentParser) -> None:
    """``stats --by … --per … [QUERY] [filters]``, ``timeline`` (the same) and ``related ID``."""
    from index.insight import cli as insight_cli

    add_filters(stats, sort=False)
    insight_cli.add_stats_options(stats)
    sp = sub.add_parser(
        "timeline", help=_("counts by street, topic, reporter or section per month, quarter or year")
    )
    sp.add_argument("--json", action="store_true", help=_("print JSON"))
    add_filters(sp, sort=False)
    insight_cli.add_stats_options(sp)
    sp = sub.add_parser("related", help=_("reprints in other editions and related articles of an article"))
    insight_cli.add_related_options(sp)


def build_parser(extra: tuple[Command, ...] = ()) -> argparse.ArgumentParser:
    """The parser of every subcommand (``extra``: subcommands the launcher adds)."""
    p = Parser(
        prog="pingcheng-archive",
        description=_("平城区报 archive: import, search, export."),
        epilog=exit_codes_help(),
    )
    p.add_argument(
        "--version", action="version", version=f"%(prog)s {version()}", help=_("show the version and exit")
    )
    p.add_argument("--archive", type=Path, default=None, help=_("archive folder (default: user data dir)"))
    p.add_argument("--verbose", action="store_true", help=_("log everything on standard error"))
    sub = p.add_subparsers(dest="command", metavar="COMMAND", title=_("commands"))

    sp = sub.add_parser("import", help=_("import edition files or folders (*.txt) into the archive"))
    sp.add_argument("paths", type=Path, nargs="+", metavar="PATH", help=_("edition files or folders"))
    sp.add_argument(
        "--date", type=date_arg, default=None, help=_("edition date for files without one in the name")
    )
    sp = sub.add_parser("parse", help=_("parse one edition file and print its articles"))
    sp.add_argument("file", type=Path, help=_("an edition file"))
    sp.add_argument(
        "--date", type=date_arg, default=None, help=_("edition date for files without one in the name")
    )
    sp.add_argument("--json", action="store_true", help=_("print JSON {edition, articles}"))
    _add_search(sub)
    _add_export(sub)
    sub.add_parser("reindex", help=_("rebuild the search index from the catalog"))
    sp = sub.add_parser(
        "stats",
        help=_("counts by street, topic, reporter and month; with --by: over time, for a search"),
    )
    sp.add_argument("--json", action="store_true", help=_("print JSON"))
    _add_insight(sub, sp)
    sub.add_parser("check", help=_("check the catalog (SQLite integrity_check) and the index against it"))
    sp = sub.add_parser(
        "backup", help=_("copy the catalog to PATH (restore: put the copy in place of catalog.sqlite)")
    )
    sp.add_argument("path", type=Path, metavar="PATH")
    for command in extra:
        if command.name in sub.choices:  # e.g. index.insight.cli.commands(): the core has them now
            continue
        sp = sub.add_parser(command.name, help=command.help)
        if command.add_arguments is not None:
            command.add_arguments(sp)
    for sp in sub.choices.values():  # --archive/--verbose are also accepted after the subcommand
        sp.epilog = exit_codes_help()
        sp.add_argument("--archive", type=Path, default=argparse.SUPPRESS, help=argparse.SUPPRESS)
        sp.add_argument("--verbose", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    return p
