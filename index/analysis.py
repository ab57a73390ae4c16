"""Chinese text analysis: one :class:`Analyzer` per archive (jieba's word list is not shared).

* The segmenter is loaded lazily (first use), once per :class:`Analyzer`: ``rjieba`` (jieba-rs,
  identical tokens with HMM off, ~25× faster, dictionary in ~0.15 s) when installed, else a jieba
  ``Tokenizer`` of its own with its cache in the application's cache folder; the project's user
  dictionary (``resources/jieba_userdict.txt``) is loaded on top, then the archive's lexicon
  (reporters, streets, communities) from the ``words`` callable. Two archives open in one process
  have two analyzers and segment by their own names.
* Index and query use the same *search mode* cut with HMM off (HMM cuts ~14% of three-character
  names differently alone than inside a sentence). Tokens are lower-cased; punctuation and white
  space are dropped.
* Exact text matching uses character grams (:mod:`index.grams`), not these tokens; the tokens rank.
"""

from __future__ import annotations

import importlib
import importlib.machinery
import importlib.util
import logging
import os
import re
import sys
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from index import paths

logger = logging.getLogger(__name__)

_WORDCHAR = re.compile(r"[^\W_]")
_TERMS: dict[str, bytes | None] = {}  # token → index term (pure normalisation: safe to share)
_MISS: Any = object()


def _rjieba_class() -> Any:
    """``rjieba.Jieba``, loaded without running ``rjieba/__init__.py`` when possible: that file
    builds a default instance (~0.15 s and a dictionary's memory) that this program never uses."""
    module = sys.modules.get("rjieba.rjieba")
    if module is None:
        module = _load_rjieba_extension()
    if module is None:  # another layout: the package as it is
        module = importlib.import_module("rjieba")
    return module.Jieba


def _load_rjieba_extension() -> Any:
    """The ``rjieba.rjieba`` extension module loaded from its file alone (None if that fails)."""
    spec = importlib.util.find_spec("rjieba")
    if spec is None:
        raise ImportError("rjieba is not installed")
    found = [
        os.path.join(folder, name)
        for folder in spec.submodule_search_locations or ()
        for name in sorted(os.listdir(folder))
        if name.startswith("rjieba.") and name.endswith((".so", ".pyd"))
    ]
    if not found:
        return None
    loader = importlib.machinery.ExtensionFileLoader("rjieba.rjieba", found[0])
    ext = importlib.util.spec_from_file_location("rjieba.rjieba", found[0], loader=loader)
    if ext is None:
        return None
    try:
        module = importlib.util.module_from_spec(ext)
        loader.exec_module(module)
    except Exception:  # the plain import decides
        logger.debug("cannot load %s directly", found[0], exc_info=True)
        return None
    sys.modules["rjieba.rjieba"] = module  # an extension is initialised once per process: keep it
    return module


class RustSegmenter:
    """jieba's segmentation through ``rjieba`` (jieba-rs): the same tokens with HMM off, ~25× faster.

    ``tests/test_segmenter_parity.py`` proves identical tokens against jieba (HMM off, same user
    dictionary) on real text. Exposes the slice of jieba's ``Tokenizer`` interface used here.
    """

    def __init__(self, tmp_dir: str) -> None:
        self._jb = _rjieba_class()()
        self.tmp_dir = tmp_dir

    def cut(self, text: str, HMM: bool = False) -> list[str]:
        """Precise-mode words."""
        return list(self._jb.cut(text, HMM))

    def cut_for_search(self, text: str, HMM: bool = False) -> list[str]:
        """Search-mode words (whole words plus their dictionary sub-words)."""
        return list(self._jb.cut_for_search(text, HMM))

    def add_word(self, word: str, freq: int | None = None, tag: str | None = None) -> None:
        """Add a word to this segmenter's dictionary."""
        self._jb.add_word(word, freq, tag)

    def has_word(self, word: str) -> bool:
        """True if the dictionary holds ``word``."""
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
    """The reference implementation: a jieba ``Tokenizer`` of its own (``PINGCHENG_SEGMENTER=jieba``)."""

    def __init__(self, tmp_dir: str) -> None:
        import jieba

        jieba.setLogLevel(logging.WARNING)
        self._tk = jieba.Tokenizer()
        self._tk.tmp_dir = tmp_dir
        self._tk.initialize()
        self.tmp_dir = tmp_dir

    def cut(self, text: str, HMM: bool = False) -> list[str]:
        """Precise-mode words."""
        return list(self._tk.cut(text, HMM=HMM))

    def cut_for_search(self, text: str, HMM: bool = False) -> list[str]:
        """Search-mode words."""
        return list(self._tk.cut_for_search(text, HMM=HMM))

    def add_word(self, word: str, freq: int | None = None, tag: str | None = None) -> None:
        """Add a word to this tokenizer's dictionary."""
        self._tk.add_word(word, freq, tag)

    def has_word(self, word: str) -> bool:
        """True if the dictionary holds ``word``."""
        return bool(self._tk.FREQ.get(word))

    def load_userdict(self, fh: Any) -> None:
        """Read jieba's user-dictionary format."""
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
            logger.info("rjieba is not installed; segmenting with jieba")
    return JiebaSegmenter(tmp_dir)


class Analyzer:
    """Segmentation for one archive: its own segmenter, user dictionary and names.

    Args:
        words: Returns the archive's names (reporters, streets…), read once, on first use.
        cache_dir: Folder for jieba's dictionary cache; default: the application cache folder.
        userdict: User dictionary; default: ``resources/jieba_userdict.txt``.
    """

    def __init__(
        self,
        words: Callable[[], Iterable[str]] | None = None,
        cache_dir: Path | None = None,
        userdict: Path | None = None,
    ) -> None:
        self._words = words
        self._cache_dir = cache_dir
        self._userdict = userdict
        self._seg: Segmenter | None = None
        self._added: set[str] = set()
        self._lock = threading.RLock()

    @property
    def segmenter(self) -> Segmenter:
        """The loaded segmenter (dictionary, user dictionary and the archive's names)."""
        seg = self._seg
        if seg is not None:
            return seg
        with self._lock:
            if self._seg is None:
                cache = self._cache_dir or paths.cache_dir()
                cache.mkdir(parents=True, exist_ok=True)
                tk = make_segmenter(str(cache))
                udict = self._userdict or paths.jieba_userdict_path()
                if udict.is_file():
                    with open(udict, "rb") as fh:  # a path would leave jieba's file handle open
                        tk.load_userdict(fh)
                self._seg = tk
                if self._words is not None:
                    self.add_words(self._words())
            return self._seg

    @property
    def cache_dir(self) -> str:
        """The dictionary cache folder (handed to worker processes)."""
        return self.segmenter.tmp_dir

    def names(self) -> list[str]:
        """The names added so far (handed to worker processes)."""
        self.segmenter  # noqa: B018 - loads the archive's names first
        with self._lock:
            return sorted(self._added)

    def add_words(self, words: Iterable[str]) -> int:
        """Add names so that they cut as one word; returns how many were new to this analyzer."""
        tk = self.segmenter
        new = 0
        with self._lock:
            for word in words:
                w = word.strip()
                if len(w) < 2 or w in self._added or not _WORDCHAR.search(w):
                    continue
                self._added.add(w)
                if not tk.has_word(w):
                    tk.add_word(w)
                new += 1
        return new

    def index_tokens(self, text: str) -> list[str]:
        """Search-mode tokens of ``text`` as the index holds them (lower case, no punctuation)."""
        search = _WORDCHAR.search
        return [tok.lower() for tok in self.segmenter.cut_for_search(text, HMM=False) if search(tok)]

    def term_counts(self, text: str) -> tuple[dict[bytes, int], int]:
        """How often each UTF-8 term of ``text`` occurs (as :meth:`index_tokens`), and the total.

        The hot loop of indexing: token normalisation is memoised, terms counted in one pass.
        """
        cache = _TERMS
        if len(cache) > 500_000:
            cache.clear()
        get = cache.get
        search = _WORDCHAR.search
        counts: dict[bytes, int] = {}
        n = 0
        for tok in self.segmenter.cut_for_search(text, HMM=False):
            term = get(tok, _MISS)
            if term is _MISS:
                term = cache[tok] = tok.lower().encode("utf-8") if search(tok) else None
            if term is not None:
                n += 1
                counts[term] = counts.get(term, 0) + 1
        return counts, n

    def segment(self, text: str) -> list[str]:
        """Words of ``text`` as jieba cuts them (precise mode, HMM off), punctuation dropped."""
        return [w for w in self.segmenter.cut(text, HMM=False) if _WORDCHAR.search(w)]


def is_word(text: str) -> bool:
    """True if ``text`` holds a letter or digit (something to search for)."""
    return bool(_WORDCHAR.search(text))


def finest_tokens(tokens: list[str]) -> list[str]:
    """Drop tokens that contain another token of the list (search mode's whole words)."""
    uniq = list(dict.fromkeys(tokens))
    return [t for t in uniq if not any(o != t and o in t for o in uniq)] or uniq
