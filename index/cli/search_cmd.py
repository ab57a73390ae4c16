"""``search``: hits as text, JSON or bare ids, with paging; the request is also what ``export --query`` uses."""

from __future__ import annotations

import argparse
import json
import logging
from typing import TYPE_CHECKING, Any

from index import fields
from index.cli.common import open_archive
from index.i18n import _

if TYPE_CHECKING:
    from index.archive import Archive
    from index.models import Hit, SearchRequest, SearchResult

logger = logging.getLogger(__name__)

MARK_OPEN, MARK_CLOSE = "【", "】"
DEFAULT_LIMIT = 20


def request_from_args(args: argparse.Namespace, text: str, limit: int) -> SearchRequest:
    """The :class:`SearchRequest` of the filter options (one per registry field with a CLI flag)."""
    from index.models import SearchRequest

    filters = {
        fld.name: tuple(getattr(args, f"filter_{fld.name}", ()) or ())
        for fld in fields.FIELDS
        if fld.cli_flag and fld.facet
    }
    return SearchRequest(
        text,
        filters={k: v for k, v in filters.items() if v},
        date_from=args.date_from,
        date_to=args.date_to,
        sort=args.sort,
        limit=limit,
    )


def snippet_spans(hit: Hit) -> tuple[str, list[tuple[int, int]]]:
    """The snippet as plain text and the offsets of its matches (the core's highlight spans)."""
    return hit.excerpt, [(int(start), int(end)) for start, end in hit.spans]


def plain_snippet(hit: Hit) -> str:
    """The snippet with its matches in 【】."""
    text, spans = snippet_spans(hit)
    out, pos = [], 0
    for start, end in spans:
        out += [text[pos:start], MARK_OPEN, text[start:end], MARK_CLOSE]
        pos = end
    out.append(text[pos:])
    return "".join(out)


def page_of(archive: Archive, result: SearchResult, offset: int, limit: int) -> list[Hit]:
    """The hits ``offset`` … ``offset + limit`` of a result (the first page comes with the result)."""
    if offset <= 0 and len(result.hits) >= min(limit, result.total):
        return list(result.hits[:limit])
    ids = result.ids[offset : offset + limit]
    return archive.hits(ids, result.terms) if ids else []


def hit_json(hit: Hit) -> dict[str, Any]:
    """One hit as JSON: id, title, date, placement, the facet values, the snippet as plain text and
    ``highlights``, the ``[start, end)`` offsets of the matches in it."""
    data: dict[str, Any] = {
        "id": hit.id,
        "title": hit.title,
        "date": hit.date.isoformat(),
        "section": hit.section,
        "page": hit.page,
        "reporters": list(hit.reporters),
        "streets": list(hit.streets),
        "topics": list(hit.topics),
    }
    data["snippet"], spans = snippet_spans(hit)
    data["highlights"] = [list(span) for span in spans]
    return data


def cmd_search(args: argparse.Namespace) -> int:
    """Run ``search``: text lines, ``--json`` or ``--ids``."""
    default = 1 << 62 if args.ids else DEFAULT_LIMIT
    offset, limit = max(0, args.offset), max(0, default if args.limit is None else args.limit)
    with open_archive(args, write=False) as archive:
        first = 0 if args.ids else (limit if offset == 0 else 0)
        result = archive.search(request_from_args(args, args.query, first))
        if args.ids:
            for article_id in result.ids[offset : offset + limit]:
                print(article_id)
            return 0
        hits = page_of(archive, result, offset, limit)
    if args.json:
        data = {
            "total": result.total,
            "offset": offset,
            "hits": [hit_json(h) for h in hits],
            "facets": {
                name: {fc.value: fc.count for fc in result.facets.get(name, ())}
                for name in fields.facet_names()
            },
        }
        print(json.dumps(data, ensure_ascii=False, indent=1))
        return 0
    print(_("{total} articles ({ms:.0f} ms)").format(total=result.total, ms=result.elapsed_ms))
    for h in hits:
        where = " ".join(x for x in (h.section or "", f"第{h.page}版" if h.page else "") if x)
        print(f"[{h.id}] {h.date} {where} {h.title}  {'、'.join(h.reporters)}".rstrip())
        print(f"    {plain_snippet(h)}")
    return 0
