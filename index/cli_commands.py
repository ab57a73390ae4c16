"""The archive subcommands of the command line: import, search, export, reindex, stats."""

from __future__ import annotations

import argparse
import datetime as dt
import html
import json
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

from index.errors import ArchiveError, ArchiveLocked


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text}") from exc


def add_archive_commands(sub: Any) -> None:
    """Add the subcommands that work on an archive to ``sub`` (an argparse subparsers object)."""
    sp = sub.add_parser("import", help="import edition files or folders (*.txt) into the archive")
    sp.add_argument("paths", type=Path, nargs="+", metavar="PATH")
    sp.add_argument("--date", type=_date, default=None, help="edition date for files without one in the name")

    sp = sub.add_parser(
        "search", help='search the archive (words, "phrase", -word, OR, 记者: 街道: 主题: 日期:)'
    )
    sp.add_argument("query", nargs="?", default="")
    sp.add_argument("--street", action="append", default=[], help="only this street office (repeatable)")
    sp.add_argument("--topic", action="append", default=[], help="only this topic (repeatable)")
    sp.add_argument("--reporter", action="append", default=[], help="only this reporter (repeatable)")
    sp.add_argument("--from", dest="date_from", type=_date, default=None, metavar="YYYY-MM-DD")
    sp.add_argument("--to", dest="date_to", type=_date, default=None, metavar="YYYY-MM-DD")
    sp.add_argument("--sort", choices=("relevance", "date"), default="relevance")
    sp.add_argument("--limit", type=int, default=20, help="how many hits to show (default 20)")
    sp.add_argument("--json", action="store_true", help='print {"total", "hits", "facets"}')

    sp = sub.add_parser("export", help="write articles to one docx/pdf/md/csv/json/txt file")
    sp.add_argument("ids", type=int, nargs="+", metavar="ID")
    sp.add_argument(
        "--format", dest="fmt", required=True, choices=("docx", "pdf", "md", "csv", "json", "txt")
    )
    sp.add_argument("--out", type=Path, required=True)

    sub.add_parser("reindex", help="rebuild the search index from the catalog")

    sp = sub.add_parser("stats", help="counts by street, topic, reporter and month")
    sp.add_argument("--json", action="store_true")
    add_integrity_commands(sub)


class ProgressBar:
    """``progress(done, total, message)`` drawing a bar on stderr (a line per 10% if not a terminal)."""

    def __init__(self, label: str, stream: TextIO | None = None) -> None:
        self.label = label
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self._step = -1

    def __call__(self, done: int, total: int, message: str) -> None:
        frac = done / total if total else 1.0
        if self.tty:
            n = int(frac * 30)
            self.stream.write(f"\r{self.label} [{'#' * n}{'.' * (30 - n)}] {done}/{total} {message[:28]:<28}")
            self.stream.flush()
        elif int(frac * 10) != self._step:
            self._step = int(frac * 10)
            print(f"{self.label}: {done}/{total} {message}", file=self.stream, flush=True)

    def close(self) -> None:
        if self.tty:
            self.stream.write("\n")
            self.stream.flush()


def _archive_dir(args: argparse.Namespace) -> Path:
    from index.paths import default_archive_dir

    return Path(args.archive) if args.archive else default_archive_dir()


@contextmanager
def _open(args: argparse.Namespace, *, write: bool) -> Iterator[Any]:
    """The archive; for reading, read-only if another program holds it."""
    from index.archive import Archive
    from index.paths import CATALOG_NAME

    root = _archive_dir(args)
    if not write and not (root / CATALOG_NAME).is_file():
        raise ArchiveError(
            f"No archive at {root}: import editions first (main.py --archive {root} import FILES)"
        )
    try:
        archive = Archive(root)
    except ArchiveLocked:
        if write:
            raise
        archive = Archive(root, readonly=True)
    for note in (archive.repair, "" if write else archive.notice):  # a writer gets its own error
        if note:
            print(f"note: {note}", file=sys.stderr)
    try:
        yield archive
    finally:
        archive.close()


def cmd_import(args: argparse.Namespace) -> int:
    bar = ProgressBar("importing")
    with _open(args, write=True) as archive:
        try:
            report = archive.import_paths(args.paths, date=args.date, progress=bar)
        finally:
            bar.close()
    editions = report.editions_added + report.editions_updated + report.editions_unchanged
    print(
        f"{editions} editions: {report.editions_added} added, {report.editions_updated} updated, "
        f"{report.editions_unchanged} unchanged; {report.articles} articles imported "
        f"({report.fragments} fragments, {report.unassigned_blocks} unassigned text blocks kept); "
        f"{len(report.warnings)} warnings; {len(report.errors)} files refused."
    )
    for w in report.warnings:
        print(f"warning: {w}", file=sys.stderr)
    for e in report.errors:
        print(f"refused: {e}", file=sys.stderr)
    return 1 if report.errors else 0


_TAG = re.compile(r"</?b>")


def _plain(snippet: str) -> str:
    return html.unescape(_TAG.sub(lambda m: "】" if m.group(0) == "</b>" else "【", snippet))


def cmd_search(args: argparse.Namespace) -> int:
    from index.models import SearchRequest

    request = SearchRequest(
        text=args.query,
        streets=tuple(args.street),
        topics=tuple(args.topic),
        reporters=tuple(args.reporter),
        date_from=args.date_from,
        date_to=args.date_to,
        sort=args.sort,
        limit=max(0, args.limit),
    )
    with _open(args, write=False) as archive:
        result = archive.search(request)
    if args.json:
        data = {
            "total": result.total,
            "hits": [
                {
                    "id": h.id,
                    "title": h.title,
                    "date": h.date.isoformat(),
                    "section": h.section,
                    "page": h.page,
                    "reporters": list(h.reporters),
                    "streets": list(h.streets),
                    "topics": list(h.topics),
                    "snippet": h.snippet,
                }
                for h in result.hits
            ],
            "facets": {
                name: {fc.value: fc.count for fc in result.facets.get(name, ())}
                for name in ("street", "topic", "reporter")
            },
        }
        print(json.dumps(data, ensure_ascii=False, indent=1))
        return 0
    print(f"{result.total} articles ({result.elapsed_ms:.0f} ms)")
    for h in result.hits:
        where = " ".join(x for x in (h.section or "", f"第{h.page}版" if h.page else "") if x)
        print(f"[{h.id}] {h.date} {where} {h.title}  {'、'.join(h.reporters)}".rstrip())
        print(f"    {_plain(h.snippet)}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    with _open(args, write=False) as archive:
        out = archive.export(args.ids, args.fmt, args.out)
    print(f"wrote {out} ({len(args.ids)} articles)")
    return 0


def cmd_reindex(args: argparse.Namespace) -> int:
    bar = ProgressBar("indexing")
    with _open(args, write=True) as archive:
        try:
            n = archive.reindex(progress=bar)
        finally:
            bar.close()
    print(f"indexed {n} articles")
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    with _open(args, write=False) as archive:
        stats = archive.stats()
    if args.json:
        print(json.dumps(stats, ensure_ascii=False, indent=1))
        return 0
    total = stats.get("total", {})
    print(", ".join(f"{v} {k}" for k, v in total.items()))
    for name in ("street", "topic", "reporter", "month"):
        print(f"\n{name}:")
        for value, count in stats.get(name, {}).items():
            print(f"  {count:6d}  {value}")
    return 0


ARCHIVE_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "import": cmd_import,
    "search": cmd_search,
    "export": cmd_export,
    "reindex": cmd_reindex,
    "stats": cmd_stats,
}


# -- integrity (issue 9): check and backup ----------------------------------------------------------
def add_integrity_commands(sub: Any) -> None:
    """Add ``check`` and ``backup PATH`` to ``sub``."""
    sub.add_parser("check", help="check the catalog (SQLite integrity_check) and the index against it")
    sp = sub.add_parser(
        "backup", help="copy the catalog to PATH (restore: put the copy in place of catalog.sqlite)"
    )
    sp.add_argument("path", type=Path, metavar="PATH")


def cmd_check(args: argparse.Namespace) -> int:
    """Print what ``Archive.check`` found; exit 1 if anything is wrong."""
    with _open(args, write=False) as archive:
        report = archive.check()
    print(f"catalog: {report.catalog_articles} articles; index: {report.index_documents} documents")
    for line in report.problems:
        print(f"problem: {line}")
    for line in report.advice:
        print(f"advice: {line}")
    print("ok" if report.ok else f"{len(report.problems)} problem(s)")
    return 0 if report.ok else 1


def cmd_backup(args: argparse.Namespace) -> int:
    """Write a consistent copy of the catalog."""
    with _open(args, write=False) as archive:
        out = archive.backup(args.path)
    print(f"wrote {out}")
    return 0


ARCHIVE_COMMANDS.update(check=cmd_check, backup=cmd_backup)
