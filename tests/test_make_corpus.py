"""The benchmark corpus generator: deterministic, and its files are editions a parser can read."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SCRIPT = REPO / "benchmarks" / "make_corpus.py"
N = 300

pytestmark = pytest.mark.skipif(
    not (SHARED / "corpus").is_dir(),
    reason=f"shared material absent ({SHARED}): the corpus generator reads its text from there",
)

# Public administrative names (reference/README.md): abolished on 2021-04-12 / created then.
OLD_ONLY = ("东街街道", "西街街道", "南关街道", "北关街道", "新建南路街道", "向阳里街道")
NEW_ONLY = ("古城街道", "永泰街道", "迎宾街道", "御河街道", "卧虎湾街道", "小南头街道")
REFORM = dt.date(2021, 4, 12)


def _make(out: Path, n: int = N, seed: int = 1) -> dict[str, object]:
    proc = subprocess.run(
        [
            sys.executable,
            str(SCRIPT),
            "--articles",
            str(n),
            "--out",
            str(out),
            "--seed",
            str(seed),
            "--quiet",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    return dict(json.loads((out / "manifest.json").read_text(encoding="utf-8")))


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, object]]:
    out = tmp_path_factory.mktemp("corpus")
    return out, _make(out)


def test_same_seed_gives_identical_bytes(corpus: tuple[Path, dict[str, object]], tmp_path: Path) -> None:
    first, _ = corpus
    again = _make(tmp_path / "again")
    assert again["articles"] == N
    assert _files(first) == _files(tmp_path / "again")
    _make(tmp_path / "other", seed=2)
    other = _files(tmp_path / "other")
    assert other.keys() - {"manifest.json"}, "no edition written"
    assert other != _files(first)


def test_dated_files_over_years_and_manifest(corpus: tuple[Path, dict[str, object]]) -> None:
    folder, manifest = corpus
    names = sorted(p.name for p in folder.glob("*.txt"))
    assert names and all(re.fullmatch(r"\d{4}-\d{2}-\d{2}\.txt", n) for n in names)
    dates = [dt.date.fromisoformat(n[:10]) for n in names]
    assert dates[-1] - dates[0] > dt.timedelta(days=8 * 365), "editions should span about ten years"
    files = manifest["files"]
    assert isinstance(files, list)
    assert [f["name"] for f in files] == names
    assert sum(f["articles"] for f in files) == N == manifest["articles"]
    texts = [(folder / n).read_text(encoding="utf-8") for n in names]
    assert sum(map(len, texts)) == manifest["total_chars"]


def test_every_article_has_one_dateline_or_closing_byline(corpus: tuple[Path, dict[str, object]]) -> None:
    folder, _ = corpus
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt")))
    datelines = re.findall(r"本报讯（记者 [^）]+）", text)
    closing = re.findall(r"(?m)^本报记者 \S+", text)
    assert len(datelines) + len(closing) == N
    assert datelines and closing
    assert "通讯员" in text and re.search(r"(?m)\S摄$", text) and re.search(r"(?m)^图片由\S+提供$", text)
    assert re.search(r"(?m)^(## )?平城头条$", text), "no section label"
    assert re.search(r"(?m)^## ——", text) or re.search(r"(?m)^——", text), "no subtitle"
    # both printed styles: Markdown-like headings and plain lines
    styles = {bool(re.search(r"(?m)^#{1,3} ", p.read_text(encoding="utf-8"))) for p in folder.glob("*.txt")}
    assert styles == {True, False}


def test_column_breaks_split_sentences(corpus: tuple[Path, dict[str, object]]) -> None:
    folder, _ = corpus
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt")))
    # a paragraph of body text that stops mid-sentence, followed by a blank line and more text
    assert re.search(r"[\u4e00-\u9fff]{2}\n\n[\u4e00-\u9fff]", text)
    broken = re.findall(r"(?m)^.{60,}[\u4e00-\u9fff\d]\n\n(?!#|本报|\S{1,12}$)", text)
    assert broken


def test_street_names_follow_the_2021_reform(corpus: tuple[Path, dict[str, object]]) -> None:
    folder, _ = corpus
    before = after = 0
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        if dt.date.fromisoformat(path.name[:10]) < REFORM:
            assert not [n for n in NEW_ONLY if n in text], path.name
            before += sum(text.count(n) for n in OLD_ONLY)
        else:
            assert not [n for n in OLD_ONLY if n in text], path.name
            after += sum(text.count(n) for n in NEW_ONLY)
    assert before and after


def test_parser_finds_every_article(corpus: tuple[Path, dict[str, object]]) -> None:
    from index.ingest.pipeline import parse_path

    folder, _ = corpus
    total = 0
    for path in sorted(folder.glob("*.txt")):
        edition = parse_path(path)
        assert edition.date == dt.date.fromisoformat(path.name[:10])
        total += len(edition.articles)
    assert total == N


def test_missing_shared_folder_gives_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spec = importlib.util.spec_from_file_location("bench_shared", REPO / "benchmarks" / "_shared.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "SHARED", tmp_path / "absent")
    with pytest.raises(module.SharedMissing, match="beside the repository"):
        module.shared_path("corpus")
