"""``python -m index.cli``: the core command line without the desktop subcommands."""

import sys

from index.cli import main

if __name__ == "__main__":
    sys.exit(main())
