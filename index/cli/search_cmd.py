"""``search``: hits as text, JSON or bare ids, with paging; the request is also what ``export --query`` uses."""

from __future__ import annotations

import argparse
import html
import json
import logging
import re
from collections.abc import Sequence
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
# Where a hit may carry its highlight spans (offsets into the plain snippet text) and that text.
SPAN_ATTRS = ("spans", "highlights", "highlight_spans")
TEXT_ATTRS = ("snippet_text", "snippet_plain", "plain_snippet")


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


def _bounds(span: Any) -> tuple[int, int]:
    """``(start, end)`` of a span given as a pair or as an object with ``start``/``end``."""
    if hasattr(span, "start") and hasattr(span, "end"):
        return int(span.start), int(span.end)
    return int(span[0]), int(span[1])


def _clean_spans(text: str, spans: Sequence[Any]) -> list[tuple[int, int]]:
    """Sorted, non-overlapping spans inside ``text``."""
    out: list[tuple[int, int]] = []
    pos = 0
    for start, end in sorted(_bounds(s) for s in spans):
        start, end = max(start, pos, 0), min(end, len(text))
        if end > start:
            out.append((start, end))
            pos = end
    return out


def _from_html(snippet: str) -> tuple[str, list[tuple[int, int]]]:
    """Plain text and match offsets of an HTML snippet with ``<b>`` marks."""
    text: list[str] = []
    spans: list[tuple[int, int]] = []
    length, opened = 0, None
    for piece in re.split(r"(</?b>)", snippet):
        if piece == "<b>":
            opened = length
        elif piece == "</b>":
            if opened is not None and length > opened:
                spans.append((opened, length))
            opened = None
        elif piece:
            plain = html.unescape(piece)
            text.append(plain)
            length += len(plain)
    return "".join(text), spans


def snippet_spans(hit: Hit) -> tuple[str, list[tuple[int, int]]]:
    """The snippet as plain text and the offsets of its matches: from the hit's highlight spans
    when it has them, else from the ``<b>`` markup of its HTML snippet."""
    spans = next((getattr(hit, a) for a in SPAN_ATTRS if getattr(hit, a, None) is not None), None)
    text = next((getattr(hit, a) for a in TEXT_ATTRS if isinstance(getattr(hit, a, None), str)), None)
    if spans is not None and text is not None:
        return text, _clean_spans(text, spans)
    return _from_html(hit.snippet)


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
