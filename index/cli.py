"""Command line over the core. ``main.py`` calls :func:`main`; no subcommand opens the GUI."""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import os
import sys
from pathlib import Path
from typing import Any

from index.cli_commands import ARCHIVE_COMMANDS, add_archive_commands
from index.errors import ArchiveError

COMMANDS = ("import", "parse", "search", "export", "reindex", "stats", "check", "backup", "gui")


def _jsonable(obj: Any) -> Any:
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {k: _jsonable(v) for k, v in dataclasses.asdict(obj).items()}
    if isinstance(obj, dict):
        return {k: _jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple, set, frozenset)):
        return [_jsonable(v) for v in obj]
    if isinstance(obj, dt.date):
        return obj.isoformat()
    return obj


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text}") from exc


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="main.py", description="平城区报 archive: import, search, export.")
    p.add_argument("--archive", type=Path, default=None, help="archive folder (default: user data dir)")
    sub = p.add_subparsers(dest="command")

    sp = sub.add_parser("parse", help="parse one edition file and print its articles")
    sp.add_argument("file", type=Path)
    sp.add_argument("--date", type=_date, default=None)
    sp.add_argument("--json", action="store_true", help="print JSON {edition, articles}")
    sub.add_parser("gui", help="open the desktop viewer (the default)")
    add_archive_commands(sub)
    for sp in sub.choices.values():  # --archive is also accepted after the subcommand
        sp.add_argument("--archive", type=Path, default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    return p


def cmd_parse(args: argparse.Namespace) -> int:
    from index.ingest.pipeline import parse_path

    edition = parse_path(args.file, date=args.date)
    if args.json:
        data = _jsonable(edition)
        articles = data.pop("articles")
        for art, parsed in zip(articles, edition.articles, strict=False):
            art["body"] = parsed.body
            art["correspondents"] = art.get("correspondents", [])
        print(json.dumps({"edition": data, "articles": articles}, ensure_ascii=False, indent=1))
    else:
        print(f"{edition.source_name}: {edition.date or '(no date)'}, {len(edition.articles)} articles")
        for i, a in enumerate(edition.articles, 1):
            flag = " [fragment]" if a.fragment else ""
            print(f"{i:3}. [{a.section or '-'}] {a.title}{flag}  {'、'.join(a.reporters)}")
        for w in edition.warnings:
            print(f"warning: {w}", file=sys.stderr)
    return 0


def main(argv: list[str]) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command in (None, "gui"):
        from viewer.app import run

        return run(archive_dir=args.archive)
    handlers = {"parse": cmd_parse, **ARCHIVE_COMMANDS}
    try:
        code = handlers[args.command](args)
        sys.stdout.flush()  # a closed pipe shows here, not in the interpreter's last flush
        return code
    except ArchiveError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted: what was stored before stays in the archive", file=sys.stderr)
        return 130
    except BrokenPipeError:  # ``main.py stats | head -1``: the reader has gone, nothing to report
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # Python's final flush would fail again
        return 0
