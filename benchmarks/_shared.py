"""Where the benchmarks find the shared, read-only material and put their data.

The shared folder (real newspaper text, reference lists) lives beside the repository, never inside
it: ``<repo>/../shared``. Nothing from it is copied into the repository; the benchmark scripts read it
at run time.
"""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DEFAULT_WORKDIR = REPO / "bench-data"  # ignored by git (.gitignore: /bench-data/)


class SharedMissing(RuntimeError):
    """The shared folder (or a file in it) is not where the benchmarks expect it."""


def shared_path(*parts: str) -> Path:
    """Return ``<repo>/../shared/<parts>``, or raise :class:`SharedMissing` with a clear message.

    Args:
        *parts: path components below the shared folder, e.g. ``("corpus", "cnews.val.txt")``.

    Returns:
        The existing path.

    Raises:
        SharedMissing: if the shared folder or the requested file does not exist.
    """
    if not SHARED.is_dir():
        raise SharedMissing(
            f"shared material not found: expected a folder {SHARED} beside the repository "
            "(with corpus/, editions/ and reference/); the benchmark corpus is built from it"
        )
    path = SHARED.joinpath(*parts)
    if not path.exists():
        raise SharedMissing(f"shared material incomplete: {path} does not exist")
    return path


def find_scorer(truth: Path) -> Path:
    """``tools/score_parse.py`` in the nearest folder above the truth file that has one."""
    for folder in truth.resolve().parents:
        candidate = folder / "tools" / "score_parse.py"
        if candidate.is_file():
            return candidate
    raise SystemExit(f"no tools/score_parse.py above {truth}; pass --scorer")
