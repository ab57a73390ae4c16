"""Errors the core raises; each carries a message fit to show a user as it is."""

from __future__ import annotations

import logging

logger = logging.getLogger(__name__)


class ArchiveError(Exception):
    """Base class of every error the core raises on purpose."""


class ImportRefused(ArchiveError):
    """A file cannot be imported (empty, binary, undecodable, undated); the archive is untouched."""


class BadQuery(ArchiveError):
    """The query text cannot be understood."""


class ArchiveLocked(ArchiveError):
    """Another process holds the archive (a second running instance)."""


class ReadOnlyArchive(ArchiveError):
    """The archive cannot be changed: opened read-only, or on a read-only folder or medium."""


class CatalogDamaged(ArchiveError):
    """The catalog file is damaged; reading what can be read may work, writing is refused."""


class DiskFull(ArchiveError):
    """No space left on the disk holding the archive; nothing of the change was stored."""


class SchemaMismatch(ArchiveError):
    """The catalog was written by an incompatible version."""


class ExportError(ArchiveError):
    """An export cannot be written (no CJK font for PDF, unwritable path, unknown format)."""


class Cancelled(ArchiveError):
    """A long job was cancelled by the user."""
