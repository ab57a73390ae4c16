"""Package list for setuptools (the metadata is in pyproject.toml).

The repository's top-level ``resources/`` folder is installed as the package ``pingcheng_resources``
(read through :mod:`importlib.resources`, see ``index/paths.py``), so the wheel holds the gazetteer,
taxonomy, jieba dictionary, samples, translations, icons and message catalog under a name no other
distribution uses. ``main.py`` stays a checkout-only shim: the console script is ``viewer.launch:main``.
"""

from setuptools import find_packages, setup

DATA = (
    "pingcheng_resources",
    *(f"pingcheng_resources.{d}" for d in ("icons", "locale", "samples", "translations")),
)

setup(
    packages=[*find_packages(include=["index", "index.*", "viewer", "viewer.*"]), *DATA],
    package_dir={"pingcheng_resources": "resources"},
)
