"""`python -m quiz_engine ...`: the same as the `quiz-engine` command."""

import sys

from .cli import main

sys.exit(main())
