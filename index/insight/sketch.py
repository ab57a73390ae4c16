"""Pure functions behind reprint detection: character shingles, MinHash signatures, LSH band keys.

MinHash is a few lines of numpy (no library): each text's 4-character shingles (letters and digits
only, so spacing and punctuation do not matter) are hashed to 64 bits by a polynomial over the code
points with a splitmix64 finish; each of :data:`NUM_PERM` hash functions is a multiply-shift
``(a·x + b) >> 32`` with odd ``a``, and the signature keeps each function's minimum (uint32).
datasketch would do the same but pulls in SciPy (~140 MB installed, ~400 ms to import).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

SHINGLE = 4  # characters per shingle
NUM_PERM = 64  # hash functions per signature
BANDS = 16  # LSH bands of ROWS values: candidate pairs from Jaccard ≈ (1/16)^(1/4) ≈ 0.5 up
ROWS = NUM_PERM // BANDS

_NOT_WORD = re.compile(r"[\W_]+")
_U64 = np.uint64

_rng = np.random.default_rng(20261201)  # fixed: signatures must be comparable across runs
_A = (_rng.integers(1, 2**63, size=NUM_PERM, dtype=np.uint64) << _U64(1)) | _U64(1)
_B = _rng.integers(0, 2**63, size=NUM_PERM, dtype=np.uint64)
_POW = np.array([pow(1_000_003, j, 2**64) for j in range(SHINGLE)], dtype=np.uint64)

Signature = npt.NDArray[np.uint32]


def _mix(x: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
    """splitmix64 finaliser, element-wise (wrapping uint64 arithmetic)."""
    x = (x ^ (x >> _U64(30))) * _U64(0xBF58476D1CE4E5B9)
    x = (x ^ (x >> _U64(27))) * _U64(0x94D049BB133111EB)
    return x ^ (x >> _U64(31))


def shingle_hashes(text: str) -> npt.NDArray[np.uint64]:
    """Distinct 64-bit hashes of the text's 4-character shingles (punctuation and space removed)."""
    clean = _NOT_WORD.sub("", text).lower()
    if not clean:
        return np.zeros(0, dtype=np.uint64)
    cps = np.frombuffer(clean.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
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
    """The MinHash signature (:data:`NUM_PERM` uint32) of a set of shingle hashes."""
    if len(hashes) == 0:
        return np.full(NUM_PERM, 0xFFFFFFFF, dtype=np.uint32)
    with np.errstate(over="ignore"):
        values = np.multiply.outer(_A, hashes)  # (NUM_PERM, n), wrapping
        values += _B[:, None]
    # the shift is monotone, so min-then-shift is shift-then-min on a 64× smaller array
    out: Signature = (values.min(axis=1) >> _U64(32)).astype(np.uint32)
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


def band_keys(sig: Signature) -> list[int]:
    """One signed 64-bit key per LSH band (band number mixed in), for an SQLite index."""
    rows = sig.astype(np.uint64).reshape(BANDS, ROWS)
    with np.errstate(over="ignore"):
        acc = np.arange(1, BANDS + 1, dtype=np.uint64) * _U64(0x9E3779B97F4A7C15)
        for j in range(ROWS):
            acc = _mix(acc ^ rows[:, j])
    return [int(v) for v in acc.astype(np.int64)]


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
