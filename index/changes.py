"""What an operation on the archive changed, and the listeners told about it.

Like Anki's operations return their ``OpChanges``, every change of an :class:`index.archive.Archive`
(edit, revert, import, reindex, removal, restore) produces one :class:`Changes` and hands it to the
listeners registered with ``Archive.subscribe`` once the catalog and the index have committed.
Views refresh from it (which articles, which editions) instead of being refreshed by hand.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Changes:
    """Ids touched by one operation; empty sets where nothing of that kind changed.

    Attributes:
        articles_edited: Articles whose metadata a librarian changed or reverted.
        articles_removed: Articles that no longer exist (removed, or gone with their edition).
        articles_added: Articles that came back (an undone removal); imports report editions.
        editions_added: Editions new in the archive.
        editions_updated: Editions stored again from a changed file (their articles may differ).
        editions_removed: Editions that no longer exist.
        reindexed: The whole search index was rebuilt (results may differ everywhere).
    """

    articles_edited: frozenset[int] = field(default_factory=frozenset)
    articles_removed: frozenset[int] = field(default_factory=frozenset)
    articles_added: frozenset[int] = field(default_factory=frozenset)
    editions_added: frozenset[int] = field(default_factory=frozenset)
    editions_updated: frozenset[int] = field(default_factory=frozenset)
    editions_removed: frozenset[int] = field(default_factory=frozenset)
    reindexed: bool = False

    @classmethod
    def between_editions(cls, before: Mapping[int, str], after: Mapping[int, str]) -> Changes:
        """The edition changes between two snapshots ``edition id → source hash``."""
        return cls(
            editions_added=frozenset(after.keys() - before.keys()),
            editions_removed=frozenset(before.keys() - after.keys()),
            editions_updated=frozenset(e for e in after.keys() & before.keys() if after[e] != before[e]),
        )

    def __bool__(self) -> bool:
        return self.reindexed or any(
            (
                self.articles_edited,
                self.articles_removed,
                self.articles_added,
                self.editions_added,
                self.editions_updated,
                self.editions_removed,
            )
        )

    @property
    def editions_changed(self) -> bool:
        """True when the list of editions or the articles of one may differ."""
        return bool(self.editions_added or self.editions_updated or self.editions_removed or self.reindexed)

    @property
    def content_changed(self) -> bool:
        """True when search results may differ (anything but nothing)."""
        return bool(self)


ChangeListener = Callable[[Changes], None]


class Notifier:
    """Holds the listeners of one archive and calls them (thread-safe registration)."""

    def __init__(self) -> None:
        self._listeners: list[ChangeListener] = []
        self._lock = threading.Lock()

    def subscribe(self, listener: ChangeListener) -> Callable[[], None]:
        """Register ``listener``; returns a function that removes it again."""
        with self._lock:
            self._listeners.append(listener)

        def unsubscribe() -> None:
            with self._lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)

        return unsubscribe

    def notify(self, changes: Changes) -> None:
        """Call every listener with ``changes`` (nothing when nothing changed); failures are logged."""
        if not changes:
            return
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(changes)
            except Exception:
                logger.exception("a change listener failed on %s", changes)
