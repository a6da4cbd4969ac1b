"""Check and build the training site: `python build.py [check|build|serve|report|scorm|new]`.

Any Python 3 can start it: without the dependencies, it re-runs itself under the
project's .venv (which `make serve` creates), or says what to run (quiz_engine/bootstrap.py)."""

import sys
from pathlib import Path

from quiz_engine.bootstrap import run

if __name__ == "__main__":
    sys.exit(run(sys.argv, Path(__file__).resolve().parent))
