"""``python -m sample_catalogue`` (with data/ as the working directory or on ``sys.path``)."""

import sys

from .build import main

sys.exit(main())
