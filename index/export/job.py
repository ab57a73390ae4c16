"""What every writer shares: progress and cancel plumbing, and the all-or-nothing file write."""

from __future__ import annotations

import contextlib
import logging
import os
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from index.errors import Cancelled, ExportError
from index.i18n import _
from index.integrity.leftovers import tracked_part
from index.models import ArticleRecord, CancelCheck, Progress

logger = logging.getLogger(__name__)


@dataclass
class Job:
    """One export run: the articles, the paper's name, and the caller's callbacks."""

    articles: list[ArticleRecord]
    paper: str
    progress: Progress | None = None
    cancel: CancelCheck | None = None

    @property
    def total(self) -> int:
        """Number of articles to export."""
        return len(self.articles)

    def check(self) -> None:
        """Raise :class:`Cancelled` if the caller asked to stop."""
        if self.cancel is not None and self.cancel():
            raise Cancelled(_("Export cancelled; no file was written."))

    def report(self, done: int, message: str) -> None:
        """Check for cancel, then tell the caller how far we are."""
        self.check()
        if self.progress is not None:
            self.progress(done, self.total, message)

    def each(self) -> Iterator[ArticleRecord]:
        """The articles in order, reporting progress and checking cancel around each one."""
        for done, article in enumerate(self.articles):
            self.report(
                done,
                _("Exporting {n}/{total}: {title}").format(
                    n=done + 1, total=self.total, title=article.title or _("(untitled)")
                ),
            )
            yield article
        self.check()


def check_target(out: Path) -> None:
    """Refuse, with a message fit for a user, a path that cannot become the export file."""
    if out.is_dir():
        raise ExportError(_("Cannot export to {out}: it is a folder; give a file name.").format(out=out))
    parent = out.parent
    if not parent.exists():
        raise ExportError(
            _("Cannot export to {out}: the folder {parent} does not exist.").format(out=out, parent=parent)
        )
    if not parent.is_dir():
        raise ExportError(
            _("Cannot export to {out}: {parent} is not a folder.").format(out=out, parent=parent)
        )


def _create_temp(out: Path) -> Path:
    """An empty, new file beside ``out`` (created like any file, so it gets the usual permissions)."""
    for _attempt in range(100):
        tmp = out.with_name(f".{out.name}.{secrets.token_hex(4)}.part")
        try:
            with tmp.open("xb"):
                return tmp
        except FileExistsError:
            continue
    raise ExportError(_("Cannot create a temporary file in {folder}.").format(folder=out.parent))


@contextlib.contextmanager
def atomic_target(out: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``out``; on success it replaces ``out``, on any error it goes.

    The temporary file lives in the same folder so the final rename is atomic: a cancelled or failed
    export never leaves a partial file, and an existing file at ``out`` stays intact until then.
    """
    check_target(out)
    try:
        tmp = _create_temp(out)
    except OSError as exc:
        raise ExportError(
            _("Cannot write to the folder {folder}: {reason}.").format(
                folder=out.parent, reason=exc.strerror or exc
            )
        ) from exc
    try:
        with tracked_part(tmp):  # a killed export's file is removed at the next start (issue 9)
            yield tmp
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ExportError(
            _("Cannot write {out}: {reason}.").format(out=out, reason=exc.strerror or exc)
        ) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    try:
        os.replace(tmp, out)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        hint = " " + _("Is it open in another program?") if isinstance(exc, PermissionError) else ""
        raise ExportError(
            _("Cannot replace {out}: {reason}.").format(out=out, reason=exc.strerror or exc) + hint
        ) from exc
