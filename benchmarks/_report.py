"""Machine description, target checks, and the text / Markdown renderings of a benchmark run."""

from __future__ import annotations

import datetime as dt
import os
import platform
import re
import sqlite3
from collections import defaultdict
from importlib import metadata
from pathlib import Path
from typing import Any

# (key, label, unit, comparison, target) — the targets of issue 4 at N = 100,000 on 2 cores.
TARGETS: tuple[tuple[str, str, str, str, float], ...] = (
    ("import.ratio_to_jieba", "import throughput / jieba reference", "×", ">=", 1.0),
    ("search.p50_ms", "search p50", "ms", "<=", 30.0),
    ("search.p95_ms", "search p95", "ms", "<=", 100.0),
    ("search.p50_ms", "search p50 (issue 8)", "ms", "<=", 20.0),
    ("search.p95_ms", "search p95 (issue 8)", "ms", "<=", 60.0),
    ("search.by_kind.phrase.p95_ms", "phrases p95 (issue 8)", "ms", "<=", 60.0),
    ("search.first_ms", "first search after opening, as the viewer opens (issue 8)", "ms", "<=", 200.0),
    ("exact.quoted.recall", "quoted substrings: recall (issue 8)", "", ">=", 1.0),
    ("exact.quoted.precision", "quoted substrings: precision (issue 8)", "", ">=", 1.0),
    ("exact.unquoted.recall", "unquoted substrings: recall (issue 8)", "", ">=", 1.0),
    ("exact.unquoted.precision", "unquoted substrings: precision (issue 8)", "", ">=", 1.0),
    ("one_more_edition.searchable_s", "one more edition imported and searchable", "s", "<=", 3.0),
    ("viewer.ready_s", "viewer usable after launch", "s", "<=", 1.5),
    ("viewer.peak_rss_mb", "viewer peak RSS after a search", "MB", "<=", 400.0),
)
PACKAGES = ("PySide6-Essentials", "whoosh-reloaded", "Whoosh", "jieba", "rjieba", "jieba_fast")


def machine() -> dict[str, Any]:
    """CPU model, cores, RAM, OS, Python, SQLite and the versions of the stack's packages."""
    cpu = ""
    mem_kb = 0
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
        found = re.search(r"^model name\s*:\s*(.+)$", cpuinfo, re.M)
        cpu = found.group(1).strip() if found else ""
        meminfo = Path("/proc/meminfo").read_text(encoding="utf-8")
        total = re.search(r"^MemTotal:\s*(\d+) kB", meminfo, re.M)
        mem_kb = int(total.group(1)) if total else 0
    except OSError:
        pass
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        usable = os.cpu_count() or 0
    return {
        "cpu": cpu or platform.processor() or "unknown",
        "cores": os.cpu_count() or 0,
        "cores_usable": usable,
        "ram_gb": round(mem_kb / 1024 / 1024, 1),
        "os": platform.platform(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "packages": versions,
    }


def lookup(results: dict[str, Any], dotted: str) -> Any:
    """``results["a"]["b"]`` for ``"a.b"``; ``None`` when any step is missing."""
    value: Any = results
    for key in dotted.split("."):
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return value


def check_targets(results: dict[str, Any]) -> list[dict[str, Any]]:
    """Each target with the measured value and whether it is met (``None``: not measured)."""
    rows = []
    for key, label, unit, op, target in TARGETS:
        value = lookup(results, key)
        ok = None if value is None else (value >= target if op == ">=" else value <= target)
        rows.append(
            {"key": key, "label": label, "unit": unit, "op": op, "target": target, "value": value, "ok": ok}
        )
    return rows


def _fmt(value: Any, digits: int = 1) -> str:
    if value is None:
        return "not measured"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def _section(r: dict[str, Any], key: str, primary: str) -> dict[str, Any] | None:
    """The results of one stage, or ``None`` when it was not measured (see its note)."""
    d = r.get(key) or {}
    # missing figures read as None, which prints as "not measured"
    return defaultdict(lambda: None, d) if d.get(primary) is not None else None


def _not_measured(r: dict[str, Any], key: str) -> str:
    note = (r.get(key) or {}).get("note") or ""
    return note if note.startswith("not measured") else ("not measured " + note).strip()


def figure_lines(r: dict[str, Any]) -> list[tuple[str, str]]:
    """(label, value) rows shared by the text and the Markdown output."""
    mb = 1024 * 1024
    rows: list[tuple[str, str]] = []
    c = _section(r, "corpus", "articles")
    rows.append(
        (
            "corpus",
            f"{_fmt(c['articles'])} articles, {_fmt(c['editions'])} editions ({c['date_from']} .. "
            f"{c['date_to']}), {_fmt(c['text_chars'])} chars of title+body, mean body "
            f"{_fmt(c['mean_body_chars'])} chars, {_fmt(c['total_chars'])} chars in files"
            + (f"; written in {c['build_s']} s" if c.get("build_s") is not None else " (reused)")
            if c
            else _not_measured(r, "corpus"),
        )
    )
    j = _section(r, "jieba", "chars_per_s")
    rows.append(
        (
            "jieba cut_for_search (1 process, reference)",
            f"{_fmt(j['chars_per_s'], 0)} chars/s on {_fmt(j['chars'])} chars of {_fmt(j['articles'])} articles"
            if j
            else _not_measured(r, "jieba"),
        )
    )
    i = _section(r, "import", "seconds")
    rows.append(
        (
            "import (parse, enrich, catalog, index)",
            f"{_fmt(i['chars_per_s'], 0)} chars/s, {_fmt(i['articles_per_s'])} articles/s, "
            f"{_fmt(i.get('ratio_to_jieba'), 2)}× jieba; {_fmt(i['seconds'])} s for {_fmt(i['articles'])} "
            f"articles in {_fmt(i['editions'])} editions, {_fmt(i['errors'])} files refused"
            + (" (figures stored when the reused archive was built)" if i.get("reused") else "")
            + (f"; {i['note']}" if i.get("note") else "")
            if i
            else _not_measured(r, "import"),
        )
    )
    s = _section(r, "search", "p50_ms")
    rows.append(
        (
            "search (total + facet counts + 20 snippets)",
            f"p50 {_fmt(s['p50_ms'])} ms, p95 {_fmt(s['p95_ms'])} ms, max {_fmt(s['max_ms'])} ms over "
            f"{_fmt(s['queries'])} queries; first search after opening {_fmt(s['first_ms'])} ms once the "
            f"warm-up the viewer runs while it opens is done (the warm-up: {_fmt(s.get('warm_up_ms'))} ms), "
            f"{_fmt(s.get('first_cold_ms'))} ms cold (nothing loaded); "
            f"{_fmt(s['zero_hits'])} without hits ({_fmt(s['phrase_zero_hits'])} of {_fmt(s['phrases'])} "
            f"phrases); {_fmt(s['failed'])} failed"
            + (f"; {s['note']}" if s.get("note") else "")
            + (
                f"; unfiltered phrases not found: {' '.join(s['missed_phrases'])}"
                if s.get("missed_phrases")
                else ""
            )
            if s
            else _not_measured(r, "search"),
        )
    )
    if s:
        pg = s.get("page_of_50") or {}
        rows.append(
            (
                "  snippets / paging",
                f"{_fmt(s['snippets_highlighted'])} of {_fmt(s['snippets'])} snippets of text queries show a "
                "highlighted match (the others: title-only matches); "
                + (
                    f"50 more rows from the middle of {_fmt(pg['total'])} hits ({pg['query']!r}) in {_fmt(pg['ms'])} ms"
                    if pg
                    else "paging not measured (no large result)"
                ),
            )
        )
    for kind, k in ((s or {}).get("by_kind") or {}).items():
        rows.append(
            (
                f"  {kind}",
                f"p50 {_fmt(k['p50_ms'])} ms, p95 {_fmt(k['p95_ms'])} ms, median total "
                f"{_fmt(k['median_total'])} hits, {k['zero_hits']} without hits ({k['n']} queries)",
            )
        )
    x = _section(r, "exact", "quoted")
    for mode in ("quoted", "unquoted"):
        q = (x or {}).get(mode)
        rows.append(
            (
                f"exact text, {mode} (issue 8)",
                f"recall {q['recall']:.3f}, precision {q['precision']:.3f} against a brute-force scan for "
                f"{_fmt(x['substrings'])} random 1–5 character substrings ({_fmt(q['matches'])} matching "
                f"articles in all); p50 {_fmt(q['p50_ms'])} ms, p95 {_fmt(q['p95_ms'])} ms"
                + (f"; mismatches: {'; '.join(q['mismatches'])}" if q.get("mismatches") else "")
                if q
                else _not_measured(r, "exact"),
            )
        )
    t = _section(r, "tantivy", "articles_per_s")
    rows.append(
        (
            "tantivy reference (same tokens)",
            f"{t['version']}: {_fmt(t['articles_per_s'])} articles/s ({_fmt(t['import_s'])} s incl. "
            f"segmentation, 1 indexing thread), p50 {_fmt(t['p50_ms'])} ms, p95 {_fmt(t['p95_ms'])} ms over "
            f"{_fmt(t['queries'])} queries (text only, no filters, no facets, no snippets); index "
            f"{_fmt(t['index_bytes'] / mb)} MB"
            if t
            else _not_measured(r, "tantivy"),
        )
    )
    e = _section(r, "one_more_edition", "searchable_s")
    rows.append(
        (
            "one more edition imported + searchable",
            f"{_fmt(e['searchable_s'], 2)} s (import {_fmt(e['import_s'], 2)} s; {_fmt(e['articles'])} "
            f"articles; search {e['query']!r} on {e['date']} found {_fmt(e['found'])})"
            if e
            else _not_measured(r, "one_more_edition"),
        )
    )
    v = _section(r, "viewer", "ready_s")
    rows.append(
        (
            "viewer usable (offscreen)",
            f"{_fmt(v['ready_s'], 2)} s from launch to usable (median of {len(v.get('runs', []))}; the viewer's "
            f"own clock: {_fmt(v.get('ready_self_s'), 2)} s); peak RSS after searching {v.get('query')!r}: "
            f"{_fmt(v.get('peak_rss_mb'))} MB; that search {_fmt(v.get('search_ms'))} ms in the viewer"
            + (f"; {v['note']}" if v.get("note") else "")
            if v
            else _not_measured(r, "viewer"),
        )
    )
    d = _section(r, "disk", "archive_bytes")
    rows.append(
        (
            "size on disk",
            f"index {_fmt(d['index_bytes'] / mb)} MB, catalog {_fmt(d['catalog_bytes'] / mb)} MB, "
            f"archive folder {_fmt(d['archive_bytes'] / mb)} MB (corpus files {_fmt(d['corpus_bytes'] / mb)} MB)"
            if d and d["archive_bytes"]
            else "not measured (no archive)",
        )
    )
    return rows


def render_text(r: dict[str, Any]) -> str:
    """The human-readable report printed by ``run.py``."""
    m = r["machine"]
    lines = [
        f"benchmark: N = {r['n_articles']:,}, seed {r['seed']}, {r['when']}",
        f"machine: {m['cpu']}, {m['cores']} cores ({m['cores_usable']} usable), {m['ram_gb']} GB RAM, "
        f"Python {m['python']}, " + ", ".join(f"{k} {v}" for k, v in m["packages"].items()),
    ]
    width = max(len(label) for label, _ in figure_lines(r))
    lines += [f"{label:<{width}}  {value}" for label, value in figure_lines(r)]
    lines.append("targets (issue 4, at N = 100,000):")
    for t in r["targets"]:
        mark = {True: "met", False: "MISSED", None: "not measured"}[t["ok"]]
        lines.append(
            f"  {t['label']}: {_fmt(t['value'], 2)} {t['unit']} (target {t['op']} {t['target']}) {mark}"
        )
    for err in r.get("errors", []):
        lines.append(f"error: {err}")
    return "\n".join(lines)


def render_markdown(r: dict[str, Any], command: str) -> str:
    """One Markdown section (between markers) with the figures of a run."""
    m = r["machine"]
    n = r["n_articles"]
    out = [
        f"<!-- benchmark:N={n}:start -->",
        f"## N = {n:,} articles (seed {r['seed']}), measured {r['when'][:10]}",
        "",
        f"Command: `{command}`",
        "",
        f"Machine: {m['cpu']}; {m['cores']} cores ({m['cores_usable']} usable); {m['ram_gb']} GB RAM; "
        f"{m['os']}; Python {m['python']}; SQLite {m['sqlite']}; "
        + ", ".join(f"{k} {v}" for k, v in m["packages"].items())
        + ".",
        "",
        "| figure | value |",
        "|---|---|",
    ]
    out += [f"| {label.strip()} | {value.replace('|', '/')} |" for label, value in figure_lines(r)]
    out += ["", "| target (issue 4) | measured | met |", "|---|---|---|"]
    for t in r["targets"]:
        mark = {True: "yes", False: "**no**", None: "not measured"}[t["ok"]]
        out.append(f"| {t['label']} {t['op']} {t['target']} {t['unit']} | {_fmt(t['value'], 2)} | {mark} |")
    if r.get("errors"):
        out += ["", "Errors during the run:", ""] + [f"- {e}" for e in r["errors"]]
    out.append(f"<!-- benchmark:N={n}:end -->")
    return "\n".join(out) + "\n"


DOC_HEADER = """# Benchmarks

Figures written by `benchmarks/run.py --write-docs` (issue 4). The corpus is generated by
`benchmarks/make_corpus.py` from the real text in `../shared/corpus` and `../shared/editions` at run
time; see its module docstring for the layout (daily editions over 2016-2025, ~27 articles each,
bodies of 1,000-2,000 characters). Each run replaces only its own section (one per N).

"""


def update_docs(path: Path, r: dict[str, Any], command: str) -> None:
    """Write or replace the section for this N in ``path`` (created with a header if absent)."""
    section = render_markdown(r, command)
    n = r["n_articles"]
    text = path.read_text(encoding="utf-8") if path.exists() else DOC_HEADER
    pattern = re.compile(rf"<!-- benchmark:N={n}:start -->.*?<!-- benchmark:N={n}:end -->\n?", re.S)
    if pattern.search(text):
        text = pattern.sub(lambda _m: section, text)
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def now_iso() -> str:
    """Local time of the run, to the second."""
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")
