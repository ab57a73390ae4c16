"""Bundled data of pingcheng-archive, installed as the package ``pingcheng_resources``.

Read it through :func:`index.paths.resource`; this package holds no code.
"""
