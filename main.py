"""Run the 平城区报 archive from a source checkout: ``python main.py [COMMAND …]``.

A thin shim over :func:`viewer.launch.main` (what the installed ``pingcheng-archive`` runs): with no
subcommand it opens the desktop viewer; with one (``import``, ``parse``, ``search``, ``export``,
``reindex``, ``stats``, ``install-desktop``) it runs the core from the command line.
"""

from __future__ import annotations

import sys

from viewer.launch import main

if __name__ == "__main__":
    sys.exit(main())
