"""The fast segmenter (rjieba) must cut exactly as jieba does (HMM off, same user dictionary)."""

from __future__ import annotations

from pathlib import Path

import pytest
import rjieba  # noqa: F401  (a declared dependency: the parity must hold wherever the archive runs)

from index import analysis, paths

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def _texts() -> list[str]:
    files = sorted((ROOT / "resources" / "samples").glob("*.txt"))
    files += sorted((ROOT / "tests" / "fixtures").glob("edition_*.txt"))
    if SHARED.is_dir():
        files += sorted((SHARED / "editions").glob("*.txt"))
        files += sorted((SHARED / "corpus" / "rmrb_korea").glob("*.txt"))[:3]
    lines: list[str] = []
    for f in files:
        lines += [ln for ln in f.read_text(encoding="utf-8").splitlines() if ln.strip()]
    return lines


@pytest.fixture(scope="module")
def pair(tmp_path_factory):
    cache = str(tmp_path_factory.mktemp("jieba-cache"))
    fast = analysis.make_segmenter(cache, "rjieba")
    ref = analysis.make_segmenter(cache, "jieba")
    assert isinstance(fast, analysis.RustSegmenter) and isinstance(ref, analysis.JiebaSegmenter)
    for seg in (fast, ref):
        with open(paths.jieba_userdict_path(), "rb") as fh:
            seg.load_userdict(fh)
    return fast, ref


def test_same_search_mode_tokens(pair):
    fast, ref = pair
    texts = _texts()
    assert len(texts) > 50
    diff = [t for t in texts if fast.cut_for_search(t) != ref.cut_for_search(t)]
    assert diff == []


def test_same_precise_tokens_and_added_words(pair):
    fast, ref = pair
    for seg in pair:
        seg.add_word("杨书航")
        seg.add_word("天香蓝郡")
    text = "本报讯（记者 杨书航）天香蓝郡小区位于文瀛湖街道，古城街道的居民前来参观。"
    assert fast.cut(text) == ref.cut(text)
    assert fast.cut_for_search(text) == ref.cut_for_search(text)
    assert "杨书航" in fast.cut(text) and fast.has_word("天香蓝郡") and ref.has_word("天香蓝郡")
