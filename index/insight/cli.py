"""Command-line pieces for the insight features, for the CLI to register (it owns the wiring).

* ``stats --by street|topic|reporter|section|… --per month|quarter|year [QUERY] [filters] [--json]
  [--out FILE.csv|FILE.xlsx]``: :func:`add_stats_options` adds the options to the ``stats`` parser,
  :func:`run_stats` prints ``{"by", "per", "rows": [{"key", "period", "count"}]}`` or a table.
* ``related ID [--limit N] [--json]``: :func:`add_related_options` / :func:`run_related` print
  ``{"hits": [{"id", "title", "date", "similarity", "kind": "reprint" | "related"}]}`` or a list.

:func:`commands` gives both as :class:`index.cli.Command` objects (``timeline`` and ``related``) for
``index.cli.main(argv, extra=...)``; :func:`add_commands` adds them to any argparse subparsers object
(``stats`` under the name ``timeline`` when the CLI already has a ``stats``). Each sets
``insight_run`` on the parsed arguments: ``args.insight_run(args, archive)`` runs it on an open
:class:`index.archive.Archive`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import sys
from pathlib import Path
from typing import Any, TextIO

from index import fields
from index.errors import ArchiveError
from index.i18n import _
from index.insight.timeline import PERIODS, Timeline, write_csv, write_xlsx
from index.models import SearchRequest

logger = logging.getLogger(__name__)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text}") from exc


def _has_option(sp: argparse.ArgumentParser, flag: str) -> bool:
    return any(flag in action.option_strings for action in sp._actions)


def add_stats_options(sp: argparse.ArgumentParser) -> None:
    """``--by``, ``--per``, the query, the filters and ``--out`` (the filters only if not there yet).

    Sets ``insight_run`` (:func:`run_stats`) on the parsed arguments; the CLI's own ``stats`` runs it
    when ``args.by`` is given.
    """
    facets = [f.name for f in fields.FACETS]
    sp.add_argument("--by", choices=facets, default=None, help="count by this facet over time")
    sp.add_argument("--per", choices=PERIODS, default="month", help="period of --by (default month)")
    sp.add_argument("query", nargs="?", default="", help="only the articles this search finds")
    for fld in fields.FIELDS:
        if fld.cli_flag and not _has_option(sp, fld.cli_flag):
            sp.add_argument(
                fld.cli_flag,
                dest=f"filter_{fld.name}",
                action="append",
                default=[],
                help=f"only this {fld.label_en.lower()}",
            )
    if not _has_option(sp, "--from"):
        sp.add_argument("--from", dest="date_from", type=_date, default=None, metavar="YYYY-MM-DD")
        sp.add_argument("--to", dest="date_to", type=_date, default=None, metavar="YYYY-MM-DD")
    if not _has_option(sp, "--json"):
        sp.add_argument("--json", action="store_true", help='print {"by", "per", "rows"}')
    sp.add_argument("--out", type=Path, default=None, help="also write the table to FILE.csv or FILE.xlsx")
    sp.set_defaults(insight_run=run_stats)


def add_related_options(sp: argparse.ArgumentParser) -> None:
    """``ID``, ``--limit`` and ``--json``."""
    sp.add_argument("id", type=int, metavar="ID", help="the article")
    sp.add_argument("--limit", type=int, default=10, help="how many (default 10)")
    sp.add_argument("--json", action="store_true", help='print {"hits": [...]}')
    sp.set_defaults(insight_run=run_related)


def add_commands(sub: Any) -> None:
    """Add ``related`` and the statistics over time (``stats``, or ``timeline`` if taken) to ``sub``."""
    name = "timeline" if "stats" in getattr(sub, "choices", {}) else "stats"
    sp = sub.add_parser(name, help="counts by street, topic, reporter or section per month/quarter/year")
    add_stats_options(sp)
    sp = sub.add_parser("related", help="reprints and related articles of an article")
    add_related_options(sp)


def request_from(args: argparse.Namespace) -> SearchRequest:
    """The search of the query and filter options."""
    filters = {
        fld.name: tuple(getattr(args, f"filter_{fld.name}", None) or ())
        for fld in fields.FACETS
        if fld.cli_flag and getattr(args, f"filter_{fld.name}", None)
    }
    return SearchRequest(
        getattr(args, "query", "") or "",
        filters=filters,
        date_from=getattr(args, "date_from", None),
        date_to=getattr(args, "date_to", None),
        limit=0,
    )


def format_table(table: Timeline) -> str:
    """A readable table: one block per period, values by count."""
    fld = fields.field(table.by)
    lines = [f"{fld.label_zh} ({table.by}) per {table.per}: {table.articles} articles"]
    width = max((len(r.key) for r in table.rows), default=0)
    last = None
    for r in table.rows:
        period = r.period if r.period != last else ""
        last = r.period
        lines.append(f"{period:<8} {r.key:\u3000<{width}} {r.count:>6}")
    if not table.rows:
        lines.append("(no values)")
    return "\n".join(lines)


def run_stats(args: argparse.Namespace, archive: Any, out: TextIO | None = None) -> int:
    """Print the counts over time (``--by`` is required here); write ``--out`` if given."""
    from index.insight.timeline import timeline

    out = out or sys.stdout
    if not getattr(args, "by", None):
        raise ArchiveError(_("--by is needed: street, topic, reporter, section, …"))
    table = timeline(archive, request_from(args), args.by, args.per)
    target: Path | None = getattr(args, "out", None)
    if target is not None:
        suffix = target.suffix.lower()
        if suffix not in (".csv", ".xlsx"):
            raise ArchiveError(_("--out must end in .csv or .xlsx, not {name}").format(name=target.name))
        (write_csv if suffix == ".csv" else write_xlsx)(table, target)
    if args.json:
        print(json.dumps(table.as_dict(), ensure_ascii=False, indent=1), file=out)
    else:
        print(format_table(table), file=out)
    return 0


def run_related(args: argparse.Namespace, archive: Any, out: TextIO | None = None) -> int:
    """Print the reprints and related articles of ``args.id``."""
    out = out or sys.stdout
    if hasattr(archive, "related"):
        hits = archive.related(args.id, limit=args.limit)
    else:
        from index.insight.service import Insight

        insight = Insight(archive)
        try:
            hits = insight.related(args.id, limit=args.limit)
        finally:
            insight.close()
    if args.json:
        print(json.dumps({"hits": [h.as_dict() for h in hits]}, ensure_ascii=False, indent=1), file=out)
        return 0
    if not hits:
        print("(nothing similar found)", file=out)
    for h in hits:
        mark = "重复刊发" if h.kind == "reprint" else "相关报道"
        print(f"{h.id:>7}  {h.date.isoformat()}  {h.similarity:4.2f}  {mark}  {h.title}", file=out)
    return 0


def _open_and_run(args: argparse.Namespace) -> int:
    from index.cli.common import open_archive

    with open_archive(args, write=False) as archive:
        code: int = args.insight_run(args, archive)
        return code


def commands() -> tuple[Any, ...]:
    """``timeline`` and ``related`` as commands of :func:`index.cli.main` (its ``extra``)."""
    from index.cli import Command

    return (
        Command(
            "timeline",
            "counts by street, topic, reporter or section per month/quarter/year (stats over time)",
            _open_and_run,
            add_stats_options,
        ),
        Command("related", "reprints and related articles of an article", _open_and_run, add_related_options),
    )
