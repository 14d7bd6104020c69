"""`python -m jitvm` is the `jitvm` command."""

import sys

from .cli import main

sys.exit(main())
