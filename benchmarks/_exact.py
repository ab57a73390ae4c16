"""Benchmark stages of issue 8: recall/precision against brute force, and the tantivy reference row.

* :func:`exact_stage`: 200 random 1–5 character substrings of article bodies, searched quoted and
  unquoted; every article's text (headline, body, captions, credits) is scanned for the truth.
* :func:`tantivy_stage`: the same articles, segmented by the archive's own analyzer (search mode),
  indexed by ``tantivy`` (a compiled engine, PyPI, benchmark-only extra ``bench``) with a whitespace
  tokenizer, and the benchmark's queries run as token queries (AND of the tokens, phrases as token
  phrases); filters are left out, so its times are a lower bound for the same work.
"""

from __future__ import annotations

import json
import random
import shutil
import statistics
import time
from pathlib import Path
from typing import Any


def _percentile(values: list[float], p: float) -> float:
    s = sorted(values)
    if not s:
        return 0.0
    k = (len(s) - 1) * p / 100
    lo = int(k)
    hi = min(lo + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


def _texts(arch: Any) -> tuple[list[int], list[str], list[set[str]]]:
    con = arch.catalog.conn()
    ids, texts, names = [], [], []
    for aid, title, kicker, subtitle, body, caps, reps, phots in con.execute(
        "SELECT id, title, kicker, subtitle, body, captions, reporters, photographers FROM articles"
    ):
        parts = [title, kicker, subtitle, body]
        for cap in json.loads(caps):
            parts.extend(cap)
        ids.append(aid)
        texts.append("\n".join(p for p in parts if p).lower())
        names.append(set(json.loads(reps)) | set(json.loads(phots)))
    return ids, texts, names


def _samples(texts: list[str], n: int, seed: int) -> list[str]:
    rnd = random.Random(seed)
    out: list[str] = []
    while len(out) < n:
        text = rnd.choice(texts)
        size = rnd.choice([1, 2, 2, 3, 3, 4, 5])
        if len(text) <= size:
            continue
        start = rnd.randrange(len(text) - size)
        s = text[start : start + size]
        if (
            s.strip() == s
            and not any(c in s for c in '\n"“”「」『』:：-')
            and any(c.isalnum() for c in s)
            and s not in ("or", "and", "near", "not", "|")
        ):
            out.append(s)
    return out


def exact_stage(arch: Any, seed: int, n: int = 200) -> dict[str, Any]:
    """Recall and precision of quoted and unquoted searches against a brute-force scan."""
    from index.models import SearchRequest

    ids, texts, names = _texts(arch)
    samples = _samples(texts, n, seed)
    out: dict[str, Any] = {"substrings": len(samples), "articles": len(ids)}
    for mode in ("quoted", "unquoted"):
        found_all = truth_all = both = 0
        times: list[float] = []
        worst: list[str] = []
        for s in samples:
            truth = {i for i, t in zip(ids, texts, strict=True) if s in t}
            if mode == "unquoted":
                truth |= {i for i, nm in zip(ids, names, strict=True) if s in nm}
            t0 = time.perf_counter()
            res = arch.search(SearchRequest(f'"{s}"' if mode == "quoted" else s, limit=20))
            times.append((time.perf_counter() - t0) * 1000)
            got = set(res.ids)
            found_all += len(got)
            truth_all += len(truth)
            both += len(got & truth)
            if got != truth and len(worst) < 5:
                worst.append(f"{s}: {len(got & truth)}/{len(truth)} found, {len(got - truth)} extra")
        out[mode] = {
            "recall": both / truth_all if truth_all else 1.0,
            "precision": both / found_all if found_all else 1.0,
            "p50_ms": _percentile(times, 50),
            "p95_ms": _percentile(times, 95),
            "matches": truth_all,
            "mismatches": worst,
        }
    return out


def tantivy_stage(arch: Any, queries: list[Any], workdir: Path) -> dict[str, Any]:
    """The tantivy reference row: import articles/s and p50/p95 of the same queries."""
    import tantivy

    folder = workdir / "tantivy-ref"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    an = arch.analyzer
    sb = tantivy.SchemaBuilder()
    sb.add_unsigned_field("id", stored=True, indexed=True)
    sb.add_text_field("title", tokenizer_name="whitespace")
    sb.add_text_field("body", tokenizer_name="whitespace")
    schema = sb.build()
    ix = tantivy.Index(schema, path=str(folder))
    t0 = time.perf_counter()
    writer = ix.writer(heap_size=128_000_000, num_threads=1)
    n = 0
    for batch in arch.catalog.iter_articles(batch=500):
        for rec in batch:
            title = " ".join(an.index_tokens("\n".join((rec.kicker, rec.title, rec.subtitle))))
            body = " ".join(an.index_tokens("\n".join([rec.body, *(c.text for c in rec.captions)])))
            doc = tantivy.Document()
            doc.add_unsigned("id", rec.id)
            doc.add_text("title", title)
            doc.add_text("body", body)
            writer.add_document(doc)
            n += 1
    writer.commit()
    writer.wait_merging_threads()
    import_s = time.perf_counter() - t0
    ix.reload()
    searcher = ix.searcher()
    times: list[float] = []
    for q in queries:
        text = q.text
        if not text:
            continue
        parts = []
        for raw in text.split():
            quoted = raw.startswith('"') and raw.endswith('"')
            toks = [t.replace('"', "") for t in an.index_tokens(raw.strip('"'))]
            toks = [t for t in toks if t.isalnum()]
            if not toks:
                continue
            if quoted:
                parts.append('"' + " ".join(toks) + '"')
            else:
                parts.append("(" + " AND ".join(toks) + ")")
        if not parts:
            continue
        try:
            t0 = time.perf_counter()
            query = ix.parse_query(" AND ".join(parts), ["title", "body"])
            searcher.search(query, 20, count=True)
            times.append((time.perf_counter() - t0) * 1000)
        except ValueError:
            continue
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    shutil.rmtree(folder, ignore_errors=True)
    return {
        "version": getattr(tantivy, "__version__", "?"),
        "articles": n,
        "import_s": import_s,
        "articles_per_s": n / import_s if import_s else 0.0,
        "queries": len(times),
        "p50_ms": _percentile(times, 50),
        "p95_ms": _percentile(times, 95),
        "mean_ms": statistics.fmean(times) if times else 0.0,
        "index_bytes": size,
        "note": "tokens from the archive's analyzer (search mode); filters not applied; segmentation time included in import",
    }
