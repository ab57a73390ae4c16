"""Index sub-files are read in place over the mmap, not copied into the heap."""

from __future__ import annotations

import io
import mmap
import pickle
import tracemalloc

from whoosh.filedb import compound

from index.engine.zerocopy import ViewIO, ZeroCopyBufferFile, install


def test_viewio_reads_like_bytesio():
    data = b"line one\nline two\n" + pickle.dumps({"k": [1, 2, 3]}) + b"tail"
    ours, ref = ViewIO(memoryview(data)), io.BytesIO(data)
    assert ours.readline() == ref.readline()
    assert ours.read(4) == ref.read(4)
    assert ours.tell() == ref.tell()
    ours.seek(18), ref.seek(18)
    assert pickle.load(ours) == pickle.load(ref) == {"k": [1, 2, 3]}
    assert ours.read() == ref.read() == b"tail"
    ours.seek(-2, io.SEEK_END)
    assert ours.read(10) == b"il"


def test_compound_storage_uses_zero_copy_files(tmp_path):
    install()  # what opening an engine does
    assert compound.BufferFile is ZeroCopyBufferFile
    path = tmp_path / "big.bin"
    path.write_bytes(bytes(range(256)) * 40_000)  # ~10 MB
    with open(path, "rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mm:
        view = memoryview(mm)
        tracemalloc.start()
        f = compound.BufferFile(view, name="big")
        assert f.get(256, 3) == bytes([0, 1, 2])
        f.seek(1)
        assert f.read(2) == bytes([1, 2])
        used = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        del f
        view.release()
    assert used < 1_000_000, f"opening a 10 MB sub-file allocated {used} bytes"
