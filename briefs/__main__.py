"""Lets `python -m briefs` work like the `briefs` script."""

import sys

from briefs.cli import main

sys.exit(main())
