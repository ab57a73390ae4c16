"""``python -m index.cli``: the core command line without the desktop subcommands."""

import sys

from index.cli import main

sys.exit(main())
