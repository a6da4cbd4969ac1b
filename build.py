"""Check and build the training site: `python build.py [check|build|serve]`."""

import sys

from quiz_engine.cli import main

if __name__ == "__main__":
    sys.exit(main())
