"""Benchmark the archive at scale (issue 4): build or reuse a corpus and an archive, print the figures.

Usage::

    python benchmarks/run.py --articles 100000 [--json] [--workdir DIR] [--write-docs]

In one run:

1. the corpus (``make_corpus.py``) in ``WORKDIR/corpus-n<N>-s<seed>``, reused when its manifest matches;
2. the jieba reference: ``jieba.cut_for_search`` (HMM on, the default) over the same article texts
   (title + body, regenerated from the seed), one process, dictionary loaded before timing; by default
   on a sample of editions spread over the whole range, up to ``--jieba-chars`` characters;
3. the import of the whole corpus into ``WORKDIR/archive-n<N>-s<seed>`` through
   ``index.archive.Archive.import_paths`` (parse, enrich, catalog, index), timed end to end; an
   archive built by an earlier run is reused with its stored import figures unless ``--rebuild``;
4. search latency over 240 queries drawn from the article texts (``_queries.py``), each a
   ``SearchRequest`` with ``limit=20`` (total, facet counts, 20 highlighted snippets); the first
   search after opening is reported apart, in a fresh ``Archive``: cold, and after the warm-up
   the viewer runs while it opens an archive (``Archive.warm_up``, timed apart);
5. one more edition (generated, dated after the corpus) imported into the full archive, timed until a
   search for it returns it;
6. the viewer: ``main.py --archive DIR`` offscreen with ``PINGCHENG_BENCH_EXIT=1``; the viewer prints
   ``READY <seconds since process start>`` once the window is usable with the archive open, then
   ``RSS <peak kB>`` after one search, and exits;
7. the size of the index and the catalog on disk.

A stage that fails (e.g. the core not implemented yet) is reported as "not measured" with the reason;
the others still run. ``--write-docs`` writes the figures and the machine into ``docs/benchmarks.md``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
import traceback
from pathlib import Path
from typing import Any

import make_corpus
from _queries import build_queries
from _report import check_targets, machine, now_iso, render_text, update_docs
from _shared import DEFAULT_WORKDIR, REPO, SharedMissing
from _sources import Sources, load_sources

EXTRA_ARTICLES = 28
BENCH_ENV = "PINGCHENG_BENCH_EXIT"


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, round(q / 100 * len(ordered) + 0.4999))
    return ordered[min(rank, len(ordered)) - 1]


def dir_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.exists() else 0


class Bench:
    """One benchmark run; each ``stage_*`` fills ``self.results`` and never raises."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.n: int = args.articles
        self.seed: int = args.seed
        self.workdir: Path = args.workdir.resolve()
        self.corpus_dir = self.workdir / f"corpus-n{self.n}-s{self.seed}"
        self.archive_dir = self.workdir / f"archive-n{self.n}-s{self.seed}"
        self.marker = self.workdir / f"archive-n{self.n}-s{self.seed}.json"
        self.sources: Sources | None = None
        self.manifest: dict[str, Any] = {}
        self.archive: Any = None
        self.sample_texts: list[str] = []
        self.viewer_query = ""
        self.queries: list[Any] = []
        self.results: dict[str, Any] = {
            "n_articles": self.n,
            "seed": self.seed,
            "when": now_iso(),
            "machine": machine(),
            "errors": [],
        }

    def fail(self, stage: str, exc: BaseException) -> str:
        reason = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        self.results["errors"].append(f"{stage}: {reason}")
        if self.args.verbose:
            traceback.print_exc()
        return f"not measured ({reason})"

    # -- 1. corpus ------------------------------------------------------------------------------
    def stage_corpus(self) -> None:
        self.sources = load_sources()
        manifest = (
            None if self.args.rebuild else make_corpus.read_manifest(self.corpus_dir, self.n, self.seed)
        )
        reused = manifest is not None
        t0 = time.perf_counter()
        if manifest is None:
            log(f"writing the corpus: {self.n} articles -> {self.corpus_dir}")
            manifest = make_corpus.build_corpus(self.n, self.corpus_dir, self.seed, log=True)
        self.manifest = manifest
        self.results["corpus"] = {
            "dir": str(self.corpus_dir),
            "reused": reused,
            "build_s": None if reused else round(time.perf_counter() - t0, 2),
            **{k: manifest[k] for k in ("articles", "editions", "date_from", "date_to", "text_chars")},
            **{k: manifest[k] for k in ("total_chars", "mean_body_chars")},
        }

    # -- 2. jieba reference ---------------------------------------------------------------------
    def _sample_texts(self) -> list[str]:
        """Title + body of the articles of editions spread over the corpus, up to --jieba-chars."""
        assert self.sources is not None
        files = self.manifest["files"]
        cap = self.args.jieba_chars or sum(f["chars"] for f in files)
        share = min(1.0, cap / max(1, self.manifest["total_chars"]))
        step = max(1, round(1 / share)) if share > 0 else len(files)
        texts: list[str] = []
        size = 0
        dates = make_corpus.edition_dates(self.n)
        sizes = make_corpus.edition_sizes(self.n, len(dates), self.seed)
        for k in range(0, len(dates), step):
            _text, articles = make_corpus.generate_edition(
                self.sources, self.seed, str(k), dates[k], sizes[k]
            )
            for a in articles:
                texts.append(a.title + "\n" + "\n".join(a.paragraphs))
                size += len(texts[-1])
            if size >= cap:
                break
        return texts

    def stage_jieba(self) -> None:
        import jieba

        jieba.setLogLevel(logging.WARNING)
        jieba.dt.tmp_dir = str(self.workdir)  # not the shared /tmp/jieba.cache
        jieba.initialize()
        self.sample_texts = self._sample_texts()
        chars = sum(map(len, self.sample_texts))
        log(f"jieba reference on {chars:,} chars ({len(self.sample_texts)} articles)")
        t0 = time.perf_counter()
        for text in self.sample_texts:
            for _ in jieba.cut_for_search(text):
                pass
        seconds = time.perf_counter() - t0
        self.results["jieba"] = {
            "chars": chars,
            "articles": len(self.sample_texts),
            "seconds": round(seconds, 2),
            "chars_per_s": chars / seconds,
            "hmm": True,
        }

    # -- 3. import ------------------------------------------------------------------------------
    def _read_marker(self) -> dict[str, Any] | None:
        try:
            data = json.loads(self.marker.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if data.get("text_chars") != self.manifest.get("text_chars") or not self.archive_dir.is_dir():
            return None
        return dict(data)

    def _write_marker(self, data: dict[str, Any]) -> None:
        self.marker.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")

    def stage_import(self) -> None:
        from index.archive import Archive

        marker = None if self.args.rebuild else self._read_marker()
        reused = marker is not None
        if marker is None:
            if self.archive_dir.exists():  # our own folder from an earlier, incomplete or stale run
                shutil.rmtree(self.archive_dir)
            self.marker.unlink(missing_ok=True)
            self.archive = Archive(self.archive_dir)
            last = [0.0]

            def progress(done: int, total: int, message: str) -> None:
                if time.monotonic() - last[0] >= 15:
                    last[0] = time.monotonic()
                    log(f"  import {done}/{total} {message}")

            log(f"importing {self.corpus_dir} -> {self.archive_dir}")
            t0 = time.perf_counter()
            report = self.archive.import_paths([self.corpus_dir], progress=progress)
            seconds = time.perf_counter() - t0
            text_chars = self.manifest["text_chars"]
            marker = {
                "text_chars": text_chars,
                "seconds": round(seconds, 2),
                "articles": report.articles,
                "editions": report.editions_added + report.editions_updated,
                "errors": len(report.errors),
                "warnings": len(report.warnings),
                "first_errors": report.errors[:5],
                "chars_per_s": text_chars / seconds,
                "articles_per_s": report.articles / seconds,
                "when": now_iso(),
                "extras": 0,
            }
            self._write_marker(marker)
        else:
            log(f"reusing the archive {self.archive_dir} (imported {marker['when']})")
            self.archive = Archive(self.archive_dir)
        figures = {k: v for k, v in marker.items() if k not in ("extras", "text_chars")}
        figures["reused"] = reused
        if figures["articles"] != self.n:
            figures["note"] = f"{figures['articles']} articles imported, {self.n} generated"
        self.results["import"] = figures

    # -- 4. search ------------------------------------------------------------------------------
    def stage_search(self) -> None:
        import jieba

        from index.models import SearchRequest

        arch = self.archive
        facet_streets = self._facet_values("street") or make_corpus_streets(self.sources)
        topics = self._facet_values("topic")
        years = list(range(make_corpus.START.year, make_corpus.END.year + 1))
        queries = build_queries(
            self.sample_texts,
            cut=jieba.lcut,
            streets=facet_streets,
            topics=topics,
            reporters=make_corpus.REPORTERS,
            years=years,
            seed=self.seed,
        )
        self.queries = queries
        first = SearchRequest(**queries[0].request_kwargs())  # type: ignore[arg-type]
        # the first search after opening, in a fresh Archive (the import's instance is warm):
        # cold (nothing loaded: the segmenter's dictionary alone is ~0.15 s), then as the viewer
        # opens an archive (Archive.warm_up on its worker while the window comes up)
        arch.close()
        from index.archive import Archive

        cold = Archive(self.archive_dir)
        t0 = time.perf_counter()
        cold.search(first)
        cold_ms = (time.perf_counter() - t0) * 1000
        cold.close()
        self.archive = arch = Archive(self.archive_dir)
        t0 = time.perf_counter()
        arch.warm_up()
        warm_up_ms = (time.perf_counter() - t0) * 1000
        t0 = time.perf_counter()
        arch.search(first)
        first_ms = (time.perf_counter() - t0) * 1000
        times: list[float] = []
        by_kind: dict[str, list[tuple[float, int]]] = {}
        zero = phrase_zero = failed = 0
        missing_facets: set[str] = set()
        missed_phrases: list[str] = []
        snippets = highlighted = 0
        biggest: Any = None  # the unfiltered one-word result with most hits
        for q in queries:
            try:
                t0 = time.perf_counter()
                res = arch.search(SearchRequest(**q.request_kwargs()))  # type: ignore[arg-type]
                ms = (time.perf_counter() - t0) * 1000
            except Exception as exc:  # a query the core refuses still counts against it
                failed += 1
                if failed <= 3:
                    self.results["errors"].append(f"search {q.text!r}: {type(exc).__name__}: {exc}")
                continue
            times.append(ms)
            by_kind.setdefault(q.kind, []).append((ms, res.total))
            missing_facets |= {"street", "topic", "reporter"} - set(res.facets)
            if res.total == 0:
                zero += 1
                phrase_zero += q.text.startswith('"')
                if q.kind == "phrase":  # unfiltered phrase from the corpus text: must be found
                    missed_phrases.append(q.text)
            if q.text and res.total:
                snippets += len(res.hits)
                highlighted += sum(1 for h in res.hits if "<b>" in h.snippet)
            if q.kind == "word" and (biggest is None or res.total > biggest[1].total):
                biggest = (q, res)
            if res.total and len(res.hits) != min(20, res.total):
                self.results["errors"].append(
                    f"search {q.text!r}: {len(res.hits)} hits returned for total {res.total} (limit 20)"
                )
        if not times:
            raise RuntimeError("every query failed")
        page: dict[str, Any] = {}
        if biggest is not None and biggest[1].total > 50:
            q, res = biggest
            self.viewer_query = q.text
            middle = res.total // 2
            t0 = time.perf_counter()
            rows = arch.hits(res.ids[middle : middle + 50], res.terms)
            page = {"query": q.text, "total": res.total, "rows": len(rows)}
            page["ms"] = (time.perf_counter() - t0) * 1000
        self.results["search"] = {
            "queries": len(times),
            "failed": failed,
            "first_ms": first_ms,
            "first_cold_ms": cold_ms,
            "warm_up_ms": warm_up_ms,
            "p50_ms": percentile(times, 50),
            "p95_ms": percentile(times, 95),
            "max_ms": max(times),
            "mean_ms": statistics.fmean(times),
            "zero_hits": zero,
            "phrases": sum(1 for q in queries if q.text.startswith('"')),
            "phrase_zero_hits": phrase_zero,
            "missed_phrases": missed_phrases,
            "snippets": snippets,
            "snippets_highlighted": highlighted,
            "page_of_50": page,
            "by_kind": {
                kind: {
                    "n": len(v),
                    "p50_ms": percentile([t for t, _ in v], 50),
                    "p95_ms": percentile([t for t, _ in v], 95),
                    "median_total": int(statistics.median(n for _, n in v)),
                    "zero_hits": sum(1 for _, n in v if n == 0),
                }
                for kind, v in sorted(by_kind.items())
            },
        }
        if missing_facets:
            self.results["search"]["note"] = "facets missing from results: " + ", ".join(
                sorted(missing_facets)
            )

    # -- 4b. exact text (issue 8) and the tantivy reference ------------------------------------
    def stage_exact(self) -> None:
        from _exact import exact_stage

        self.results["exact"] = exact_stage(self.archive, self.seed)

    def stage_tantivy(self) -> None:
        import importlib.util

        from _exact import tantivy_stage

        if importlib.util.find_spec("tantivy") is None:  # a benchmark-only extra: say so, no error
            self.results["tantivy"] = {
                "note": "not measured: tantivy is not installed (pip install '.[bench]')"
            }
            return

        self.results["tantivy"] = tantivy_stage(self.archive, self.queries, self.workdir)

    def _facet_values(self, facet: str) -> list[str]:
        try:
            return list(self.archive.facet_values(facet))
        except Exception as exc:
            self.results["errors"].append(f"facet_values({facet!r}): {type(exc).__name__}: {exc}")
            return []

    # -- 5. one more edition --------------------------------------------------------------------
    def stage_one_more(self) -> None:
        import jieba

        from index.models import SearchRequest

        assert self.sources is not None
        marker = self._read_marker() or {}
        extras = int(marker.get("extras", 0)) + 1
        date = make_corpus.END + dt.timedelta(days=extras)
        text, articles = make_corpus.generate_edition(
            self.sources, self.seed, f"extra-{extras}", date, EXTRA_ARTICLES
        )
        folder = self.workdir / "extra"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{date.isoformat()}.txt"
        path.write_text(text, encoding="utf-8", newline="\n")
        words = [w for w in jieba.lcut(articles[0].title) if len(w) >= 2] or [articles[0].title[:2]]
        t0 = time.perf_counter()
        report = self.archive.import_paths([path])
        t_import = time.perf_counter() - t0
        res = self.archive.search(SearchRequest(text=words[0], date_from=date, date_to=date, limit=20))
        t_search = time.perf_counter() - t0
        if marker:
            marker["extras"] = extras
            self._write_marker(marker)
        self.results["one_more_edition"] = {
            "date": date.isoformat(),
            "articles": report.articles,
            "import_s": t_import,
            "searchable_s": t_search,
            "query": words[0],
            "found": res.total,
        }
        if res.total == 0:
            self.results["one_more_edition"]["note"] = f"search for {words[0]!r} on {date} found nothing"

    # -- 6. viewer ------------------------------------------------------------------------------
    def stage_viewer(self) -> None:
        if self.archive is not None:
            self.archive.close()
            self.archive = None
        if not (self.archive_dir / "catalog.sqlite").exists():
            self.results["viewer"] = {"note": "not measured (no archive)"}
            return
        sources = [*REPO.joinpath("viewer").rglob("*.py"), REPO / "main.py"]
        if not any(BENCH_ENV in p.read_text(encoding="utf-8") for p in sources if p.is_file()):
            self.results["viewer"] = {"note": f"not measured: the viewer has no {BENCH_ENV} support yet"}
            return
        if self.args.viewer_runs < 1:
            self.results["viewer"] = {"note": "not measured (--viewer-runs 0)"}
            return
        runs = [self._viewer_once() for _ in range(self.args.viewer_runs)]
        good = [r for r in runs if "wall_ready_s" in r and "peak_rss_kb" in r]
        if not good:
            self.results["viewer"] = {"note": runs[-1].get("note", "not measured"), "runs": runs}
            return
        result: dict[str, Any] = {
            # the launcher's clock, from Popen to the READY line: includes interpreter start-up
            "ready_s": statistics.median(r["wall_ready_s"] for r in good),
            "ready_self_s": statistics.median(r["ready_self_s"] for r in good),
            "peak_rss_kb": max(r["peak_rss_kb"] for r in good),
            "query": self.viewer_query,
            "runs": runs,
        }
        result["peak_rss_mb"] = result["peak_rss_kb"] / 1024
        if all("search_ms" in r for r in good):
            result["search_ms"] = statistics.median(r["search_ms"] for r in good)
        if len(good) < len(runs):
            result["note"] = f"{len(runs) - len(good)} of {len(runs)} launches gave no figures"
        self.results["viewer"] = result

    def _viewer_once(self) -> dict[str, Any]:
        """Launch the viewer once; parse its READY / SHOWN / SEARCH / RSS / FAILED lines."""
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", **{BENCH_ENV: "1"})
        if self.viewer_query:
            env["PINGCHENG_BENCH_QUERY"] = self.viewer_query
        cmd = [sys.executable, str(REPO / "main.py"), "--archive", str(self.archive_dir)]
        t0 = time.perf_counter()
        proc = subprocess.Popen(
            cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO
        )
        result: dict[str, Any] = {}
        stderr: list[str] = []
        keys = {"READY": "ready_self_s", "SHOWN": "shown_self_s", "SEARCH": "search_ms", "RSS": "peak_rss_kb"}

        def read_out() -> None:
            assert proc.stdout is not None
            for line in proc.stdout:
                word, _, rest = line.strip().partition(" ")
                if word == "READY":
                    result["wall_ready_s"] = time.perf_counter() - t0
                if word in keys and keys[word] not in result:
                    try:
                        result[keys[word]] = float(rest)
                    except ValueError:
                        continue
                elif word == "FAILED":
                    result["failed"] = rest

        def read_err() -> None:
            assert proc.stderr is not None
            stderr.extend(proc.stderr)

        readers = [
            threading.Thread(target=read_out, daemon=True),
            threading.Thread(target=read_err, daemon=True),
        ]
        for t in readers:
            t.start()
        try:
            proc.wait(timeout=self.args.viewer_timeout)
        except subprocess.TimeoutExpired:
            proc.kill()  # only the viewer this run started
            proc.wait()
            result["timeout"] = True
        for t in readers:
            t.join(timeout=5)
        result["exit_code"] = proc.returncode
        if "peak_rss_kb" in result:
            result["peak_rss_kb"] = int(result["peak_rss_kb"])
        if "wall_ready_s" not in result or "peak_rss_kb" not in result:
            tail = " ".join("".join(stderr[-5:]).split())[-300:]
            missing = "READY" if "wall_ready_s" not in result else "RSS"
            result["note"] = (
                f"not measured: no {missing} line (exit {proc.returncode}) {result.get('failed', '')} {tail}"
            )
        return result

    # -- 7. disk --------------------------------------------------------------------------------
    def stage_disk(self) -> None:
        catalog = sum(p.stat().st_size for p in self.archive_dir.glob("catalog.sqlite*") if p.is_file())
        self.results["disk"] = {
            "index_bytes": dir_bytes(self.archive_dir / "index"),
            "catalog_bytes": catalog,
            "archive_bytes": dir_bytes(self.archive_dir),
            "corpus_bytes": dir_bytes(self.corpus_dir),
        }

    def run(self) -> dict[str, Any]:
        self.workdir.mkdir(parents=True, exist_ok=True)
        stages = [
            ("corpus", self.stage_corpus),
            ("jieba", self.stage_jieba),
            ("import", self.stage_import),
            ("search", self.stage_search),
            ("exact", self.stage_exact),
            ("tantivy", self.stage_tantivy),
            ("one_more_edition", self.stage_one_more),
            ("viewer", self.stage_viewer),
            ("disk", self.stage_disk),
        ]
        for name, stage in stages:
            if name in ("search", "exact", "tantivy", "one_more_edition") and self.archive is None:
                self.results[name] = {"note": "not measured (no archive)"}
                continue
            log(f"stage {name}")
            try:
                stage()
            except SharedMissing:
                raise
            except Exception as exc:
                self.results[name] = {"note": self.fail(name, exc)}
                if name == "corpus":
                    break
        if self.archive is not None:
            self.archive.close()
        jieba_rate = (self.results.get("jieba") or {}).get("chars_per_s")
        imp = self.results.get("import") or {}
        if jieba_rate and imp.get("chars_per_s"):
            imp["ratio_to_jieba"] = imp["chars_per_s"] / jieba_rate
        self.results["targets"] = check_targets(self.results)
        return self.results


def make_corpus_streets(sources: Sources | None) -> list[str]:
    """Street names for filters when the archive cannot list its facet values."""
    return list(sources.streets_new) if sources else []


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--articles", type=int, required=True, help="number of articles (N)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument(
        "--workdir", type=Path, default=DEFAULT_WORKDIR, help="corpus and archive (default: bench-data/)"
    )
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    p.add_argument("--rebuild", action="store_true", help="rebuild the corpus and the archive")
    p.add_argument(
        "--jieba-chars",
        type=int,
        default=10_000_000,
        help="characters for the jieba reference (0: all the corpus text; default 10,000,000)",
    )
    p.add_argument("--viewer-timeout", type=float, default=90.0, help="seconds before the viewer is stopped")
    p.add_argument("--viewer-runs", type=int, default=3, help="viewer launches (median start-up, max RSS)")
    p.add_argument("--write-docs", action="store_true", help="write the figures into docs/benchmarks.md")
    p.add_argument("--docs", type=Path, default=REPO / "docs" / "benchmarks.md", help=argparse.SUPPRESS)
    p.add_argument("--verbose", action="store_true", help="print tracebacks of failed stages")
    args = p.parse_args(argv)
    if args.articles < 1:
        p.error("--articles must be at least 1")
    try:
        results = Bench(args).run()
    except SharedMissing as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=1, default=str))
    else:
        print(render_text(results))
    if args.write_docs:
        command = f"python benchmarks/run.py --articles {args.articles}"
        command += f" --seed {args.seed}" if args.seed != 1 else ""
        command += f" --jieba-chars {args.jieba_chars}" if args.jieba_chars != 10_000_000 else ""
        command += " --write-docs"
        update_docs(args.docs, results, command)
        log(f"wrote {args.docs}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
