"""Archive integrity: the search index is only trusted when it is ours and matches the catalog.

* :mod:`~index.integrity.keys` — the per-user secret (outside any archive) and file MACs
* :mod:`~index.integrity.manifest` — the signed list of index files and the catalog state they reflect
* :mod:`~index.integrity.storage` — the Whoosh storage that opens no file it cannot authenticate
* :mod:`~index.integrity.check` — :meth:`index.archive.Archive.check`: catalog and index consistency
* :mod:`~index.integrity.leftovers` — temporary files left by a killed process, removed on start
"""
