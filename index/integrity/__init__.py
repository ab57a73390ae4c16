"""Archive integrity: the search index is only trusted when it is ours and matches the catalog.

* :mod:`~index.integrity.keys` — the per-user secret (outside any archive) and file MACs
* :mod:`~index.integrity.manifest` — the signed list of index files and the catalog state they reflect
* :mod:`~index.engine.auth` — the Whoosh storage that opens no file it cannot authenticate
* :mod:`~index.integrity.opening` — the index brought in line with the catalog on open
* :mod:`~index.integrity.session` — read-only or not, the writer lock, full disks
* :mod:`~index.integrity.check` — :meth:`index.archive.Archive.check`: catalog and index consistency
* :mod:`~index.integrity.leftovers` — temporary files left by a killed process, removed on start
"""
