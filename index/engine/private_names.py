"""The Whoosh version the engine is written for, and every private Whoosh name it relies on.

``tests/test_engine_pins.py`` checks the installed version and that each name still exists, so an
upgrade fails loudly in one place instead of quietly somewhere in a search.
"""

from __future__ import annotations

WHOOSH_DISTRIBUTION = "whoosh-reloaded"
WHOOSH_VERSION = "2.7.5"

# (module, object, private attribute): attributes are checked on the class, or on an instance
# when ``object`` is created by the test (marked with ``()``).
PRIVATE_NAMES: tuple[tuple[str, str, str], ...] = (
    ("whoosh.index", "FileIndex", "_read_toc"),  # snapshot renewal (whoosh_engine)
    ("whoosh.reading", "SegmentReader", "_terms()"),  # posting decoding (postings)
    ("whoosh.reading", "SegmentReader", "_perdoc()"),  # field lengths (postings, tuning)
    ("whoosh.reading", "IndexReader", "_text_to_bytes"),  # term bytes (whoosh_engine)
    ("whoosh.codec.whoosh3", "W3TermsReader", "_postfile()"),  # posting decoding
    ("whoosh.codec.whoosh3", "W3PerDocReader", "_cached_reader"),  # length columns
    ("whoosh.columns", "NumericColumn.Reader", "_typecode()"),  # one-byte length column
    ("whoosh.columns", "NumericColumn.Reader", "_dbfile()"),
    ("whoosh.columns", "NumericColumn.Reader", "_basepos()"),
    ("whoosh.columns", "NumericColumn.Reader", "_count()"),
    ("whoosh.columns", "NumericColumn.Reader", "_doccount()"),
    ("whoosh.codec.whoosh3", "W3PostingsWriter", "_ids()"),  # FastFieldWriter's loop
    ("whoosh.codec.whoosh3", "W3PostingsWriter", "_weights()"),
    ("whoosh.codec.whoosh3", "W3PostingsWriter", "_values()"),
    ("whoosh.codec.whoosh3", "W3PostingsWriter", "_blocklimit()"),
    ("whoosh.codec.whoosh3", "W3PostingsWriter", "_maxweight()"),
    ("whoosh.codec.whoosh3", "W3PostingsWriter", "_minlength()"),
    ("whoosh.codec.whoosh3", "W3PostingsWriter", "_maxlength()"),
    ("whoosh.codec.whoosh3", "W3PostingsWriter", "_write_block"),
    ("whoosh.codec.whoosh3", "W3FieldWriter", "_postwriter()"),
    ("whoosh.writing", "PostingPool", "_write_run"),  # FastPool's marshal runs
    ("whoosh.writing", "PostingPool", "_read_run"),
    ("whoosh.writing", "PostingPool", "_open_run"),
    ("whoosh.writing", "PostingPool", "_remove_run"),
    ("whoosh.writing", "SegmentWriter", "_commit_toc"),  # gram file before the TOC
    ("whoosh.writing", "SegmentWriter", "_tempstorage()"),
    ("whoosh.writing", "SegmentWriter", "_added()"),
    ("whoosh.filedb.compound", "compound", "BufferFile"),  # zero-copy reads (module attribute)
    ("whoosh.filedb.filestore", "FileStorage", "_fpath"),  # authenticated storage (auth)
)
