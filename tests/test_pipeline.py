"""The whole ingest path: file → ParsedEdition (date, hash, encoding, warnings), the CLI, the scorer."""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.util
import json
import shlex
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from index.errors import ImportRefused
from index.ingest.enrich import Enricher
from index.ingest.pipeline import date_from_name, parse_bytes, parse_path
from index.ingest.taxonomy import Taxonomy

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"
SHARED = REPO.parent / "shared"


@pytest.mark.parametrize(
    ("name", "date"),
    [
        ("2026-01-05.txt", dt.date(2026, 1, 5)),
        ("平城区报_2026_01_05_第2期.txt", dt.date(2026, 1, 5)),
        ("20260105.txt", dt.date(2026, 1, 5)),
        ("edition-2026.1.5.txt", dt.date(2026, 1, 5)),
        ("平城区报2026年1月5日.txt", dt.date(2026, 1, 5)),
        ("000_2d6b03fc16ba3def.txt", None),
        ("20261305.txt", None),  # no month 13
        ("120260105999.txt", None),  # digits run on: not a date
    ],
)
def test_date_from_file_name(name: str, date: dt.date | None) -> None:
    assert date_from_name(name) == date


def test_parse_path_reports_date_hash_encoding_and_articles() -> None:
    path = FIXTURES / "edition_marked_2025-03-08.txt"
    ed = parse_path(path)
    assert ed.date == dt.date(2025, 3, 8) and ed.name == "2025-03-08"
    assert ed.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert ed.encoding == "utf-8" and ed.source_name == path.name
    assert len(ed.articles) == 4 and all(a.topics for a in ed.articles)
    assert ed.articles[2].streets == ["古城街道"] and ed.articles[2].streets_printed == [
        "古城街道",
        "东街街道",
    ]


def test_date_argument_wins_and_undated_files_warn() -> None:
    data = (FIXTURES / "enc_source_utf8.txt").read_bytes()
    assert parse_bytes(data, "x_20250101.txt", dt.date(2024, 5, 6)).date == dt.date(2024, 5, 6)
    undated = parse_bytes(data, "edition.txt")
    assert undated.date is None and undated.name == "edition"
    assert any("no edition date" in w for w in undated.warnings)


def test_encodings_give_the_same_articles() -> None:
    def key(name: str) -> list[tuple[str, list[str], list[str], str]]:
        ed = parse_path(FIXTURES / name)
        return [(a.title, a.reporters, a.streets, a.body) for a in ed.articles]

    expected = key("enc_source_utf8.txt")
    assert expected[0][1] == ["林森"] and expected[0][2] == ["新华街道"]
    for name in ("enc_gb18030.txt", "enc_utf16le_bom.txt", "enc_utf16be_nobom.txt", "enc_utf8_bom_crlf.txt"):
        assert key(name) == expected, name


@pytest.mark.parametrize("name", ["empty.txt", "binary.bin", "missing.txt"])
def test_unreadable_files_are_refused(name: str) -> None:
    with pytest.raises(ImportRefused, match=name):
        parse_path(FIXTURES / name)


def test_the_given_enricher_is_used(tmp_path: Path) -> None:
    path = tmp_path / "t.toml"
    path.write_text('[topics."消防"]\n"消防" = 1\n', encoding="utf-8")
    ed = parse_path(FIXTURES / "enc_source_utf8.txt", enricher=Enricher(taxonomy=Taxonomy.load(path)))
    assert ed.articles[0].topics == ["消防"]


def test_cli_parse_json() -> None:
    out = subprocess.run(
        [sys.executable, "main.py", "parse", str(FIXTURES / "edition_plain_20250309.txt"), "--json"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    data = json.loads(out.stdout)
    assert data["edition"]["date"] == "2025-03-09" and len(data["edition"]["unassigned"]) == 2
    keys = {"title", "kicker", "subtitle", "section", "page", "reporters", "correspondents", "photographers"}
    keys |= {"captions", "streets", "topics", "fragment", "body"}
    for art in data["articles"]:
        assert keys <= set(art)
    assert [a["fragment"] for a in data["articles"]] == [False, False, True, False]


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_parse", SHARED / "tools" / "score_parse.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(
    not (SHARED / "editions" / "truth.json").is_file() or not (SHARED / "tools" / "score_parse.py").is_file(),
    reason=f"shared editions/scorer absent ({SHARED})",
)
def test_real_editions_score_100_percent() -> None:
    scorer = _scorer()
    truth = json.loads((SHARED / "editions" / "truth.json").read_text(encoding="utf-8"))
    cmd = f"{shlex.quote(sys.executable)} {shlex.quote(str(REPO / 'main.py'))} parse {{path}} --json"
    total, failures = 0, []
    for name, expected in truth.items():
        out = scorer.run_parse(cmd, str(SHARED / "editions" / name))
        checks, fails = scorer.score(expected, out, name)
        total += checks
        failures += fails
    assert total > 200
    assert failures == []
