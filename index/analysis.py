"""Chinese text analysis with jieba: one set-up, one tokenizer for indexing and querying.

* The segmenter is loaded lazily (first use), once per process: ``rjieba`` (jieba-rs, identical
  tokens with HMM off, ~25× faster, dictionary in ~0.15 s) when installed, else jieba itself with its
  cache in the application's cache folder (never the shared ``/tmp/jieba.cache``); the project's
  user dictionary (``resources/jieba_userdict.txt``) is loaded on top either way.
* Index and query use the same *search mode* cut with HMM off (stack-notes: HMM cuts ~14% of
  three-character names differently alone than inside a sentence). Tokens are lower-cased;
  punctuation and white space are dropped.
* The index keeps no positions (jieba's stock Whoosh analyzer gave character offsets to
  overlapping sub-words, so every phrase query failed): a quoted phrase matches the articles that
  hold every piece of it (:func:`split_tokens`) and whose catalog text holds the exact phrase
  (:mod:`index.evaluate`). :func:`index_tokens` still reports token numbers, with a gap where
  punctuation was, for callers that want them.
"""

from __future__ import annotations

import logging
import os
import re
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from whoosh.analysis import Token, Tokenizer

from index import paths

_WORDCHAR = re.compile(r"[^\W_]")
_lock = threading.RLock()
_tokenizer: RustSegmenter | JiebaSegmenter | None = None
_added: set[str] = set()


class RustSegmenter:
    """jieba's segmentation through ``rjieba`` (jieba-rs): the same tokens with HMM off, ~25× faster.

    Loads its dictionary in ~0.15 s and ~40 MB (jieba: ~1.2 s, ~95 MB), which keeps the viewer's
    start-up and memory low. ``tests/test_segmenter_parity.py`` proves identical tokens against
    jieba (HMM off, same user dictionary) on real text. Exposes the slice of jieba's ``Tokenizer``
    interface this module uses.
    """

    def __init__(self, tmp_dir: str) -> None:
        import rjieba

        self._jb = rjieba.Jieba()
        self.tmp_dir = tmp_dir

    def cut(self, text: str, HMM: bool = False) -> list[str]:
        return list(self._jb.cut(text, HMM))

    def cut_for_search(self, text: str, HMM: bool = False) -> list[str]:
        return list(self._jb.cut_for_search(text, HMM))

    def add_word(self, word: str, freq: int | None = None, tag: str | None = None) -> None:
        self._jb.add_word(word, freq, tag)

    def has_word(self, word: str) -> bool:
        return bool(self._jb.has_word(word))

    def load_userdict(self, fh: Any) -> None:
        """Read jieba's user-dictionary format: ``word [freq] [tag]`` per line."""
        for raw in fh:
            line = (raw.decode("utf-8") if isinstance(raw, bytes) else raw).strip().lstrip("\ufeff")
            if not line or line.startswith("#"):
                continue
            parts = line.split()
            freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
            tag = parts[-1] if len(parts) > 1 and not parts[-1].isdigit() else None
            self.add_word(parts[0], freq, tag)


class JiebaSegmenter:
    """The reference implementation: jieba's own default tokenizer (``PINGCHENG_SEGMENTER=jieba``)."""

    def __init__(self, tmp_dir: str) -> None:
        import jieba

        jieba.setLogLevel(logging.WARNING)
        self._tk = jieba.dt
        self._tk.tmp_dir = tmp_dir
        self._tk.initialize()
        self.tmp_dir = tmp_dir

    def cut(self, text: str, HMM: bool = False) -> list[str]:
        return list(self._tk.cut(text, HMM=HMM))

    def cut_for_search(self, text: str, HMM: bool = False) -> list[str]:
        return list(self._tk.cut_for_search(text, HMM=HMM))

    def add_word(self, word: str, freq: int | None = None, tag: str | None = None) -> None:
        self._tk.add_word(word, freq, tag)

    def has_word(self, word: str) -> bool:
        return bool(self._tk.FREQ.get(word))

    def load_userdict(self, fh: Any) -> None:
        self._tk.load_userdict(fh)


Segmenter = RustSegmenter | JiebaSegmenter


def make_segmenter(tmp_dir: str, kind: str | None = None) -> Segmenter:
    """The fast segmenter when ``rjieba`` is installed, else jieba (or as ``kind`` / the env asks)."""
    kind = kind or os.environ.get("PINGCHENG_SEGMENTER", "")
    if kind != "jieba":
        try:
            return RustSegmenter(tmp_dir)
        except ImportError:
            if kind == "rjieba":
                raise
    return JiebaSegmenter(tmp_dir)


def setup(cache_dir: Path | None = None, userdict: Path | None = None) -> Segmenter:
    """Return the process's segmenter, configured and loaded (idempotent, thread-safe).

    Args:
        cache_dir: Folder for jieba's dictionary cache; default: the application cache folder.
        userdict: User dictionary to load once; default: ``resources/jieba_userdict.txt``.
    """
    global _tokenizer
    if _tokenizer is not None:
        return _tokenizer
    with _lock:
        if _tokenizer is not None:
            return _tokenizer
        cache = cache_dir or paths.cache_dir()
        cache.mkdir(parents=True, exist_ok=True)
        tk = make_segmenter(str(cache))
        udict = userdict or paths.jieba_userdict_path()
        if udict.is_file():
            with open(udict, "rb") as fh:  # a path would leave jieba's file handle open
                tk.load_userdict(fh)
        _tokenizer = tk
        return tk


def add_words(words: Iterable[str]) -> int:
    """Add names (reporters, streets, communities) to jieba's dictionary so they cut as one word.

    Returns:
        How many words were new to this process.
    """
    tk = setup()
    new = 0
    with _lock:
        for word in words:
            w = word.strip()
            if len(w) < 2 or w in _added or not _WORDCHAR.search(w):
                continue
            _added.add(w)
            if not tk.has_word(w):
                tk.add_word(w)
            new += 1
    return new


def index_tokens(text: str) -> tuple[list[str], list[int]]:
    """Search-mode tokens of ``text`` and their positions (gaps where punctuation was)."""
    tk = setup()
    words: list[str] = []
    poses: list[int] = []
    search = _WORDCHAR.search
    for pos, tok in enumerate(tk.cut_for_search(text, HMM=False)):
        if search(tok):
            words.append(tok.lower())
            poses.append(pos)
    return words, poses


_TERMS: dict[str, bytes | None] = {}
_MISS: Any = object()


def term_counts(text: str) -> tuple[dict[bytes, int], int]:
    """How often each UTF-8 term of ``text`` occurs (as :func:`index_tokens`), and the total.

    The hot loop of indexing: token normalisation is memoised, terms counted in one pass.
    """
    tk = setup()
    cache = _TERMS
    if len(cache) > 500_000:
        cache.clear()
    get = cache.get
    search = _WORDCHAR.search
    counts: dict[bytes, int] = {}
    n = 0
    for tok in tk.cut_for_search(text, HMM=False):
        term = get(tok, _MISS)
        if term is _MISS:
            term = cache[tok] = tok.lower().encode("utf-8") if search(tok) else None
        if term is not None:
            n += 1
            counts[term] = counts.get(term, 0) + 1
    return counts, n


def query_tokens(text: str) -> list[str]:
    """Tokens of a query word or phrase, in order, as the index holds them."""
    return index_tokens(text)[0]


def finest_tokens(tokens: list[str]) -> list[str]:
    """Drop tokens that contain another token of the list (search mode's whole words).

    A document holding the text always holds these pieces, however its context cut the text, so
    they are the safest AND for a phrase's candidate set.
    """
    uniq = list(dict.fromkeys(tokens))
    return [t for t in uniq if not any(o != t and o in t for o in uniq)] or uniq


def split_tokens(word: str, tokens: list[str]) -> tuple[list[str], list[str]]:
    """Split a word's search-mode tokens into required pieces and optional (boosting) ones.

    Required: the finest tokens, plus the shortest token covering any character they leave
    uncovered (``天安门`` → 天安 + 天安门). A text holding the word holds every required piece
    however its context was cut; the optional whole-word tokens rank exact matches first.
    """
    uniq = list(dict.fromkeys(tokens))
    required = finest_tokens(uniq)
    low = word.lower()
    covered = [False] * len(low)
    for tok in required:
        start = low.find(tok)
        while start >= 0:
            covered[start : start + len(tok)] = [True] * len(tok)
            start = low.find(tok, start + 1)
    for i, done in enumerate(covered):
        if done or not _WORDCHAR.match(low[i]):
            continue
        spans = [
            (len(t), t)
            for t in uniq
            if t not in required
            and any(
                low.startswith(t, s) and s <= i < s + len(t) for s in range(max(0, i - len(t) + 1), i + 1)
            )
        ]
        if spans:
            tok = min(spans)[1]
            required.append(tok)
            start = low.find(tok)
            while start >= 0:
                covered[start : start + len(tok)] = [True] * len(tok)
                start = low.find(tok, start + 1)
    return required, [t for t in uniq if t not in required]


def segment(text: str) -> list[str]:
    """Words of ``text`` as jieba cuts them (precise mode, HMM off), punctuation dropped."""
    tk = setup()
    return [w for w in tk.cut(text, HMM=False) if _WORDCHAR.search(w)]


class JiebaTokenizer(Tokenizer):  # type: ignore[misc]
    """Whoosh tokenizer over :func:`index_tokens` (search mode, sequential positions)."""

    def __call__(  # type: ignore[override]
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Token]:
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        words, poses = index_tokens(value) if tokenize else ([value], [0])
        for word, pos in zip(words, poses, strict=True):
            t.text = word
            t.boost = 1.0
            if keeporiginal:
                t.original = word
            t.stopped = False
            if positions:
                t.pos = start_pos + pos
            if chars:  # offsets are not tracked; highlighting works on the catalog text
                t.startchar = start_char
                t.endchar = start_char
            yield t

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self)

    def __hash__(self) -> int:
        return hash(type(self))
