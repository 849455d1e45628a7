"""``make bench`` (or ``.venv/bin/python bench/run.py --help``): see bench/runner.py."""

import sys
from pathlib import Path

if __name__ == "__main__":
    # Run as a script, this folder is on the path instead of the repository that holds `bench`.
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from bench.runner import main

    sys.exit(main())
