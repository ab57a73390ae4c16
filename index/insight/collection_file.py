"""The shared collection file: writing it, reading it (with clear messages), matching its entries.

Layout (JSON, UTF-8)::

    {"format": "pingcheng-collection", "version": 1, "name": "…", "description": "…",
     "items": [{"date": "2025-10-05", "edition": "2025-10-05", "title": "…",
                "occurrence": 0, "note": "…", "parsed_title": "…"}]}

``occurrence`` counts earlier articles of the same title in the edition (two "图片新闻");
``parsed_title`` (only when a librarian corrected the title) is the title as printed.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import sqlite3
from pathlib import Path
from typing import Any

from index.errors import ArchiveError
from index.i18n import _

logger = logging.getLogger(__name__)

FILE_FORMAT = "pingcheng-collection"
FILE_VERSION = 1
_SPACE = re.compile(r"\s+")


def _norm(title: str) -> str:
    return _SPACE.sub("", title)


def _titles(con: sqlite3.Connection, date: str) -> list[tuple[int, str, str, list[str]]]:
    """``(id, edition name, akey, [parsed title, edited title?])`` of a day's articles, in order."""
    rows = con.execute(
        "SELECT a.id, e.name, a.akey, a.title, ed.value FROM articles a JOIN editions e ON e.id = a.edition_id "
        "LEFT JOIN edits ed ON ed.akey = a.akey AND ed.field = 'title' WHERE e.date = ? ORDER BY e.id, a.seq",
        (date,),
    ).fetchall()
    out = []
    for aid, ename, akey, parsed, edited in rows:
        titles = [parsed]
        if edited is not None:
            titles.insert(0, str(json.loads(edited)))
        out.append((int(aid), str(ename), str(akey), titles))
    return out


def entries_for(con: sqlite3.Connection, cid: int) -> list[dict[str, Any]]:
    """The file entries of a collection's members (vanished ones keep their stored title and date)."""
    items = con.execute(
        "SELECT i.akey, i.title, i.date, i.note FROM collection_items i WHERE i.collection_id = ? ORDER BY i.position",
        (cid,),
    ).fetchall()
    by_day: dict[str, list[tuple[int, str, str, list[str]]]] = {}
    out = []
    for akey, stored_title, date, note in items:
        day = by_day.setdefault(date, _titles(con, date))
        entry: dict[str, Any] = {
            "date": date,
            "edition": date,
            "title": stored_title,
            "occurrence": 0,
            "note": note,
        }
        for k, (_seq, ename, key, titles) in enumerate(day):
            if key == akey:
                title = titles[0]
                same = [t for _, en, _, t in day[:k] if en == ename and _norm(title) in {_norm(x) for x in t}]
                entry.update(edition=ename, title=title, occurrence=len(same))
                if len(titles) > 1 and titles[1] != title:
                    entry["parsed_title"] = titles[1]  # as printed: what an archive without the edit holds
                break
        out.append(entry)
    return out


def write_file(out: Path, col: Any, entries: list[dict[str, Any]]) -> Path:
    """Write the JSON file."""
    data = {
        "format": FILE_FORMAT,
        "version": FILE_VERSION,
        "name": col.name,
        "description": col.description,
        "exported_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "items": entries,
    }
    try:
        out.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    except OSError as exc:
        logger.exception("writing %s failed", out)
        raise ArchiveError(
            _("Cannot write {out}: {value}").format(out=out, value=exc.strerror or exc)
        ) from exc
    return out


def read_file(path: Path) -> dict[str, Any]:
    """Read and check a collection file; ``ArchiveError`` saying what is wrong with it."""
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise ArchiveError(
            _("Cannot read {path}: {value}").format(path=path, value=exc.strerror or exc)
        ) from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ArchiveError(
            _("{name} is not a collection file (not JSON: {exc})").format(name=path.name, exc=exc)
        ) from exc
    if not isinstance(data, dict) or data.get("format") != FILE_FORMAT:
        raise ArchiveError(
            _('{name} is not a collection file (no "format": "{FILE_FORMAT}")').format(
                name=path.name, FILE_FORMAT=FILE_FORMAT
            )
        )
    if not isinstance(data.get("version"), int) or data["version"] > FILE_VERSION:
        raise ArchiveError(
            _("{name} was written by a newer version of this program; update the program").format(
                name=path.name
            )
        )
    items = data.get("items")
    if not isinstance(data.get("name"), str) or not isinstance(items, list):
        raise ArchiveError(
            _('{name}: a collection file needs a "name" and a list of "items"').format(name=path.name)
        )
    for n, item in enumerate(items, 1):
        if not isinstance(item, dict) or not isinstance(item.get("title"), str):
            raise ArchiveError(_("{name}: entry {n} has no title").format(name=path.name, n=n))
        try:
            dt.date.fromisoformat(str(item.get("date")))
        except ValueError:
            raise ArchiveError(
                _("{name}: entry {n} ({title}) has no valid date").format(
                    name=path.name, n=n, title=item["title"]
                )
            ) from None
    return data


def match_entries(
    con: sqlite3.Connection, items: list[dict[str, Any]]
) -> tuple[list[tuple[int, str]], list[str]]:
    """Article ids (with the notes) for the entries; ``"date title"`` of those matching none.

    An entry matches an article of an edition of that date whose title (parsed or as corrected)
    is the entry's, white space ignored; the edition's name decides between two editions of a day,
    ``occurrence`` between two articles of one title.
    """
    matched: list[tuple[int, str]] = []
    unmatched: list[str] = []
    by_day: dict[str, list[tuple[int, str, str, list[str]]]] = {}
    for item in items:
        date = str(item["date"])
        day = by_day.setdefault(date, _titles(con, date))
        want = {_norm(item["title"]), _norm(str(item.get("parsed_title") or item["title"]))}
        hits = [(aid, en) for aid, en, _, titles in day if want & {_norm(t) for t in titles}]
        named = [aid for aid, en in hits if en == item.get("edition")]
        pool = named or [aid for aid, _ in hits]
        occ = item.get("occurrence", 0)
        k = occ if isinstance(occ, int) and 0 <= occ < len(pool) else 0
        if pool:
            matched.append((pool[k], str(item.get("note", ""))))
        else:
            unmatched.append(f"{date} {item['title']}")
    return matched, unmatched
