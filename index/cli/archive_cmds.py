"""``import``, ``parse``, ``reindex`` and ``stats``."""

from __future__ import annotations

import argparse
import json
import logging
import sys

from index import fields
from index.cli.common import Exit, jsonable, open_archive
from index.cli.interrupt import interrupt_as_cancel
from index.cli.progress import ImportProgress, ProgressBar
from index.i18n import _, language

logger = logging.getLogger(__name__)


def cmd_import(args: argparse.Namespace) -> int:
    """Run ``import``: 1 when some file was refused."""
    with open_archive(args, write=True) as archive:
        before = archive.catalog.article_count()

        def stored() -> int:
            return int(archive.catalog.article_count()) - before

        with interrupt_as_cancel() as cancel, ImportProgress(stored) as bar:
            report = archive.import_paths(args.paths, date=args.date, progress=bar, cancel=cancel)
    editions = report.editions_added + report.editions_updated + report.editions_unchanged
    print(
        _(
            "{editions} editions: {added} added, {updated} updated, {unchanged} unchanged; "
            "{articles} articles imported ({fragments} fragments, {unassigned} unassigned text blocks kept); "
            "{warnings} warnings; {refused} files refused."
        ).format(
            editions=editions,
            added=report.editions_added,
            updated=report.editions_updated,
            unchanged=report.editions_unchanged,
            articles=report.articles,
            fragments=report.fragments,
            unassigned=report.unassigned_blocks,
            warnings=len(report.warnings),
            refused=len(report.errors),
        )
    )
    for w in report.warnings:
        print(_("warning: {message}").format(message=w), file=sys.stderr)
    for e in report.errors:
        print(_("refused: {message}").format(message=e), file=sys.stderr)
    if report.cancelled:
        print(_("interrupted: what was stored before stays in the archive"), file=sys.stderr)
        return int(Exit.INTERRUPTED)
    return int(Exit.REFUSED) if report.errors else int(Exit.OK)


def cmd_parse(args: argparse.Namespace) -> int:
    """Run ``parse``: one file's articles as lines or JSON, nothing stored."""
    from index.ingest.pipeline import parse_path

    edition = parse_path(args.file, date=args.date)
    if args.json:
        data = jsonable(edition)
        articles = data.pop("articles")
        for art, parsed in zip(articles, edition.articles, strict=False):
            art["body"] = parsed.body
            art["correspondents"] = art.get("correspondents", [])
        print(json.dumps({"edition": data, "articles": articles}, ensure_ascii=False, indent=1))
        return 0
    print(
        _("{name}: {date}, {count} articles").format(
            name=edition.source_name, date=edition.date or _("(no date)"), count=len(edition.articles)
        )
    )
    for i, a in enumerate(edition.articles, 1):
        flag = " " + _("[fragment]") if a.fragment else ""
        print(f"{i:3}. [{a.section or '-'}] {a.title}{flag}  {'、'.join(a.reporters)}")
    for w in edition.warnings:
        print(_("warning: {message}").format(message=w), file=sys.stderr)
    return 0


def cmd_reindex(args: argparse.Namespace) -> int:
    """Run ``reindex``."""
    with (
        open_archive(args, write=True) as archive,
        interrupt_as_cancel() as cancel,
        ProgressBar(_("indexing"), _("articles")) as bar,
    ):
        n = archive.reindex(progress=bar, cancel=cancel)
    print(_("indexed {count} articles").format(count=n))
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    """Run ``stats``: counts per facet value."""
    with open_archive(args, write=False) as archive:
        stats = archive.stats()
    if args.json:
        print(json.dumps(stats, ensure_ascii=False, indent=1))
        return 0
    total = stats.get("total", {})
    names = {
        "editions": _("editions"),
        "articles": _("articles"),
        "fragments": _("fragments"),
        "edits": _("edits"),
    }
    print(_(", ").join(_("{count} {what}").format(count=v, what=names.get(k, k)) for k, v in total.items()))
    for name, counts in stats.items():
        if name == "total":
            continue
        fld = fields.BY_NAME.get(name)
        label = (fld.label_zh if language() == "zh_CN" else fld.label_en) if fld else name
        print("\n" + _("{label}:").format(label=label))
        for value, count in counts.items():
            print(f"  {count:6d}  {value}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    """Run ``check``: what ``Archive.check`` found; exit 1 if anything is wrong."""
    with open_archive(args, write=False) as archive:
        report = archive.check()
    print(
        _("catalog: {articles} articles; index: {documents} documents").format(
            articles=report.catalog_articles, documents=report.index_documents
        )
    )
    for line in report.problems:
        print(_("problem: {line}").format(line=line))
    for line in report.advice:
        print(_("advice: {line}").format(line=line))
    print(_("ok") if report.ok else _("{count} problem(s)").format(count=len(report.problems)))
    return 0 if report.ok else 1


def cmd_backup(args: argparse.Namespace) -> int:
    """Run ``backup PATH``: a consistent copy of the catalog (SQLite online backup)."""
    with open_archive(args, write=False) as archive:
        out = archive.backup(args.path)
    print(_("wrote {path}").format(path=out))
    return 0
