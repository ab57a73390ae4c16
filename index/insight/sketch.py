"""Pure functions behind reprint detection: character shingles, MinHash signatures, LSH band keys.

A few lines of numpy, no library: a text's letters and digits (CJK, kana, hangul, ASCII and
full-width letters folded to lower-case ASCII; spacing and punctuation dropped) give 4-character
shingles, hashed to 64 bits by a polynomial over the code points with a splitmix64 finish. The
signature is a *one-permutation* MinHash (Li, Owen & Zhang 2012): the hash space is cut into
:data:`NUM_PERM` bins by the top bits and each bin keeps its smallest hash (the first one in the
sorted hashes, so it costs a binary search, not 64 hash functions per shingle); an empty bin takes
the next non-empty one's value, rotated (Shrivastava & Li 2014). The share of equal bins estimates
the Jaccard similarity like classic MinHash. datasketch would do the classic kind but pulls in SciPy
(~140 MB installed, ~400 ms to import).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

logger = logging.getLogger(__name__)

SHINGLE = 4  # characters per shingle
NUM_PERM = 64  # bins (= values) per signature
BANDS = 16  # LSH bands of ROWS values: candidate pairs from Jaccard ≈ (1/16)^(1/4) ≈ 0.5 up
ROWS = NUM_PERM // BANDS

_U64 = np.uint64
_BIN_SHIFT = _U64(64 - int(NUM_PERM).bit_length() + 1)  # top log2(NUM_PERM) bits pick the bin
_BIN_STARTS = np.arange(NUM_PERM, dtype=np.uint64) << _BIN_SHIFT
_LOW32 = _U64(0xFFFFFFFF)
_POW = np.array([pow(1_000_003, j, 2**64) for j in range(SHINGLE)], dtype=np.uint64)
_ROTATE = np.uint32(0x9E3779B9)

Signature = npt.NDArray[np.uint32]


def _mix(x: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
    """splitmix64 finaliser, element-wise (wrapping uint64 arithmetic)."""
    x = (x ^ (x >> _U64(30))) * _U64(0xBF58476D1CE4E5B9)
    x = (x ^ (x >> _U64(27))) * _U64(0x94D049BB133111EB)
    return x ^ (x >> _U64(31))


def _fold_table() -> npt.NDArray[np.uint32]:
    """Code point (BMP) → itself for letters and digits we shingle (ASCII folded down), else 0."""
    cps = np.arange(0x10000, dtype=np.uint32)
    full = (cps >= 0xFF10) & (cps <= 0xFF5A)
    cps = np.where(full, cps - 0xFEE0, cps)  # full-width digits and letters → ASCII
    cps = np.where((cps >= 0x41) & (cps <= 0x5A), cps + 0x20, cps)
    keep = (
        ((cps >= 0x30) & (cps <= 0x39))
        | ((cps >= 0x61) & (cps <= 0x7A))
        | ((cps >= 0x3040) & (cps <= 0x30FF))  # kana
        | ((cps >= 0x3400) & (cps <= 0x9FFF))  # CJK
        | ((cps >= 0xAC00) & (cps <= 0xD7AF))  # hangul
        | ((cps >= 0xF900) & (cps <= 0xFAFF))
    )
    return np.where(keep, cps, 0).astype(np.uint32)


_FOLD = _fold_table()


def _word_codepoints(text: str) -> npt.NDArray[np.uint64]:
    """The text's letters and digits as code points, ASCII and full-width letters in lower case."""
    cps = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    if len(cps) and int(cps.max()) > 0xFFFF:  # astral characters: CJK extensions kept as they are
        folded = np.where(cps > 0xFFFF, np.where(cps >= 0x20000, cps, 0), _FOLD[np.minimum(cps, 0xFFFF)])
    else:
        folded = _FOLD[cps]
    out: npt.NDArray[np.uint64] = folded[folded != 0].astype(np.uint64)
    return out


def shingle_hashes(text: str) -> npt.NDArray[np.uint64]:
    """Distinct 64-bit hashes of the text's 4-character shingles, sorted (punctuation, space removed)."""
    cps = _word_codepoints(text)
    if len(cps) == 0:
        return np.zeros(0, dtype=np.uint64)
    if len(cps) < SHINGLE:
        cps = np.concatenate((cps, np.zeros(SHINGLE - len(cps), dtype=np.uint64)))
    n = len(cps) - SHINGLE + 1
    with np.errstate(over="ignore"):
        h = np.zeros(n, dtype=np.uint64)
        for j in range(SHINGLE):
            h += cps[j : j + n] * _POW[j]
        h = np.sort(_mix(h))
    return h[np.concatenate(([True], h[1:] != h[:-1]))]  # distinct (np.unique is ~20× slower here)


def minhash(hashes: npt.NDArray[np.uint64]) -> Signature:
    """The one-permutation MinHash signature (:data:`NUM_PERM` uint32) of sorted shingle hashes."""
    n = len(hashes)
    if n == 0:
        return np.full(NUM_PERM, 0xFFFFFFFF, dtype=np.uint32)
    first = np.searchsorted(hashes, _BIN_STARTS)  # index of each bin's smallest hash
    ends = np.append(first[1:], n)
    filled = first < ends
    values = (hashes[np.minimum(first, n - 1)] & _LOW32).astype(np.uint32)
    if filled.all():
        return values
    idx = np.flatnonzero(filled)  # empty bins borrow from the next filled bin (circularly), rotated
    pos = np.searchsorted(idx, np.arange(NUM_PERM)) % len(idx)
    donor = idx[pos]
    dist = ((donor - np.arange(NUM_PERM)) % NUM_PERM).astype(np.uint32)
    with np.errstate(over="ignore"):
        out: Signature = values[donor] + dist * _ROTATE
    return out


def signatures(texts: Sequence[str]) -> tuple[npt.NDArray[np.uint32], list[int]]:
    """Signatures of many texts (one row each) and their distinct shingle counts.

    One text at a time: a whole batch in one matrix is slower (its temporaries leave the cache).
    """
    out = np.empty((len(texts), NUM_PERM), dtype=np.uint32)
    sizes = []
    for k, text in enumerate(texts):
        hashes = shingle_hashes(text)
        out[k] = minhash(hashes)
        sizes.append(len(hashes))
    return out, sizes


def band_keys_many(sigs: npt.NDArray[np.uint32]) -> npt.NDArray[np.int64]:
    """LSH band keys of many signatures (one row each, :data:`BANDS` signed 64-bit keys)."""
    rows = sigs.astype(np.uint64).reshape(len(sigs), BANDS, ROWS)
    with np.errstate(over="ignore"):
        acc = np.broadcast_to(
            np.arange(1, BANDS + 1, dtype=np.uint64) * _U64(0x9E3779B97F4A7C15), rows.shape[:2]
        )
        for j in range(ROWS):
            acc = _mix(acc ^ rows[:, :, j])
    out: npt.NDArray[np.int64] = acc.astype(np.int64)
    return out


def band_keys(sig: Signature) -> list[int]:
    """One signed 64-bit key per LSH band (band number mixed in), for an SQLite index."""
    return [int(v) for v in band_keys_many(sig.reshape(1, NUM_PERM))[0]]


def jaccard(a: Signature, b: Signature) -> float:
    """Estimated Jaccard similarity of the two shingle sets."""
    return float(np.count_nonzero(a == b)) / NUM_PERM


def containment(j: float, size_a: int, size_b: int) -> float:
    """Estimated share of the smaller set found in the larger one, from Jaccard and the set sizes."""
    if j <= 0 or min(size_a, size_b) == 0:
        return 0.0
    inter = j / (1 + j) * (size_a + size_b)
    return min(1.0, inter / min(size_a, size_b))


def sig_bytes(sig: Signature) -> bytes:
    """A signature as stored (little-endian uint32)."""
    return sig.astype("<u4").tobytes()


def sig_from(blob: bytes) -> Signature:
    """A stored signature back as an array."""
    return np.frombuffer(blob, dtype="<u4").astype(np.uint32)
