"""Parser accuracy per kind of check, and parsing speed, on editions with hand-checked truth.

Usage (from the project root)::

    python benchmarks/parse_checks.py --truth T.json [--scorer S.py] [--repeat 20] [EDITION ...]

Runs the scorer (``score_parse.py``, by default the nearest ``tools/score_parse.py`` above the truth file),
sorts its failed checks by kind (article found, title, kicker/subtitle, section, reporters, body
start, body end, fragment flag, …), counts how many checks of each kind the truth plans, and prints
the pass rate per kind. Then parses every edition ``--repeat`` times in-process and prints the
parse speed (read + parse, and read + parse + enrich) in characters per second.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from _shared import find_scorer

from index.ingest.parser import parse_text
from index.ingest.pipeline import parse_bytes
from index.ingest.reader import read_text

KINDS = (
    ("found", r"article not found"),
    ("missing", r"check of missing"),
    ("spurious", r"spurious article"),
    ("title", r"\] title:"),
    ("kicker/subtitle", r"\] (?:kicker|subtitle) "),
    ("section", r"\] section:"),
    ("reporters", r"\] reporters:"),
    ("photographers", r"\] photographers:"),
    ("captions", r"\] caption missing"),
    ("streets", r"\] streets:"),
    ("topic", r"\] topic:"),
    ("fragment", r"\] fragment flag"),
    ("body start", r"\] body does not start"),
    ("body end", r"\] body does not end"),
    ("body joins/leaks/once", r"\] body lacks|\] body leaks|appears \d+ times"),
)


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"^[#\s]+", "", s).strip().lstrip("—-－").strip())


def planned(truth: dict[str, list[dict[str, Any]]], missing: Counter[tuple[str, str]]) -> Counter[str]:
    """How many checks of each kind the truth plans for the articles that were found."""
    out: Counter[str] = Counter()
    left = Counter(missing)
    for name, arts in truth.items():
        for t in arts:
            skip = set(t.get("skip", []))
            out["found"] += 1
            key = (name, _norm(t["title"]))
            if left[key]:
                left[key] -= 1
                continue
            out["title"] += 1
            out["kicker/subtitle"] += sum(1 for k in ("kicker", "subtitle") if t.get(k))
            for key, kind in (
                ("section", "section"),
                ("reporters", "reporters"),
                ("streets", "streets"),
                ("topic", "topic"),
                ("fragment", "fragment"),
                ("body_starts", "body start"),
            ):
                out[kind] += key not in skip
            out["body end"] += 1
            out["photographers"] += "photographers" in t and "photographers" not in skip
            out["captions"] += len(t.get("captions", []))
            out["body joins/leaks/once"] += sum(
                len(t.get(k, [])) for k in ("body_contains", "body_excludes", "body_once")
            )
    return out


def failures(lines: list[str]) -> Counter[str]:
    """Failed checks by kind, from the scorer's report lines."""
    out: Counter[str] = Counter()
    for line in lines:
        for kind, pattern in KINDS:
            if re.search(pattern, line):
                out[kind] += 1
                break
    return out


def speed(paths: list[Path], repeat: int) -> tuple[float, float]:
    """(read + parse, read + parse + enrich) in characters per second, best of ``repeat`` rounds."""
    datas = [(p.read_bytes(), p.name) for p in paths]
    chars = sum(len(read_text(d, n).text) for d, n in datas)
    best_parse = best_all = float("inf")
    for _ in range(repeat):
        t0 = time.process_time()
        for data, name in datas:
            parse_text(read_text(data, name).text)
        t1 = time.process_time()
        for data, name in datas:
            parse_bytes(data, name)
        t2 = time.process_time()
        best_parse, best_all = min(best_parse, t1 - t0), min(best_all, t2 - t1)
    return chars / best_parse, chars / best_all


def main() -> int:
    """Score per kind of check and time the parser."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("editions", nargs="*", type=Path)
    ap.add_argument("--truth", type=Path, required=True)
    ap.add_argument("--scorer", type=Path)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    truth = json.loads(args.truth.read_text(encoding="utf-8"))
    scorer = args.scorer or find_scorer(args.truth)
    paths = args.editions or [args.truth.parent / name for name in truth]
    cmd = [sys.executable, str(scorer), "--truth", str(args.truth), *map(str, paths)]
    report = subprocess.run(cmd, capture_output=True, text=True, check=False).stdout.splitlines()
    missing: Counter[tuple[str, str]] = Counter()
    for line in report:
        m = re.match(r"(\S+): article not found: (.*)$", line)
        if m:
            missing[(m.group(1), _norm(m.group(2)))] += 1
    plan, failed = planned(truth, missing), failures(report)
    print(f"{'check (articles found)':24} {'passed':>7} {'of':>6} {'share':>7}")
    for kind, _ in KINDS:
        total = plan[kind]
        if kind == "spurious":
            print(f"{'spurious articles':24} {failed[kind]:7}")
        elif total:
            ok = total - failed[kind]
            print(f"{kind:24} {ok:7} {total:6} {ok / total:7.1%}")
    print(report[-1] if report else "scorer printed nothing")
    if args.repeat:
        parse_cps, all_cps = speed(paths, args.repeat)
        print(
            f"speed: read+parse {parse_cps / 1e6:.2f} M chars/s, read+parse+enrich {all_cps / 1e6:.2f} M chars/s"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
