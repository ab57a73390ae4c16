"""The insight command-line pieces: stats --by/--per and related, JSON shapes and tables."""

from __future__ import annotations

import argparse
import io
import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook

from index.archive import Archive
from index.errors import ArchiveError
from index.insight.cli import add_commands, add_stats_options
from index.insight.service import Insight
from index.models import SearchRequest
from tests.insight.helpers import random_editions
from tests.insight.test_similar import _editions


def _parser(existing_stats: bool) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="command")
    if existing_stats:
        sp = sub.add_parser("stats")
        sp.add_argument("--json", action="store_true")
        add_stats_options(sp)
    add_commands(sub)
    return p


@pytest.fixture()
def archive(tmp_path: Path) -> Iterator[Archive]:
    with Archive(tmp_path / "arch") as a:
        a.import_editions([*random_editions(count=10), *_editions()])
        yield a


def _run(archive: Archive, argv: list[str], existing_stats: bool = False) -> str:
    args = _parser(existing_stats).parse_args(argv)
    out = io.StringIO()
    assert args.insight_run(args, archive, out) == 0
    return out.getvalue()


def test_stats_json_matches_the_records(archive: Archive, tmp_path: Path) -> None:
    data = json.loads(_run(archive, ["stats", "--by", "street", "--per", "year", "--json"]))
    assert set(data) == {"by", "per", "rows"} and (data["by"], data["per"]) == ("street", "year")
    brute: Counter[tuple[str, str]] = Counter()
    for batch in archive.catalog.iter_articles():
        for r in batch:
            for s in set(r.streets):
                brute[s, str(r.date.year)] += 1
    assert {(r["key"], r["period"]): r["count"] for r in data["rows"]} == brute
    assert all(set(r) == {"key", "period", "count"} for r in data["rows"])
    filtered = json.loads(
        _run(
            archive,
            ["stats", "--by", "topic", "--per", "month", "社区", "--street", "古城街道", "--json"],
            True,
        )
    )
    ids = set(archive.search(SearchRequest("社区", streets=("古城街道",))).ids)
    total = sum(len(set(r.topics)) for r in archive.catalog.articles(sorted(ids)))
    assert sum(r["count"] for r in filtered["rows"]) == total > 0
    out = tmp_path / "t.xlsx"
    text = _run(archive, ["stats", "--by", "section", "--per", "quarter", "--out", str(out)], True)
    assert text.startswith("版面 (section) per quarter:")
    rows = list(load_workbook(out)["统计"].iter_rows(values_only=True))
    assert len(rows) == len(text.splitlines())  # header + one line per row in both


def test_stats_needs_by_and_a_known_out(archive: Archive, tmp_path: Path) -> None:
    with pytest.raises(ArchiveError, match="--by"):
        _run(archive, ["stats"], True)
    with pytest.raises(ArchiveError, match=r"\.csv or \.xlsx"):
        _run(archive, ["stats", "--by", "street", "--out", str(tmp_path / "x.pdf")], True)
    with pytest.raises(SystemExit):
        _parser(False).parse_args(["stats", "--by", "title"])


def test_related_json_and_text(archive: Archive) -> None:
    orig = next(r.id for b in archive.catalog.iter_articles() for r in b if r.title == "御河冰雪嘉年华开园")
    data = json.loads(_run(archive, ["related", str(orig), "--json", "--limit", "3"]))
    hits = data["hits"]
    assert hits and set(hits[0]) == {"id", "title", "date", "similarity", "kind"}
    assert hits[0]["kind"] == "reprint" and hits[0]["title"] == "冰雪嘉年华迎客 市民畅享冰雪乐趣"
    assert len(hits) <= 3
    text = _run(archive, ["related", str(orig)])
    assert "重复刊发" in text.splitlines()[0] and "冰雪嘉年华迎客" in text
    insight = Insight(archive)
    assert [h.as_dict() for h in insight.related(orig, 3)] == hits
    insight.close()


def test_add_commands_renames_stats_when_taken() -> None:
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="command")
    sub.add_parser("stats")
    add_commands(sub)
    assert {"stats", "timeline", "related"} <= set(sub.choices)


def test_through_the_real_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from index.cli import main
    from index.insight.cli import commands

    root = tmp_path / "arch"
    with Archive(root) as a:
        a.import_editions(_editions())
        orig = next(r.id for b in a.catalog.iter_articles() for r in b if r.title == "御河冰雪嘉年华开园")
    assert main(["--archive", str(root), "related", str(orig), "--json"], extra=commands()) == 0
    hits = json.loads(capsys.readouterr().out)["hits"]
    assert hits[0]["kind"] == "reprint"
    argv = ["--archive", str(root), "timeline", "--by", "topic", "--per", "year", "嘉年华", "--json"]
    assert main(argv, extra=commands()) == 0
    data = json.loads(capsys.readouterr().out)
    assert data == {"by": "topic", "per": "year", "rows": [{"key": "文化", "period": "2025", "count": 3}]}
    assert main(["--archive", str(root), "related", "999999"], extra=commands()) == 3  # archive error
    assert "999999" in capsys.readouterr().err
