"""A crafted archive folder must not run code: index files are authenticated before Whoosh reads them."""

from __future__ import annotations

import builtins
import marshal
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from whoosh import index as whoosh_index
from whoosh.filedb.structfile import StructFile

from index.archive import Archive
from index.models import SearchRequest
from tests.integrity.helpers import catalog_ids, cli, index_doc_ids, make_archive, search_ids


class _Payload:
    """Unpickling this calls ``exec`` with code that creates the marker file."""

    def __init__(self, marker: Path) -> None:
        self.code = f"open({str(marker)!r}, 'w').close()"

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (builtins.exec, (self.code,))


def _crafted_toc(path: Path, generation: int, marker: Path) -> None:
    """A table of contents in Whoosh's format whose pickled schema is the payload."""
    with open(path, "wb") as fh:
        f = StructFile(fh)
        f.write_varint(whoosh_index._INT_SIZE)
        f.write_varint(whoosh_index._LONG_SIZE)
        f.write_varint(whoosh_index._FLOAT_SIZE)
        f.write_int(-12345)
        f.write_int(whoosh_index._CURRENT_TOC_VERSION)
        for _ in range(3):
            f.write_varint(0)
        f.write_string(pickle.dumps(_Payload(marker)))
        f.write_int(generation)
        f.write_int(0)
        f.write_pickle([])
        f.close()


def _toc(root: Path) -> Path:
    [toc] = sorted((root / "index").glob("_MAIN_*.toc"))
    return toc


def _proves_the_payload_is_live(folder: Path, marker: Path) -> None:
    """Plain Whoosh runs it (in another process): the tests would notice if the archive let it."""
    scratch = folder.parent / "scratch-index"
    shutil.copytree(folder, scratch)
    code = (
        f"from whoosh import index\ntry:\n    index.open_dir({str(scratch)!r})\nexcept Exception:\n    pass"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
    assert marker.exists()
    marker.unlink()
    shutil.rmtree(scratch)


@pytest.mark.parametrize("where", ["replace the table of contents", "add a newer table of contents"])
def test_a_pickle_payload_in_the_index_never_runs(tmp_path: Path, where: str) -> None:
    root = make_archive(tmp_path)
    marker = tmp_path / "PWNED"
    toc = _toc(root)
    if where.startswith("replace"):
        gen = int(toc.stem.rsplit("_", 1)[1])
        _crafted_toc(toc, gen, marker)
    else:
        _crafted_toc(root / "index" / "_MAIN_999.toc", 999, marker)
    _proves_the_payload_is_live(root / "index", marker)
    done = cli(root, "stats")  # a new process opens the crafted archive, as a user would
    assert done.returncode == 0, done.stderr
    assert not marker.exists()
    assert "5 articles" in done.stdout
    with Archive(root) as a:  # the index was discarded and rebuilt from the catalog
        assert not marker.exists()
        assert sorted(search_ids(a)) == catalog_ids(a) == index_doc_ids(a)
        assert len(search_ids(a, "垃圾分类")) == 1


def test_a_read_only_open_of_a_crafted_archive_runs_nothing(tmp_path: Path) -> None:
    root = make_archive(tmp_path)
    marker = tmp_path / "PWNED"
    _crafted_toc(root / "index" / "_MAIN_999.toc", 999, marker)
    with Archive(root, readonly=True) as a:
        assert search_ids(a, "垃圾分类") and not marker.exists()
    assert (root / "index" / "_MAIN_999.toc").exists()  # read-only: nothing was touched


def test_an_index_made_by_another_user_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_archive(tmp_path)
    with Archive(root) as a:
        before = search_ids(a, "社区")
    monkeypatch.setenv("PINGCHENG_CONFIG_DIR", str(tmp_path / "colleague"))  # another user's key
    from index.integrity import keys

    keys._cache.clear()
    with Archive(root) as a:
        assert "not made by this user" in a.repair
        assert search_ids(a, "社区") == before


def test_a_table_cache_file_from_elsewhere_is_not_used(tmp_path: Path) -> None:
    root = make_archive(tmp_path)
    with Archive(root) as a:
        facets = a.search(SearchRequest(text="社区")).facets
    tables = sorted((root / "index" / "tables").glob("*.table*"))
    assert tables
    for path in tables:  # well-formed marshal data, but not signed with this user's key
        path.write_bytes(marshal.dumps((b"", b"", b"", [], [], [], [])))
    with Archive(root) as a:
        assert a.search(SearchRequest(text="社区")).facets == facets
