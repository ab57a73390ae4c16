"""Figures for the insight features (issue 12) on a copy of a benchmark archive.

Usage: ``python benchmarks/insight_bench.py ARCHIVE [--corpus FOLDER]`` — the archive's catalog is
copied to a temporary folder first (the archive is never changed) and its index rebuilt there. Prints: the signature build time (per 1,000
articles), the side file's size, reprint and related latencies (p50/p95 over 200 random articles),
the cost of syncing new editions, and, with ``--corpus``, the import time of a few edition files
with and without the sync after it.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from index.archive import Archive
from index.insight.morelike import more_like_this
from index.insight.similar import FILE_NAME, Similarity
from index.insight.timeline import timeline
from index.models import SearchRequest


def _pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def main() -> None:
    """Run the measurements and print them."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("archive", type=Path)
    ap.add_argument("--corpus", type=Path, help="edition files to re-import (import overhead)")
    ap.add_argument("--editions", type=int, default=20)
    ap.add_argument("--with-index", action="store_true", help="copy the index too (built by this program)")
    ap.add_argument(
        "--fresh-import",
        type=int,
        default=0,
        metavar="N",
        help="also import the first N edition files of --corpus into new archives, with and without the reprint file",
    )
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "archive"
        # the catalog only: the index (derived) is rebuilt by this program's engine when opening
        skip = ["lock", FILE_NAME + "*"] + ([] if args.with_index else ["index"])
        shutil.copytree(args.archive, root, ignore=shutil.ignore_patterns(*skip))
        t = time.perf_counter()
        a = Archive(root)
        print(f"(archive opened in {time.perf_counter() - t:.1f} s)")
        sim = Similarity(root / FILE_NAME, a.catalog, lambda i, n: more_like_this(a, i, n))
        n = a.catalog.article_count()
        t = time.perf_counter()
        sim.rebuild()
        build = time.perf_counter() - t
        size = (root / FILE_NAME).stat().st_size / 1e6
        print(
            f"signatures: {build:.1f} s for {n} articles = {build / n * 1000:.2f} s per 1,000; {size:.1f} MB"
        )
        ids = [r[0] for r in a.catalog.conn().execute("SELECT id FROM articles")]
        sample = random.Random(1).sample(ids, min(200, len(ids)))
        a.search(SearchRequest("社区"))  # the searcher's first-use cost is not "related"'s
        for name, fn in (("reprints", sim.reprints), ("related", sim.related)):
            lat, found = [], 0
            for i in sample:
                t = time.perf_counter()
                found += len(fn(i))
                lat.append((time.perf_counter() - t) * 1000)
            print(f"{name}: p50 {_pct(lat, 0.5):.1f} ms, p95 {_pct(lat, 0.95):.1f} ms, {found} found")
        for by, per in (("street", "month"), ("topic", "year")):
            t = time.perf_counter()
            rows = len(timeline(a, SearchRequest(), by, per).rows)
            print(
                f"timeline {by}/{per} over all {n} articles: {(time.perf_counter() - t) * 1000:.0f} ms, {rows} rows"
            )
        con = sim.conn()
        last = [r[0] for r in a.catalog.conn().execute("SELECT id FROM editions ORDER BY date DESC LIMIT 40")]
        with sim._write() as w:  # forget the newest editions: the next sync adds them as new
            from index.insight.similar import _drop_editions

            _drop_editions(w, last)
        t = time.perf_counter()
        rep = sim.sync()
        inc = time.perf_counter() - t
        print(
            f"sync of {rep.editions} new editions ({rep.articles} articles): {inc * 1000 / rep.editions:.1f} ms "
            f"per edition, {inc * 1000 / rep.articles:.2f} ms per article; {len(rep.reprints or [])} reprint pairs"
        )
        del con
        if args.corpus:
            files = sorted(args.corpus.glob("*.txt"))[-args.editions :]
            times = []
            for f in files:
                text = f.read_text(encoding="utf-8")
                f2 = Path(tmp) / f.name
                f2.write_text(text + "\n", encoding="utf-8")  # another file: the edition is updated
                t = time.perf_counter()
                a.import_paths([f2])
                t_imp = time.perf_counter() - t
                t = time.perf_counter()
                sim.sync()
                times.append((t_imp, time.perf_counter() - t))
            imp = sum(x for x, _ in times)
            syn = sum(y for _, y in times)
            print(
                f"re-import of {len(times)} edition files: import {imp / len(times) * 1000:.0f} ms per edition, "
                f"sync {syn / len(times) * 1000:.1f} ms per edition = +{syn / imp * 100:.1f} %"
            )
        sim.close()
        a.close()
        if args.corpus and args.fresh_import:
            _fresh_imports(args.corpus, args.fresh_import, Path(tmp))


def _fresh_imports(corpus: Path, n: int, tmp: Path) -> None:
    """Import the same files into new archives, alternately with and without the reprint file."""
    files = sorted(corpus.glob("*.txt"))[:n]
    plain: list[float] = []
    with_file: list[float] = []
    for run in range(4):
        follow = run % 2 == 1
        root = tmp / f"fresh{run}"
        with Archive(root) as fresh:
            if follow:
                fresh.insight  # noqa: B018 (made now, it follows the import)
            t = time.perf_counter()
            fresh.import_paths(files)
            (with_file if follow else plain).append(time.perf_counter() - t)
            articles = fresh.catalog.article_count()
        shutil.rmtree(root)
    base, extra = min(plain), min(with_file)
    print(
        f"fresh import of {len(files)} files ({articles} articles), best of 2 each: {base:.1f} s, "
        f"with the reprint file {extra:.1f} s = {(extra / base - 1) * 100:+.1f} %"
    )


if __name__ == "__main__":
    main()
