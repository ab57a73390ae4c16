"""``export``: articles by id or by a search, to a file, to standard output, or one file per article."""

from __future__ import annotations

import argparse
import codecs
import logging
import sys
import tempfile
from pathlib import Path

from index.cli.common import UsageError, open_archive
from index.cli.interrupt import interrupt_as_cancel
from index.cli.progress import ProgressBar
from index.cli.search_cmd import request_from_args
from index.i18n import _

logger = logging.getLogger(__name__)


def _has_filters(args: argparse.Namespace) -> bool:
    return any(v for k, v in vars(args).items() if k.startswith("filter_")) or bool(
        args.date_from or args.date_to
    )


def _ids(args: argparse.Namespace, archive: object) -> list[int]:
    from index.archive import Archive

    assert isinstance(archive, Archive)
    ids = list(args.ids)
    if args.query is not None or _has_filters(args):
        result = archive.search(request_from_args(args, args.query or "", 0))
        ids += [i for i in result.ids if i not in set(ids)]
    if not ids:
        if args.query is not None or _has_filters(args):
            raise UsageError(_("The search found no articles: nothing to export."))
        raise UsageError(_("Give article ids or --query (see: pingcheng-archive export --help)."))
    return ids


def cmd_export(args: argparse.Namespace) -> int:
    """Run ``export``."""
    from index.errors import ExportError
    from index.export import TEXT_FORMATS, normalise_format, target_path

    fmt = normalise_format(args.fmt)
    to_stdout = args.out == "-"
    if to_stdout and fmt not in TEXT_FORMATS:
        raise UsageError(
            _("--out - writes text formats only ({formats}); {fmt} needs a file name.").format(
                formats=", ".join(TEXT_FORMATS), fmt=fmt
            )
        )
    if to_stdout and args.one_per_article:
        raise UsageError(_("--one-per-article needs a folder as --out, not -."))
    if not to_stdout and not args.one_per_article:
        try:
            target_path(Path(args.out), fmt)  # refuse a wrong extension before searching
        except ExportError as exc:
            raise UsageError(str(exc)) from exc
    with open_archive(args, write=False) as archive:
        ids = _ids(args, archive)
        if args.one_per_article:
            from index.export.each import check_template, write_each

            try:
                check_template(args.template)
            except ExportError as exc:
                raise UsageError(str(exc)) from exc
            records = [archive.article(i) for i in ids]
            with interrupt_as_cancel() as cancel, ProgressBar(_("exporting"), _("articles")) as bar:
                files = write_each(records, fmt, Path(args.out), args.template, progress=bar, cancel=cancel)
            print(
                _("wrote {count} files into {folder}").format(count=len(files), folder=args.out),
                file=sys.stderr,
            )
            return 0
        if to_stdout:
            with tempfile.TemporaryDirectory(prefix="pingcheng-export-") as tmp:
                from index.export import EXTENSIONS

                out = archive.export(ids, fmt, Path(tmp) / f"export{EXTENSIONS[fmt][0]}")
                data = out.read_bytes().removeprefix(codecs.BOM_UTF8)  # the BOM is for Excel, not pipes
                sys.stdout.flush()
                sys.stdout.buffer.write(data)
                sys.stdout.buffer.flush()
            return 0
        with interrupt_as_cancel() as cancel, ProgressBar(_("exporting"), _("articles")) as bar:
            out = archive.export(ids, fmt, Path(args.out), progress=bar, cancel=cancel)
    print(_("wrote {path} ({count} articles)").format(path=out, count=len(ids)))
    return 0
